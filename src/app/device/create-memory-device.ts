/**
 * The in-page device over MemoryStore (the config tool's simulator; browsers without OPFS), in a module of
 * its own so a page that only wants it (the config tool) does not bundle the OPFS device worker and its
 * SQLite-wasm, which create-device.ts references.
 */

import { MemoryStore } from '../../runtime/index.ts';
import type { CreateDeviceOptions } from './create-device.ts';
import { DeviceHost } from './device-host.ts';

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
    ...(options.lock ? { lock: options.lock } : {}),
  };
}
