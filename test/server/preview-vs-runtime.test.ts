/**
 * The preview's figures are a model of the device runtime; this checks the model against the real engine
 * (src/runtime) syncing the same scope for the same user on the same org: the records it ends up with,
 * and the API calls of its first sync, of a "Sync now" where nothing changed, and of a day of scheduled
 * syncs. The device follows the published plan, as deployed devices do, so every sync includes the check
 * for a newer plan that the preview counts.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScope } from '../../src/org/compile-scope.ts';
import { OrgClient } from '../../src/org/org-client.ts';
import { previewScope } from '../../src/org/preview.ts';
import { publishVersion } from '../../src/org/published-plans.ts';
import { MemoryStore } from '../../src/runtime/store/memory-store.ts';
import { SyncEngine } from '../../src/runtime/sync-engine.ts';
import { FIXTURE_NOW, exampleScope, startFixtureOrg, type FixtureOrg } from './support/fixture-org.ts';

let org: FixtureOrg;

beforeAll(async () => {
  org = await startFixtureOrg();
});
afterAll(async () => {
  await org?.close();
});

describe('preview vs the device runtime', () => {
  it('predicts the records a device holds and the API calls it spends', async () => {
    const client = new OrgClient(org.connection);
    const compiled = await compileScope(client, exampleScope());
    const preview = await previewScope(client, compiled, { userId: org.ids.tech! });

    await publishVersion(
      { transport: org.connection, apiVersion: compiled.plan.apiVersion },
      compiled.scope,
      compiled.plan,
      'preview vs runtime',
    );
    const store = new MemoryStore();
    const engine = new SyncEngine({
      transport: org.connection,
      store,
      publishedPlan: { scopeName: compiled.scope.name },
      userId: org.ids.tech,
      clock: { now: () => FIXTURE_NOW.getTime() },
    });
    const first = await engine.syncNow();
    expect(first.ok, first.error).toBe(true);
    const held = Object.fromEntries(
      compiled.plan.objects.map((o) => [o.name, store.listRecords(o.name).length]),
    );
    expect(held).toEqual(Object.fromEntries(preview.objects.map((o) => [o.name, o.count])));

    // The device had no plan yet: besides the check it downloaded the published plan once (VersionData).
    expect(first.planInstalled?.versionNumber).toBeGreaterThan(0);
    expect(first.apiCalls).toBe(preview.totals.firstSyncApiCalls + 1);
    const again = await engine.syncNow();
    expect(again.ok, again.error).toBe(true);
    expect(again.planInstalled).toBeUndefined();
    expect(again.apiCalls).toBe(preview.totals.deltaNoChangeApiCalls);
  });

  it('predicts the API calls of a day of scheduled syncs', async () => {
    const client = new OrgClient(org.connection);
    const compiled = await compileScope(client, exampleScope());
    const preview = await previewScope(client, compiled, { userId: org.ids.tech! });
    let now = FIXTURE_NOW.getTime();
    await publishVersion(
      { transport: org.connection, apiVersion: compiled.plan.apiVersion },
      compiled.scope,
      compiled.plan,
      'a day of syncs',
    );
    const engine = new SyncEngine({
      transport: org.connection,
      store: new MemoryStore(),
      publishedPlan: { scopeName: compiled.scope.name },
      userId: org.ids.tech,
      clock: { now: () => now },
    });
    expect((await engine.syncNow()).ok).toBe(true);
    // The scheduler's ticks over the next 24 hours (the last one is the next day's full reconciliation).
    let calls = 0;
    for (let tick = 1; tick <= preview.totals.syncsPerDay; tick++) {
      now = FIXTURE_NOW.getTime() + tick * preview.assumptions.tickMinutes * 60_000;
      const summary = await engine.sync({ trigger: 'scheduled' });
      expect(summary.ok, summary.error).toBe(true);
      calls += summary.apiCalls;
    }
    expect(calls).toBe(preview.totals.apiCallsPerDevicePerDay);
  });
});
