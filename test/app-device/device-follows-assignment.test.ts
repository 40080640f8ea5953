/**
 * The field app's device (DeviceHost over MemoryStore, FetchTransport) follows the scope the org assigns
 * its user (docs/rollout.md): signed in with the user's own session (OAuth username-password flow against
 * the embedded demo org), it reads the user's facts and the assignments at sign-in; with nothing assigned
 * to the user it falls back to the app's configured scope name.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryDevice } from '../../src/app/device/create-device.ts';
import type { DeviceSession } from '../../src/app/device/device-client.ts';
import { signInWithPassword } from '../../src/cli/password-sign-in.ts';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { DEMO_CLIENT_ID } from '../../src/emulator/seed/demo-ids.ts';
import { publishVersion } from '../../src/org/published-plans.ts';
import { compilePlan, startHarness, type Harness } from '../runtime/helpers/e2e-org.ts';
import { energyScope } from '../runtime/helpers/scopes.ts';

const PASSWORD = 'syncscope-demo-1';
const TESS = 'tess.fielding@syncscope.example';
const DIANE = 'diane.moreau@syncscope.example';
const ADMIN = 'admin@syncscope.example';

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
/** The app's configured scope (app-config.json `scopeName`), published without assignments. */
const configuredScope: SyncScope = {
  ...energyScope,
  name: 'Configured',
  objects: { Account: energyScope.objects.Account! },
};

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ seed: 'demo' });
});
afterEach(async () => {
  await h.close();
});

const org = () => ({ transport: h.conn, apiVersion: '62.0' });

async function signedInDevice(username: string) {
  const signedIn = await signInWithPassword({ loginUrl: h.org.url, username, password: PASSWORD });
  const session: DeviceSession = { ...signedIn, clientId: DEMO_CLIENT_ID, username };
  const device = createMemoryDevice({ scopeName: configuredScope.name, clock: { now: () => h.now() } });
  await device.open();
  await device.setSession(session);
  return device;
}

async function publishAll(): Promise<void> {
  await publishVersion(org(), configuredScope, compilePlan(configuredScope), 'configured');
  await publishVersion(org(), technicianScope, compilePlan(technicianScope), 'technicians', {
    assign: [{ kind: 'profile', name: 'Field Technician' }],
  });
  await publishVersion(org(), dispatcherScope, compilePlan(dispatcherScope), 'dispatch', {
    assign: [{ kind: 'user', username: DIANE }],
  });
}

describe('the field app device follows its user assignment', () => {
  it('installs the scope assigned to each user at sign-in and syncs it', async () => {
    await publishAll();

    const tess = await signedInDevice(TESS);
    expect((await tess.plan())?.scopeName).toBe('Field technician');
    expect((await tess.plan())?.objects.map((o) => o.name)).toEqual(['Account', 'Product2']);
    const tessSync = await tess.sync('menu');
    expect(tessSync.error).toBeUndefined();
    expect(tessSync.ok).toBe(true);
    expect((await tess.plan())?.scopeName).toBe('Field technician');

    const diane = await signedInDevice(DIANE);
    expect((await diane.plan())?.scopeName).toBe('Dispatcher');
    const dianeSync = await diane.sync('menu');
    expect(dianeSync.error).toBeUndefined();
    expect(dianeSync.ok).toBe(true);
    expect((await diane.plan())?.objects.map((o) => o.name)).toEqual(['Product2']);
    await tess.close();
    await diane.close();
  });

  it('falls back to the configured scope name when nothing is assigned to the user', async () => {
    await publishAll();
    const admin = await signedInDevice(ADMIN);
    expect((await admin.plan())?.scopeName).toBe('Configured');
    const summary = await admin.sync('menu');
    expect(summary.error).toBeUndefined();
    expect(summary.ok).toBe(true);
    expect((await admin.plan())?.scopeName).toBe('Configured');
    await admin.close();
  });

  it('moves to another scope at the next sync when the org assigns the user another one', async () => {
    await publishAll();
    const tess = await signedInDevice(TESS);
    expect((await tess.sync('menu')).ok).toBe(true);
    expect((await tess.plan())?.scopeName).toBe('Field technician');

    await publishVersion(org(), dispatcherScope, compilePlan(dispatcherScope), 'tess dispatches', {
      assign: [{ kind: 'user', username: TESS }],
    });
    const moved = await tess.sync('menu');
    expect(moved.error).toBeUndefined();
    expect(moved.planInstalled?.versionNumber).toBe(2);
    expect((await tess.plan())?.scopeName).toBe('Dispatcher');
    await tess.close();
  });
});
