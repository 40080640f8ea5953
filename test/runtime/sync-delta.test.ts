/**
 * End to end through jsforce over HTTP against the embedded org: first sync, deltas with server creates,
 * updates and deletes, records leaving and entering the scope, late commits, ties at a page boundary, a plan
 * change, and the API-call cost of a sync where nothing changed. Each test ends with device == server scope.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncScope } from '../../src/compiler/scope.ts';
import type { Transport, TransportRequest } from '../../src/runtime/transport.ts';
import { compilePlan, FaultyTransport, startHarness, type Harness } from './helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from './helpers/scopes.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
});
afterEach(async () => {
  await h.close();
});

const plan = () => compilePlan(energyScope, undefined);

async function seed() {
  const a1 = await h.create('Account', { Name: 'Volt One', Industry: 'Energy', Phone: '1' });
  const a2 = await h.create('Account', { Name: 'Volt Two', Industry: 'Energy' });
  const a3 = await h.create('Account', { Name: 'Volt Three', Industry: 'Energy' });
  const r1 = await h.create('Account', { Name: 'Shop', Industry: 'Retail' });
  const c1 = await h.create('Contact', { LastName: 'Ada', Email: 'ada@x.example', AccountId: a1 });
  const c2 = await h.create('Contact', { LastName: 'NoMail', AccountId: a1 });
  const c3 = await h.create('Contact', { LastName: 'Shopper', Email: 's@x.example', AccountId: r1 });
  const c4 = await h.create('Contact', { LastName: 'Three', Email: 't@x.example', AccountId: a3 });
  const k1 = await h.create('Case', { Subject: 'Outage', Status: 'New', AccountId: a2 });
  const p1 = await h.create('Product2', { Name: 'Meter', IsActive: true });
  const p2 = await h.create('Product2', { Name: 'Old meter', IsActive: false });
  await h.advance(60);
  return { a1, a2, a3, r1, c1, c2, c3, c4, k1, p1, p2 };
}

describe('delta sync against the embedded org', () => {
  it('first sync downloads exactly the scope', async () => {
    const ids = await seed();
    const engine = h.device(plan());
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.errors).toEqual([]);
    expect(engine.store.listRecordIds('Account').sort()).toEqual([ids.a1, ids.a2, ids.a3].sort());
    expect(engine.store.listRecordIds('Contact').sort()).toEqual([ids.c1, ids.c4].sort());
    expect(engine.store.listRecordIds('Case')).toEqual([ids.k1]);
    expect(engine.store.listRecordIds('Product2')).toEqual([ids.p1]);
    const history = engine.history();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ ok: true, trigger: 'manual', apiCalls: summary.apiCalls });
    expect(history[0]!.counts.Account).toMatchObject({ downloaded: 3, removed: 0 });
    await h.expectDeviceMatchesServer(engine);
  });

  it('applies server creates, updates and deletes in the next delta', async () => {
    const ids = await seed();
    const engine = h.device(plan());
    await engine.syncNow();
    await h.advance(120);
    const a4 = await h.create('Account', { Name: 'Volt Four', Industry: 'Energy' });
    const c5 = await h.create('Contact', { LastName: 'Four', Email: 'f@x.example', AccountId: a4 });
    await h.update('Account', ids.a2, { Phone: '555' });
    await h.update('Contact', ids.c1, { Email: 'ada@new.example' });
    await h.remove('Account', ids.a3); // cascades to its contact c4
    await h.remove('Case', ids.k1);
    await h.advance(30);
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(engine.store.getRecord('Account', ids.a2)?.Phone).toBe('555');
    expect(engine.store.getRecord('Contact', ids.c1)?.Email).toBe('ada@new.example');
    expect(engine.store.getRecord('Account', ids.a3)).toBeUndefined();
    expect(engine.store.getRecord('Contact', ids.c4)).toBeUndefined();
    expect(engine.store.getRecord('Contact', c5)?.LastName).toBe('Four');
    expect(engine.store.getRecord('Case', ids.k1)).toBeUndefined();
    expect(summary.counts.Account).toMatchObject({ downloaded: 2, removed: 1 });
    await h.expectDeviceMatchesServer(engine);
  });

  it('removes a record that leaves the scope, and its children', async () => {
    const ids = await seed();
    const engine = h.device(plan());
    await engine.syncNow();
    await h.advance(120);
    await h.update('Account', ids.a1, { Industry: 'Retail' });
    await h.advance(30);
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(engine.store.getRecord('Account', ids.a1)).toBeUndefined();
    expect(engine.store.getRecord('Contact', ids.c1)).toBeUndefined();
    await h.expectDeviceMatchesServer(engine);
  });

  it('brings the old children of a parent that enters the scope', async () => {
    const ids = await seed();
    const engine = h.device(plan());
    await engine.syncNow();
    await h.advance(3600);
    await h.update('Account', ids.r1, { Industry: 'Energy' });
    await h.advance(30);
    await engine.syncNow();
    expect(engine.store.getRecord('Contact', ids.c3)?.LastName).toBe('Shopper');
    await h.expectDeviceMatchesServer(engine);
  });

  it('picks up a late commit stamped before the watermark, inside the overlap window', async () => {
    await seed();
    const engine = h.device(plan());
    await engine.syncNow();
    await h.advance(100);
    await h.create('Product2', { Name: 'Seen', IsActive: true });
    await h.advance(5);
    await engine.syncNow();
    const watermark = engine.store.getObjectState('Product2')!.watermark!;
    const late = await h.create('Product2', { Name: 'Late', IsActive: true });
    await h.control('late-commit', { object: 'Product2', id: late, secondsAgo: 20 });
    const stamp = (await h.conn.sobject('Product2').retrieve(late)) as { LastModifiedDate: string };
    expect(Date.parse(stamp.LastModifiedDate)).toBeLessThan(Date.parse(watermark));
    await h.advance(5);
    await engine.syncNow();
    expect(engine.store.getRecord('Product2', late)?.Name).toBe('Late');
    await h.expectDeviceMatchesServer(engine);
  });

  it('resumes after a break between pages of records with equal stamps without losing any', async () => {
    // The org's clock stands still: every product gets the same LastModifiedDate.
    const records = Array.from({ length: 450 }, (_, i) => ({
      Name: `P${String(i).padStart(3, '0')}`,
      IsActive: true,
    }));
    for (let i = 0; i < records.length; i += 200)
      await h.conn.sobject('Product2').create(records.slice(i, i + 200), { allOrNone: true });
    await h.advance(10);
    const transport = new FaultyTransport(h.conn);
    const engine = h.device(plan(), { transport, pageSize: 200 });
    // Fail the first follow-up page request (the sync's first nextRecordsUrl).
    const original = transport.request.bind(transport);
    let failed = false;
    transport.request = async (request) => {
      if (!failed && request.method === 'GET' && /\/query\/[^?]/.test(request.url)) {
        failed = true;
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      return original(request);
    };
    const broken = await engine.syncNow();
    expect(broken.ok).toBe(false);
    const partial = engine.store.listRecordIds('Product2').length;
    expect(partial).toBe(200);
    const state = engine.store.getObjectState('Product2')!;
    expect(state.watermark).toBeNull();
    expect(state.deltaCursor).not.toBeNull();
    const good = await engine.syncNow();
    expect(good.ok).toBe(true);
    expect(engine.store.listRecordIds('Product2')).toHaveLength(450);
    await h.expectDeviceMatchesServer(engine);
  });

  it('falls back to reconciliation when getDeleted no longer reaches back to the last check', async () => {
    const ids = await seed();
    // The org answers that its Contact deletions are only known from far in the future on.
    const transport: Transport = {
      instanceUrl: h.conn.instanceUrl,
      request: async <R>(request: TransportRequest) => {
        const answer = await h.conn.request<R>(request);
        const asked = request.body
          ? (JSON.parse(request.body) as { compositeRequest?: { url: string }[] })
          : {};
        const answers = (answer as { compositeResponse?: { body: Record<string, unknown> }[] })
          .compositeResponse;
        asked.compositeRequest?.forEach((sub, i) => {
          if (sub.url.includes('/sobjects/Contact/deleted/') && answers?.[i])
            answers[i]!.body.earliestDateAvailable = '2100-01-01T00:00:00.000+0000';
        });
        return answer;
      },
    };
    const engine = h.device(plan(), { transport });
    await engine.syncNow();
    await h.advance(60);
    await h.remove('Contact', ids.c1);
    await h.advance(60);
    const summary = await engine.syncNow();
    expect(summary.error).toBeUndefined();
    expect(summary.counts.Contact).toMatchObject({ reconciled: true, removed: 1 });
    expect(summary.counts.Account?.reconciled).toBe(false);
    expect(engine.store.getRecord('Contact', ids.c1)).toBeUndefined();
    await h.expectDeviceMatchesServer(engine);
  });

  it('reconciles after 20 days offline, beyond what getDeleted can answer', async () => {
    const ids = await seed();
    const engine = h.device(plan());
    await engine.syncNow();
    await h.advance(60);
    await h.remove('Contact', ids.c1);
    await h.update('Account', ids.a2, { Industry: 'Retail' });
    // getDeleted answers 15 days back at most; the daily reconciliation is due anyway.
    await h.advance(20 * 86_400);
    const summary = await engine.syncNow();
    expect(summary.error).toBeUndefined();
    expect(summary.counts.Contact).toMatchObject({ reconciled: true, removed: 1 });
    expect(engine.store.getRecord('Contact', ids.c1)).toBeUndefined();
    expect(engine.store.getRecord('Account', ids.a2)).toBeUndefined();
    await h.expectDeviceMatchesServer(engine);
  });

  it('binds declared scope parameters by their type', async () => {
    const ids = await seed();
    const scope: SyncScope = {
      ...energyScope,
      parameters: { industry: 'string' },
      objects: { Account: { ...energyScope.objects.Account!, where: 'Industry = :industry' } },
    };
    const engine = h.device(compilePlan(scope), { parameters: { industry: 'Retail' } });
    const summary = await engine.syncNow();
    expect(summary.error).toBeUndefined();
    expect(engine.store.listRecordIds('Account')).toEqual([ids.r1]);
    const missing = h.device(compilePlan(scope), { parameters: {} });
    expect((await missing.syncNow()).error).toBe(
      "Account: parameter :industry has no value (pass it in the engine's parameters)",
    );
  });

  it('re-reads a record the system changed without touching LastModifiedDate (a cleared lookup)', async () => {
    const scope: SyncScope = {
      ...energyScope,
      objects: { WorkOrder: { fields: ['Subject', 'ContactId'], where: "Status != 'Closed'" } },
    };
    const contact = await h.create('Contact', { LastName: 'Gone soon' });
    const order = await h.create('WorkOrder', { Subject: 'Keep me', Status: 'New', ContactId: contact });
    await h.advance(60);
    const engine = h.device(compilePlan(scope));
    await engine.syncNow();
    expect(engine.store.getRecord('WorkOrder', order)?.ContactId).toBe(contact);
    // A later change moves the watermark, so the overlap no longer re-reads the first work order.
    await h.advance(600);
    await h.create('WorkOrder', { Subject: 'Later', Status: 'New' });
    await h.advance(60);
    await engine.syncNow();
    await h.advance(60);
    await h.remove('Contact', contact);
    const server = (await h.conn.sobject('WorkOrder').retrieve(order)) as Record<string, unknown>;
    expect(server.ContactId).toBeNull();
    expect(server.SystemModstamp).not.toBe(server.LastModifiedDate);
    await h.advance(60);
    const summary = await engine.syncNow();
    expect(summary.counts.WorkOrder?.reconciled).toBe(true);
    expect(engine.store.getRecord('WorkOrder', order)?.ContactId).toBeNull();
    await h.expectDeviceMatchesServer(engine);
  });

  it('costs one API call when nothing changed', async () => {
    await seed();
    const engine = h.device(plan());
    await engine.syncNow();
    await h.advance(60);
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    // One /composite with every object's delta and window: Contact and Case read the accounts through a
    // semi-join, so nothing waits for Account's download (4 queries, 8 window checks).
    expect(summary.apiCalls).toBe(1);
    expect(Object.values(summary.counts).map((c) => c.downloaded)).toEqual([0, 0, 0, 0]);
    await h.expectDeviceMatchesServer(engine);
  });

  it('installs a changed plan: re-downloads changed objects, keeps the rest, purges removed ones', async () => {
    const ids = await seed();
    const engine = h.device(plan());
    await engine.syncNow();
    const accountWatermark = engine.store.getObjectState('Account')!.watermark;
    await h.advance(60);
    await h.update('Contact', ids.c1, { LastName: 'Ada L.' });
    const changedScope: SyncScope = {
      ...energyScope,
      objects: {
        Account: energyScope.objects.Account!,
        Contact: { ...energyScope.objects.Contact!, fields: ['LastName', 'Email', 'AccountId', 'Phone'] },
        Case: energyScope.objects.Case!,
      },
    };
    const change = engine.setPlan(compilePlan(changedScope));
    expect(change).toEqual({
      redownload: ['Contact'],
      removed: ['Product2'],
      unchanged: ['Account', 'Case'],
    });
    expect(engine.store.listRecords('Product2')).toEqual([]);
    await h.advance(60);
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(engine.store.getObjectState('Account')!.watermark).toBe(accountWatermark);
    expect(summary.counts.Account?.downloaded).toBe(0);
    expect(engine.store.getRecord('Contact', ids.c1)).toMatchObject({ LastName: 'Ada L.', Phone: null });
    await h.expectDeviceMatchesServer(engine);
  });
});
