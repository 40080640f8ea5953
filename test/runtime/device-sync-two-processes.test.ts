/**
 * Two `syncscope device sync` processes on one device database (issue 11): real processes, the embedded
 * org over HTTP, and between them a proxy that holds the create request back (helpers/holding-proxy.ts), so
 * the second process starts, or the first is killed, while the create is in flight. Each record reaches
 * the org exactly once.
 */

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli as run } from './helpers/cli.ts';
import { SqliteStore } from '../../src/runtime/store/sqlite-store.ts';
import { SqliteSyncLease } from '../../src/runtime/store/sqlite-sync-lease.ts';
import { compilePlan, startHarness, type Harness } from './helpers/e2e-org.ts';
import { startHoldingProxy, type HoldingProxy } from './helpers/holding-proxy.ts';
import { caseDeviceIdMetadata, energyScope } from './helpers/scopes.ts';

const ROOT = resolve(import.meta.dirname, '../..');

let h: Harness;
let proxy: HoldingProxy;
let dir: string;
let planFile: string;
let db: string;
const children: ChildProcessWithoutNullStreams[] = [];
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
  // The processes run on the system clock (the lost-create lookup compares it with CreatedDate): so does the org.
  await h.control('clock', undefined, 'DELETE');
  proxy = await startHoldingProxy(h.org.url);
  dir = mkdtempSync(join(tmpdir(), 'syncscope-two-syncs-'));
  planFile = join(dir, 'plan.json');
  db = join(dir, 'device.sqlite');
  writeFileSync(planFile, JSON.stringify(compilePlan(energyScope)));
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await proxy.close();
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly out: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }>;
}

/** `syncscope device sync` in a process of its own. */
function syncProcess(...extra: string[]): Running {
  const child = spawn(
    process.execPath,
    [
      'bin/syncscope.js',
      'device',
      'sync',
      '--plan',
      planFile,
      '--db',
      db,
      '--org-url',
      proxy.url,
      '--token',
      h.org.token,
      ...extra,
    ],
    { cwd: ROOT, env: { ...process.env, HOME: dir, SYNCSCOPE_PLAIN: '1' } },
  );
  children.push(child);
  const out: string[] = [];
  let err = '';
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    out.push(...lines);
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }>((done) =>
    child.on('close', (code, signal) => {
      if (partial) out.push(partial);
      done({ code, signal, err });
    }),
  );
  return { child, out, exited };
}

