/**
 * The preview's figures are a model of the device runtime; this checks the model against the real engine
 * (src/runtime) syncing the same scope for the same user on the same org: the records it ends up with,
 * and the API calls of its first sync, of a "Sync now" where nothing changed, and of a day of scheduled
 * syncs.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScope } from '../../src/server/compile-scope.ts';
import { OrgClient } from '../../src/server/org-client.ts';
import { previewScope } from '../../src/server/preview.ts';
import { DEFAULT_ASSUMPTIONS } from '../../src/server/api-cost.ts';
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

    const store = new MemoryStore();
    const engine = new SyncEngine({
      transport: org.connection,
      store,
      plan: compiled.plan,
      userId: org.ids.tech,
      clock: { now: () => FIXTURE_NOW.getTime() },
    });
    const first = await engine.syncNow();
    expect(first.ok, first.error).toBe(true);
    const held = Object.fromEntries(
      compiled.plan.objects.map((o) => [o.name, store.listRecords(o.name).length]),
    );
    expect(held).toEqual(Object.fromEntries(preview.objects.map((o) => [o.name, o.count])));

    // The engine runs a plan it was given; the preview also counts the device's check for a newer plan.
    const planCheck = DEFAULT_ASSUMPTIONS.planCheckCallsPerSync;
    expect(first.apiCalls).toBe(preview.totals.firstSyncApiCalls - planCheck);
    const again = await engine.syncNow();
    expect(again.ok, again.error).toBe(true);
    expect(again.apiCalls).toBe(preview.totals.deltaNoChangeApiCalls - planCheck);
  });

  it('predicts the API calls of a day of scheduled syncs', async () => {
    const client = new OrgClient(org.connection);
    const compiled = await compileScope(client, exampleScope());
    const preview = await previewScope(client, compiled, { userId: org.ids.tech! });
    let now = FIXTURE_NOW.getTime();
    const engine = new SyncEngine({
      transport: org.connection,
      store: new MemoryStore(),
      plan: compiled.plan,
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
    const planChecks = preview.totals.syncsPerDay * DEFAULT_ASSUMPTIONS.planCheckCallsPerSync;
    expect(calls).toBe(preview.totals.apiCallsPerDevicePerDay - planChecks);
  });
});
