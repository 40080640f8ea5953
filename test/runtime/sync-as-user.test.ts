/**
 * Syncing as the user (docs/device-runtime.md, "Syncing as the user: sharing and field access"): devices
 * signed in as the demo technician and the dispatcher through the emulator's OAuth username-password flow,
 * syncing the example scope into SqliteStores. Each device holds exactly what its user's own session
 * selects; a field the user cannot read is left out (and downloaded once granted); a field revoked
 * mid-sync is left out on a retry; a filter on such a field fails that object only; records that stop
 * being shared leave the device.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scopeOnServer } from '../../bench/lib/scope-oracle.ts';
import type { SyncPlan } from '../../src/compiler/plan.ts';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { summaryLines } from '../../src/cli/commands/device.ts';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_DISPATCHER_ID,
  DEMO_DISPATCHER_USERNAME,
  DEMO_PASSWORD,
  DEMO_SECOND_TECHNICIAN_ID,
  DEMO_TECHNICIAN_ID,
  DEMO_TECHNICIAN_USERNAME,
  FIELD_TECHNICIAN_PERMISSION_SET,
  startOrg,
} from '../../src/emulator/index.ts';
import { FIELDS_LEFT_OUT_META, withoutFields } from '../../src/runtime/field-access.ts';
import { SqliteStore } from '../../src/runtime/store/sqlite-store.ts';
import { SyncEngine } from '../../src/runtime/sync-engine.ts';
import { runCli } from './helpers/cli.ts';
import { compilePlan } from './helpers/e2e-org.ts';

const NOW = '2026-03-12T09:30:00.000Z';
const API_VERSION = '62.0';
const example = JSON.parse(
  readFileSync(new URL('../../examples/field-technician.scope.json', import.meta.url), 'utf8'),
) as SyncScope;

/** The example scope with some objects' settings changed. */
function variant(changes: Record<string, Record<string, unknown>>): SyncPlan {
  const objects: Record<string, unknown> = { ...example.objects };
  for (const [name, change] of Object.entries(changes))
    objects[name] = { ...(objects[name] as object), ...change };
  return compilePlan({ ...example, objects } as unknown as SyncScope);
}

const examplePlan = compilePlan(example);
/** The example with Asset.Price, which technicians cannot read. */
const withPrice = variant({ Asset: { fields: [...example.objects.Asset!.fields, 'Price'] } });
/** Every open work order of the next two weeks, whoever owns it: what each user sees is up to sharing. */
const allOpen = variant({
  WorkOrder: { where: "Status != 'Closed' AND StartDate = NEXT_N_DAYS:14" },
});

let org: Awaited<ReturnType<typeof startOrg>>;
let admin: Connection;
let tess: Connection;
let diane: Connection;
const stores: SqliteStore[] = [];

async function signIn(username: string): Promise<Connection> {
  const conn = new Connection({
    oauth2: { loginUrl: org.url, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    version: API_VERSION,
  });
  await conn.login(username, DEMO_PASSWORD);
  return conn;
}

function device(transport: Connection, userId: string, plan: SyncPlan): SyncEngine {
  const store = new SqliteStore(':memory:');
  stores.push(store);
  return new SyncEngine({ transport, store, plan, userId, clock: { now: () => Date.parse(NOW) } });
}

/** Per plan object, the sorted Ids the device holds. */
function heldIds(engine: SyncEngine): Record<string, string[]> {
  return Object.fromEntries(
    engine.plan.objects.map((o) => [o.name, [...engine.store.listRecordIds(o.name)].sort()]),
  );
}

/** Per plan object, the sorted Ids the user's own session selects with the plan's queries. */
async function selectedIds(
  conn: Connection,
  plan: SyncPlan,
  userId: string,
): Promise<Record<string, string[]>> {
  const scope = await scopeOnServer(conn, plan, userId);
  return Object.fromEntries(
    Object.entries(scope).map(([name, records]) => [name, records.map((r) => r.Id).sort()]),
  );
}

async function ids(conn: Connection, soql: string): Promise<string[]> {
  const result = await conn.query<{ Id: string }>(soql, { autoFetch: true, maxFetch: 100_000 });
  return result.records.map((r) => r.Id).sort();
}

beforeAll(async () => {
  org = await startOrg({ seed: 'demo', records: 1000, now: new Date(NOW) });
  admin = new Connection({ instanceUrl: org.url, accessToken: org.token, version: API_VERSION });
  [tess, diane] = await Promise.all([signIn(DEMO_TECHNICIAN_USERNAME), signIn(DEMO_DISPATCHER_USERNAME)]);
}, 120_000);
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});
afterAll(() => org.close());

