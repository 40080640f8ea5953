/**
 * Opening the device database for the `device` commands that work offline (dump, edit, status, resolve,
 * retry, undo): the store with its plan, and an engine whose transport refuses every request.
 */

import { existsSync } from 'node:fs';
import { CliError } from './cli-error.ts';
import { SqliteStore } from '../runtime/store/sqlite-store.ts';
import { SyncEngine } from '../runtime/sync-engine.ts';
import type { Transport } from '../runtime/transport.ts';

/** Opens an existing device database, or says how to make one. */
export function openExistingDeviceStore(file: string): SqliteStore {
  if (!existsSync(file))
    throw new CliError(`no device database at ${file}: run \`syncscope device sync --db ${file} ...\` first`);
  return new SqliteStore(file);
}

/** An engine over the device database that never reaches an org; close `store` when done. */
export function offlineEngine(file: string): { engine: SyncEngine; store: SqliteStore } {
  const store = openExistingDeviceStore(file);
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
