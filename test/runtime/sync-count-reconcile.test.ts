/**
 * Reconciliation by count (src/runtime/download/count-check.ts) against the embedded org over HTTP: after a normal
 * sync, equal counts mark objects reconciled with COUNT() statements only (no Id query, device unchanged);
 * a ghost (a record deleted on the server, a child moved to a parent the device does not hold) makes a
 * count differ, nothing changes, and the Id reconciliation then removes it. Statements per Id chunk of an
 * `idSource` member, and a union object (Contact: childOf Account + referencedBy WorkOrder).
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanObject, SyncPlan } from '../../src/compiler/plan.ts';
import type { SyncScope } from '../../src/compiler/scope.ts';
import {
  prepareCountCheck,
  reconcileByCount,
  settleCountCheck,
} from '../../src/runtime/download/count-check.ts';
import { emptyCounts } from '../../src/runtime/progress.ts';
import { runReconcile } from '../../src/runtime/download/reconcile.ts';
import { sweepOrphans } from '../../src/runtime/download/scope-sweep.ts';
import { SalesforceApi } from '../../src/runtime/salesforce-api.ts';
import { SqliteStore } from '../../src/runtime/store/sqlite-store.ts';
import type { SyncStore } from '../../src/runtime/store/sync-store.ts';
import type { SyncContext } from '../../src/runtime/sync-context.ts';
import { ApiRequestError } from '../../src/runtime/sync-errors.ts';
import type { SyncEngine } from '../../src/runtime/sync-engine.ts';
import type { TransportRequest } from '../../src/runtime/transport.ts';
import { compilePlan, FaultyTransport, START, startHarness, type Harness } from './helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from './helpers/scopes.ts';

const DAY = 86_400_000;
let h: Harness;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
});
afterEach(async () => {
  await h.close();
});

/** A run's context over a logging transport, as the engine builds one for a sync. */
function contextFor(engine: SyncEngine): { context: SyncContext; transport: FaultyTransport } {
  const transport = new FaultyTransport(h.conn);
  const plan = engine.plan;
  const context: SyncContext = {
    store: engine.store,
    api: new SalesforceApi(transport, plan.apiVersion),
    plan,
    clock: { now: () => h.now() },
    userId: h.userId,
    parameters: {},
    downloadAll: true,
    counts: {},
    errors: [],
    dropped: [],
    progress: () => {},
    tallies: new Map(),
  };
  return { context, transport };
}

/** Per API call sent, the SOQL of every query it carried (a /composite carries several). */
function queriesSent(transport: FaultyTransport): string[][] {
  return transport.log.map((line, i) => {
    if (line === 'POST /composite') {
      const body = JSON.parse(transport.bodies[i]!) as { compositeRequest: { url: string }[] };
      return body.compositeRequest.map((sub) => decodeURIComponent(sub.url.replace(/^.*\?q=/, '')));
    }
    const query = /^GET \/query\?q=(.*)$/.exec(line);
    return [query ? query[1]! : line];
  });
}

/** Everything the device holds: records and sync state per plan object. */
function snapshot(store: SyncStore, plan: SyncPlan) {
  return plan.objects.map((o) => ({
    object: o.name,
    records: store.listRecords(o.name),
    state: store.getObjectState(o.name),
  }));
}

function objectOf(plan: SyncPlan, name: string): PlanObject {
  return plan.objects.find((o) => o.name === name)!;
}

async function orgApiCalls(): Promise<number> {
  return ((await h.control('stats', undefined, 'GET')) as { apiCalls: number }).apiCalls;
}

const list = (ids: readonly string[]): string =>
  `(${[...ids]
    .sort()
    .map((id) => `'${id}'`)
    .join(',')})`;