describe('a device syncing as its user holds exactly what that user selects', () => {
  it('the technician: her work orders, their line items, and what they reach', async () => {
    const engine = device(tess, DEMO_TECHNICIAN_ID, examplePlan);
    const summary = await engine.syncNow();
    expect(summary).toMatchObject({ ok: true, errors: [] });
    const held = heldIds(engine);
    expect(held).toEqual(await selectedIds(tess, examplePlan, DEMO_TECHNICIAN_ID));
    expect(held.WorkOrder!.length).toBeGreaterThan(0);
    expect(held.WorkOrderLineItem!.length).toBeGreaterThan(0);
    const owners = engine.records('WorkOrder').map((r) => r.OwnerId);
    expect(new Set(owners)).toEqual(new Set([DEMO_TECHNICIAN_ID]));
  });

  it('sharing alone decides: with no owner filter, the technician holds hers and the dispatcher all', async () => {
    const mine = device(tess, DEMO_TECHNICIAN_ID, allOpen);
    const all = device(diane, DEMO_DISPATCHER_ID, allOpen);
    expect(await mine.syncNow()).toMatchObject({ ok: true, errors: [] });
    expect(await all.syncNow()).toMatchObject({ ok: true, errors: [] });
    expect(heldIds(mine)).toEqual(await selectedIds(tess, allOpen, DEMO_TECHNICIAN_ID));
    expect(heldIds(all)).toEqual(await selectedIds(diane, allOpen, DEMO_DISPATCHER_ID));
    const openSoon = "SELECT Id FROM WorkOrder WHERE Status != 'Closed' AND StartDate = NEXT_N_DAYS:14";
    expect(heldIds(all).WorkOrder).toEqual(await ids(admin, openSoon));
    expect(heldIds(mine).WorkOrder).toEqual(
      await ids(admin, `${openSoon} AND OwnerId = '${DEMO_TECHNICIAN_ID}'`),
    );
    expect(heldIds(mine).WorkOrder!.length).toBeLessThan(heldIds(all).WorkOrder!.length);
  });

  it('the dispatcher with the example scope: the work orders she owns (none), and the products', async () => {
    const engine = device(diane, DEMO_DISPATCHER_ID, examplePlan);
    expect(await engine.syncNow()).toMatchObject({ ok: true, errors: [] });
    expect(heldIds(engine)).toEqual(await selectedIds(diane, examplePlan, DEMO_DISPATCHER_ID));
    expect(heldIds(engine).WorkOrder).toEqual([]);
  });
});

