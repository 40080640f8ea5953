/**
 * The one way the app gets its device: `createDevice()` picks where the engine and its data live.
 *
 * - 'opfs': SyncEngine in a dedicated Web Worker over SQLite-wasm on the Origin Private File System
 *   (durable: survives reloads, closing the tab, a killed browser); chosen by 'auto' when the browser
 *   has OPFS sync access handles in workers.
 * - 'memory': SyncEngine in this page over MemoryStore; data lasts as long as the page. `open()` reports
 *   `{ storage: 'memory', durable: false }` so the app can tell the user.
 *
 * ```ts
 * const device = createDevice({ scopeName: 'Field Service' });
 * const { durable } = await device.open();
 * await device.setSession(session); // installs the scope's latest published plan
 * device.subscribe((event) => ...);
 * await device.sync('menu');
 * ```
 */

import { MemoryStore, type Clock, type Timer, type Transport } from '../../runtime/index.ts';
import type { DeviceClient } from './device-client.ts';
import { DeviceHost } from './device-host.ts';

export interface CreateDeviceOptions {
  /** Follow the plan published for this scope (installed at sign-in, checked before each sync). */
  readonly scopeName?: string;
  /** 'auto' (default): the worker over OPFS where the browser allows, else memory. */
  readonly storage?: 'auto' | 'memory';
  /** In-page device only: a fetch to use (tests), a transport instead of fetch, clock and timer. */
  readonly fetch?: typeof globalThis.fetch;
  readonly transport?: Transport;
  readonly clock?: Clock;
  readonly timer?: Timer;
  /** Query page size hint (200..2000). */
  readonly pageSize?: number;
}

export function createDevice(options: CreateDeviceOptions = {}): DeviceClient {
  return createMemoryDevice(options);
}

/** The in-page device over MemoryStore (the config tool's simulator; browsers without OPFS). */
export function createMemoryDevice(options: CreateDeviceOptions = {}): DeviceHost {
  return new DeviceHost({
    openStore: () => new MemoryStore(),
    deleteStore: () => undefined,
    storage: 'memory',
    durable: false,
    ...pick(options),
  });
}

function pick(options: CreateDeviceOptions) {
  return {
    ...(options.scopeName ? { scopeName: options.scopeName } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.timer ? { timer: options.timer } : {}),
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  };
}
