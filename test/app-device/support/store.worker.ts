/**
 * A dedicated worker for opfs-store.browser.ts: the SyncStore contract over SQLite-wasm on OPFS (the only
 * place synchronous access handles exist), and a durable store written by one worker and read by the
 * next (a reload, or a tab killed without closing anything).
 */

import { chai, JestAsymmetricMatchers, JestChaiExpect, JestExtend } from '@vitest/expect';
import type { expect as vitestExpect } from 'vitest';
import { deleteOpfsDatabase, openOpfsDatabase } from '../../../src/app/device/worker/opfs-database.ts';
import { WasmSqliteStore } from '../../../src/runtime/store/wasm-sqlite-store.ts';
import { emptyObjectState } from '../../../src/runtime/store/sync-store.ts';
import { storeContract } from '../../runtime/store-contract.ts';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);
const expect = chai.expect as unknown as typeof vitestExpect;

export type StoreWorkerRequest =
  | { readonly run: 'contract'; readonly directory: string }
  | { readonly run: 'writeAndDie'; readonly directory: string }
  | { readonly run: 'read'; readonly directory: string };

async function contract(directory: string): Promise<{ name: string; error?: string }[]> {
  const cases: { name: string; fn: () => void }[] = [];
  storeContract(() => undefined as never, { it: (name, fn) => cases.push({ name, fn }), expect });
  const results: { name: string; error?: string }[] = [];
  // Each case gets its own database file; the factory is bound per case.
  for (const [index, { name }] of cases.entries()) {
    const file = `/contract-${index}.sqlite3`;
    const opened: WasmSqliteStore[] = [];
    const db = await openOpfsDatabase(file, directory);
    const perCase: { name: string; fn: () => void }[] = [];
    storeContract(
      () => {
        if (opened.length) throw new Error('one store per case');
        opened.push(new WasmSqliteStore(db));
        return opened[0]!;
      },
      { it: (n, fn) => perCase.push({ name: n, fn }), expect },
    );
    try {
      perCase[index]!.fn();
      results.push({ name });
    } catch (error) {
      results.push({ name, error: error instanceof Error ? error.message : String(error) });
    }
    for (const store of opened) store.close();
    if (!opened.length) db.close();
    await deleteOpfsDatabase(file, directory);
  }
  return results;
}

async function writeAndDie(directory: string): Promise<string> {
  const store = new WasmSqliteStore(await openOpfsDatabase('/durable.sqlite3', directory));
  // A page and its watermark in one transaction (committed) ...
  store.transaction(() => {
    store.putRecord('Account', { Id: '001A', Name: 'kept' });
    store.putObjectState({ ...emptyObjectState('Account', 'f1'), watermark: '2026-03-02T09:00:00.000Z' });
  });
  store.appendChange({
    object: 'Account',
    op: 'update',
    recordId: '001A',
    fields: { Name: 'mine' },
    status: 'pending',
    attempts: 0,
    changedAt: 1,
  });
  // ... and one that throws half-way: nothing of it may survive.
  try {
    store.transaction(() => {
      store.putRecord('Account', { Id: '001B', Name: 'lost' });
      store.putObjectState({ ...emptyObjectState('Account', 'f1'), watermark: '2026-03-02T10:00:00.000Z' });
      throw new Error('killed mid-page');
    });
  } catch {
    // expected
  }
  // The store is NOT closed: the page terminates this worker, as a closed tab or killed browser would.
  return 'written';
}

async function read(directory: string): Promise<unknown> {
  const store = new WasmSqliteStore(await openOpfsDatabase('/durable.sqlite3', directory));
  const content = {
    records: store.listRecords('Account'),
    watermark: store.getObjectState('Account')?.watermark,
    changes: store.listChanges().map(({ seq: _seq, ...change }) => change),
  };
  store.close();
  await deleteOpfsDatabase('/durable.sqlite3', directory);
  return content;
}

self.onmessage = async (event: MessageEvent<StoreWorkerRequest>) => {
  const request = event.data;
  try {
    const result =
      request.run === 'contract'
        ? await contract(request.directory)
        : request.run === 'writeAndDie'
          ? await writeAndDie(request.directory)
          : await read(request.directory);
    self.postMessage({ ok: true, result });
  } catch (error) {
    self.postMessage({
      ok: false,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  }
};
