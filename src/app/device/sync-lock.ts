/**
 * One sync of a store at a time across tabs and workers of an origin: the Web Locks API
 * (navigator.locks, in pages and workers alike). A tab that finds the lock held does not queue behind it
 * (the other tab's sync is the one the user is waiting for); it answers "busy".
 */

export interface SyncLock {
  /** Runs `fn` holding the lock `name`, or resolves `{ busy: true }` when another holder has it. */
  run<T>(name: string, fn: () => Promise<T>): Promise<{ busy: false; value: T } | { busy: true }>;
}

interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable: boolean },
    callback: (lock: unknown) => Promise<T> | T,
  ): Promise<T>;
}

/** Web Locks where the browser has them; else a lock within this realm only (the page is alone). */
export function webSyncLock(
  locks: LockManagerLike | undefined = (globalThis.navigator as { locks?: LockManagerLike } | undefined)
    ?.locks,
): SyncLock {
  if (!locks) return localSyncLock();
  return {
    async run(name, fn) {
      return locks.request(name, { ifAvailable: true }, async (lock) =>
        lock ? { busy: false as const, value: await fn() } : { busy: true as const },
      );
    },
  };
}

export function localSyncLock(): SyncLock {
  const held = new Set<string>();
  return {
    async run(name, fn) {
      if (held.has(name)) return { busy: true };
      held.add(name);
      try {
        return { busy: false, value: await fn() };
      } finally {
        held.delete(name);
      }
    },
  };
}
