/**
 * Devices following the published plan (engine option `publishedPlan`), end to end against the embedded
 * org: the first sync fetches the plan, a sync with nothing new published costs exactly one extra API call
 * (counted by the org), and a newly published version is installed before the next download, which
 * downloads again only the objects whose fingerprint changed.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { publishVersion } from '../../src/org/published-plans.ts';
import { MemoryStore } from '../../src/runtime/store/memory-store.ts';
import { PUBLISHED_VERSION_META, SyncEngine } from '../../src/runtime/sync-engine.ts';
import { compilePlan, startHarness, type Harness } from './helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from './helpers/scopes.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
});
afterEach(async () => {
  await h.close();
});

const orgStore = () => ({ transport: h.conn, apiVersion: '62.0' });

async function apiCallsSoFar(): Promise<number> {
  return ((await h.control('stats', undefined, 'GET')) as { apiCalls: number }).apiCalls;
}

function followingDevice(scopeName = energyScope.name): SyncEngine {
  return new SyncEngine({
    transport: h.conn,
    store: new MemoryStore(),
    publishedPlan: { scopeName },
    userId: h.userId,
    clock: { now: () => h.now() },
  });
}

describe('devices following the published plan', () => {
  it('installs a newly published version at the next sync and downloads only what changed', async () => {
    const a1 = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    const c1 = await h.create('Contact', { LastName: 'Ada', Email: 'ada@x.example', AccountId: a1 });
    const c2 = await h.create('Contact', { LastName: 'Bob', Email: 'bob@x.example', AccountId: a1 });
    await h.create('Case', { Subject: 'Outage', Status: 'New', AccountId: a1 });
    await h.create('Product2', { Name: 'Meter', IsActive: true });
    const v1 = await publishVersion(orgStore(), energyScope, compilePlan(energyScope), 'first');
    await h.advance(120);

    const device = followingDevice();
    const first = await device.syncNow();
    expect(first.ok, first.error).toBe(true);
    expect(first.planInstalled).toEqual({
      versionId: v1.versionId,
      versionNumber: 1,
      redownload: [],
      removed: [],
      unchanged: [],
    });
    expect(device.store.getMeta(PUBLISHED_VERSION_META)).toBe(v1.versionId);
    expect(device.store.listRecordIds('Contact').sort()).toEqual([c1, c2].sort());
    await h.expectDeviceMatchesServer(device);

    // Nothing new published: the check is one query, and no plan is installed.
    const plain = new SyncEngine({
      transport: h.conn,
      store: new MemoryStore(),
      plan: compilePlan(energyScope),
      userId: h.userId,
      clock: { now: () => h.now() },
    });
    expect((await plain.syncNow()).ok).toBe(true);
    await h.advance(120);
    let before = await apiCallsSoFar();
    const plainAgain = await plain.syncNow();
    const plainCalls = (await apiCallsSoFar()) - before;
    expect(plainAgain.apiCalls).toBe(plainCalls);
    before = await apiCallsSoFar();
    const again = await device.syncNow();
    const deviceCalls = (await apiCallsSoFar()) - before;
    expect(again.ok, again.error).toBe(true);
    expect(again.planInstalled).toBeUndefined();
    expect(deviceCalls).toBe(plainCalls + 1);
    expect(again.apiCalls).toBe(deviceCalls);

    // Version 2 narrows Contact only.
    const narrower: SyncScope = {
      ...energyScope,
      objects: {
        ...energyScope.objects,
        Contact: { ...energyScope.objects.Contact!, where: "Email != null AND LastName != 'Bob'" },
      },
    };
    const v2 = await publishVersion(orgStore(), narrower, compilePlan(narrower), 'no Bob');
    await h.advance(120);
    const third = await device.syncNow();
    expect(third.ok, third.error).toBe(true);
    expect(third.planInstalled).toEqual({
      versionId: v2.versionId,
      versionNumber: 2,
      redownload: ['Contact'],
      removed: [],
      unchanged: ['Account', 'Case', 'Product2'],
    });
    expect(device.store.getMeta(PUBLISHED_VERSION_META)).toBe(v2.versionId);
    expect(device.plan.scopeHash).toBe(compilePlan(narrower).scopeHash);
    expect(third.counts.Contact).toMatchObject({ downloaded: 1 });
    for (const object of ['Account', 'Case', 'Product2'])
      expect({ object, downloaded: third.counts[object]?.downloaded ?? 0 }).toEqual({
        object,
        downloaded: 0,
      });
    expect(device.store.listRecordIds('Contact')).toEqual([c1]);
    await h.expectDeviceMatchesServer(device);
  });

  it('fails cleanly while nothing is published, then syncs once it is', async () => {
    const device = followingDevice();
    const none = await device.syncNow();
    expect(none.ok).toBe(false);
    expect(none.error).toBe(
      'no plan published for the scope "Energy accounts" yet: publish it in the config tool',
    );
    expect(none.apiCalls).toBe(1);
    await publishVersion(orgStore(), energyScope, compilePlan(energyScope), 'first');
    const summary = await device.syncNow();
    expect(summary.ok, summary.error).toBe(true);
    expect(summary.planInstalled?.versionNumber).toBe(1);
  });

  it('keeps syncing with its plan when a published plan cannot be used on this device', async () => {
    const device = followingDevice();
    await publishVersion(orgStore(), energyScope, compilePlan(energyScope), 'first');
    expect((await device.syncNow()).ok).toBe(true);
    const future = { ...compilePlan(energyScope), planVersion: 99 } as never;
    await publishVersion(orgStore(), energyScope, future, 'from a newer compiler');
    const summary = await device.syncNow();
    expect(summary.ok, summary.error).toBe(true);
    expect(summary.planInstalled).toBeUndefined();
    expect(summary.errors).toEqual([
      `the published plan of "Energy accounts" could not be used: plan version 99 is not supported by this device (it reads version ${compilePlan(energyScope).planVersion}); update syncscope; this sync used the plan already on the device`,
    ]);
    await h.expectDeviceMatchesServer(device);
  });
});
