/**
 * The sync lock of a browser device (a page or its worker): the Web Locks API, one lock name per device
 * database. Tabs and workers of one origin share it, and the browser releases it when its holder's tab
 * closes or crashes, so a closed tab cannot leave it stuck.
 *
 * ```ts
 * const engine = new SyncEngine({ transport, store, lock: webLocksSyncLock({ name: 'syncscope:device.sqlite' }) });
 * ```
 */

import { SyncLockBusyError, type ReleaseSyncLock, type SyncLock } from './sync-lock.ts';

export interface WebLocksSyncLockOptions {
  /** The lock's name: one per device database. */
  readonly name: string;
  /** How long to wait for another tab's sync (default: until it ends). */
  readonly waitMs?: number;
  /** Called once when `acquire` starts waiting. */
  readonly onWait?: () => void;
  /** The lock manager (default: `navigator.locks`). */
  readonly locks?: LockManager;
}

/** Who holds a Web Lock cannot be told to another tab; this is what a busy error says. */
export const WEB_LOCK_HOLDER = 'another tab or worker of this app';

export function webLocksSyncLock(options: WebLocksSyncLockOptions): SyncLock {
  return {
    acquire: () =>
      new Promise<ReleaseSyncLock>((resolve, reject) => {
        const locks = options.locks ?? navigator.locks;
        // The lock is held while the callback's promise is pending; releasing settles it, and the release
        // resolves once the lock manager has let go (the request's own promise).
        let granted: Promise<unknown> = Promise.resolve();
        const hold = (): Promise<void> =>
          new Promise<void>((release) =>
            resolve(async () => {
              release();
              await granted;
            }),
          );
        const first = locks.request(options.name, { ifAvailable: true }, (lock) => {
          if (lock) return hold();
          options.onWait?.();
          const signal = options.waitMs !== undefined ? AbortSignal.timeout(options.waitMs) : undefined;
          granted = locks.request(options.name, signal ? { signal } : {}, hold);
          granted.catch((error: unknown) =>
            reject(
              error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')
                ? new SyncLockBusyError(WEB_LOCK_HOLDER)
                : error,
            ),
          );
          return undefined;
        });
        granted = first;
        first.catch(reject);
      }),
  };
}
