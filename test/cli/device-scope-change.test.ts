/** A plan of another scope never purges a device silently: refused without --force, said with it. */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli as run } from '../runtime/helpers/cli.ts';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { compilePlan, startHarness, type Harness } from '../runtime/helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from '../runtime/helpers/scopes.ts';

let h: Harness;
let dir: string;
let db: string;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
  dir = mkdtempSync(join(tmpdir(), 'syncscope-scope-change-'));
  db = join(dir, 'device.sqlite');
});
afterEach(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

function planFile(name: string, scope: SyncScope): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(compilePlan(scope)));
  return file;
}

describe('device sync with a plan of another scope', () => {
  it('refuses without --force, saying what would go, and keeps pending changes with --force', async () => {
    const energy = planFile('energy.json', energyScope);
    const products: SyncScope = {
      ...energyScope,
      name: 'Products',
      objects: { Product2: energyScope.objects.Product2! },
    };
    const other = planFile('products.json', products);
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    await h.create('Contact', { LastName: 'A', Email: 'a@x.example', AccountId: account });
    await h.create('Contact', { LastName: 'B', Email: 'b@x.example', AccountId: account });
    await h.create('Product2', { Name: 'Meter', IsActive: true });
    const org = ['--org-url', h.org.url, '--token', h.org.token];
    expect((await run('device', 'sync', '--plan', energy, '--db', db, ...org)).code).toBe(0);
    await run('device', 'edit', '--db', db, '--object', 'Account', '--id', account, '--set', 'Name=Volt 2');
    const before = (await run('device', 'dump', '--db', db, '--all')).out;

    const refused = await run('device', 'sync', '--plan', other, '--db', db, ...org);
    expect(refused).toEqual({
      code: 1,
      out: [],
      err: [
        'error: the device holds data of the scope "Energy accounts"; installing a plan of the scope "Products" would remove 1 Account record, 2 Contact records; the 1 pending local change stays in the outbox until uploaded or undone: pass --force to install it anyway',
      ],
    });
    expect((await run('device', 'dump', '--db', db, '--all')).out).toEqual(before);

    await h.advance(60);
    const forced = await run('device', 'sync', '--plan', other, '--db', db, ...org, '--force');
    expect(forced.code).toBe(0);
    expect(forced.out[0]).toBe(
      'replacing: the device holds data of the scope "Energy accounts"; installing a plan of the scope "Products" would remove 1 Account record, 2 Contact records; the 1 pending local change stays in the outbox until uploaded or undone',
    );
    const after = JSON.parse((await run('device', 'dump', '--db', db, '--all')).out.join('\n')) as {
      records: Record<string, { Name: string }[]>;
      pendingChanges: { op: string; object: string; recordId: string; fields: unknown }[];
    };
    expect(Object.keys(after.records)).toEqual(['Product2']);
    expect(after.records.Product2!.map((r) => r.Name)).toEqual(['Meter']);
    expect(after.pendingChanges.map((c) => [c.op, c.object, c.recordId, c.fields])).toEqual([
      ['update', 'Account', account, { Name: 'Volt 2' }],
    ]);
  });
});
