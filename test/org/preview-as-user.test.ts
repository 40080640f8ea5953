/**
 * The preview for a user, asked with the admin session, against what that user's own session selects
 * (the issue's "Done means": object by object, exact Id sets). Tess Fielding (technician) and Diane
 * Moreau (dispatcher) sign in through the emulator's OAuth username-password flow; the admin session
 * evaluates the plan and filters it with UserRecordAccess and the users' permission sets.
 */

import { Connection } from 'jsforce';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { main } from '../../src/cli/main.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_DISPATCHER_ID,
  DEMO_DISPATCHER_USERNAME,
  DEMO_PASSWORD,
  DEMO_SECOND_TECHNICIAN_ID,
  DEMO_TECHNICIAN_ID,
  DEMO_TECHNICIAN_USERNAME,
} from '../../src/emulator/index.ts';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { compileScope, type CompiledScope } from '../../src/org/compile-scope.ts';
import { OrgClient } from '../../src/org/org-client.ts';
import { diffScope } from '../../src/org/diff.ts';
import { previewScope } from '../../src/org/preview.ts';
import { ScopeEvaluator } from '../../src/org/scope-evaluator.ts';
import { loadUserPermissions, recordAccessOf } from '../../src/org/user-permissions.ts';
import { whyRecord } from '../../src/org/why.ts';
import { exampleScope } from '../server/support/fixture-org.ts';
import { API_VERSION, startTestOrg, TEST_NOW, type TestOrg } from '../emulator/support/test-org.ts';

let t: TestOrg;
let admin: OrgClient;

async function signIn(username: string): Promise<OrgClient> {
  const conn = new Connection({
    oauth2: {
      loginUrl: t.running.url,
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      redirectUri: 'http://127.0.0.1/callback',
    },
    version: API_VERSION,
  });
  await conn.login(username, DEMO_PASSWORD);
  return new OrgClient(conn);
}

/** The example scope's work orders without `OwnerId = :userId`: sharing alone decides whose they are. */
function everyonesWorkOrders(): SyncScope {
  const scope = exampleScope();
  const workOrder = scope.objects.WorkOrder!;
  return {
    ...scope,
    objects: {
      ...scope.objects,
      WorkOrder: { ...workOrder, where: "Status != 'Closed' AND StartDate = NEXT_N_DAYS:14" },
    },
  };
}

/** The same with a limit of 20: the first 20 the user can read, not 20 of everyone's filtered. */
function firstTwentyWorkOrders(): SyncScope {
  const scope = everyonesWorkOrders();
  return { ...scope, objects: { ...scope.objects, WorkOrder: { ...scope.objects.WorkOrder!, limit: 20 } } };
}

/** Ids per object that the preview puts on the user's device (the admin session, filtered for the user). */
async function previewIds(compiled: CompiledScope, userId: string): Promise<Record<string, string[]>> {
  const user = await loadUserPermissions(
    admin,
    userId,
    compiled.plan.objects.map((o) => o.name),
  );
  const evaluator = new ScopeEvaluator(admin, compiled.plan, { userId, access: recordAccessOf(admin, user) });
  return sorted(await evaluator.all());
}

/** Ids per object that the plan's own queries select in the user's session. */
async function ownSessionIds(session: OrgClient, compiled: CompiledScope, userId: string) {
  return sorted(await new ScopeEvaluator(session, compiled.plan, { userId }).all());
}

function sorted(ids: Map<string, string[]>): Record<string, string[]> {
  return Object.fromEntries([...ids].map(([object, list]) => [object, [...list].sort()]));
}

beforeAll(async () => {
  t = await startTestOrg({ seed: 'demo', now: TEST_NOW });
  admin = new OrgClient(t.conn);
}, 120_000);
afterAll(() => t?.close());

