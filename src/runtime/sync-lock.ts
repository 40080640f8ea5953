/**
 * One sync at a time per device store, across processes and tabs. The engine asks its `SyncLock` before a
 * sync reads the outbox and releases it when the sync has written its history: two syncs of one store
 * at once would both send the same pending creates (the second reads them while the first's request is
 * in flight), and the org would hold them twice.
 *
 * The lock is an effect injected into the engine, as the transport and the clock are:
 *   - Node: `SqliteSyncLease` (store/sqlite-sync-lease.ts), a lease row in the device database that a
 *     killed holder cannot leave stuck (dead pid, or an expiry its heartbeat no longer pushes back);
 *   - a browser: the Web Locks API (`navigator.locks.request(name, ...)`), released when the tab closes.
 * Without one (tests, one engine per store in one page) the engine's own "a call while one runs shares
 * it" is the only exclusion.
 */

/** Gives the lock back; called once, after the sync's last write. */
export type ReleaseSyncLock = () => void | Promise<void>;

export interface SyncLock {
  /**
   * Resolves when this engine may sync the store alone (waiting for another holder as the lock sees fit),
   * with the function that releases it. Rejects with `SyncLockBusyError` when it gives up waiting.
   */
  acquire(): Promise<ReleaseSyncLock>;
}

/** Another sync of the same store holds the lock and did not finish in time. */
export class SyncLockBusyError extends Error {
  constructor(
    /** Who holds it, for people (e.g. "pid 4121 on host t14, since 2026-12-02T13:10:04.000Z"). */
    readonly holder: string,
    message = `another sync of this device database is running (${holder}); try again when it has finished`,
  ) {
    super(message);
    this.name = 'SyncLockBusyError';
  }
}