describe('a field the user cannot read', () => {
  it('leaves the SELECT lists of every query of its object, and blocks an object that filters on it', () => {
    const asset = withPrice.objects.find((o) => o.name === 'Asset')!;
    const without = withoutFields(asset, ['Price']);
    if ('blockedBy' in without) throw new Error('Asset does not filter on Price');
    expect(without.fields).toEqual([
      'Id',
      'LastModifiedDate',
      'AccountId',
      'Name',
      'SerialNumber',
      'Status',
      'InstallDate',
    ]);
    expect(without.queries.delta.map((t) => t.soql)).toEqual([
      'SELECT Id, LastModifiedDate, AccountId, Name, SerialNumber, Status, InstallDate FROM Asset WHERE (AccountId IN :parentIds) AND LastModifiedDate > :watermark ORDER BY LastModifiedDate ASC, Id ASC',
    ]);
    expect(without.queries.byIds?.soql).toBe(
      'SELECT Id, LastModifiedDate, AccountId, Name, SerialNumber, Status, InstallDate FROM Asset WHERE Id IN :ids',
    );
    const path = without.paths[0]!;
    expect(path.kind === 'childOf' && path.byParentIds.soql).toBe(
      'SELECT Id, LastModifiedDate, AccountId, Name, SerialNumber, Status, InstallDate FROM Asset WHERE AccountId IN :parentIds',
    );
    expect(without.queries.ids.map((t) => t.soql)).toEqual(asset.queries.ids.map((t) => t.soql));
    const filtered = variant({ Asset: { where: "Price > 0 AND Status != 'Price'" } }).objects.find(
      (o) => o.name === 'Asset',
    )!;
    expect(withoutFields(filtered, ['Price'])).toEqual({ blockedBy: 'Price' });
    const quoted = variant({ Asset: { where: "Status != 'Price'" } }).objects.find(
      (o) => o.name === 'Asset',
    )!;
    expect('blockedBy' in withoutFields(quoted, ['Price'])).toBe(false);
  });

  it("is named in the output of `syncscope device sync` run with the technician's token", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sync-as-user-'));
    try {
      const planFile = join(dir, 'plan.json');
      writeFileSync(planFile, JSON.stringify(withPrice));
      process.env.SYNCSCOPE_ACCESS_TOKEN = tess.accessToken!;
      const run = await runCli(
        'device',
        'sync',
        '--plan',
        planFile,
        '--db',
        join(dir, 'device.sqlite'),
        '--org-url',
        org.url,
      );
      expect(run.err).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.out.filter((line) => line.includes('left out'))).toEqual([
        '  Asset: Price left out (not readable by this user)',
      ]);
    } finally {
      delete process.env.SYNCSCOPE_ACCESS_TOKEN;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is left out, said in the summary and history, downloaded once granted, left out again when revoked mid-sync', async () => {
    const engine = device(tess, DEMO_TECHNICIAN_ID, withPrice);
    const first = await engine.syncNow();
    expect(first).toMatchObject({ ok: true, errors: [] });
    expect(first.counts.Asset?.fieldsLeftOut).toEqual(['Price']);
    expect(engine.history(1)[0]!.counts.Asset?.fieldsLeftOut).toEqual(['Price']);
    expect(summaryLines(first)).toContain('  Asset: Price left out (not readable by this user)');
    expect(engine.store.getMeta(FIELDS_LEFT_OUT_META)).toEqual({ Asset: ['Price'] });
    const held = heldIds(engine);
    expect(held).toEqual(await selectedIds(tess, examplePlan, DEMO_TECHNICIAN_ID));
    expect(engine.records('Asset').filter((r) => 'Price' in r)).toEqual([]);
    const assets = held.Asset!.length;
    expect(assets).toBeGreaterThan(0);

    // Known now: the next sync asks the describe once, leaves Price out before querying, and fails nothing.
    const second = await engine.syncNow();
    expect(second).toMatchObject({ ok: true, errors: [] });
    const plain = device(tess, DEMO_TECHNICIAN_ID, examplePlan);
    await plain.syncNow();
    expect(second.apiCalls).toBe((await plain.syncNow()).apiCalls + 1);
    expect(second.counts.Asset).toMatchObject({ fieldsLeftOut: ['Price'], downloaded: 0 });

    // Granted through the Field Technician permission set: Asset downloads again, with prices.
    const [set] = (
      await admin.query<{ Id: string }>(
        `SELECT Id FROM PermissionSet WHERE Name = '${FIELD_TECHNICIAN_PERMISSION_SET}'`,
      )
    ).records;
    const grant = (await admin.sobject('FieldPermissions').create({
      ParentId: set!.Id,
      SobjectType: 'Asset',
      Field: 'Asset.Price',
      PermissionsRead: true,
      PermissionsEdit: false,
    })) as { id: string; success: boolean };
    expect(grant.success).toBe(true);
    const granted = await engine.syncNow();
    expect(granted).toMatchObject({ ok: true, errors: [] });
    expect(granted.counts.Asset?.fieldsLeftOut).toBeUndefined();
    expect(granted.counts.Asset?.downloaded).toBe(assets);
    expect(summaryLines(granted).filter((line) => line.includes('left out'))).toEqual([]);
    expect(engine.store.getMeta(FIELDS_LEFT_OUT_META)).toEqual({});
    const scope = await scopeOnServer(tess, withPrice, DEMO_TECHNICIAN_ID);
    expect(engine.store.listRecords('Asset')).toEqual(scope.Asset);
    expect(engine.records('Asset').every((r) => 'Price' in r)).toBe(true);
    expect(heldIds(engine)).toEqual(await selectedIds(tess, withPrice, DEMO_TECHNICIAN_ID));

    // Revoked between syncs, unknown to the device: the Asset query answers INVALID_FIELD, the engine
    // reads the describe again and downloads Asset again without Price, and the sync succeeds.
    await admin.sobject('FieldPermissions').destroy(grant.id);
    const revoked = await engine.syncNow();
    expect(revoked).toMatchObject({ ok: true, errors: [] });
    expect(revoked.counts.Asset).toMatchObject({ fieldsLeftOut: ['Price'], downloaded: assets });
    expect(engine.records('Asset').filter((r) => 'Price' in r)).toEqual([]);
    expect(heldIds(engine)).toEqual(await selectedIds(tess, examplePlan, DEMO_TECHNICIAN_ID));
  });

  it('in a filter fails that object only, saying which field, and the rest syncs', async () => {
    const plan = variant({ Asset: { where: 'Price > 0' } });
    const engine = device(tess, DEMO_TECHNICIAN_ID, plan);
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(false);
    expect(summary.errors).toEqual([
      'Asset: not synced: its filter or sort order names Price, which this user cannot read',
      'download failed for Asset',
    ]);
    const held = heldIds(engine);
    const selected = await selectedIds(tess, examplePlan, DEMO_TECHNICIAN_ID);
    expect(held).toEqual({ ...selected, Asset: [] });
    expect(engine.history(1)[0]!.errors).toEqual(summary.errors);
  });
});