/** Polls `ready` (a guard against a hung process, not a timing assertion). */
async function until(what: string, ready: () => boolean, exited?: Promise<unknown>): Promise<void> {
  let gone = false;
  void exited?.then(() => (gone = true));
  for (let i = 0; i < 1200; i++) {
    if (ready()) return;
    if (gone) throw new Error(`the process ended before: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for: ${what}`);
}

/** The device's queued creates: three Energy accounts. */
async function queueThreeCreates(): Promise<void> {
  expect(
    (
      await run(
        'device',
        'sync',
        '--plan',
        planFile,
        '--db',
        db,
        '--org-url',
        h.org.url,
        '--token',
        h.org.token,
      )
    ).code,
  ).toBe(0);
  for (const name of ['Race 1', 'Race 2', 'Race 3']) {
    const edit = await run(
      'device',
      'edit',
      '--db',
      db,
      '--object',
      'Account',
      '--create',
      '--set',
      `Name=${name}`,
      '--set',
      'Industry=Energy',
    );
    expect(edit.code).toBe(0);
  }
}

/** The device's create request: one /composite call with POST subrequests. */
const isCreate = (method: string, url: string, body: string) =>
  method === 'POST' && url.endsWith('/composite') && body.includes('"method":"POST"');

async function accountsOnServer(): Promise<string[]> {
  const result = await h.conn.query<{ Name: string }>(
    "SELECT Name FROM Account WHERE Name LIKE 'Race%' ORDER BY Name",
  );
  return result.records.map((r) => r.Name);
}

function outboxStatuses(): string[] {
  const reader = new Database(db, { readonly: true });
  try {
    return (reader.prepare('SELECT data FROM outbox ORDER BY seq').pluck().all() as string[]).map(
      (data) => (JSON.parse(data) as { status: string }).status,
    );
  } finally {
    reader.close();
  }
}

describe('two device syncs of one database', () => {
  it('never upload at once: the second waits for the first, and every record reaches the org once', async () => {
    await queueThreeCreates();
    const held = proxy.holdNext('request', isCreate);
    const first = syncProcess();
    const create = await held;
    // The first sync's creates are in flight and the org has not seen them: the second sync starts.
    const second = syncProcess();
    let secondEnded = false;
    void second.exited.then(() => (secondEnded = true));
    await until(
      'the second sync waits or ends',
      () => secondEnded || second.out.some((l) => l.startsWith('waiting for another sync')),
    );
    create.release();
    const [a, b] = await Promise.all([first.exited, second.exited]);
    expect(await accountsOnServer()).toEqual(['Race 1', 'Race 2', 'Race 3']);
    expect({ code: a.code, err: a.err }).toEqual({ code: 0, err: '' });
    expect({ code: b.code, err: b.err }).toEqual({ code: 0, err: '' });
    expect(second.out[0]).toMatch(
      new RegExp(
        `^waiting for another sync of ${escape(db)} to finish \\(pid ${first.child.pid} on host ${hostname()}, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\), up to 120 s$`,
      ),
    );
    expect(first.out).toContain('  Account: 3 downloaded, 0 removed, 3 uploaded');
    expect(second.out).toContain('  Account: 0 downloaded, 0 removed, 0 uploaded');
    expect(outboxStatuses()).toEqual([]);
  }, 120_000);

  it('a sync killed while holding the lease does not leave it stuck, and nothing is created twice', async () => {
    await queueThreeCreates();
    const held = proxy.holdNext('response', isCreate);
    const killed = syncProcess();
    await held; // the org created the three accounts; the answer never reaches the device
    killed.child.kill('SIGKILL');
    expect((await killed.exited).signal).toBe('SIGKILL');
    expect(outboxStatuses()).toEqual(['inFlight', 'inFlight', 'inFlight']);

    const next = syncProcess('--wait', '0');
    const done = await next.exited;
    expect({ code: done.code, err: done.err }).toEqual({ code: 0, err: '' });
    expect(next.out.some((l) => l.startsWith('waiting for'))).toBe(false);
    expect(next.out).toContain('  Account: 3 downloaded, 0 removed, 3 uploaded');
    expect(await accountsOnServer()).toEqual(['Race 1', 'Race 2', 'Race 3']);
    expect(outboxStatuses()).toEqual([]);
  }, 120_000);

  it('with --wait 0, refuses at once while another sync runs: exit 75, nothing sent', async () => {
    await queueThreeCreates();
    const release = await new SqliteSyncLease(db).acquire();
    try {
      const refused = await run(
        'device',
        'sync',
        '--plan',
        planFile,
        '--db',
        db,
        '--org-url',
        proxy.url,
        '--token',
        h.org.token,
        '--wait',
        '0',
      );
      expect(refused.code).toBe(75);
      expect(refused.out).toEqual([]);
      expect(refused.err).toHaveLength(1);
      expect(refused.err[0]).toMatch(
        new RegExp(
          `^error: another sync of ${escape(db)} is still running \\(pid ${process.pid} on host ${escape(hostname())}, since [\\d-]+T[\\d:.]+Z\\); nothing was sent: run again when it has finished, or wait longer with --wait <seconds>$`,
        ),
      );
    } finally {
      await release();
    }
    expect(await accountsOnServer()).toEqual([]);
    expect(outboxStatuses()).toEqual(['pending', 'pending', 'pending']);
  });
});

/** A valid-looking user Id that is not the session's (the harness token is the admin's). */
const OTHER_USER = '005000000000099AAA';

describe("the user a device sync runs as is the session's", () => {
  it("refuses a --user that is not the session's user, before anything is sent", async () => {
    await queueThreeCreates();
    const refused = await run(
      'device',
      'sync',
      '--plan',
      planFile,
      '--db',
      db,
      '--org-url',
      proxy.url,
      '--token',
      h.org.token,
      '--user',
      OTHER_USER,
    );
    expect(refused).toEqual({
      code: 1,
      out: [],
      err: [
        `error: --user ${OTHER_USER} is not the user of this session (${h.userId}): the org records the device's changes as made by the session's user. Leave --user out, or log in as that user`,
      ],
    });
    expect(await accountsOnServer()).toEqual([]);
    expect(outboxStatuses()).toEqual(['pending', 'pending', 'pending']);
    const same = await run(
      'device',
      'sync',
      '--plan',
      planFile,
      '--db',
      db,
      '--org-url',
      proxy.url,
      '--token',
      h.org.token,
      '--user',
      h.userId.slice(0, 15),
    );
    expect(same.code).toBe(0);
    expect(await accountsOnServer()).toEqual(['Race 1', 'Race 2', 'Race 3']);
  });

  it('recovers creates killed in flight without creating them twice, on a database that remembers another user', async () => {
    await queueThreeCreates();
    // What a sync with a wrong --user left behind before the user came from the session.
    const store = new SqliteStore(db);
    store.setMeta('userId', OTHER_USER);
    store.close();
    const held = proxy.holdNext('response', isCreate);
    const killed = syncProcess();
    await held;
    killed.child.kill('SIGKILL');
    expect((await killed.exited).signal).toBe('SIGKILL');
    expect(outboxStatuses()).toEqual(['inFlight', 'inFlight', 'inFlight']);

    const next = syncProcess();
    const done = await next.exited;
    expect({ code: done.code, err: done.err }).toEqual({ code: 0, err: '' });
    expect(await accountsOnServer()).toEqual(['Race 1', 'Race 2', 'Race 3']);
    expect(outboxStatuses()).toEqual([]);
    expect(killed.out[0]).toBe(
      `note: ${db} last synced as user ${OTHER_USER}; this sync runs as the session's user ${h.userId}`,
    );
  }, 120_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
