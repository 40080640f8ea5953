/**
 * Who holds the device database. opfs-sahpool lets one worker of an origin hold a pool's files at a time,
 * so a second tab's worker must not even try while the first has them: each device worker takes an
 * exclusive Web Lock named after the database for as long as it lives (the browser releases it when the
 * worker ends, also when the tab is killed). A second tab waits for it and says so ('storeInUse'); it
 * opens the database the moment the first tab closes.
 */

interface LockManagerLike {
  request(name: string, callback: (lock: unknown) => Promise<void>): Promise<void>;
  request(
    name: string,
    options: { ifAvailable: boolean },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<void>;
}

/** Takes the lock (waiting after `onWait` if another holds it); resolves to the function that releases it. */
export async function holdStoreLock(name: string, onWait: () => void): Promise<() => void> {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (!locks) return () => undefined;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const gotIt = await new Promise<boolean>((resolve) => {
    void locks.request(name, { ifAvailable: true }, async (lock) => {
      resolve(lock !== null);
      if (lock !== null) await released;
    });
  });
  if (!gotIt) {
    onWait();
    await new Promise<void>((resolve) => {
      void locks.request(name, async () => {
        resolve();
        await released;
      });
    });
  }
  return release;
}
