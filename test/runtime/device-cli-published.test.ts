/** `syncscope device sync --scope-name NAME`: a device that follows the plan published in the org. */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { runCli as run } from './helpers/cli.ts';
import { publishVersion } from '../../src/org/published-plans.ts';
import { compilePlan, startHarness, type Harness } from './helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from './helpers/scopes.ts';

let h: Harness;
let dir: string;
let db: string;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
  dir = mkdtempSync(join(tmpdir(), 'syncscope-device-published-'));
  db = join(dir, 'device.sqlite');
});
afterEach(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const sync = () =>
  run(
    'device',
    'sync',
    '--scope-name',
    energyScope.name,
    '--db',
    db,
    '--org-url',
    h.org.url,
    '--token',
    h.org.token,
  );
const publish = (scope: SyncScope, note: string) =>
  publishVersion({ transport: h.conn, apiVersion: '62.0' }, scope, compilePlan(scope), note);

describe('syncscope device sync --scope-name', () => {
  it('fetches the published plan, checks it every sync and installs a new version', async () => {
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    await h.create('Contact', { LastName: 'Ada', Email: 'ada@x.example', AccountId: account });
    await h.create('Contact', { LastName: 'Bob', Email: 'bob@x.example', AccountId: account });
    await publish(energyScope, 'first');
    await h.advance(120);

    const first = await sync();
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.out).toContain('  installed published plan v1');
    expect(first.out).toContain('  Contact: 2 downloaded, 0 removed, 0 uploaded');

    await h.advance(120);
    const again = await sync();
    expect(again.code).toBe(0);
    expect(again.out.join('\n')).not.toContain('installed published plan');
    // Nothing changed: one /composite per wave (two) and the one-query plan check.
    expect(again.out.find((l) => l.startsWith('sync complete'))).toMatch(
      /^sync complete in \d+\.\d s, 2 API calls$/,
    );

    await publish(
      {
        ...energyScope,
        objects: {
          ...energyScope.objects,
          Contact: { ...energyScope.objects.Contact!, where: "Email != null AND LastName != 'Bob'" },
        },
      },
      'no Bob',
    );
    await h.advance(120);
    const third = await sync();
    expect(third.code).toBe(0);
    expect(third.out).toContain('  installed published plan v2; downloading again: Contact');
    expect(third.out).toContain('  Contact: 1 downloaded, 0 removed, 0 uploaded');
    const dump = await run('device', 'dump', '--db', db, '--object', 'Contact');
    const records = JSON.parse(dump.out.join('\n')) as Record<string, { LastName: string }[]>;
    expect(records.Contact!.map((r) => r.LastName)).toEqual(['Ada']);
  });

  it('wants exactly one of --plan and --scope-name', async () => {
    const neither = await run('device', 'sync', '--db', db, '--org-url', h.org.url, '--token', h.org.token);
    expect(neither.code).toBe(1);
    expect(neither.err).toEqual([
      'error: say which plan: --plan plan.json (a compiled file), or --scope-name NAME (the plan published in the org)',
    ]);
  });
});
