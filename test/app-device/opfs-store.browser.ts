/**
 * The browser store in real Chromium: WasmSqliteStore over SQLite-wasm on OPFS (opfs-sahpool) inside a
 * dedicated worker passes the SyncStore contract, and what a worker committed survives the worker being
 * terminated without closing anything (a reload, a closed tab), while a transaction that threw leaves
 * nothing.
 */

import { expect } from '@open-wc/testing';
import type { StoreWorkerRequest } from './support/store.worker.ts';

function ask(worker: Worker, request: StoreWorkerRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ ok: boolean; result?: unknown; error?: string }>) =>
      event.data.ok ? resolve(event.data.result) : reject(new Error(event.data.error));
    worker.onerror = (event) => reject(new Error(`worker failed: ${event.message}`));
    worker.postMessage(request);
  });
}

const startWorker = () =>
  new Worker(new URL('./support/store.worker.ts', import.meta.url), { type: 'module' });

describe('WasmSqliteStore on OPFS, in a dedicated worker', () => {
  it('passes the SyncStore contract', async () => {
    const worker = startWorker();
    try {
      const results = (await ask(worker, {
        run: 'contract',
        directory: `.store-contract-${Date.now()}`,
      })) as {
        name: string;
        error?: string;
      }[];
      expect(results.length).to.equal(9);
      expect(results.filter((r) => r.error)).to.deep.equal([]);
    } finally {
      worker.terminate();
    }
  });

  it('keeps what was committed when the worker is terminated without closing, and nothing of a thrown transaction', async () => {
    const directory = `.store-durable-${Date.now()}`;
    const first = startWorker();
    expect(await ask(first, { run: 'writeAndDie', directory })).to.equal('written');
    first.terminate();

    const second = startWorker();
    try {
      expect(await ask(second, { run: 'read', directory })).to.deep.equal({
        records: [{ Id: '001A', Name: 'kept' }],
        watermark: '2026-03-02T09:00:00.000Z',
        changes: [
          {
            object: 'Account',
            op: 'update',
            recordId: '001A',
            fields: { Name: 'mine' },
            status: 'pending',
            attempts: 0,
            changedAt: 1,
          },
        ],
      });
    } finally {
      second.terminate();
    }
  });
});
