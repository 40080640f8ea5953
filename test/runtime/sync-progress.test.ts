/**
 * Progress events: per object, `done` counts the records this sync STORED (new or changed) and `total`
 * adds what the queries asked so far may still bring, so `done` never goes back, never passes `total`,
 * and the last event's total is the records stored. Records re-read unchanged (a delta's overlap, an Id
 * query's rows, a record returned twice) are not counted: they once made "82 / 82" of 41 work orders
 * and "Product2 2 / 2" of a sync where nothing changed. The overall fraction (overall-progress.ts) moves
 * with the work, never back, and is 1 only when the sync ended.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OverallProgress } from '../../src/runtime/overall-progress.ts';
import type { SyncProgress } from '../../src/runtime/progress.ts';
import { compilePlan, START, startHarness, type Harness } from './helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope, technicianScope } from './helpers/scopes.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
});
afterEach(async () => {
  await h.close();
});

describe('sync progress', () => {
  it('counts children fetched by parent Id, not the parents', async () => {
    const energy = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    const shop = await h.create('Account', { Name: 'Shop', Industry: 'Retail' });
    await h.create('Contact', { LastName: 'E1', Email: 'e1@x.example', AccountId: energy });
    for (const name of ['S1', 'S2', 'S3'])
      await h.create('Contact', { LastName: name, Email: `${name}@x.example`, AccountId: shop });
    await h.advance(60);
    const engine = h.device(compilePlan(energyScope));
    expect((await engine.syncNow()).ok).toBe(true);
    await h.advance(120);
    // The shop enters the scope; its contacts did not change, so they come by parent Id.
    await h.update('Account', shop, { Industry: 'Energy' });
    await h.advance(60);
    const events: SyncProgress[] = [];
    engine.on('progress', (p) => events.push(p));
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(events).toEqual([
      // Deltas re-read the overlap (60 s before the watermark): Volt and E1 come again unchanged (not
      // counted), with the shop and its contacts, which were stamped in that same second.
      { phase: 'download', object: 'Account', done: 1, total: 1 },
      { phase: 'download', object: 'Product2', done: 0, total: 0 },
      { phase: 'download', object: 'Case', done: 0, total: 0 },
      // The delta stored the shop's three contacts; fetched again by parent Id they store nothing, so no
      // event (before: 4 / 4 then 7 / 7 for 3 contacts stored).
      { phase: 'download', object: 'Contact', done: 3, total: 3 },
    ]);
    expect(summary.counts['Contact']?.downloaded).toBe(3);
    expect(engine.store.listRecordIds('Contact')).toHaveLength(4);
    await h.expectDeviceMatchesServer(engine);
  });

  it('keeps counting through a reconciliation: the Id query, then records fetched by Id', async () => {
    const day = (n: number) => new Date(Date.parse(START) + n * 86_400_000).toISOString();
    const north = await h.create('Account', { Name: 'North' });
    const south = await h.create('Account', { Name: 'South' });
    const wo = (subject: string, days: number, account: string) =>
      h.create('WorkOrder', {
        Subject: subject,
        StartDate: day(days),
        AccountId: account,
        OwnerId: h.userId,
      });
    // "later" is older than the other work order by more than the deltas' 60-second overlap, so no
    // delta returns it again.
    await wo('later', 20, south);
    await h.advance(120);
    await wo('soon', 2, north);
    await h.create('Asset', { Name: 'Pump', AccountId: south });
    await h.advance(60);
    const engine = h.device(compilePlan(technicianScope));
    expect((await engine.syncNow()).ok).toBe(true);
    // A week later "soon" is past and "later" is within the next 14 days, unchanged since it was made:
    // only the work orders' Id query can tell, and "later" is then fetched by Id.
    await h.advance(7 * 86_400);
    const events: SyncProgress[] = [];
    engine.on('progress', (p) => events.push(p));
    expect((await engine.syncNow()).ok).toBe(true);
    expect(events).toEqual([
      // The Id query's one row is stale ("later" is not on the device): one record to store, then stored
      // by Id (before: 1 / 1 then 2 / 2, the Id row counted as a record).
      { phase: 'reconcile', object: 'WorkOrder', done: 0, total: 1 },
      { phase: 'reconcile', object: 'WorkOrder', done: 1, total: 1 },
      // North again (the delta's overlap, unchanged: nothing to store), then South, newly referenced, by Id.
      { phase: 'download', object: 'Account', done: 0, total: 0 },
      { phase: 'download', object: 'Account', done: 1, total: 1 },
      // Line items and assets held nothing: their deltas from the epoch were asked with the rest, bound
      // with the parents held before the sync; the new parents' children then come by parent Id.
      { phase: 'download', object: 'WorkOrderLineItem', done: 0, total: 0 },
      { phase: 'download', object: 'Asset', done: 0, total: 0 },
      { phase: 'download', object: 'Asset', done: 1, total: 1 },
    ]);
    await h.expectDeviceMatchesServer(engine);
  });

  it('a sync where nothing changed stores nothing and says 0 / 0 (not "Product2 2 / 2")', async () => {
    await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    await h.create('Product2', { Name: 'Meter', IsActive: true });
    await h.create('Product2', { Name: 'Pump', IsActive: true });
    await h.advance(30);
    const engine = h.device(compilePlan(energyScope));
    expect((await engine.syncNow()).ok).toBe(true);
    await h.advance(30);
    const events: SyncProgress[] = [];
    engine.on('progress', (p) => events.push(p));
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    // Everything was stamped within the overlap: every record comes again, none is stored.
    expect(events).toEqual([
      { phase: 'download', object: 'Account', done: 0, total: 0 },
      { phase: 'download', object: 'Product2', done: 0, total: 0 },
      { phase: 'download', object: 'Case', done: 0, total: 0 },
      { phase: 'download', object: 'Contact', done: 0, total: 0 },
    ]);
    expect(Object.values(summary.counts).map((c) => c.downloaded)).toEqual([0, 0, 0, 0]);
  });

  it('a first download through the Id query counts each record once, and the bar moves with it', async () => {
    const day = (n: number) => new Date(Date.parse(START) + n * 86_400_000).toISOString();
    const north = await h.create('Account', { Name: 'North' });
    for (const [subject, days] of [
      ['one', 1],
      ['two', 2],
      ['three', 3],
    ] as const)
      await h.create('WorkOrder', {
        Subject: subject,
        StartDate: day(days),
        AccountId: north,
        OwnerId: h.userId,
      });
    await h.create('Asset', { Name: 'Pump', AccountId: north });
    await h.advance(60);
    const plan = compilePlan(technicianScope);
    const engine = h.device(plan);
    const overall = new OverallProgress(plan.objects.map((o) => o.name));
    const seen: [string, number, number | undefined, number][] = [];
    engine.on('progress', (p) => seen.push([p.object ?? p.phase, p.done, p.total, overall.apply(p)]));
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    // Steps: upload, WorkOrder, WorkOrderLineItem, Account, Asset (fifths). WorkOrder: 3 Id rows to
    // fetch, then the 3 records by Id (before: 3 / 3 then 6 / 6 for 3 stored).
    expect(seen).toEqual([
      ['WorkOrder', 0, 3, 1 / 5],
      ['WorkOrder', 3, 3, 2 / 5],
      ['Account', 1, 1, 3 / 5],
      ['WorkOrderLineItem', 0, 0, 4 / 5],
      ['Asset', 1, 1, 0.99],
    ]);
    expect(overall.finish()).toBe(1);
    for (const object of ['WorkOrder', 'Account', 'Asset'])
      expect(summary.counts[object]?.downloaded, object).toBe(engine.store.listRecordIds(object).length);
    await h.expectDeviceMatchesServer(engine);
  });
});
