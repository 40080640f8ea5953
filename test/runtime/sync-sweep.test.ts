/**
 * Records that no path reaches any more leave the device without an Id re-read: the children of a work
 * order that left the scope, an account no held work order references now, and that account's assets.
 * Also: a first download reads each object once, with its delta query from the epoch.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Transport, TransportRequest } from '../../src/runtime/index.ts';
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

const inDays = (days: number) => new Date(Date.parse(START) + days * DAY).toISOString();

/** Every SOQL statement the device sends, alone or inside /composite, with Id lists shortened. */
function recording(inner: Transport): { transport: Transport; soql: string[] } {
  const soql: string[] = [];
  const note = (url: string) => {
    const q = new URL(url, 'http://x').searchParams.get('q');
    if (q) soql.push(q.replace(/\('[0-9A-Za-z]{18}'(,'[0-9A-Za-z]{18}')*\)/g, '(…)'));
  };
  const transport: Transport = {
    instanceUrl: inner.instanceUrl,
    request: <R>(request: TransportRequest) => {
      note(request.url);
      if (request.url.endsWith('/composite') && request.body)
        for (const sub of (JSON.parse(request.body) as { compositeRequest: { url: string }[] })
          .compositeRequest)
          note(sub.url);
      return inner.request<R>(request);
    },
  };
  return { transport, soql };
}

async function seed() {
  const acc = [] as string[];
  for (const name of ['North', 'South', 'East']) acc.push(await h.create('Account', { Name: name }));
  const assets = [] as string[];
  for (const [i, account] of acc.entries())
    assets.push(await h.create('Asset', { Name: `Pump ${i}`, AccountId: account }));
  const wo = async (subject: string, days: number, account: string) =>
    h.create('WorkOrder', {
      Subject: subject,
      StartDate: inDays(days),
      AccountId: account,
      Status: 'New',
      OwnerId: h.userId,
    });
  const w = { a: await wo('a', 1, acc[0]!), b: await wo('b', 5, acc[1]!), c: await wo('c', 9, acc[2]!) };
  const items = {
    a: await h.create('WorkOrderLineItem', { WorkOrderId: w.a, Description: 'a item' }),
    c: await h.create('WorkOrderLineItem', { WorkOrderId: w.c, Description: 'c item' }),
  };
  await h.advance(60);
  return { acc, assets, w, items };
}

const fields = {
  wo: 'Id, LastModifiedDate, AccountId, Subject, Status, StartDate, OwnerId',
  item: 'Id, LastModifiedDate, WorkOrderId, Status, Description',
  account: 'Id, LastModifiedDate, Name, Phone',
  asset: 'Id, LastModifiedDate, AccountId, Name',
};
const since = (stamp: string) => `LastModifiedDate > ${stamp} ORDER BY LastModifiedDate ASC, Id ASC`;
/** An Id query or a count: a read of an object's whole scope, not of what changed. */
const readsScopeAgain = (q: string) =>
  /^SELECT Id, LastModifiedDate(, StartDate)? FROM /.test(q) || q.startsWith('SELECT COUNT()');
const woIds =
  "SELECT Id, LastModifiedDate, StartDate FROM WorkOrder WHERE OwnerId = '%USER%' AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14 ORDER BY StartDate ASC, Id ASC LIMIT 5";

