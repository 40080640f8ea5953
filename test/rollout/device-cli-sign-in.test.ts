/**
 * `syncscope device sync --db FILE --username U --password P`: the device signs in with the OAuth
 * username-password flow against the embedded org (demo users and connected app), reads the user's
 * profile, and syncs the scope the org assigns them; the next sync picks up a new version.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { publishVersion } from '../../src/org/published-plans.ts';
import { runCli } from '../runtime/helpers/cli.ts';
import { compilePlan, startHarness, type Harness } from '../runtime/helpers/e2e-org.ts';
import { energyScope } from '../runtime/helpers/scopes.ts';

const PASSWORD = 'syncscope-demo-1';
const TESS = 'tess.fielding@syncscope.example';
const DIANE = 'diane.moreau@syncscope.example';

const technicianScope: SyncScope = {
  ...energyScope,
  name: 'Field technician',
  objects: { Account: energyScope.objects.Account!, Product2: energyScope.objects.Product2! },
};
const dispatcherScope: SyncScope = {
  ...energyScope,
  name: 'Dispatcher',
  objects: { Product2: energyScope.objects.Product2! },
};

let h: Harness;
let dir: string;
beforeEach(async () => {
  h = await startHarness({ seed: 'demo' });
  dir = mkdtempSync(join(tmpdir(), 'syncscope-rollout-sign-in-'));
  // The demo users have their profiles and permission sets already (docs/embedded-org.md).
});
afterEach(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const org = () => ({ transport: h.conn, apiVersion: '62.0' });
const signedInSync = (username: string, db: string, password = PASSWORD) =>
  runCli(
    'device',
    'sync',
    '--db',
    db,
    '--username',
    username,
    '--password',
    password,
    '--org-url',
    h.org.url,
  );

describe('syncscope device sync --username --password', () => {
  it('signs in, syncs the scope assigned to the user, and follows a new version', async () => {
    await publishVersion(org(), technicianScope, compilePlan(technicianScope), 'technicians', {
      assign: [{ kind: 'profile', name: 'Field Technician' }],
    });
    await publishVersion(org(), dispatcherScope, compilePlan(dispatcherScope), 'dispatch', {
      assign: [{ kind: 'profile', name: 'Dispatcher' }],
    });

    const tessDb = join(dir, 'tess.sqlite');
    const tess = await signedInSync(TESS, tessDb);
    expect(tess.err).toEqual([]);
    expect(tess.code).toBe(0);
    expect(tess.out[0]).toBe(
      `signed in as ${TESS} (profile Field Technician, permission sets Field_Technician)`,
    );
    expect(tess.out).toContain(
      '  installed published plan v1 ("Field technician" v1 via profile:Field Technician)',
    );
    expect(tess.out.at(-1)).toBe(`  scope: "Field technician" (as the org assigns it to ${TESS})`);

    const diane = await signedInSync(DIANE, join(dir, 'diane.sqlite'));
    expect(diane.code).toBe(0);
    expect(diane.out[0]).toBe(
      `signed in as ${DIANE} (profile Dispatcher, permission sets Dispatch_All_Work_Orders)`,
    );
    expect(diane.out.at(-1)).toBe(`  scope: "Dispatcher" (as the org assigns it to ${DIANE})`);

    // Version 2 drops the Industry filter on Account: Tess's next sync installs it, Account only again.
    const wider: SyncScope = {
      ...technicianScope,
      objects: {
        ...technicianScope.objects,
        Account: { ...technicianScope.objects.Account!, where: 'Name != null' },
      },
    };
    await publishVersion(org(), wider, compilePlan(wider), 'all accounts');
    const again = await signedInSync(TESS, tessDb);
    expect(again.code).toBe(0);
    expect(again.out).toContain(
      '  installed published plan v2 ("Field technician" v2 via profile:Field Technician); downloading again: Account',
    );
    const quiet = await signedInSync(TESS, tessDb);
    expect(quiet.out.some((line) => line.startsWith('  installed'))).toBe(false);
  });

  it('says why a sign-in fails, without echoing the password', async () => {
    const wrong = await signedInSync(TESS, join(dir, 'x.sqlite'), 'not-the-password');
    expect(wrong.code).toBe(1);
    expect(wrong.err.join('\n')).toBe(
      `error: signing in as ${TESS} at ${new URL(h.org.url).host} failed: authentication failure (invalid_grant): check the username and password (a real org may want the security token appended to the password)`,
    );
    expect([...wrong.out, ...wrong.err].join('\n')).not.toContain('not-the-password');
    const mixed = await runCli(
      'device',
      'sync',
      '--db',
      join(dir, 'y.sqlite'),
      '--username',
      TESS,
      '--scope-name',
      'X',
    );
    expect(mixed.err.join('\n')).toBe(
      'error: --username follows the scope the org assigns to the user: leave out --plan and --scope-name',
    );
  });
});
