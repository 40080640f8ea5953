/** `syncscope device sync|dump|edit|status` against the embedded org, as a support engineer would run them. */

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDeviceCliSetup, runCli as run, startDeviceCliSetup } from './helpers/cli.ts';
import { ADMIN_USERNAME } from '../../src/emulator/index.ts';
import type { Harness } from './helpers/e2e-org.ts';

let h: Harness;
let dir: string;
let planFile: string;
let db: string;
beforeEach(async () => {
  ({ h, dir, planFile, db } = await startDeviceCliSetup('syncscope-device-cli-'));
});
afterEach(() => closeDeviceCliSetup({ h, dir }));

const orgFlags = () => ['--org-url', h.org.url, '--token', h.org.token];

describe('syncscope device', () => {
  it('syncs, dumps, queues an edit, shows status and uploads it', async () => {
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy', Phone: '1' });
    await h.create('Product2', { Name: 'Meter', IsActive: true });
    const sync = await run('device', 'sync', '--plan', planFile, '--db', db, ...orgFlags());
    expect(sync.err).toEqual([]);
    expect(sync.code).toBe(0);
    expect(sync.out).toContain('download Account: 1/1');
    expect(sync.out.find((l) => l.startsWith('sync complete'))).toMatch(
      /^sync complete in \d+\.\d s, 1 API call$/,
    );
    expect(sync.out).toContain('  Account: 1 downloaded, 0 removed, 0 uploaded');
    expect(sync.out.join('\n')).not.toContain(h.org.token);

    const dump = await run('device', 'dump', '--db', db, '--object', 'Account');
    expect(dump.code).toBe(0);
    const records = JSON.parse(dump.out.join('\n')) as Record<string, Record<string, unknown>[]>;
    expect(Object.keys(records)).toEqual(['Account']);
    expect(records.Account!.map((r) => [r.Id, r.Name, r.Phone])).toEqual([[account, 'Volt', '1']]);

    const edit = await run(
      'device',
      'edit',
      '--db',
      db,
      '--object',
      'Account',
      '--id',
      account,
      '--set',
      'Phone=2',
    );
    expect(edit).toMatchObject({ code: 0, out: [`queued update of Account ${account}`] });
    const created = await run(
      'device',
      'edit',
      '--db',
      db,
      '--object',
      'Contact',
      '--create',
      '--set',
      'LastName=Field',
      '--set',
      'Email=f@x.example',
      '--set',
      `AccountId=${account}`,
    );
    expect(created.code).toBe(0);
    expect(created.out[0]).toMatch(/^local-[0-9a-f]{24}$/);

    const all = JSON.parse((await run('device', 'dump', '--db', db, '--all')).out.join('\n')) as {
      records: Record<string, { Id: string; Phone?: string }[]>;
      pendingChanges: { op: string; status: string }[];
      conflicts: unknown[];
    };
    expect(all.records.Account![0]!.Phone).toBe('2');
    expect(all.pendingChanges.map((c) => [c.op, c.status])).toEqual([
      ['update', 'pending'],
      ['create', 'pending'],
    ]);
    expect(all.conflicts).toEqual([]);

    const status = await run('device', 'status', '--db', db);
    expect(status.code).toBe(0);
    expect(status.out[0]).toMatch(/^last sync: \S+ ok, 1 API call$/);
    expect(status.out[1]).toMatch(/^next sync due: \d{4}-/);
    expect(status.out[2]).toBe('pending changes: 2, failed: 0, conflicts: 0');
    expect(status.out).toContain('objects:');

    await h.advance(60);
    const second = await run('device', 'sync', '--plan', planFile, '--db', db, ...orgFlags());
    expect(second.code).toBe(0);
    expect(second.out).toContain('  Contact: 1 downloaded, 0 removed, 1 uploaded');
    const server = (await h.conn.sobject('Account').retrieve(account)) as { Phone: string };
    expect(server.Phone).toBe('2');
  });

  it('exits 1 with a clear message on bad input, without a stack trace', async () => {
    const noPlan = await run(
      'device',
      'sync',
      '--plan',
      join(dir, 'missing.json'),
      '--db',
      db,
      ...orgFlags(),
    );
    expect(noPlan.code).toBe(1);
    expect(noPlan.err).toEqual([
      `error: cannot read the plan ${join(dir, 'missing.json')}: compile one with \`syncscope compile <scope.json> -o ${join(dir, 'missing.json')}\``,
    ]);
    const noOrg = await run('device', 'sync', '--plan', planFile, '--db', db);
    expect(noOrg.err).toEqual(['error: say which org: --org-url URL --token TOKEN, or --target-org ALIAS']);
    const noDb = await run('device', 'status', '--db', join(dir, 'none.sqlite'));
    expect(noDb.err[0]).toBe(
      `error: no device database at ${join(dir, 'none.sqlite')}: run \`syncscope device sync --db ${join(dir, 'none.sqlite')} ...\` first`,
    );
    await run('device', 'sync', '--plan', planFile, '--db', db, ...orgFlags());
    const readOnly = await run(
      'device',
      'edit',
      '--db',
      db,
      '--object',
      'Product2',
      '--create',
      '--set',
      'Name=x',
    );
    expect(readOnly).toMatchObject({
      code: 1,
      err: [
        'error: Product2 is read-only on devices (the scope\'s access is "read"); ask the admin to set access "readWrite"',
      ],
    });
  });

  it('syncs through an sf CLI login with --target-org', async () => {
    const { AuthInfo } = await import('@salesforce/core');
    // What `sf org login` leaves behind: an auth file for the user (read from the org) and an alias.
    // This sandbox cannot DNS-resolve even 127.0.0.1 in time; sf's documented switch skips the check.
    process.env.SF_DISABLE_DNS_CHECK = 'true';
    const authInfo = await AuthInfo.create({
      username: ADMIN_USERNAME,
      accessTokenOptions: { accessToken: h.org.token, instanceUrl: h.org.url, loginUrl: h.org.url },
    });
    await authInfo.save();
    await authInfo.setAlias('device-test');
    const account = await h.create('Account', { Name: 'Via alias', Industry: 'Energy' });
    const sync = await run('device', 'sync', '--plan', planFile, '--db', db, '--target-org', 'device-test');
    expect(sync.err).toEqual([]);
    expect(sync.code).toBe(0);
    const dump = JSON.parse(
      (await run('device', 'dump', '--db', db, '--object', 'Account')).out.join('\n'),
    ) as {
      Account: { Id: string }[];
    };
    expect(dump.Account.map((r) => r.Id)).toEqual([account]);
  });

  it('exits 1 when the sync fails (bad token), keeping the database usable', async () => {
    const failed = await run(
      'device',
      'sync',
      '--plan',
      planFile,
      '--db',
      db,
      '--org-url',
      h.org.url,
      '--token',
      'bad',
      '--user',
      h.userId,
    );
    expect(failed.code).toBe(1);
    expect(failed.out[0]).toMatch(/^sync FAILED in /);
    expect(failed.out.some((l) => l.includes('INVALID_SESSION_ID'))).toBe(true);
    const status = await run('device', 'status', '--db', db);
    expect(status.out[0]).toMatch(/^last sync: \S+ FAILED \(/);
  });
});