describe('device-driven objects', () => {
  it('first sync: one delta from the epoch per object, no Id pass (a limit needs the Id query)', async () => {
    await seed();
    const { transport, soql } = recording(h.conn as unknown as Transport);
    const engine = h.device(compilePlan(technicianScope), { transport });
    expect((await engine.syncNow()).error).toBeUndefined();
    expect(soql).toEqual([
      woIds.replace('%USER%', h.userId),
      `SELECT ${fields.wo} FROM WorkOrder WHERE Id IN (…)`,
      `SELECT ${fields.account} FROM Account WHERE (Id IN (…)) AND ${since('1970-01-01T00:00:00Z')}`,
      `SELECT ${fields.item} FROM WorkOrderLineItem WHERE (WorkOrderId IN (…)) AND ${since('1970-01-01T00:00:00Z')}`,
      `SELECT ${fields.asset} FROM Asset WHERE (AccountId IN (…)) AND ${since('1970-01-01T00:00:00Z')}`,
    ]);
    await h.expectDeviceMatchesServer(engine);
  });

  it('a work order that leaves takes its line items, its account and that account’s assets along, on the device', async () => {
    const { acc, assets, w, items } = await seed();
    const { transport, soql } = recording(h.conn as unknown as Transport);
    const engine = h.device(compilePlan(technicianScope), { transport });
    await engine.syncNow();
    expect(engine.store.listRecordIds('Asset').sort()).toEqual([...assets].sort());
    // 16 hours on it is the day of "a": NEXT_N_DAYS starts tomorrow, so "a" leaves unmodified, found by
    // the work orders' Id query. (Less than a day: no daily reconciliation is due.)
    await h.advance(16 * 3_600);
    soql.length = 0;
    const summary = await engine.syncNow();
    expect(summary.error).toBeUndefined();
    expect(engine.store.listRecordIds('WorkOrder').sort()).toEqual([w.b, w.c].sort());
    expect(engine.store.listRecordIds('WorkOrderLineItem')).toEqual([items.c]);
    expect(engine.store.listRecordIds('Account').sort()).toEqual([acc[1]!, acc[2]!].sort());
    expect(engine.store.listRecordIds('Asset').sort()).toEqual([assets[1]!, assets[2]!].sort());
    expect(summary.counts.WorkOrderLineItem?.removed).toBe(1);
    expect(summary.counts.Account?.removed).toBe(1);
    expect(summary.counts.Asset?.removed).toBe(1);
    // Only the work orders' scope is read again; the others were swept on the device.
    expect(soql.filter(readsScopeAgain)).toEqual([woIds.replace('%USER%', h.userId)]);
    await h.expectDeviceMatchesServer(engine);
  });

  it('a changed work order comes with the Id query, in the same call, not fetched by Id after it', async () => {
    const { w } = await seed();
    const { transport, soql } = recording(h.conn as unknown as Transport);
    const engine = h.device(compilePlan(technicianScope), { transport });
    await engine.syncNow();
    await h.advance(120);
    await h.update('WorkOrder', w.b, { Subject: 'b, rescheduled' });
    await h.advance(60);
    soql.length = 0;
    const summary = await engine.syncNow();
    expect(summary.error).toBeUndefined();
    expect(summary.apiCalls).toBe(1);
    // The delta reads from the watermark (the work orders' creation, at START) less the 60 s overlap.
    expect(soql.filter((q) => q.includes(' FROM WorkOrder '))).toEqual([
      woIds.replace('%USER%', h.userId),
      `SELECT ${fields.wo} FROM WorkOrder WHERE (OwnerId = '${h.userId}' AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14) AND ${since('2026-03-02T08:59:00Z')}`,
    ]);
    expect(engine.store.getRecord('WorkOrder', w.b)?.Subject).toBe('b, rescheduled');
    await h.expectDeviceMatchesServer(engine);
  });

  it('an object that holds nothing is asked with the rest, and still gets the children of a new parent', async () => {
    const acc = await h.create('Account', { Name: 'North' });
    const wo = (subject: string, days: number) =>
      h.create('WorkOrder', {
        Subject: subject,
        StartDate: inDays(days),
        AccountId: acc,
        Status: 'New',
        OwnerId: h.userId,
      });
    await wo('no items', 1);
    await h.advance(60);
    const engine = h.device(compilePlan(technicianScope));
    await engine.syncNow();
    expect(engine.store.listRecordIds('WorkOrderLineItem')).toEqual([]);
    expect(engine.store.listRecordIds('Asset')).toEqual([]);
    await h.advance(60);
    // Before: line items and assets, holding nothing, were first downloads each time, waiting for their
    // parents in waves of their own (three calls).
    expect((await engine.syncNow()).apiCalls).toBe(1);
    const later = await wo('with an item', 2);
    const item = await h.create('WorkOrderLineItem', { WorkOrderId: later, Description: 'bring a ladder' });
    await h.advance(60);
    expect((await engine.syncNow()).error).toBeUndefined();
    expect(engine.store.listRecordIds('WorkOrderLineItem')).toEqual([item]);
    await h.expectDeviceMatchesServer(engine);
  });

  it('an account no held work order references any more leaves with its assets, on the device', async () => {
    const { acc, assets, w } = await seed();
    const { transport, soql } = recording(h.conn as unknown as Transport);
    const engine = h.device(compilePlan(technicianScope), { transport });
    await engine.syncNow();
    await h.update('WorkOrder', w.b, { AccountId: acc[0]! });
    await h.advance(60);
    soql.length = 0;
    const summary = await engine.syncNow();
    expect(summary.error).toBeUndefined();
    expect(engine.store.listRecordIds('Account').sort()).toEqual([acc[0]!, acc[2]!].sort());
    expect(engine.store.listRecordIds('Asset').sort()).toEqual([assets[0]!, assets[2]!].sort());
    expect(soql.filter(readsScopeAgain)).toEqual([woIds.replace('%USER%', h.userId)]);
    await h.expectDeviceMatchesServer(engine);
  });
});
