/**
 * The device worker: DeviceHost (SyncEngine + store) in a dedicated Web Worker, answering the page's
 * WorkerDeviceClient. The store is SQLite-wasm on OPFS where the browser gives this worker synchronous
 * access handles (durable), else MemoryStore (the app says the data lasts only while the page is open).
 *
 * Before opening the database the worker takes the database's Web Lock (store-lock.ts): a second tab
 * waits, announced by a 'storeInUse' event, instead of failing on opfs-sahpool's one-holder rule.
 */

import { MemoryStore } from '../../../runtime/index.ts';
import { WasmSqliteStore } from '../../../runtime/store/wasm-sqlite-store.ts';
import type { DeviceEvent } from '../device-client.ts';
import { DeviceHost } from '../device-host.ts';
import {
  serializeError,
  type DeviceWorkerInit,
  type PageToWorker,
  type WorkerToPage,
} from './device-protocol.ts';
import { deleteOpfsDatabase, openOpfsDatabase, opfsAvailable, POOL_DIRECTORY } from './opfs-database.ts';
import { holdStoreLock } from './store-lock.ts';

const post = (message: WorkerToPage): void => self.postMessage(message);
const emit = (event: DeviceEvent): void => post({ kind: 'event', event });

let host: DeviceHost | undefined;
let releaseLock: (() => void) | undefined;

function createHost(init: DeviceWorkerInit): DeviceHost {
  const durable = opfsAvailable();
  const directory = init.directory ?? POOL_DIRECTORY;
  const file = `/${init.databaseName}.sqlite3`;
  const device = new DeviceHost({
    storage: durable ? 'opfs' : 'memory',
    durable,
    lockName: `syncscope-device-sync:${directory}${file}`,
    ...(init.scopeName ? { scopeName: init.scopeName } : {}),
    ...(init.pageSize ? { pageSize: init.pageSize } : {}),
    openStore: async () => {
      if (!durable) return new MemoryStore();
      releaseLock ??= await holdStoreLock(`syncscope-device-store:${directory}${file}`, () =>
        emit({ type: 'storeInUse' }),
      );
      return new WasmSqliteStore(await openWithRetry(file, directory));
    },
    deleteStore: () => (durable ? deleteOpfsDatabase(file, directory) : undefined),
  });
  device.subscribe(emit);
  return device;
}

/**
 * The previous holder of the pool (a tab just closed, a worker just terminated) may need a moment to let
 * go of its access handles after its lock is released: a few tries before giving up.
 */
async function openWithRetry(file: string, directory: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openOpfsDatabase(file, directory);
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * Math.min(attempt, 5)));
    }
  }
}

self.onmessage = async (message: MessageEvent<PageToWorker>) => {
  const data = message.data;
  if (data.kind === 'init') {
    host ??= createHost(data.init);
    return;
  }
  try {
    if (!host) throw new Error('the device worker was not initialised');
    const method = host[data.method] as (...args: unknown[]) => Promise<unknown>;
    const value = await method.apply(host, data.args);
    if (data.method === 'close') {
      releaseLock?.();
      releaseLock = undefined;
    }
    post({ kind: 'result', id: data.id, value });
  } catch (error) {
    post({ kind: 'error', id: data.id, error: serializeError(error) });
  }
};
