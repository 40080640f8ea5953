/** The browser's sync lock (src/runtime/web-locks-sync-lock.ts) on Chromium's real Web Locks. */

import { expect } from '@open-wc/testing';
import { SyncLockBusyError } from '../../src/runtime/sync-lock.ts';
import { WEB_LOCK_HOLDER, webLocksSyncLock } from '../../src/runtime/web-locks-sync-lock.ts';

let n = 0;
const freshName = () => `syncscope:test-device-${Date.now()}-${++n}`;

describe('webLocksSyncLock', () => {
  it('lets one holder in; a second waits (saying so once) and gets it on release', async () => {
    const name = freshName();
    const log: string[] = [];
    const releaseFirst = await webLocksSyncLock({ name }).acquire();
    log.push('first holds');
    const second = webLocksSyncLock({ name, onWait: () => log.push('second waits') })
      .acquire()
      .then((release) => {
        log.push('second holds');
        return release;
      });
    await new Promise((r) => setTimeout(r, 0));
    await navigator.locks.query(); // let the lock manager settle the second request
    log.push('first releases');
    await releaseFirst();
    const releaseSecond = await second;
    expect(log).to.deep.equal(['first holds', 'second waits', 'first releases', 'second holds']);
    await releaseSecond();
    const state = await navigator.locks.query();
    expect((state.held ?? []).filter((l) => l.name === name)).to.deep.equal([]);
  });

  it('gives up after waitMs with a SyncLockBusyError', async () => {
    const name = freshName();
    const release = await webLocksSyncLock({ name }).acquire();
    let error: unknown;
    try {
      await webLocksSyncLock({ name, waitMs: 50 }).acquire();
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(SyncLockBusyError);
    expect((error as SyncLockBusyError).holder).to.equal(WEB_LOCK_HOLDER);
    await release();
  });
});