describe('the preview for a user equals what their own session selects', () => {
  for (const [label, scopeOf] of [
    ['the example scope', exampleScope],
    ['the example scope without OwnerId = :userId', everyonesWorkOrders],
    ['the example scope without OwnerId = :userId, limit 20', firstTwentyWorkOrders],
  ] as const) {
    it(`${label}: Tess Fielding (technician)`, async () => {
      const compiled = await compileScope(admin, scopeOf());
      const tess = await signIn(DEMO_TECHNICIAN_USERNAME);
      const expected = await ownSessionIds(tess, compiled, DEMO_TECHNICIAN_ID);
      const actual = await previewIds(compiled, DEMO_TECHNICIAN_ID);
      expect(actual).toEqual(expected);
      expect(expected.WorkOrder!.length).toBe(scopeOf === firstTwentyWorkOrders ? 20 : 41);
      expect(expected.WorkOrderLineItem!.length).toBeGreaterThan(0);

      const preview = await previewScope(admin, compiled, { userId: DEMO_TECHNICIAN_ID, sampleSize: 1 });
      expect(Object.fromEntries(preview.objects.map((o) => [o.name, o.count]))).toEqual(
        Object.fromEntries(Object.entries(expected).map(([o, ids]) => [o, ids.length])),
      );
    }, 120_000);

    it(`${label}: Diane Moreau (dispatcher)`, async () => {
      const compiled = await compileScope(admin, scopeOf());
      const diane = await signIn(DEMO_DISPATCHER_USERNAME);
      const expected = await ownSessionIds(diane, compiled, DEMO_DISPATCHER_ID);
      expect(await previewIds(compiled, DEMO_DISPATCHER_ID)).toEqual(expected);
      const preview = await previewScope(admin, compiled, { userId: DEMO_DISPATCHER_ID, sampleSize: 1 });
      expect(Object.fromEntries(preview.objects.map((o) => [o.name, o.count]))).toEqual(
        Object.fromEntries(Object.entries(expected).map(([o, ids]) => [o, ids.length])),
      );
    }, 120_000);
  }

  it('sharing narrows the admin selection: Tess gets only her work orders, Diane all of them', async () => {
    const compiled = await compileScope(admin, everyonesWorkOrders());
    const everyone = sorted(
      await new ScopeEvaluator(admin, compiled.plan, { userId: DEMO_TECHNICIAN_ID }).all(),
    );
    const tess = await previewIds(compiled, DEMO_TECHNICIAN_ID);
    const diane = await previewIds(compiled, DEMO_DISPATCHER_ID);
    expect(diane.WorkOrder).toEqual(everyone.WorkOrder);
    const owners = await admin.queryAll(
      `SELECT Id, OwnerId FROM WorkOrder WHERE Id IN ('${everyone.WorkOrder!.slice(0, 200).join("','")}')`,
    );
    const tessOwns = owners.filter((r) => r.OwnerId === DEMO_TECHNICIAN_ID).map((r) => String(r.Id));
    expect(tess.WorkOrder!.filter((id) => everyone.WorkOrder!.slice(0, 200).includes(id))).toEqual(
      tessOwns.sort(),
    );
    expect(tess.WorkOrder!.length).toBeLessThan(everyone.WorkOrder!.length);
  }, 120_000);

  it('the diff for a user counts the records their device holds (before any publish: all added)', async () => {
    const compiled = await compileScope(admin, {
      ...everyonesWorkOrders(),
      name: 'Never published (user view)',
    });
    const tess = await signIn(DEMO_TECHNICIAN_USERNAME);
    const expected = await ownSessionIds(tess, compiled, DEMO_TECHNICIAN_ID);
    const diff = await diffScope(
      admin,
      { transport: t.conn, apiVersion: compiled.plan.apiVersion },
      compiled,
      { userId: DEMO_TECHNICIAN_ID },
    );
    expect(Object.fromEntries(diff.objects.map((o) => [o.name, [o.change, o.after]]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([o, ids]) => [o, ['added', ids.length]])),
    );
  }, 120_000);

  it('lists the fields the user cannot read as dropped, per object', async () => {
    const scope = exampleScope();
    const asset = scope.objects.Asset!;
    const withPrice: SyncScope = {
      ...scope,
      objects: { ...scope.objects, Asset: { ...asset, fields: [...asset.fields, 'Price'] } },
    };
    const compiled = await compileScope(admin, withPrice);
    const tess = await previewScope(admin, compiled, { userId: DEMO_TECHNICIAN_ID, sampleSize: 1 });
    const diane = await previewScope(admin, compiled, { userId: DEMO_DISPATCHER_ID, sampleSize: 1 });
    expect(Object.fromEntries(tess.objects.map((o) => [o.name, o.droppedFields]))).toEqual({
      WorkOrder: [],
      WorkOrderLineItem: [],
      Account: [],
      Contact: [],
      Asset: ['Price'],
      Product2: [],
    });
    expect(tess.objects.find((o) => o.name === 'Asset')!.fields).not.toContain('Price');
    expect(diane.objects.find((o) => o.name === 'Asset')!.droppedFields).toEqual([]);
  }, 120_000);
});

