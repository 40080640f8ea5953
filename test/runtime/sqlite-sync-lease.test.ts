/**
 * The sync lease of a device database (store/sqlite-sync-lease.ts) on a real SQLite file: one holder at a
 * time, a dead or expired holder taken over, a bounded wait, and the engine that does not sync without it.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/runtime/store/sqlite-store.ts';
import { LEASE_TTL_MS, SqliteSyncLease } from '../../src/runtime/store/sqlite-sync-lease.ts';
import { SyncEngine } from '../../src/runtime/sync-engine.ts';
import { SyncLockBusyError } from '../../src/runtime/sync-lock.ts';
import { compilePlan } from './helpers/e2e-org.ts';
import { energyScope } from './helpers/scopes.ts';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncscope-lease-'));
  db = join(dir, 'device.sqlite');
  new SqliteStore(db).close();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.parse('2026-12-02T13:00:00.000Z');
const leaseRows = () => {
  const reader = new Database(db, { readonly: true });
  try {
    return reader.prepare('SELECT pid, host FROM sync_lease').all();
  } finally {
    reader.close();
  }
};

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('close', resolve));
  return child.pid!;
}

describe('the SQLite sync lease', () => {
  it('lets one holder in and refuses a second one while the first is alive', async () => {
    const first = new SqliteSyncLease(db, { now: () => T0 });
    const release = await first.acquire();
    expect(leaseRows()).toEqual([{ pid: process.pid, host: hostname() }]);
    const second = new SqliteSyncLease(db, { now: () => T0 + 1000 });
    const refused = await second.acquire().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(SyncLockBusyError);
    expect((refused as SyncLockBusyError).holder).toBe(
      `pid ${process.pid} on host ${hostname()}, since 2026-12-02T13:00:00.000Z`,
    );
    await release();
    expect(leaseRows()).toEqual([]);
    const again = await second.acquire();
    await again();
  });

  it('takes over the lease of a holder whose process died, without waiting', async () => {
    const pid = await deadPid();
    await new SqliteSyncLease(db, { now: () => T0, pid }).acquire(); // killed: never released
    const waited: string[] = [];
    const next = new SqliteSyncLease(db, { now: () => T0 + 1000, onWait: (h) => waited.push(h) });
    const release = await next.acquire();
    expect(waited).toEqual([]);
    expect(leaseRows()).toEqual([{ pid: process.pid, host: hostname() }]);
    await release();
  });

  it('takes over the lease of a holder on another host once it expired, not before', async () => {
    await new SqliteSyncLease(db, { now: () => T0, host: 'other-host', pid: 1 }).acquire();
    const early = new SqliteSyncLease(db, { now: () => T0 + LEASE_TTL_MS - 1 });
    await expect(early.acquire()).rejects.toThrow(
      'another sync of this device database is running (pid 1 on host other-host, since 2026-12-02T13:00:00.000Z); try again when it has finished',
    );
    const late = new SqliteSyncLease(db, { now: () => T0 + LEASE_TTL_MS });
    const release = await late.acquire();
    expect(leaseRows()).toEqual([{ pid: process.pid, host: hostname() }]);
    await release();
  });

  it('waits for the holder (saying so once) and goes on when it releases', async () => {
    const releaseFirst = await new SqliteSyncLease(db).acquire();
    const waited: string[] = [];
    const second = new SqliteSyncLease(db, {
      waitMs: 60_000,
      onWait: (holder) => {
        waited.push(holder);
        void releaseFirst();
      },
    });
    const release = await second.acquire();
    expect(waited).toHaveLength(1);
    expect(waited[0]).toMatch(new RegExp(`^pid ${process.pid} on host ${hostname()}, since \\d{4}-`));
    await release();
    expect(leaseRows()).toEqual([]);
  });
});

describe('a sync engine with a lock', () => {
  it('does not sync, send or record anything while another sync holds the lock', async () => {
    const releaseOther = await new SqliteSyncLease(db, { now: () => T0 }).acquire();
    const store = new SqliteStore(db);
    const sent: string[] = [];
    try {
      const engine = new SyncEngine({
        store,
        plan: compilePlan(energyScope),
        userId: '005000000000001AAA',
        transport: {
          request: (request) => {
            sent.push(request.url);
            return Promise.reject(new Error('offline'));
          },
        },
        clock: { now: () => T0 + 5000 },
        lock: new SqliteSyncLease(db, { now: () => T0 + 5000 }),
      });
      engine.create('Account', { Name: 'Queued', Industry: 'Energy' });
      const summary = await engine.syncNow();
      const message = `another sync of this device database is running (pid ${process.pid} on host ${hostname()}, since 2026-12-02T13:00:00.000Z); try again when it has finished`;
      expect(summary).toMatchObject({
        ok: false,
        apiCalls: 0,
        error: message,
        errors: [message],
        blockedBy: `pid ${process.pid} on host ${hostname()}, since 2026-12-02T13:00:00.000Z`,
        pendingChanges: 1,
        nextSyncAt: T0 + 5000 + 30_000,
      });
      expect(sent).toEqual([]);
      expect(engine.history()).toEqual([]);
      expect(engine.pendingChanges().map((c) => c.status)).toEqual(['pending']);
    } finally {
      store.close();
      await releaseOther();
    }
  });
});
