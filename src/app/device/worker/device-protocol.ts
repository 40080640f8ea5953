/**
 * The messages between the page (WorkerDeviceClient) and the device worker (device-worker.ts): a call of
 * one DeviceClient method with an id, its answer with the same id, and the device's events. Everything
 * crosses by structured clone; errors cross as their name, message and LocalWriteError's fields.
 */

import type { DeviceClient, DeviceEvent } from '../device-client.ts';

/** The DeviceClient methods the worker answers (subscribe stays on the page: events come unasked). */
export type DeviceMethod = Exclude<keyof DeviceClient, 'subscribe'>;

/** What the worker needs before the first call. */
export interface DeviceWorkerInit {
  readonly scopeName?: string;
  readonly pageSize?: number;
  /** The database's name in the OPFS pool (one device per name). */
  readonly databaseName: string;
  /** The pool's OPFS directory (tests give each their own). */
  readonly directory?: string;
}

export type PageToWorker =
  | { readonly kind: 'init'; readonly init: DeviceWorkerInit }
  | { readonly kind: 'call'; readonly id: number; readonly method: DeviceMethod; readonly args: unknown[] };

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly object?: string;
  readonly field?: string;
}

export type WorkerToPage =
  | { readonly kind: 'result'; readonly id: number; readonly value: unknown }
  | { readonly kind: 'error'; readonly id: number; readonly error: SerializedError }
  | { readonly kind: 'event'; readonly event: DeviceEvent };

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const fields = error as Error & { code?: unknown; object?: unknown; field?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(typeof fields.code === 'string' ? { code: fields.code } : {}),
    ...(typeof fields.object === 'string' ? { object: fields.object } : {}),
    ...(typeof fields.field === 'string' ? { field: fields.field } : {}),
  };
}
