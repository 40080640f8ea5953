/**
 * Progress events: per phase and object, `done` counts records received by every query of the phase so
 * far and `total` what the queries asked so far return, so `done` never goes back and never passes `total`
 * (children fetched by parent Ids once outnumbered the parents that `total` counted).
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
      // Deltas re-read the overlap (60 s before the watermark): Volt and E1 come again, with the shop
      // and its contacts, which were stamped in that same second.
      { phase: 'download', object: 'Account', done: 2, total: 2 },
      { phase: 'download', object: 'Product2', done: 0, total: 0 },
      { phase: 'download', object: 'Case', done: 0, total: 0 },
      // The delta query, then the new parent's three contacts by parent Id:
      // before the fix the second event read `done: 3, total: 1` (one parent Id).
      { phase: 'download', object: 'Contact', done: 4, total: 4 },
      { phase: 'download', object: 'Contact', done: 7, total: 7 },
    ]);
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
      { phase: 'reconcile', object: 'WorkOrder', done: 1, total: 1 },
      { phase: 'reconcile', object: 'WorkOrder', done: 2, total: 2 },
      // North again (the delta's overlap), then South, newly referenced, by Id.
      { phase: 'download', object: 'Account', done: 1, total: 1 },
      { phase: 'download', object: 'Account', done: 2, total: 2 },
      // Line items and assets held nothing: their deltas from the epoch were asked with the rest, bound
      // with the parents held before the sync; the new parents' children then come by parent Id.
      { phase: 'download', object: 'WorkOrderLineItem', done: 0, total: 0 },
      { phase: 'download', object: 'WorkOrderLineItem', done: 0, total: 0 },
      { phase: 'download', object: 'Asset', done: 0, total: 0 },
      { phase: 'download', object: 'Asset', done: 1, total: 1 },
    ]);
    await h.expectDeviceMatchesServer(engine);
  });
});