describe('reconciliation by count, objects without idSource (energy scope)', () => {
  async function seed() {
    const a1 = await h.create('Account', { Name: 'Volt One', Industry: 'Energy' });
    const a2 = await h.create('Account', { Name: 'Volt Two', Industry: 'Energy' });
    const r1 = await h.create('Account', { Name: 'Shop', Industry: 'Retail' });
    const c1 = await h.create('Contact', { LastName: 'Ada', Email: 'ada@x.example', AccountId: a1 });
    const c2 = await h.create('Contact', { LastName: 'Bob', Email: 'bob@x.example', AccountId: a2 });
    await h.create('Contact', { LastName: 'NoMail', AccountId: a1 });
    await h.create('Contact', { LastName: 'Shopper', Email: 's@x.example', AccountId: r1 });
    // Every object holds records: one that holds none downloads from scratch each time (nothing to count).
    await h.create('Case', { Subject: 'Outage', Status: 'New', AccountId: a2 });
    const p1 = await h.create('Product2', { Name: 'Meter', IsActive: true });
    const p2 = await h.create('Product2', { Name: 'Valve', IsActive: true });
    await h.create('Product2', { Name: 'Old meter', IsActive: false });
    await h.advance(60);
    return { a1, a2, r1, c1, c2, p1, p2 };
  }

  it('equal counts: one COUNT() per object, no Id query, records unchanged, state reconciled', async () => {
    const ids = await seed();
    const engine = h.device(compilePlan(energyScope));
    expect((await engine.syncNow()).ok).toBe(true);
    expect(engine.store.listRecordIds('Product2')).toEqual([ids.p1, ids.p2].sort());
    expect(engine.store.listRecordIds('Contact')).toEqual([ids.c1, ids.c2].sort());
    // As the daily reconciliation (or a lost getDeleted window) leaves it.
    for (const name of ['Product2', 'Contact'])
      engine.store.putObjectState({ ...engine.store.getObjectState(name)!, needsReconcile: true });
    await h.advance(3600);
    const before = snapshot(engine.store, engine.plan);
    const { context, transport } = contextFor(engine);
    await h.control('stats', undefined, 'DELETE');

    expect(await reconcileByCount(context, objectOf(engine.plan, 'Product2'))).toBe(true);
    expect(await reconcileByCount(context, objectOf(engine.plan, 'Contact'))).toBe(true);

    expect(queriesSent(transport)).toEqual([
      ['SELECT COUNT() FROM Product2 WHERE IsActive = TRUE'],
      [
        "SELECT COUNT() FROM Contact WHERE AccountId IN (SELECT Id FROM Account WHERE Industry = 'Energy') AND Email != NULL",
      ],
    ]);
    expect(context.api.apiCalls).toBe(2);
    expect(await orgApiCalls()).toBe(2);
    const after = snapshot(engine.store, engine.plan);
    expect(after).toEqual(
      before.map((entry) =>
        entry.object === 'Product2' || entry.object === 'Contact'
          ? {
              ...entry,
              state: { ...entry.state, needsReconcile: false, reconciledAt: h.now(), rereadIds: [] },
            }
          : entry,
      ),
    );
    expect(context.counts).toEqual({
      Product2: { ...emptyCounts(), reconciled: true },
      Contact: { ...emptyCounts(), reconciled: true },
    });
    await h.expectDeviceMatchesServer(engine);
  });

  it('several objects’ checks share /composite calls (prepareCountCheck, settleCountCheck)', async () => {
    const ids = await seed();
    const engine = h.device(compilePlan(energyScope));
    await engine.syncNow();
    await h.advance(60);
    await h.remove('Contact', ids.c2);
    await h.advance(60);
    const { context, transport } = contextFor(engine);
    const checks = ['Product2', 'Account', 'Contact'].map((name) =>
      prepareCountCheck(context, objectOf(engine.plan, name))!,
    );
    const before = snapshot(engine.store, engine.plan);
    const answers = await context.api.batchGet(checks.flatMap((check) => check.requests));
    expect(queriesSent(transport)).toEqual([
      [
        'SELECT COUNT() FROM Product2 WHERE IsActive = TRUE',
        "SELECT COUNT() FROM Account WHERE Industry = 'Energy'",
        "SELECT COUNT() FROM Contact WHERE AccountId IN (SELECT Id FROM Account WHERE Industry = 'Energy') AND Email != NULL",
      ],
    ]);
    let index = 0;
    const settled = checks.map((check) => {
      const own = answers.slice(index, index + check.requests.length);
      index += check.requests.length;
      return settleCountCheck(context, check, own);
    });
    expect(settled).toEqual([true, true, false]);
    // The deleted contact is still on the device: the caller's Id reconciliation removes it.
    expect(snapshot(engine.store, engine.plan).find((e) => e.object === 'Contact')).toEqual(
      before.find((e) => e.object === 'Contact'),
    );
    expect(context.counts).toEqual({
      Product2: { ...emptyCounts(), reconciled: true },
      Account: { ...emptyCounts(), reconciled: true },
    });
  });

  it('a record deleted on the server unseen: the count differs, nothing changes, the Id reconciliation removes it', async () => {
    const ids = await seed();
    const engine = h.device(compilePlan(energyScope));
    await engine.syncNow();
    await h.advance(60);
    await h.remove('Product2', ids.p1);
    await h.advance(60);
    const before = snapshot(engine.store, engine.plan);
    const { context, transport } = contextFor(engine);
    const product = objectOf(engine.plan, 'Product2');

    expect(await reconcileByCount(context, product)).toBe(false);
    expect(snapshot(engine.store, engine.plan)).toEqual(before);
    expect(context.counts).toEqual({});
    expect(queriesSent(transport)).toEqual([['SELECT COUNT() FROM Product2 WHERE IsActive = TRUE']]);

    await runReconcile(context, product, null, undefined);
    expect(queriesSent(transport)).toEqual([
      ['SELECT COUNT() FROM Product2 WHERE IsActive = TRUE'],
      ['SELECT Id, LastModifiedDate FROM Product2 WHERE IsActive = TRUE'],
    ]);
    expect(engine.store.listRecordIds('Product2')).toEqual([ids.p2]);
    expect(context.counts.Product2).toEqual({ ...emptyCounts(), removed: 1, reconciled: true });
    await h.expectDeviceMatchesServer(engine);
  });

  it('asks nothing and changes nothing when the state does not prove every in-scope record is held', async () => {
    await seed();
    const engine = h.device(compilePlan(energyScope));
    await engine.syncNow();
    const state = engine.store.getObjectState('Contact')!;
    const contact = objectOf(engine.plan, 'Contact');
    const cases: [string, () => void][] = [
      ['records to re-read', () => engine.store.putObjectState({ ...state, rereadIds: [state.object] })],
      ['pending fetches', () => engine.store.putObjectState({ ...state, pendingIds: { '0': ['x'] } })],
      ['an unfinished delta', () => engine.store.putObjectState({ ...state, deltaCursor: [null] })],
      ['no download yet', () => engine.store.putObjectState({ ...state, watermark: null })],
    ];
    for (const [why, arrange] of cases) {
      arrange();
      const before = snapshot(engine.store, engine.plan);
      const { context, transport } = contextFor(engine);
      expect({ why, result: await reconcileByCount(context, contact) }).toEqual({ why, result: false });
      expect({ why, calls: transport.calls }).toEqual({ why, calls: 0 });
      expect(snapshot(engine.store, engine.plan)).toEqual(before);
      engine.store.putObjectState(state);
    }
    // A plan without counts (an older compiler, or a scope counting cannot prove).
    const { count: _count, ...queries } = contact.queries;
    const { context, transport } = contextFor(engine);
    expect(await reconcileByCount(context, { ...contact, queries })).toBe(false);
    expect(transport.calls).toBe(0);
  });

  it('a failed count request throws and changes nothing', async () => {
    await seed();
    const plan = compilePlan(energyScope);
    const engine = h.device(plan);
    await engine.syncNow();
    const product = objectOf(plan, 'Product2');
    const broken: PlanObject = {
      ...product,
      queries: {
        ...product.queries,
        count: [{ soql: 'SELECT COUNT() FROM Product2 WHERE NoSuchField__c = TRUE', binds: [] }],
      },
    };
    const before = snapshot(engine.store, engine.plan);
    const { context } = contextFor(engine);
    const error = await reconcileByCount(context, broken).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ kind: 'permanent', errorCode: 'INVALID_FIELD' });
    expect(snapshot(engine.store, engine.plan)).toEqual(before);
    expect(context.counts).toEqual({});
  });
  it('in a sync: the daily reconciliation is deltas and COUNT() statements, no Id query', async () => {
    await seed();
    const transport = new FaultyTransport(h.conn);
    const plan = compilePlan(energyScope);
    const engine = h.device(plan, { transport });
    expect((await engine.syncNow()).ok).toBe(true);
    await h.advance(25 * 3600);
    const first = transport.calls;

    const summary = await engine.syncNow();

    expect(summary.ok).toBe(true);
    const sent = queriesSent(transport).slice(first);
    // Each object's count once (how they are grouped into calls is the download's business).
    expect(
      sent
        .flat()
        .filter((soql) => soql.startsWith('SELECT COUNT()'))
        .sort(),
    ).toEqual([
      "SELECT COUNT() FROM Account WHERE Industry = 'Energy'",
      "SELECT COUNT() FROM Case WHERE AccountId IN (SELECT Id FROM Account WHERE Industry = 'Energy')",
      "SELECT COUNT() FROM Contact WHERE AccountId IN (SELECT Id FROM Account WHERE Industry = 'Energy') AND Email != NULL",
      'SELECT COUNT() FROM Product2 WHERE IsActive = TRUE',
    ]);
    const idQueries = new Set(plan.objects.map((o) => o.queries.ids[0]!.soql));
    expect(sent.flat().filter((soql) => idQueries.has(soql))).toEqual([]);
    // Besides the counts, only window checks and deltas.
    expect(summary.apiCalls).toBe(sent.length);
    const windowOrDelta = /\/sobjects\/\w+\/(updated|deleted)\/\?|LastModifiedDate > /;
    expect(
      sent.flat().filter((soql) => !soql.startsWith('SELECT COUNT()') && !windowOrDelta.test(soql)),
    ).toEqual([]);
    for (const object of plan.objects)
      expect({ object: object.name, ...summary.counts[object.name] }).toEqual({
        object: object.name,
        ...emptyCounts(),
        reconciled: true,
      });
    await h.expectDeviceMatchesServer(engine);
  });

  it('in a sync: 20 days offline with a deletion the org no longer reports, the count differs and the Id query removes it', async () => {
    const ids = await seed();
    const transport = new FaultyTransport(h.conn);
    const plan = compilePlan(energyScope);
    const engine = h.device(plan, { transport });
    await engine.syncNow();
    await h.advance(60);
    await h.remove('Product2', ids.p1);
    // The recycle bin keeps deletions 15 days: getDeleted will not list this one.
    await h.advance(20 * 86_400);
    const first = transport.calls;

    const summary = await engine.syncNow();

    expect(summary.ok).toBe(true);
    const sent = queriesSent(transport).slice(first).flat();
    const count = sent.indexOf('SELECT COUNT() FROM Product2 WHERE IsActive = TRUE');
    const ids2 = sent.indexOf('SELECT Id, LastModifiedDate FROM Product2 WHERE IsActive = TRUE');
    expect(count).toBeGreaterThanOrEqual(0);
    expect(ids2).toBeGreaterThan(count);
    // The other objects' counts were equal: no Id query for them.
    expect(sent.filter((soql) => soql.startsWith('SELECT Id, LastModifiedDate FROM'))).toEqual([
      'SELECT Id, LastModifiedDate FROM Product2 WHERE IsActive = TRUE',
    ]);
    expect(engine.store.listRecordIds('Product2')).toEqual([ids.p2]);
    expect(summary.counts.Product2).toEqual({ ...emptyCounts(), removed: 1, reconciled: true });
    await h.expectDeviceMatchesServer(engine);

    // The windows restart at the org's present: an hour later the sync is the deltas and their windows in
    // one call, no count and no Id query (the old start, 20 days back, was refused at every sync).
    for (const object of plan.objects)
      expect(Date.parse(engine.store.getObjectState(object.name)!.deletedCoveredUntil!)).toBeGreaterThan(
        h.now() - 60 * 60_000,
      );
    await h.advance(3600);
    const before = transport.calls;
    const later = await engine.syncNow();
    expect(later.ok).toBe(true);
    expect(later.apiCalls).toBe(1);
    expect(
      queriesSent(transport)
        .slice(before)
        .flat()
        .filter((soql) => soql.startsWith('SELECT Id, LastModifiedDate FROM') || soql.includes('COUNT()')),
    ).toEqual([]);
    await h.expectDeviceMatchesServer(engine);
  });
});