describe('why this record, for a user', () => {
  it('names the sharing reason for a work order the user cannot read', async () => {
    const compiled = await compileScope(admin, everyonesWorkOrders());
    const [omars] = await admin.queryAll(
      `SELECT Id, WorkOrderNumber FROM WorkOrder WHERE OwnerId = '${DEMO_SECOND_TECHNICIAN_ID}' AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14 ORDER BY StartDate, Id LIMIT 1`,
    );
    const why = await whyRecord(admin, compiled, { userId: DEMO_TECHNICIAN_ID, recordId: String(omars!.Id) });
    expect(why.onDevice).toBe(false);
    expect(why.accessReason).toBe('not shared with Tess Fielding: owned by Omar Iyer');
    expect(why.summary).toBe(
      `Not on the device: WorkOrder "${String(omars!.WorkOrderNumber)}" is not shared with Tess Fielding: owned by Omar Iyer.`,
    );
    const forDiane = await whyRecord(admin, compiled, {
      userId: DEMO_DISPATCHER_ID,
      recordId: String(omars!.Id),
    });
    expect(forDiane.accessReason).toBeUndefined();
  }, 120_000);

  it('names the work order a line item follows (Controlled by Parent)', async () => {
    const compiled = await compileScope(admin, everyonesWorkOrders());
    const [item] = await admin.queryAll(
      `SELECT Id, LineItemNumber, WorkOrderId FROM WorkOrderLineItem WHERE WorkOrder.OwnerId = '${DEMO_SECOND_TECHNICIAN_ID}' ORDER BY Id LIMIT 1`,
    );
    const why = await whyRecord(admin, compiled, { userId: DEMO_TECHNICIAN_ID, recordId: String(item!.Id) });
    expect(why.summary).toBe(
      `Not on the device: WorkOrderLineItem "${String(item!.LineItemNumber)}" is not shared with Tess Fielding: its WorkOrder ${String(item!.WorkOrderId)} is owned by Omar Iyer.`,
    );
  }, 120_000);
});

describe("the compiler's warnings for the preview's user, from the org's permissions", () => {
  it('names the permission sets that lack Asset.Price (technician), and none for the dispatcher', async () => {
    const scope = exampleScope();
    const asset = scope.objects.Asset!;
    const withPrice: SyncScope = {
      ...scope,
      objects: { ...scope.objects, Asset: { ...asset, fields: [...asset.fields, 'Price'] } },
    };
    const codes = ['OBJECT_NOT_READABLE', 'OBJECT_NOT_EDITABLE', 'FIELD_NOT_READABLE', 'FIELD_NOT_EDITABLE'];
    const forTess = await compileScope(admin, withPrice, { userId: DEMO_TECHNICIAN_ID });
    expect(forTess.diagnostics.filter((d) => codes.includes(d.code))).toEqual([
      {
        code: 'FIELD_NOT_READABLE',
        severity: 'warning',
        path: '/objects/Asset/fields/5',
        message:
          'Tess Fielding cannot read Asset.Price: none of their permission sets (profile Field Technician, Field_Technician) grants Read on it, so their devices leave it out of Asset',
      },
    ]);
    const forDiane = await compileScope(admin, withPrice, { userId: DEMO_DISPATCHER_ID });
    expect(forDiane.diagnostics.filter((d) => codes.includes(d.code))).toEqual([]);
    const forNobody = await compileScope(admin, withPrice);
    expect(forNobody.diagnostics.filter((d) => codes.includes(d.code))).toEqual([]);
  }, 120_000);
});

describe('syncscope preview --user', () => {
  it("prints the fields left out of the user's device and the compiler's warning naming the permission sets", async () => {
    const scope = exampleScope();
    const asset = scope.objects.Asset!;
    const file = join(mkdtempSync(join(tmpdir(), 'userview-')), 'with-price.scope.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...scope,
        objects: { ...scope.objects, Asset: { ...asset, fields: [...asset.fields, 'Price'] } },
      }),
    );
    let out = '';
    let err = '';
    const io: CliIo = {
      out: (text) => (out += text.endsWith('\n') ? text : `${text}\n`),
      err: (text) => (err += text.endsWith('\n') ? text : `${text}\n`),
      setExitCode: () => undefined,
    };
    const code = await main(
      [
        'preview',
        file,
        '--user',
        DEMO_TECHNICIAN_USERNAME,
        '--org-url',
        t.running.url,
        '--token',
        t.running.token,
      ],
      io,
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toContain('Asset: left out, the user cannot read Price (field-level security)');
    expect(lines).toContain(
      '/objects/Asset/fields/5: warning FIELD_NOT_READABLE: Tess Fielding cannot read Asset.Price: none of their permission sets (profile Field Technician, Field_Technician) grants Read on it, so their devices leave it out of Asset',
    );
  }, 120_000);
});
