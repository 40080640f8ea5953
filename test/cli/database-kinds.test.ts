/**
 * Device stores and org databases are marked (`PRAGMA application_id`) and never opened as each other;
 * `device status` and `device dump` only read, and work on a read-only file.
 */

import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOrgStart } from '../../src/cli/commands/org.ts';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { runCli as run } from '../runtime/helpers/cli.ts';
import { APPLICATION_IDS } from '../../src/compiler/database-kind.ts';
import { installPlan } from '../../src/runtime/plan-change.ts';
import { SqliteStore } from '../../src/runtime/store/sqlite-store.ts';
import { compilePlan } from '../runtime/helpers/e2e-org.ts';
import { energyScope } from '../runtime/helpers/scopes.ts';

const BIN = join(import.meta.dirname, '../../bin/syncscope.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncscope-db-kinds-'));
});
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the org on `db` and stops it at once (what `org start --db` does to the file). */
async function orgStartOnce(db: string): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const io: CliIo = { out: () => {}, err: (t) => err.push(t), setExitCode: () => {} };
  try {
    await runOrgStart({ port: '0', db, seed: 'none' }, io, Promise.resolve());
    return { code: 0, err };
  } catch (error) {
    return { code: 1, err: [...err, (error as Error).message] };
  }
}

/** The file's application_id and tables, read without changing it. */
function inspect(file: string): { applicationId: number; tables: string[] } {
  const db = new Database(file, { readonly: true });
  try {
    return {
      applicationId: db.pragma('application_id', { simple: true }) as number,
      tables: db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all() as string[],
    };
  } finally {
    db.close();
  }
}

function deviceStore(file: string): void {
  const store = new SqliteStore(file);
  installPlan(store, compilePlan(energyScope));
  store.putRecord('Account', { Id: '001000000000001AAA', Name: 'Volt' });
  store.close();
}

const DEVICE_TABLES = ['history', 'id_map', 'meta', 'object_state', 'outbox', 'records', 'sqlite_sequence'];

describe('database kinds', () => {
  it('marks a new device store and refuses to start an org on it', async () => {
    const db = join(dir, 'device.sqlite');
    deviceStore(db);
    expect(inspect(db)).toEqual({ applicationId: APPLICATION_IDS.device, tables: DEVICE_TABLES });
    expect(await orgStartOnce(db)).toEqual({
      code: 1,
      err: [
        `--db ${db} is a syncscope device store (\`syncscope device sync --db\`), not an org's database: it was left unchanged; pass another file to --db (a new file is created)`,
      ],
    });
    expect(inspect(db)).toEqual({ applicationId: APPLICATION_IDS.device, tables: DEVICE_TABLES });
  });

  it('marks a new org database and refuses device status, dump and sync on it', async () => {
    const db = join(dir, 'org.sqlite');
    expect((await orgStartOnce(db)).code).toBe(0);
    const before = inspect(db);
    expect(before.applicationId).toBe(APPLICATION_IDS.org);
    expect(before.tables).toContain('_EmulatorMeta');
    const refusal = `error: ${db} is the embedded org's database (\`syncscope org start --db\`), not a device store: it was left unchanged; pass another file to --db (a new file is created)`;
    expect(await run('device', 'status', '--db', db)).toEqual({ code: 1, out: [], err: [refusal] });
    expect(await run('device', 'dump', '--db', db)).toEqual({ code: 1, out: [], err: [refusal] });
    const plan = join(dir, 'plan.json');
    await run('compile', join(import.meta.dirname, '../../examples/field-technician.scope.json'), '-o', plan);
    const sync = await run(
      'device',
      'sync',
      '--plan',
      plan,
      '--db',
      db,
      '--org-url',
      'http://127.0.0.1:9',
      '--token',
      'unused-token',
    );
    expect(sync).toEqual({ code: 1, out: [], err: [refusal] });
    expect(inspect(db)).toEqual(before);
  });

  it('keeps unmarked files of the right shape working and marks them on their first writable open', async () => {
    const device = join(dir, 'old-device.sqlite');
    deviceStore(device);
    const raw = new Database(device);
    raw.pragma('application_id = 0');
    raw.close();
    const status = await run('device', 'status', '--db', device);
    expect(status.code).toBe(0);
    expect(inspect(device).applicationId).toBe(0); // status only reads
    new SqliteStore(device).close();
    expect(inspect(device).applicationId).toBe(APPLICATION_IDS.device);

    const org = join(dir, 'old-org.sqlite');
    await orgStartOnce(org);
    const rawOrg = new Database(org);
    rawOrg.pragma('application_id = 0');
    rawOrg.close();
    expect(await orgStartOnce(org)).toEqual({ code: 0, err: [] });
    expect(inspect(org).applicationId).toBe(APPLICATION_IDS.org);
  });

  it("refuses another application's SQLite file", async () => {
    const file = join(dir, 'other.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE notes (text TEXT)');
    raw.close();
    expect((await run('device', 'status', '--db', file)).err).toEqual([
      `error: ${file} is another application's SQLite database, not a device store: it was left unchanged; pass another file to --db (a new file is created)`,
    ]);
    expect(() => new SqliteStore(file)).toThrow(`${file} is another application's SQLite database`);
    expect(inspect(file)).toEqual({ applicationId: 0, tables: ['notes'] });
  });

  it('device status and dump work on a read-only file, and name it when its folder is read-only too', async () => {
    const db = join(dir, 'device.sqlite');
    deviceStore(db);
    chmodSync(db, 0o444);
    chmodSync(dir, 0o555);
    // root ignores file modes: run the CLI as an unprivileged user then, so the file really is read-only.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const cli = (args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, ...args], {
          ...asUser,
          env: { ...process.env, HOME: tmpdir() },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('close', (code) => resolve({ code, out, err }));
      });
    expect(await cli(['device', 'status', '--db', db])).toEqual({
      code: 1,
      out: '',
      err: `error: cannot read ${db}: its folder is read-only, and SQLite must create ${db}-shm beside a database in WAL mode to read it; make the folder writable or copy the file elsewhere\n`,
    });
    chmodSync(dir, 0o777); // now SQLite may create the -shm/-wal files a reader of a WAL database needs
    const status = await cli(['device', 'status', '--db', db]);
    expect(status).toMatchObject({ code: 0, err: '' });
    expect(status.out.split('\n').slice(0, 3)).toEqual([
      'last sync: never',
      'next sync due: unknown',
      'pending changes: 0, failed: 0, conflicts: 0',
    ]);
    const dump = await cli(['device', 'dump', '--db', db, '--object', 'Account']);
    expect(dump).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(dump.out)).toEqual({ Account: [{ Id: '001000000000001AAA', Name: 'Volt' }] });
  }, 90_000);
});
