/**
 * The in-page device (DeviceHost over MemoryStore) signed in through FetchTransport (Node's fetch, the
 * same API as the browser's) against the real embedded org over HTTP: sync events and triggers, the
 * published plan at sign-in, session refresh after the org expires the token, a refused refresh, offline.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceEvent, DeviceSession } from '../../src/app/device/device-client.ts';
import { createMemoryDevice } from '../../src/app/device/create-device.ts';
import { DeviceHost } from '../../src/app/device/device-host.ts';
import { localSyncLock } from '../../src/app/device/sync-lock.ts';
import { MemoryStore } from '../../src/runtime/index.ts';
import { publishVersion } from '../../src/org/published-plans.ts';
import { compilePlan, startHarness, type Harness } from '../runtime/helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from '../runtime/helpers/scopes.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
});
afterEach(async () => {
  await h.close();
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

async function seedEnergy(): Promise<{ account: string }> {
  const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
  await h.create('Contact', { LastName: 'Ada', Email: 'ada@x.example', AccountId: account });
  await h.create('Account', { Name: 'Other', Industry: 'Retail' });
  await h.advance(120);
  return { account };
}

function device() {
  const events: DeviceEvent[] = [];
  const client = createMemoryDevice({ scopeName: energyScope.name, clock: { now: () => h.now() } });
  client.subscribe((event) => events.push(event));
  return { client, events };
}

describe('DeviceHost over FetchTransport, against the embedded org', () => {
  it('installs the published plan at sign-in, syncs, and labels history with what started the sync', async () => {
    const { account } = await seedEnergy();
    await publishVersion(
      { transport: h.conn, apiVersion: '62.0' },
      energyScope,
      compilePlan(energyScope),
      'v1',
    );
    const { client, events } = device();
    expect(await client.open()).toEqual({ durable: false, storage: 'memory' });
    expect(await client.plan()).toBeUndefined();

    await client.setSession(session());
    expect((await client.plan())?.objects.map((o) => o.name)).toEqual([
      'Account',
      'Case',
      'Contact',
      'Product2',
    ]);
    expect(events).toEqual([{ type: 'changed', objects: ['Account', 'Case', 'Contact', 'Product2'] }]);
    events.length = 0;

    const summary = await client.sync('menu');
    expect(summary.error).toBeUndefined();
    expect(summary.ok).toBe(true);
    expect((await client.records('Account')).map((r) => [r.Id, r.Name])).toEqual([[account, 'Volt']]);
    expect((await client.records('Contact')).map((r) => r.LastName)).toEqual(['Ada']);

    const second = await client.sync('pull');
    expect(second.ok).toBe(true);
    expect((await client.history()).map((e) => [e.trigger, e.triggeredBy])).toEqual([
      ['manual', 'pull'],
      ['manual', 'menu'],
    ]);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('syncStarted');
    expect(events[0]).toEqual({ type: 'syncStarted', trigger: 'menu' });
    expect(types).toContain('progress');
    const ended = events.filter((e) => e.type === 'syncEnded');
    expect(ended.map((e) => e.type === 'syncEnded' && e.failure)).toEqual([undefined, undefined]);
    const changed = events.find((e) => e.type === 'changed');
    expect(changed).toBeDefined();
    expect(await client.status()).toMatchObject({ syncing: false, pendingChanges: 0 });
  });

  it('refreshes an expired session with the refresh token and hands the new token to the page', async () => {
    await seedEnergy();
    const { client, events } = device();
    await client.open();
    await client.installPlan(compilePlan(energyScope));
    await client.setSession({ ...session() });
    // setSession with a scope name looked for a published plan: none yet, the installed plan stays.
    expect((await client.plan())?.objects.length).toBe(4);
    await h.control('faults', { expireSessions: true });

    const summary = await client.sync('settings');
    const refreshed = events.filter((e) => e.type === 'session');
    expect(refreshed).toHaveLength(1);
    const next = refreshed[0]!.type === 'session' ? refreshed[0]!.session : undefined;
    expect(next?.accessToken).not.toBe(h.org.token);
    expect(next?.accessToken).toMatch(/^00D/);
    expect((await client.session())?.accessToken).toBe(next?.accessToken);
    expect(events.some((e) => e.type === 'sessionExpired')).toBe(false);
    // Nothing published yet: the device keeps the plan it has and syncs with it.
    expect(summary.error).toBeUndefined();
    expect(summary.ok).toBe(true);
  });

  it('a refused refresh says "sign in again", fails as session and keeps the pending change', async () => {
    await seedEnergy();
    const { client, events } = device();
    await client.open();
    await client.installPlan(compilePlan(energyScope));
    await client.setSession(session({ refreshToken: 'revoked-refresh-token' }));
    await publishVersion(
      { transport: h.conn, apiVersion: '62.0' },
      energyScope,
      compilePlan(energyScope),
      'v1',
    );
    const id = await client.create('Account', { Name: 'Made offline', Industry: 'Energy' });
    await h.control('faults', { expireSessions: true });

    const summary = await client.sync('menu');
    expect(summary.ok).toBe(false);
    expect(summary.error).toMatch(/the session expired and could not be refreshed; log in again$/);
    expect(events.filter((e) => e.type === 'sessionExpired')).toHaveLength(1);
    const ended = events.find((e) => e.type === 'syncEnded');
    expect(ended).toMatchObject({ type: 'syncEnded', failure: 'session' });
    expect((await client.pendingChanges()).map((c) => [c.op, c.recordId, c.status])).toEqual([
      // Sent and refused with 401: kept, and the next sync (signed in again) checks before re-sending.
      ['create', id, 'inFlight'],
    ]);
  });

  it('offline: the sync fails as offline (fetch TypeError), nothing is lost', async () => {
    const { client, events } = device();
    await client.open();
    await client.installPlan(compilePlan(energyScope));
    await client.setSession(session({ instanceUrl: 'http://127.0.0.1:9' }));
    const id = await client.create('Account', { Name: 'Offline', Industry: 'Energy' });
    const summary = await client.sync('reconnect');
    expect(summary.ok).toBe(false);
    expect(events.find((e) => e.type === 'syncEnded')).toMatchObject({ failure: 'offline' });
    // Sent (inFlight) and unanswered: the next sync asks the org whether it arrived before sending again.
    expect((await client.pendingChanges()).map((c) => [c.recordId, c.status])).toEqual([[id, 'inFlight']]);
    expect((await client.history(1))[0]?.triggeredBy).toBe('reconnect');
    expect((await client.history(1))[0]?.trigger).toBe('scheduled');
  });

  it('wipe deletes records, outbox and session', async () => {
    await seedEnergy();
    await publishVersion(
      { transport: h.conn, apiVersion: '62.0' },
      energyScope,
      compilePlan(energyScope),
      'v1',
    );
    const { client } = device();
    await client.open();
    await client.setSession(session());
    await client.sync('menu');
    await client.create('Account', { Name: 'Pending', Industry: 'Energy' });
    await client.wipe();
    expect(await client.session()).toBeNull();
    expect(await client.plan()).toBeUndefined();
    expect(await client.pendingChanges()).toEqual([]);
    expect(await client.history()).toEqual([]);
  });

  it('runs scheduled syncs through the device (labelled "schedule") on its own timer', async () => {
    await seedEnergy();
    const armed: { callback: () => void; ms: number }[] = [];
    const timer = {
      setTimeout: (callback: () => void, ms: number) => armed.push({ callback, ms }),
      clearTimeout: () => undefined,
    };
    const client = createMemoryDevice({ clock: { now: () => h.now() }, timer });
    const ended: unknown[] = [];
    client.subscribe((event) => event.type === 'syncEnded' && ended.push(event.summary.trigger));
    await client.open();
    await client.installPlan(compilePlan(energyScope));
    await client.setSession(session());
    expect((await client.sync('menu')).ok).toBe(true);
    await client.startSchedule();
    // Armed for the plan's interval (30 min) after the sync.
    const [first] = armed.splice(0);
    expect(first?.ms).toBe(30 * 60_000);
    first!.callback();
    while (ended.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ended).toEqual(['manual', 'scheduled']);
    expect((await client.history()).map((e) => e.triggeredBy)).toEqual(['schedule', 'menu']);
    // Re-armed after the scheduled sync; stopSchedule stops it.
    expect(armed.length).toBeGreaterThan(0);
    await client.stopSchedule();
  });

  it('one sync of a store at a time: a second device on the same lock ends "busy" while the first syncs', async () => {
    await seedEnergy();
    const lock = localSyncLock();
    const host = () =>
      new DeviceHost({
        openStore: () => new MemoryStore(),
        deleteStore: () => undefined,
        storage: 'memory',
        durable: false,
        lock,
        lockName: 'one-store',
        clock: { now: () => h.now() },
      });
    const [a, b] = [host(), host()];
    const failures: unknown[] = [];
    b.subscribe((event) => event.type === 'syncEnded' && failures.push(event.failure));
    for (const device of [a, b]) {
      await device.open();
      await device.installPlan(compilePlan(energyScope));
      await device.setSession(session());
    }
    await h.control('faults', { latencyMs: 300 });
    // The lock is taken in the same turn as 'syncStarted' is emitted.
    const started = new Promise<void>((resolve) =>
      a.subscribe((event) => event.type === 'syncStarted' && resolve()),
    );
    const first = a.sync('menu');
    await started;
    const second = await b.sync('menu');
    expect(second.ok).toBe(false);
    expect(second.error).toBe('another tab is syncing this device; this one waits for it');
    expect(failures).toEqual(['busy']);
    expect((await first).ok).toBe(true);
    await h.control('faults', undefined, 'DELETE');
    expect((await b.sync('menu')).ok).toBe(true);
  });
});
