/**
 * The sync lock of a device database shared by processes (Node only): a one-row lease table in the
 * device's SQLite file. Taking it is a BEGIN IMMEDIATE transaction (SQLite's write lock, so two takers
 * cannot both see it free); the holder writes its id, pid, host and an expiry that a heartbeat pushes
 * back while it syncs.
 *
 * A killed holder cannot leave it stuck: its lease is taken over when its pid is gone (same host) or
 * when its expiry has passed (a holder on another host, a frozen process, a reused pid). A holder whose
 * lease was taken over notices at its next heartbeat (`lost`); nothing else depends on that.
 *
 * ```ts
 * const lease = new SqliteSyncLease('device.sqlite', { waitMs: 120_000, onWait: (h) => say(`waiting for ${h}`) });
 * const engine = new SyncEngine({ transport, store, lock: lease });
 * ```
 */

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { SyncLockBusyError, type ReleaseSyncLock, type SyncLock } from '../sync-lock.ts';

/** How long a lease lasts without a heartbeat: long enough for a busy event loop, short enough to wait. */
export const LEASE_TTL_MS = 60_000;
const HEARTBEAT_MS = 10_000;
const POLL_MS = 250;

export interface SqliteSyncLeaseOptions {
  /** How long `acquire` waits for another holder before it gives up (default 0: refuse at once). */
  readonly waitMs?: number;
  /** Called once when `acquire` starts waiting, with who holds the lease (for a "waiting for" line). */
  readonly onWait?: (holder: string) => void;
  /** Wall-clock time (ms); tests pass their own. Not the device clock: leases are about real time. */
  readonly now?: () => number;
  /** Whether a process of this host is alive (default: `process.kill(pid, 0)`). */
  readonly isAlive?: (pid: number) => boolean;
  /** This process (defaults: process.pid, os.hostname()). */
  readonly pid?: number;
  readonly host?: string;
}

interface LeaseRow {
  readonly holder: string;
  readonly pid: number;
  readonly host: string;
  readonly acquired_at: number;
  readonly expires_at: number;
}

export class SqliteSyncLease implements SyncLock {
  readonly #path: string;
  readonly #waitMs: number;
  readonly #onWait: ((holder: string) => void) | undefined;
  readonly #now: () => number;
  readonly #isAlive: (pid: number) => boolean;
  readonly #pid: number;
  readonly #host: string;
  /** Set by a heartbeat that found the lease taken over (this process was presumed dead). */
  lost = false;

  constructor(path: string, options: SqliteSyncLeaseOptions = {}) {
    this.#path = path;
    this.#waitMs = options.waitMs ?? 0;
    this.#onWait = options.onWait;
    this.#now = options.now ?? Date.now;
    this.#isAlive = options.isAlive ?? processIsAlive;
    this.#pid = options.pid ?? process.pid;
    this.#host = options.host ?? hostname();
  }

  async acquire(): Promise<ReleaseSyncLock> {
    const db = new Database(this.#path);
    try {
      db.pragma('busy_timeout = 5000');
      db.exec(`CREATE TABLE IF NOT EXISTS sync_lease (
        id INTEGER PRIMARY KEY CHECK (id = 1), holder TEXT NOT NULL, pid INTEGER NOT NULL,
        host TEXT NOT NULL, acquired_at INTEGER NOT NULL, expires_at INTEGER NOT NULL)`);
      const holder = randomUUID();
      const waitUntil = this.#now() + this.#waitMs;
      let waiting = false;
      for (;;) {
        const blocker = this.#tryTake(db, holder);
        if (blocker === undefined) return this.#held(db, holder);
        if (this.#now() >= waitUntil) throw new SyncLockBusyError(describe(blocker));
        if (!waiting) {
          waiting = true;
          this.#onWait?.(describe(blocker));
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Takes the lease if it is free, expired or its holder died; else answers who holds it. */
  #tryTake(db: Database.Database, holder: string): LeaseRow | undefined {
    const take = db.transaction((): LeaseRow | undefined => {
      const row = db.prepare('SELECT * FROM sync_lease WHERE id = 1').get() as LeaseRow | undefined;
      const now = this.#now();
      const free =
        row === undefined ||
        row.expires_at <= now ||
        (row.host === this.#host && row.pid !== this.#pid && !this.#isAlive(row.pid));
      if (!free) return row;
      db.prepare(
        'INSERT OR REPLACE INTO sync_lease (id, holder, pid, host, acquired_at, expires_at) VALUES (1, ?, ?, ?, ?, ?)',
      ).run(holder, this.#pid, this.#host, now, now + LEASE_TTL_MS);
      return undefined;
    });
    // BEGIN IMMEDIATE: the write lock first, so no other taker reads the row between our read and write.
    return take.immediate();
  }

  #held(db: Database.Database, holder: string): ReleaseSyncLock {
    this.lost = false;
    const renew = db.prepare('UPDATE sync_lease SET expires_at = ? WHERE id = 1 AND holder = ?');
    const heartbeat = setInterval(() => {
      try {
        if (renew.run(this.#now() + LEASE_TTL_MS, holder).changes === 0) this.lost = true;
      } catch {
        // The database is busy for longer than busy_timeout: the next beat tries again.
      }
    }, HEARTBEAT_MS);
    heartbeat.unref();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      try {
        db.prepare('DELETE FROM sync_lease WHERE id = 1 AND holder = ?').run(holder);
      } finally {
        db.close();
      }
    };
  }
}

function describe(row: LeaseRow): string {
  return `pid ${row.pid} on host ${row.host}, since ${new Date(row.acquired_at).toISOString()}`;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
