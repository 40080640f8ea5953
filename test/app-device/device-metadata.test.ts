/**
 * The device keeps the plan objects' describes (labels, field types, picklist values) in its store, fetched
 * through the user's session from the embedded org at sign-in, so the screens have them offline after a
 * reload; a describe missed offline is fetched after the next sync. The first sync at sign-in is labelled
 * 'signIn' in History ("sign-in").
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSession } from '../../src/app/device/device-client.ts';
import { DeviceHost } from '../../src/app/device/device-host.ts';
import { localSyncLock } from '../../src/app/device/sync-lock.ts';
import { triggerLabel } from '../../src/app/settings/history-tab.ts';
import { SqliteStore } from '../../src/runtime/store/sqlite-store.ts';
import { publishVersion } from '../../src/org/published-plans.ts';
import { compilePlan, startHarness, type Harness } from '../runtime/helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from '../runtime/helpers/scopes.ts';

let h: Harness;
let dir: string;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
  dir = mkdtempSync(join(tmpdir(), 'syncscope-device-metadata-'));
});
afterEach(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

function session(overrides: Partial<DeviceSession> = {}): DeviceSession {
  return {
    instanceUrl: h.org.url,
    accessToken: h.org.token,
    refreshToken: h.org.refreshToken,
    clientId: 'syncscope-field-app',
    userId: h.userId,
    username: 'admin@example.com',
    ...overrides,
  };
}

/** A device over a SQLite file in this test's directory: a new host on the same file is a reload. */
function fileDevice(network: { offline: boolean } = { offline: false }): DeviceHost {
  const path = join(dir, 'device.db');
  return new DeviceHost({
    // The real fetch, or what a browser's fetch does with the network off.
    fetch: (input, init) =>
      network.offline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init),
    openStore: () => new SqliteStore(path),
    deleteStore: () => rmSync(path, { force: true }),
    storage: 'memory',
    durable: true,
    scopeName: energyScope.name,
    lock: localSyncLock(),
    clock: { now: () => h.now() },
  });
}

describe('describes on the device', () => {
  it('fetches every plan object describe at sign-in and keeps them across a reload', async () => {
    await publishVersion(
      { transport: h.conn, apiVersion: '62.0' },
      energyScope,
      compilePlan(energyScope),
      'v1',
    );
    const first = fileDevice();
    await first.open();
    expect(await first.metadata()).toEqual({});
    await first.setSession(session());
    const metadata = await first.metadata();
    expect(Object.keys(metadata)).toEqual(['Account', 'Case', 'Contact', 'Product2']);
    expect([metadata.Account?.label, metadata.Account?.labelPlural]).toEqual(['Account', 'Accounts']);
    const industry = metadata.Account?.fields.find((f) => f.name === 'Industry');
    expect([industry?.type, industry?.picklistValues?.map((p) => p.value)]).toEqual([
      'picklist',
      ['Construction', 'Energy', 'Healthcare', 'Hospitality', 'Manufacturing', 'Retail', 'Utilities'],
    ]);
    expect(metadata.Account?.fields.find((f) => f.name === 'Rating')?.label).toBe('Account Rating');
    await first.close();

    // Reopened with the org unreachable: the describes come from the store.
    const reopened = fileDevice();
    await reopened.open();
    await reopened.setSession(session({ instanceUrl: 'http://127.0.0.1:9' }));
    expect(await reopened.metadata()).toEqual(metadata);
    await reopened.close();
  });

  it('offline at sign-in: no describes, the app goes on; the next successful sync fetches them', async () => {
    const network = { offline: true };
    const device = fileDevice(network);
    await device.open();
    await device.installPlan(compilePlan(energyScope));
    await device.setSession(session());
    expect(await device.metadata()).toEqual({});
    expect((await device.sync('signIn')).ok).toBe(false);
    expect(await device.metadata()).toEqual({});

    network.offline = false;
    expect((await device.sync('reconnect')).ok).toBe(true);
    const metadata = await device.metadata();
    expect(Object.keys(metadata)).toEqual(['Account', 'Case', 'Contact', 'Product2']);
    expect(metadata.Contact?.labelPlural).toBe('Contacts');
    await device.close();
  });

  it('the first sync at sign-in is recorded as "signIn" and History names it "sign-in"', async () => {
    const device = fileDevice();
    await device.open();
    await device.installPlan(compilePlan(energyScope));
    await device.setSession(session());
    expect((await device.sync('signIn')).ok).toBe(true);
    expect((await device.sync('menu')).ok).toBe(true);
    const history = await device.history();
    expect(history.map((e) => [e.trigger, e.triggeredBy])).toEqual([
      ['manual', 'menu'],
      ['manual', 'signIn'],
    ]);
    expect(history.map((e) => triggerLabel(e))).toEqual(['Sync now (menu)', 'Sign-in']);
    await device.close();
  });
});
