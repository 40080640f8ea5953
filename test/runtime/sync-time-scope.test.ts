/**
 * A scope that moves by itself: work orders of the next 14 days (the first 5 by start date), their line
 * items, the accounts they reference and those accounts' assets. Records enter and leave as time passes
 * without being modified; the device must hold exactly the scope after every sync.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compilePlan, START, startHarness, type Harness } from './helpers/e2e-org.ts';
import { technicianScope } from './helpers/scopes.ts';

const DAY = 86_400_000;
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const plan = () => compilePlan(technicianScope);
const inDays = (days: number) => new Date(Date.parse(START) + days * DAY).toISOString();

async function seed() {
  const acc = [] as string[];
  for (const name of ['North', 'South', 'East']) acc.push(await h.create('Account', { Name: name }));
  for (const [i, account] of acc.entries())
    await h.create('Asset', { Name: `Pump ${i}`, AccountId: account });
  const wo = async (subject: string, days: number, account: string, status = 'New') =>
    h.create('WorkOrder', {
      Subject: subject,
      StartDate: inDays(days),
      AccountId: account,
      Status: status,
      OwnerId: h.userId,
    });
  const w = {
    soon: await wo('soon', 2, acc[0]!),
    later: await wo('later', 20, acc[1]!),
    closed: await wo('closed', 1, acc[0]!, 'Closed'),
    past: await wo('past', -1, acc[1]!),
    d3: await wo('d3', 3, acc[2]!),
    d4: await wo('d4', 4, acc[2]!),
    d5: await wo('d5', 5, acc[2]!),
    d6: await wo('d6', 6, acc[2]!),
    d7: await wo('d7', 7, acc[2]!),
    d8: await wo('d8', 8, acc[2]!),
  };
  const items = {
    soon: await h.create('WorkOrderLineItem', { WorkOrderId: w.soon, Description: 'soon item' }),
    later: await h.create('WorkOrderLineItem', { WorkOrderId: w.later, Description: 'later item' }),
    d7: await h.create('WorkOrderLineItem', { WorkOrderId: w.d7, Description: 'd7 item' }),
  };
  await h.advance(60);
  return { acc, w, items };
}

describe('a time-dependent, limited scope', () => {
  it('holds exactly the first 5 work orders by start date and what hangs off them', async () => {
    const { acc, w, items } = await seed();
    const engine = h.device(plan());
    const summary = await engine.syncNow();
    expect(summary.error).toBeUndefined();
    expect(engine.store.listRecordIds('WorkOrder').sort()).toEqual([w.soon, w.d3, w.d4, w.d5, w.d6].sort());
    expect(engine.store.listRecordIds('WorkOrderLineItem')).toEqual([items.soon]);
    expect(engine.store.listRecordIds('Account').sort()).toEqual([acc[0]!, acc[2]!].sort());
    expect(engine.store.listRecords('Asset')).toHaveLength(2);
    await h.expectDeviceMatchesServer(engine);
  });

  it('lets records enter and leave unchanged as days pass, bringing old children and references', async () => {
    const { acc, w, items } = await seed();
    const engine = h.device(plan());
    await engine.syncNow();
    await h.advance(7 * 86_400);
    const summary = await engine.syncNow();
    expect(summary.error).toBeUndefined();
    // "later" (day 20) is now inside the next 14 days, untouched since it was created; d3..d6 are past.
    expect(engine.store.getRecord('WorkOrder', w.later)).toBeDefined();
    expect(engine.store.getRecord('WorkOrder', w.d3)).toBeUndefined();
    expect(engine.store.getRecord('WorkOrderLineItem', items.later)?.Description).toBe('later item');
    expect(engine.store.getRecord('WorkOrderLineItem', items.soon)).toBeUndefined();
    expect(engine.store.getRecord('Account', acc[1]!)?.Name).toBe('South');
    expect(summary.counts.WorkOrder?.reconciled).toBe(true);
    await h.expectDeviceMatchesServer(engine);
  });

  it('keeps exactly the first 5 when one closes on the server: the sixth moves in', async () => {
    const { w, items } = await seed();
    const engine = h.device(plan());
    await engine.syncNow();
    await h.advance(60);
    await h.update('WorkOrder', w.soon, { Status: 'Closed' });
    await h.advance(60);
    await engine.syncNow();
    expect(engine.store.listRecordIds('WorkOrder').sort()).toEqual([w.d3, w.d4, w.d5, w.d6, w.d7].sort());
    expect(engine.store.listRecordIds('WorkOrderLineItem')).toEqual([items.d7]);
    await h.expectDeviceMatchesServer(engine);
  });

  it('uploads a line item edited offline and keeps the scope exact', async () => {
    const { items } = await seed();
    const engine = h.device(plan());
    await engine.syncNow();
    engine.update('WorkOrderLineItem', items.soon, { Description: 'checked on site' });
    await h.advance(60);
    const summary = await engine.syncNow();
    expect(summary.counts.WorkOrderLineItem?.uploaded).toBe(1);
    expect(engine.store.getRecord('WorkOrderLineItem', items.soon)?.Description).toBe('checked on site');
    await h.expectDeviceMatchesServer(engine);
  });
});