describe('records that stop being shared', () => {
  it('leave the device on the next reconciliation, with their line items', async () => {
    const engine = device(tess, DEMO_TECHNICIAN_ID, examplePlan);
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    const withItems = engine
      .records('WorkOrder')
      .map((wo) => ({ id: wo.Id, items: engine.relatedRecords('WorkOrderLineItem', 'WorkOrderId', wo.Id) }))
      .find((wo) => wo.items.length > 0)!;
    const workOrders = heldIds(engine).WorkOrder!.length;
    await admin.sobject('WorkOrder').update({ Id: withItems.id, OwnerId: DEMO_SECOND_TECHNICIAN_ID });
    const summary = await engine.syncNow();
    expect(summary).toMatchObject({ ok: true, errors: [] });
    expect(summary.counts.WorkOrder?.removed).toBe(1);
    expect(summary.counts.WorkOrderLineItem?.removed).toBe(withItems.items.length);
    expect(engine.history(1)[0]!.counts.WorkOrderLineItem?.removed).toBe(withItems.items.length);
    expect(engine.record('WorkOrder', withItems.id)).toBeUndefined();
    expect(engine.relatedRecords('WorkOrderLineItem', 'WorkOrderId', withItems.id)).toEqual([]);
    expect(heldIds(engine).WorkOrder!.length).toBe(workOrders - 1);
    expect(heldIds(engine)).toEqual(await selectedIds(tess, examplePlan, DEMO_TECHNICIAN_ID));
  });
});
