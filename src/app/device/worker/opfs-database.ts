/**
 * The device database on the Origin Private File System: SQLite-wasm with its opfs-sahpool VFS, opened in
 * a dedicated worker (the only place browsers give synchronous access handles). opfs-sahpool needs no
 * COOP/COEP headers and no SharedArrayBuffer; its price is that one worker of an origin holds a pool's
 * files at a time: a second tab cannot open the pool while the first has it (see docs/field-app-storage.md
 * and device-worker.ts, which waits for the pool behind a Web Lock rather than fail).
 *
 * Journal: opfs-sahpool has no shared memory, so no WAL; the default rollback journal commits each
 * transaction durably (the journal is synced before the database is written), which is what a page and
 * its watermark need when the browser is killed.
 */

import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import type { WasmDatabase } from '../../../runtime/store/wasm-sqlite-store.ts';

type Sqlite3 = Awaited<ReturnType<typeof sqlite3InitModule>>;
type SahPool = Awaited<ReturnType<Sqlite3['installOpfsSAHPoolVfs']>>;

/** The pool's OPFS directory: all the app's device databases live there. */
export const POOL_DIRECTORY = '.syncscope-device';

/** Whether this realm can use OPFS synchronous access handles (true in dedicated workers of Chromium,
 * Firefox 111+, Safari 16.4+; false in pages, shared workers, and private windows of some browsers). */
export function opfsAvailable(): boolean {
  const scope = globalThis as { FileSystemSyncAccessHandle?: unknown; navigator?: Navigator };
  return (
    typeof scope.FileSystemSyncAccessHandle === 'function' &&
    typeof scope.navigator?.storage?.getDirectory === 'function'
  );
}

let sqlite3: Promise<Sqlite3> | undefined;
const pools = new Map<string, Promise<SahPool>>();

/** The pool of `directory` (installed once per worker). Throws when another worker holds its files. */
export function sahPool(directory = POOL_DIRECTORY): Promise<SahPool> {
  let pool = pools.get(directory);
  if (!pool) {
    pool = (async () => {
      sqlite3 ??= sqlite3InitModule();
      const module = await sqlite3;
      return module.installOpfsSAHPoolVfs({
        name: `syncscope-sahpool${directory.replace(/[^A-Za-z0-9]/g, '-')}`,
        directory,
        initialCapacity: 6,
      });
    })();
    pools.set(directory, pool);
    pool.catch(() => pools.delete(directory));
  }
  return pool;
}

/** Opens (creating) the database `name` (an absolute name, e.g. '/device.sqlite3') in the pool. */
export async function openOpfsDatabase(name: string, directory = POOL_DIRECTORY): Promise<WasmDatabase> {
  const pool = await sahPool(directory);
  return new pool.OpfsSAHPoolDb(name) as unknown as WasmDatabase;
}

/** Deletes a closed database and its journal from the pool. */
export async function deleteOpfsDatabase(name: string, directory = POOL_DIRECTORY): Promise<void> {
  const pool = await sahPool(directory);
  pool.unlink(name);
  pool.unlink(`${name}-journal`);
}
