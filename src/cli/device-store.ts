/**
 * Opening the device database for the `device` commands that work offline (dump, edit, status, resolve,
 * retry, undo): the store with its plan, and an engine whose transport refuses every request.
 */

import { existsSync } from 'node:fs';
import { DatabaseKindError } from '../compiler/database-kind.ts';
import { CliError } from './cli-error.ts';
import { SqliteStore } from '../runtime/store/sqlite-store.ts';
import { SyncEngine } from '../runtime/sync-engine.ts';
import type { Transport } from '../runtime/transport.ts';

export interface DeviceStoreOptions {
  /** Only inspect: nothing is written, and a read-only file works. */
  readonly readOnly?: boolean;
}

/** Opens an existing device database, or says how to make one. */
export function openExistingDeviceStore(file: string, options: DeviceStoreOptions = {}): SqliteStore {
  if (!existsSync(file))
    throw new CliError(`no device database at ${file}: run \`syncscope device sync --db ${file} ...\` first`);
  try {
    return new SqliteStore(file, { readOnly: options.readOnly ?? false });
  } catch (error) {
    if (error instanceof DatabaseKindError) throw new CliError(error.message);
    throw error;
  }
}

/** An engine over the device database that never reaches an org; close `store` when done. */
export function offlineEngine(
  file: string,
  options: DeviceStoreOptions = {},
): { engine: SyncEngine; store: SqliteStore } {
  const store = openExistingDeviceStore(file, options);
  if (!store.getPlan()) {
    store.close();
    throw new CliError(
      `${file} holds no plan yet: run \`syncscope device sync --plan plan.json --db ${file} ...\` first`,
    );
  }
  const transport: Transport = {
    request: () => Promise.reject(new Error('this command works offline')),
  };
  return { engine: new SyncEngine({ transport, store }), store };
}
