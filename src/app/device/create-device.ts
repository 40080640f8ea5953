/**
 * The one way the app gets its device: `createDevice()` picks where the engine and its data live.
 *
 * - 'opfs': SyncEngine in a dedicated Web Worker over SQLite-wasm on the Origin Private File System
 *   (durable: survives reloads, closing the tab, a killed browser); chosen by 'auto' when the browser
 *   has OPFS sync access handles in workers.
 * - 'memory': SyncEngine over MemoryStore (in the worker when OPFS is missing, in this page when asked
 *   for, or when an in-page option such as `fetch`, `transport`, `clock`, `timer` or `lock` is given); data lasts
 *   as long as the page. `open()` reports `{ storage: 'memory', durable: false }` so the app can say so.
 *
 * ```ts
 * const device = createDevice({ scopeName: 'Field Service' });
 * const { durable } = await device.open();
 * await device.setSession(session); // installs the scope's latest published plan
 * device.subscribe((event) => ...);
 * await device.sync('menu');
 * ```
 */

import type { Clock, Timer, Transport } from '../../runtime/index.ts';
import { createMemoryDevice } from './create-memory-device.ts';
import type { DeviceClient } from './device-client.ts';
import type { SyncLock } from './sync-lock.ts';
import { WorkerDeviceClient } from './worker/worker-device-client.ts';

export interface CreateDeviceOptions {
  /** Follow the plan published for this scope (installed at sign-in, checked before each sync). */
  readonly scopeName?: string;
  /**
   * 'auto' (default): the device worker, over OPFS where the browser gives workers synchronous access
   * handles (else the worker keeps the data in memory and `open()` says so); the in-page memory device
   * where there are no module workers. 'memory': the in-page device.
   */
  readonly storage?: 'auto' | 'memory';
  /** The device database's name in the OPFS pool (one device per name; default 'device'). */
  readonly databaseName?: string;
  /** The pool's OPFS directory (tests give each run its own). */
  readonly directory?: string;
  /** Starts the device worker (tests); default: src/app/device/worker/device-worker.ts. */
  readonly worker?: () => Worker;
  /** In-page device only: a fetch to use (tests), a transport instead of fetch, clock and timer. */
  readonly fetch?: typeof globalThis.fetch;
  readonly transport?: Transport;
  readonly clock?: Clock;
  readonly timer?: Timer;
  /** Query page size hint (200..2000). */
  readonly pageSize?: number;
  /**
   * In-page device only: who may sync its store at a time. Default: the origin-wide Web Lock, shared by
   * the app's tabs. The config tool's simulator gives each simulated device its own (localSyncLock()):
   * its MemoryStore lives in that page alone, so it must not wait for another device's sync.
   */
  readonly lock?: SyncLock;
}

export function createDevice(options: CreateDeviceOptions = {}): DeviceClient {
  const inPage =
    options.storage === 'memory' ||
    options.fetch !== undefined ||
    options.transport !== undefined ||
    options.clock !== undefined ||
    options.timer !== undefined ||
    options.lock !== undefined ||
    typeof Worker !== 'function';
  if (inPage) return createMemoryDevice(options);
  return new WorkerDeviceClient((options.worker ?? startDeviceWorker)(), {
    databaseName: options.databaseName ?? 'device',
    ...(options.directory ? { directory: options.directory } : {}),
    ...(options.scopeName ? { scopeName: options.scopeName } : {}),
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
}

/** The device worker, as a module worker (Vite bundles it from this exact `new URL(...)` form). */
export function startDeviceWorker(): Worker {
  return new Worker(new URL('./worker/device-worker.ts', import.meta.url), {
    type: 'module',
    name: 'syncscope-device',
  });
}

export { createMemoryDevice };