/**
 * The first 10 work orders of the next 14 days, the accounts they reference, those accounts' assets, and
 * contacts both as children of those accounts and as the work orders' contacts.
 */
const fieldScope: SyncScope = {
  scopeVersion: 1,
  name: 'Field service union',
  apiVersion: '62.0',
  watermarkField: 'LastModifiedDate',
  overlapSeconds: 60,
  syncEveryMinutes: 30,
  objects: {
    WorkOrder: {
      fields: ['Subject', 'Status', 'StartDate', 'AccountId', 'ContactId', 'OwnerId'],
      where: "OwnerId = :userId AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14",
      // With a limit, the paths through work orders bind the Ids the device holds (idSource).
      orderBy: 'StartDate ASC',
      limit: 10,
    },
    Account: { fields: ['Name'], referencedBy: [{ object: 'WorkOrder', field: 'AccountId' }] },
    Contact: {
      fields: ['LastName', 'AccountId'],
      childOf: { object: 'Account', field: 'AccountId' },
      referencedBy: [{ object: 'WorkOrder', field: 'ContactId' }],
    },
    Asset: { fields: ['Name', 'AccountId'], childOf: { object: 'Account', field: 'AccountId' } },
  },
};

describe('reconciliation by count, idSource members (field service scope)', () => {
  const inDays = (days: number) => new Date(Date.parse(START) + days * DAY).toISOString();

  async function seed() {
    const acc: string[] = [];
    for (const name of ['A0', 'A1', 'A2', 'A3', 'A4', 'Far'])
      acc.push(await h.create('Account', { Name: name }));
    const far = acc[5]!;
    const contact = (name: string, account: string) =>
      h.create('Contact', { LastName: name, AccountId: account });
    const c = {
      a0x: await contact('a0x', acc[0]!),
      a0y: await contact('a0y', acc[0]!),
      a2: await contact('a2', acc[2]!),
      farRef: await contact('farRef', far),
      farOut: await contact('farOut', far),
    };
    const asset = (name: string, account: string) => h.create('Asset', { Name: name, AccountId: account });
    const s = {
      a0: await asset('s-a0', acc[0]!),
      a1: await asset('s-a1', acc[1]!),
      a3: await asset('s-a3', acc[3]!),
      a4: await asset('s-a4', acc[4]!),
      far: await asset('s-far', far),
    };
    const wo = (subject: string, account: string, contactId?: string) =>
      h.create('WorkOrder', {
        Subject: subject,
        StartDate: inDays(2),
        Status: 'New',
        AccountId: account,
        OwnerId: h.userId,
        ...(contactId ? { ContactId: contactId } : {}),
      });
    const w = [
      await wo('w0', acc[0]!),
      await wo('w1', acc[1]!),
      await wo('w2', acc[2]!),
      await wo('w3', acc[3]!, c.farRef),
      await wo('w4', acc[4]!),
    ];
    await h.advance(60);
    return { acc, far, c, s, w };
  }

  it('one statement per Id chunk, each compared with the held records of its chunk (SQLite store)', async () => {
    const { acc, s, w } = await seed();
    const plan = compilePlan(fieldScope);
    const engine = h.device(plan, { store: new SqliteStore(':memory:') });
    expect((await engine.syncNow()).ok).toBe(true);
    const held = acc.slice(0, 5);
    expect(engine.store.listRecordIds('Account')).toEqual([...held].sort());
    expect(engine.store.listRecordIds('Asset')).toEqual([s.a0, s.a1, s.a3, s.a4].sort());
    expect(engine.store.listRecordIds('WorkOrder')).toEqual([...w].sort());
    // Two Ids per statement, as a long instance URL or long Ids would leave room for.
    const chunked = (object: PlanObject): PlanObject => ({
      ...object,
      queries: { ...object.queries, count: object.queries.count!.map((t) => ({ ...t, idsPerQuery: 2 })) },
    });
    const sorted = [...held].sort();
    const { context, transport } = contextFor(engine);
    const before = snapshot(engine.store, plan);
    await h.advance(60);
    await h.control('stats', undefined, 'DELETE');

    expect(await reconcileByCount(context, chunked(objectOf(plan, 'Account')))).toBe(true);
    expect(await reconcileByCount(context, chunked(objectOf(plan, 'Asset')))).toBe(true);

    expect(queriesSent(transport)).toEqual([
      [0, 2, 4].map((i) => `SELECT COUNT() FROM Account WHERE Id IN ${list(sorted.slice(i, i + 2))}`),
      [0, 2, 4].map((i) => `SELECT COUNT() FROM Asset WHERE AccountId IN ${list(sorted.slice(i, i + 2))}`),
    ]);
    // Each object's 3 statements in one /composite.
    expect(await orgApiCalls()).toBe(2);
    expect(context.api.apiCalls).toBe(2);
    expect(snapshot(engine.store, plan).map((e) => e.records)).toEqual(before.map((e) => e.records));
    expect(engine.store.getObjectState('Asset')).toMatchObject({
      reconciledAt: h.now(),
      needsReconcile: false,
    });
    expect(context.counts).toEqual({
      Account: { ...emptyCounts(), reconciled: true },
      Asset: { ...emptyCounts(), reconciled: true },
    });
    await h.expectDeviceMatchesServer(engine);
    engine.store.close();
  });

  it('a child moved on the server to a parent the device does not hold: its chunk differs, the Id reconciliation removes it', async () => {
    const { acc, far, s } = await seed();
    const plan = compilePlan(fieldScope);
    const engine = h.device(plan);
    await engine.syncNow();
    await h.advance(60);
    await h.update('Asset', s.a3, { AccountId: far });
    await h.advance(60);
    const before = snapshot(engine.store, plan);
    const { context, transport } = contextFor(engine);
    const asset = objectOf(plan, 'Asset');

    expect(await reconcileByCount(context, asset)).toBe(false);
    expect(queriesSent(transport)).toEqual([
      [`SELECT COUNT() FROM Asset WHERE AccountId IN ${list(acc.slice(0, 5))}`],
    ]);
    expect(snapshot(engine.store, plan)).toEqual(before);

    await runReconcile(context, asset, null, undefined);
    expect(engine.store.listRecordIds('Asset')).toEqual([s.a0, s.a1, s.a4].sort());
    await h.expectDeviceMatchesServer(engine);
  });

  it('a union object (childOf Account + referencedBy WorkOrder): one statement per member, equal counts', async () => {
    const { acc, c } = await seed();
    const plan = compilePlan(fieldScope);
    const engine = h.device(plan);
    await engine.syncNow();
    expect(engine.store.listRecordIds('Contact')).toEqual([c.a0x, c.a0y, c.a2, c.farRef].sort());
    await h.advance(60);
    const before = snapshot(engine.store, plan);
    const { context, transport } = contextFor(engine);

    expect(await reconcileByCount(context, objectOf(plan, 'Contact'))).toBe(true);
    expect(queriesSent(transport)).toEqual([
      [
        `SELECT COUNT() FROM Contact WHERE AccountId IN ${list(acc.slice(0, 5))}`,
        `SELECT COUNT() FROM Contact WHERE Id IN ${list([c.farRef])}`,
      ],
    ]);
    expect(snapshot(engine.store, plan).map((e) => e.records)).toEqual(before.map((e) => e.records));
    expect(context.counts).toEqual({ Contact: { ...emptyCounts(), reconciled: true } });
    await h.expectDeviceMatchesServer(engine);
  });

  it('a union object whose child left for an unheld parent on the server: the childOf member differs', async () => {
    const { far, c } = await seed();
    const plan = compilePlan(fieldScope);
    const engine = h.device(plan);
    await engine.syncNow();
    await h.advance(60);
    await h.update('Contact', c.a2, { AccountId: far });
    await h.advance(60);
    const before = snapshot(engine.store, plan);
    const { context } = contextFor(engine);
    const contact = objectOf(plan, 'Contact');

    expect(await reconcileByCount(context, contact)).toBe(false);
    expect(snapshot(engine.store, plan)).toEqual(before);
    await runReconcile(context, contact, null, undefined);
    expect(engine.store.listRecordIds('Contact')).toEqual([c.a0x, c.a0y, c.farRef].sort());
    await h.expectDeviceMatchesServer(engine);
  });

  it('equal counts sweep the orphans: children of a parent that left the device', async () => {
    const { acc, c, w } = await seed();
    const plan = compilePlan(fieldScope);
    const engine = h.device(plan);
    await engine.syncNow();
    await h.advance(60);
    // w2 closes: account A2 leaves the scope, and with it its contact; w3 keeps farRef referenced.
    await h.update('WorkOrder', w[2]!, { Status: 'Closed' });
    await h.advance(60);
    const { context, transport } = contextFor(engine);
    await runReconcile(context, objectOf(plan, 'WorkOrder'), null, undefined);
    await runReconcile(context, objectOf(plan, 'Account'), null, undefined);
    expect(engine.store.listRecordIds('Account')).toEqual([acc[0]!, acc[1]!, acc[3]!, acc[4]!].sort());
    // The contact of A2 is still on the device: no statement's local set holds it.
    expect(engine.store.getRecord('Contact', c.a2)).toBeDefined();
    const calls = transport.calls;

    expect(await reconcileByCount(context, objectOf(plan, 'Contact'))).toBe(true);
    expect(queriesSent(transport).slice(calls)).toEqual([
      [
        `SELECT COUNT() FROM Contact WHERE AccountId IN ${list([acc[0]!, acc[1]!, acc[3]!, acc[4]!])}`,
        `SELECT COUNT() FROM Contact WHERE Id IN ${list([c.farRef])}`,
      ],
    ]);
    expect(engine.store.listRecordIds('Contact')).toEqual([c.a0x, c.a0y, c.farRef].sort());
    expect(context.counts.Contact).toEqual({ ...emptyCounts(), removed: 1, reconciled: true });
    expect(engine.store.getObjectState('Contact')).toMatchObject({
      needsReconcile: false,
      reconciledAt: h.now(),
      rereadIds: [],
    });
    await h.expectDeviceMatchesServer(engine);
  });

  it('equal counts sweep the orphans: the assets and the referenced contact of a work order that closed (SQLite store)', async () => {
    const { acc, c, s, w } = await seed();
    const plan = compilePlan(fieldScope);
    const engine = h.device(plan, { store: new SqliteStore(':memory:') });
    await engine.syncNow();
    await h.advance(60);
    // w3 closes: account A3 leaves with its asset, and no work order references farRef any more.
    await h.update('WorkOrder', w[3]!, { Status: 'Closed' });
    await h.advance(60);
    const { context, transport } = contextFor(engine);
    await runReconcile(context, objectOf(plan, 'WorkOrder'), null, undefined);
    await runReconcile(context, objectOf(plan, 'Account'), null, undefined);
    const heldAccounts = [acc[0]!, acc[1]!, acc[2]!, acc[4]!];
    expect(engine.store.listRecordIds('Account')).toEqual([...heldAccounts].sort());
    expect(engine.store.getRecord('Asset', s.a3)).toBeDefined();
    expect(engine.store.getRecord('Contact', c.farRef)).toBeDefined();
    const calls = transport.calls;

    expect(await reconcileByCount(context, objectOf(plan, 'Asset'))).toBe(true);
    expect(await reconcileByCount(context, objectOf(plan, 'Contact'))).toBe(true);
    // No held work order references a contact: the referencedBy member has no statement.
    expect(queriesSent(transport).slice(calls)).toEqual([
      [`SELECT COUNT() FROM Asset WHERE AccountId IN ${list(heldAccounts)}`],
      [`SELECT COUNT() FROM Contact WHERE AccountId IN ${list(heldAccounts)}`],
    ]);
    expect(engine.store.listRecordIds('Asset')).toEqual([s.a0, s.a1, s.a4].sort());
    expect(engine.store.listRecordIds('Contact')).toEqual([c.a0x, c.a0y, c.a2].sort());
    expect(context.counts.Asset).toEqual({ ...emptyCounts(), removed: 1, reconciled: true });
    expect(context.counts.Contact).toEqual({ ...emptyCounts(), removed: 1, reconciled: true });
    await h.expectDeviceMatchesServer(engine);
    engine.store.close();
  });

  it('checks prepared together: a parent swept while settling leaves its children flagged for the sweep', async () => {
    const { acc, s, w } = await seed();
    const plan = compilePlan(fieldScope);
    const engine = h.device(plan);
    await engine.syncNow();
    await h.advance(60);
    // w3 closes: the device drops it, so account A3 and its asset are orphans, not swept yet.
    await h.update('WorkOrder', w[3]!, { Status: 'Closed' });
    await h.advance(60);
    const { context } = contextFor(engine);
    await runReconcile(context, objectOf(plan, 'WorkOrder'), null, undefined);
    expect(engine.store.getObjectState('Account')?.needsSweep).toBe(true);
    // As the download does: every check bound first, then settled in dependency order.
    const checks = ['Account', 'Asset'].map((name) => prepareCountCheck(context, objectOf(plan, name))!);
    const answers = await context.api.batchGet(checks.flatMap((check) => check.requests));
    expect(settleCountCheck(context, checks[0]!, answers.slice(0, checks[0]!.requests.length))).toBe(true);
    expect(engine.store.listRecordIds('Account')).toEqual([acc[0]!, acc[1]!, acc[2]!, acc[4]!].sort());
    // Asset's statement still binds A3 (held when it was prepared): its count is equal, yet s-a3 is an orphan.
    expect(settleCountCheck(context, checks[1]!, answers.slice(checks[0]!.requests.length))).toBe(true);
    expect(engine.store.getObjectState('Asset')).toMatchObject({ needsSweep: true, needsReconcile: false });
    expect(sweepOrphans(context, objectOf(plan, 'Asset'))).toBe(1);
    expect(engine.store.listRecordIds('Asset')).toEqual([s.a0, s.a1, s.a4].sort());
    // No work order references farRef any more (its account is not held either).
    expect(engine.store.getObjectState('Contact')?.needsSweep).toBe(true);
    expect(sweepOrphans(context, objectOf(plan, 'Contact'))).toBe(1);
    await h.expectDeviceMatchesServer(engine);
  });

  it('in a sync: a work order closes and an asset deletion goes unreported; only Asset is re-read by Id', async () => {
    const { acc, c, s, w } = await seed();
    const plan = compilePlan(fieldScope);
    // The org "forgets" the deletion of s-a0 (as when it was purged before the device asked).
    const hidden = new Set<string>();
    const transport = new FaultyTransport({
      instanceUrl: h.conn.instanceUrl,
      request: async <R>(request: TransportRequest) => {
        const answer = await h.conn.request<R>(request);
        for (const sub of (answer as { compositeResponse?: { body: unknown }[] }).compositeResponse ?? []) {
          const body = sub.body as { deletedRecords?: { id: string }[] } | null;
          if (body && Array.isArray(body.deletedRecords))
            body.deletedRecords = body.deletedRecords.filter((r) => !hidden.has(r.id));
        }
        return answer;
      },
    });
    const engine = h.device(plan, { transport });
    expect((await engine.syncNow()).ok).toBe(true);
    await h.advance(60);
    await h.update('WorkOrder', w[3]!, { Status: 'Closed' });
    hidden.add(s.a0);
    await h.remove('Asset', s.a0);
    // The daily reconciliation is due.
    await h.advance(25 * 3600);
    const first = transport.calls;

    const summary = await engine.syncNow();

    expect(summary.ok).toBe(true);
    const sent = queriesSent(transport).slice(first).flat();
    const held = [acc[0]!, acc[1]!, acc[2]!, acc[4]!];
    expect(sent.filter((soql) => soql.startsWith('SELECT COUNT()')).sort()).toEqual([
      `SELECT COUNT() FROM Account WHERE Id IN ${list(held)}`,
      `SELECT COUNT() FROM Asset WHERE AccountId IN ${list(held)}`,
      // No work order references a contact now: the referencedBy member binds nothing. Line items: none held,
      // so theirs is a download from scratch.
      `SELECT COUNT() FROM Contact WHERE AccountId IN ${list(held)}`,
    ]);
    // The Id queries: the work orders' own (limit, relative date: every sync), and Asset's, whose count differed.
    expect(sent.filter((soql) => /^SELECT Id, LastModifiedDate(, StartDate)? FROM/.test(soql))).toEqual([
      objectOf(plan, 'WorkOrder').queries.ids[0]!.soql.replace(':userId', `'${h.userId}'`),
      `SELECT Id, LastModifiedDate FROM Asset WHERE AccountId IN ${list(held)}`,
    ]);
    expect(engine.store.listRecordIds('Asset')).toEqual([s.a1, s.a4].sort());
    expect(engine.store.listRecordIds('Contact')).toEqual([c.a0x, c.a0y, c.a2].sort());
    expect(summary.counts.Asset).toMatchObject({ reconciled: true, removed: 2 });
    await h.expectDeviceMatchesServer(engine);
  });

  it('a union whose members bind no held Ids (no limit: semi-joins) is not countable: no request', async () => {
    await seed();
    const { limit: _limit, orderBy: _orderBy, ...workOrder } = fieldScope.objects.WorkOrder!;
    const plan = compilePlan({ ...fieldScope, objects: { ...fieldScope.objects, WorkOrder: workOrder } });
    const contact = objectOf(plan, 'Contact');
    expect(contact.queries.count!.map((t) => t.idSource)).toEqual([undefined, undefined]);
    const engine = h.device(plan);
    await engine.syncNow();
    const before = snapshot(engine.store, plan);
    const { context, transport } = contextFor(engine);
    expect(await reconcileByCount(context, contact)).toBe(false);
    expect(transport.calls).toBe(0);
    expect(snapshot(engine.store, plan)).toEqual(before);
  });
});
