/** `syncscope device resolve|retry|undo` against the embedded org: a conflict, a failed create, an undo. */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDeviceCliSetup, runCli as run, startDeviceCliSetup } from '../runtime/helpers/cli.ts';
import type { Harness } from '../runtime/helpers/e2e-org.ts';

let h: Harness;
let dir: string;
let planFile: string;
let db: string;
beforeEach(async () => {
  ({ h, dir, planFile, db } = await startDeviceCliSetup('syncscope-device-changes-'));
});
afterEach(() => closeDeviceCliSetup({ h, dir }));

const sync = () =>
  run('device', 'sync', '--plan', planFile, '--db', db, '--org-url', h.org.url, '--token', h.org.token);

interface Change {
  seq: number;
  op: string;
  object: string;
  recordId: string;
  status: string;
  fields: Record<string, unknown>;
}
async function changes(): Promise<Change[]> {
  return (
    JSON.parse((await run('device', 'dump', '--db', db, '--all')).out.join('\n')) as {
      pendingChanges: Change[];
    }
  ).pendingChanges;
}

describe('syncscope device resolve|retry|undo', () => {
  it('resolves a conflict per field, retries and undoes a failed create, and names unknown changes', async () => {
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy', Phone: '1' });
    expect((await sync()).code).toBe(0);
    await run(
      'device',
      'edit',
      '--db',
      db,
      '--object',
      'Account',
      '--id',
      account,
      '--set',
      'Phone=device',
      '--set',
      'Name=Volt D',
    );
    const created = await run(
      'device',
      'edit',
      '--db',
      db,
      '--object',
      'Contact',
      '--create',
      '--set',
      'LastName:=null',
      '--set',
      'Email=n@x.example',
      '--set',
      `AccountId=${account}`,
    );
    const localId = created.out[0]!;
    await h.advance(10); // a server change stamped after the version the device edited
    await h.update('Account', account, { Phone: 'server' });
    await h.advance(60);
    const second = await sync();
    expect(second.out).toContain('  Account: 1 downloaded, 0 removed, 0 uploaded, 1 conflicts');
    expect((await changes()).map((c) => [c.seq, c.op, c.recordId, c.status])).toEqual([
      [1, 'update', account, 'conflict'],
      [2, 'create', localId, 'failed'],
    ]);

    // Wrong numbers and wrong kinds of change get a clear answer, and change nothing.
    expect(await run('device', 'retry', '9', '--db', db)).toEqual({
      code: 1,
      out: [],
      err: [
        `error: no change #9 on this device (changes: #1 (conflict), #2 (failed)); see \`syncscope device status --db ${db}\``,
      ],
    });
    expect(await run('device', 'undo', 'x', '--db', db)).toEqual({
      code: 1,
      out: [],
      err: ["error: <seq> must be a change number like 3 (as `device status` lists it), got 'x'"],
    });
    expect((await run('device', 'resolve', '2', '--db', db, '--mine')).err).toEqual([
      `error: change #2 create Contact ${localId} is failed, not in conflict: only conflicts are resolved`,
    ]);
    expect((await run('device', 'retry', '1', '--db', db)).err).toEqual([
      `error: change #1 update Account ${account} is conflict, not failed: only failed changes are retried (resolve a conflict with \`device resolve\`)`,
    ]);
    expect((await run('device', 'resolve', '1', '--db', db)).err).toEqual([
      'error: say one of --mine, --theirs or --field Name=mine|theirs ...',
    ]);
    expect((await run('device', 'resolve', '1', '--db', db, '--field', 'Phone=ours')).err).toEqual([
      "error: --field wants Name=mine or Name=theirs, got 'Phone=ours'",
    ]);

    expect(
      await run('device', 'resolve', '1', '--db', db, '--field', 'Phone=theirs', '--field', 'Name=mine'),
    ).toEqual({
      code: 0,
      out: [`resolved #1 update Account ${account}: sending Name at the next sync`],
      err: [],
    });
    expect(await run('device', 'retry', '2', '--db', db)).toEqual({
      code: 0,
      out: [`queued #2 create Contact ${localId} again for the next sync`],
      err: [],
    });
    expect((await changes()).map((c) => [c.seq, c.status, c.fields])).toEqual([
      [1, 'pending', { Name: 'Volt D' }],
      [2, 'pending', { LastName: null, Email: 'n@x.example', AccountId: account }],
    ]);
    expect(await run('device', 'undo', '2', '--db', db)).toEqual({
      code: 0,
      out: [`undid #2 create Contact ${localId}`],
      err: [],
    });

    await h.advance(60);
    expect((await sync()).code).toBe(0);
    expect(await changes()).toEqual([]);
    const server = (await h.conn.sobject('Account').retrieve(account)) as { Name: string; Phone: string };
    expect([server.Name, server.Phone]).toEqual(['Volt D', 'server']);
    expect((await h.conn.query(`SELECT Id FROM Contact WHERE AccountId = '${account}'`)).totalSize).toBe(0);
  });
});
