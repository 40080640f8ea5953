import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiErrorBody,
  DiffResponse,
  MetadataResponse,
  OrgResponse,
  PreviewResponse,
  PublishResponse,
  RestoreResponse,
  SessionInfo,
  SObjectListResponse,
  VersionDetail,
  VersionsResponse,
  WhyResponse,
} from '../../src/org/api-types.ts';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { startConfigServer, type ConfigServer } from '../../src/server/config-server.ts';
import { fetchLatestPublishedPlan } from '../../src/org/published-plans.ts';
import { EXAMPLE_SCOPE_FILE, exampleScope, startFixtureOrg, type FixtureOrg } from './support/fixture-org.ts';
import { rawRequest, type RawResponse } from './support/http.ts';

let org: FixtureOrg;
let server: ConfigServer;
let scopeFile: string;
/** Every response body the server sent in this file: none may contain the org's token. */
const seen: string[] = [];

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response: RawResponse = await rawRequest(server.port, {
    method,
    path,
    body,
    headers: { Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' },
  });
  seen.push(response.text);
  return { status: response.status, body: response.json<T>() };
}

const scope = (): SyncScope => exampleScope();

beforeAll(async () => {
  org = await startFixtureOrg();
  scopeFile = join(mkdtempSync(join(tmpdir(), 'syncscope-server-')), 'scope.json');
  copyFileSync(EXAMPLE_SCOPE_FILE, scopeFile);
  server = await startConfigServer({
    org: { kind: 'embedded', connection: org.connection, instanceUrl: org.url, apiVersion: '62.0' },
    scopeFile,
    port: 0,
    uiDir: null,
  });
});

afterAll(async () => {
  await server?.close();
  await org?.close();
});

describe('session, scope file and describe routes', () => {
  it('GET /api/session names the org, the admin and the users to preview as', async () => {
    const { status, body } = await api<SessionInfo>('GET', '/api/session');
    expect(status).toBe(200);
    expect(body).toEqual({
      orgKind: 'embedded',
      instanceHost: new URL(org.url).host,
      apiVersion: '62.0',
      connectedUser: { id: body.connectedUser.id, name: 'Ada Admin', username: 'admin@syncscope.example' },
      users: [
        { id: body.connectedUser.id, name: 'Ada Admin', username: 'admin@syncscope.example' },
        { id: org.ids.other, name: 'Oscar Other', username: 'oscar.other@fixture.example' },
        { id: org.ids.tech, name: 'Tina Tech', username: 'tina.tech@fixture.example' },
      ],
      dailyApiRequests: { max: 100_000, remaining: body.dailyApiRequests!.remaining },
      scopeFile,
    });
    expect(body.connectedUser.id).toMatch(/^005[A-Za-z0-9]{15}$/);
  });

  it('GET /api/scope reads the file; PUT /api/scope writes it atomically', async () => {
    const read = await api<{ scope: SyncScope; file: string }>('GET', '/api/scope');
    expect(read.body).toEqual({ scope: exampleScope(), file: scopeFile });
    const edited = { ...exampleScope(), description: 'Edited in the config tool' };
    const saved = await api<{ file: string; bytes: number }>('PUT', '/api/scope', { scope: edited });
    const text = `${JSON.stringify(edited, null, 2)}\n`;
    expect(saved).toEqual({ status: 200, body: { file: scopeFile, bytes: Buffer.byteLength(text) } });
    expect(readFileSync(scopeFile, 'utf8')).toBe(text);
    const refused = await api<ApiErrorBody>('PUT', '/api/scope', { scope: edited, file: 'scope.txt' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('BAD_REQUEST');
  });

  it('GET /api/sobjects, /api/describe/:object and /api/metadata proxy the org describe', async () => {
    const list = await api<SObjectListResponse>('GET', '/api/sobjects');
    expect(list.body.sobjects.find((o) => o.name === 'WorkOrder')).toEqual({
      name: 'WorkOrder',
      label: 'Work Order',
      labelPlural: 'Work Orders',
      keyPrefix: '0WO',
      custom: false,
      queryable: true,
      createable: true,
      updateable: true,
    });
    const describe = await api<{
      name: string;
      fields: { name: string; type: string; referenceTo: string[] }[];
    }>('GET', '/api/describe/WorkOrder');
    expect(describe.body.name).toBe('WorkOrder');
    expect(describe.body.fields.find((f) => f.name === 'AccountId')).toMatchObject({
      type: 'reference',
      referenceTo: ['Account'],
    });
    const missing = await api<ApiErrorBody>('GET', '/api/describe/NoSuchThing__c');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const metadata = await api<MetadataResponse>('GET', '/api/metadata?objects=Account,Nope__c,Contact');
    expect(Object.keys(metadata.body.metadata).sort()).toEqual(['Account', 'Contact']);
    expect(metadata.body.unknown).toEqual(['Nope__c']);
  });
});

describe('preview', () => {
  it('counts, per object and per path, what the example scope puts on the technician device', async () => {
    const { status, body } = await api<PreviewResponse>('POST', '/api/preview', {
      scope: scope(),
      userId: org.ids.tech,
      users: 10,
      sampleSize: 3,
    });
    expect(status).toBe(200);
    const summary = body.objects.map((o) => ({
      name: o.name,
      count: o.count,
      paths: o.paths.map((p) => `${p.label}=${p.count}`),
      firstSync: o.firstSyncApiCalls,
      delta: o.deltaNoChangeRequests,
      reconcile: o.reconcileEverySync,
    }));
    expect(summary).toEqual([
      { name: 'Product2', count: 2, paths: ['root=2'], firstSync: 3, delta: 3, reconcile: false },
      { name: 'WorkOrder', count: 3, paths: ['root=3'], firstSync: 2, delta: 1, reconcile: true },
      {
        name: 'Account',
        count: 2,
        paths: ['referencedBy WorkOrder.AccountId=2'],
        firstSync: 3,
        delta: 3,
        reconcile: false,
      },
      {
        name: 'Asset',
        count: 2,
        paths: ['childOf Account.AccountId=2'],
        firstSync: 3,
        delta: 3,
        reconcile: false,
      },
      {
        name: 'Contact',
        count: 3,
        paths: ['childOf Account.AccountId=2', 'referencedBy WorkOrder.ContactId=2'],
        firstSync: 4,
        delta: 4,
        reconcile: false,
      },
      {
        name: 'WorkOrderLineItem',
        count: 3,
        paths: ['childOf WorkOrder.WorkOrderId=3'],
        firstSync: 3,
        delta: 3,
        reconcile: false,
      },
    ]);
    const workOrders = body.objects.find((o) => o.name === 'WorkOrder')!;
    // The sample follows the scope's order (StartDate ASC) and carries the plan's fields, no attributes.
    expect(workOrders.sample.map((r) => r.Id)).toEqual([org.ids.W6, org.ids.W1, org.ids.W2]);
    expect(workOrders.sample[0]).toMatchObject({
      Subject: 'New 2025-03-04T10:00:00Z',
      Status: 'New',
      OwnerId: org.ids.tech,
    });
    expect(workOrders.sample[0]).not.toHaveProperty('attributes');
    expect(workOrders.limit).toBe(500);
    expect(workOrders.limitReached).toBe(false);
    expect(workOrders.avgRecordBytes).toBeGreaterThan(100);
    expect(workOrders.estimatedBytes).toBe(workOrders.avgRecordBytes * 3);
    // Waves: [Product2, WorkOrder], [Account, WorkOrderLineItem], [Asset, Contact].
    // First sync: per wave one composite of window checks and first pages (a delta from the epoch; the
    // later waves bind the Ids the earlier ones brought), then the by-Id fetch of WorkOrder (its limit
    // needs the Id query first) = 3 + 1, + the plan check = 5.
    // "Sync now" with no change: every object's window checks and queries asked at once (10 checks, 7
    // queries: 2 composites) + the plan check = 3. A day at a 30-min tick: the first sync reconciles by
    // count (2 + 2 composites of 6 COUNT() statements + 1 = 5); 5 ticks with Asset due are 3 calls; the
    // other 42 ticks (no Asset, 5 queries: 1 composite) are 2: 5 + 15 + 84 = 104.
    expect(body.totals).toEqual({
      records: 15,
      estimatedBytes: body.objects.reduce((n, o) => n + o.estimatedBytes, 0),
      firstSyncApiCalls: 5,
      deltaNoChangeApiCalls: 3,
      syncsPerDay: 48,
      apiCallsPerDevicePerDay: 104,
    });
    expect(body.fleet).toEqual({
      users: 10,
      apiCallsPerDay: 1040,
      dailyApiRequests: { max: 100_000, remaining: body.fleet.dailyApiRequests!.remaining },
      percentOfDailyMax: 1,
      maxUsers: 961,
    });
    expect(body.assumptions).toEqual({
      pageSize: 2000,
      queriesPerComposite: 5,
      subrequestsPerComposite: 25,
      planCheckCallsPerSync: 1,
      tickMinutes: 30,
    });
    expect(body.diagnostics.map((d) => d.code)).toContain('TIME_DEPENDENT_FILTER');
  });

  it('previews another user: only their work orders and what hangs off them', async () => {
    const { body } = await api<PreviewResponse>('POST', '/api/preview', {
      scope: scope(),
      userId: org.ids.other,
    });
    expect(body.objects.map((o) => [o.name, o.count])).toEqual([
      ['Product2', 2],
      ['WorkOrder', 1],
      ['Account', 1],
      ['Asset', 1],
      ['Contact', 1],
      ['WorkOrderLineItem', 1],
    ]);
  });

  it('answers a scope with errors with every diagnostic, at its JSON Pointer', async () => {
    const broken = scope() as unknown as { objects: Record<string, { fields: string[]; where?: string }> };
    broken.objects.WorkOrder!.fields = ['Subjekt', ...broken.objects.WorkOrder!.fields];
    broken.objects.Product2!.where = 'IsActive = ';
    const { status, body } = await api<ApiErrorBody>('POST', '/api/preview', {
      scope: broken,
      userId: org.ids.tech,
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('SCOPE_HAS_ERRORS');
    const errors = body.error
      .diagnostics!.filter((d) => d.severity === 'error')
      .map((d) => `${d.path} ${d.code}`);
    expect(errors).toContain('/objects/WorkOrder/fields/0 UNKNOWN_FIELD');
    expect(errors.some((e) => e.startsWith('/objects/Product2/where SOQL_'))).toBe(true);
  });

  it('refuses a preview without a user', async () => {
    const { status, body } = await api<ApiErrorBody>('POST', '/api/preview', {
      scope: scope(),
      userId: "x' OR Id != '",
    });
    expect(status).toBe(400);
    expect(body.error.message).toBe('`userId` must be a 15- or 18-character Salesforce Id (pick a user)');
  });
});

describe('why is this record (not) on the device', () => {
  const why = async (key: string) =>
    (
      await api<WhyResponse>('POST', '/api/why', {
        scope: scope(),
        userId: org.ids.tech,
        recordId: org.ids[key],
      })
    ).body;

  it('names the path that brings a record in', async () => {
    const answer = await why('C4');
    expect(answer).toEqual({
      recordId: org.ids.C4,
      object: 'Contact',
      exists: true,
      recordName: 'Diaz',
      onDevice: true,
      summary: 'On the device: Contact "Diaz" comes in through referencedBy WorkOrder.ContactId.',
      paths: [
        {
          label: 'childOf Account.AccountId',
          kind: 'childOf',
          matches: false,
          via: [org.ids.Acc3],
          reason: `its Account ${org.ids.Acc3} is not in scope (ask why for ${org.ids.Acc3})`,
        },
        { label: 'referencedBy WorkOrder.ContactId', kind: 'referencedBy', matches: true, via: [org.ids.W2] },
      ],
      failedConditions: [],
      beyondLimit: false,
    });
  });

  it('names the condition that keeps a record out', async () => {
    const closed = await why('W3');
    expect(closed.onDevice).toBe(false);
    expect(closed.failedConditions).toEqual([
      { condition: "Status != 'Closed'", path: '/objects/WorkOrder/where' },
    ]);
    expect(closed.recordName).toBe('00000003');
    expect(closed.summary).toBe('Not on the device: WorkOrder "00000003" fails Status != \'Closed\'.');
    const later = await why('W4');
    expect(later.failedConditions).toEqual([
      { condition: 'StartDate = NEXT_N_DAYS:14', path: '/objects/WorkOrder/where' },
    ]);
    const noEmail = await why('C2');
    expect(noEmail.failedConditions).toEqual([
      { condition: 'Email != null', path: '/objects/Contact/where' },
    ]);
    expect(noEmail.paths[0]).toEqual({
      label: 'childOf Account.AccountId',
      kind: 'childOf',
      matches: false,
      via: [org.ids.Acc1],
      reason: "its parent is in scope, but it does not match the object's filter",
    });
  });

  it('follows a record whose parent is out of scope, and one whose object is not in the scope', async () => {
    const asset = await why('As3');
    expect(asset.onDevice).toBe(false);
    expect(asset.recordName).toBe('Pump 3');
    expect(asset.summary).toBe(
      `Not on the device: its Account ${org.ids.Acc3} is not in scope (ask why for ${org.ids.Acc3}).`,
    );
    const account = await why('Acc3');
    expect(account.summary).toBe(
      // W3 (closed) and W5 (the other technician's) point at it.
      'Not on the device: 2 WorkOrder records point at it through AccountId, but none is in scope.',
    );
    const user = await why('other');
    expect(user.summary).toBe('User is not in the scope "Field technician": add it to sync its records.');
  });
});

describe('limits', () => {
  const limited = (): SyncScope => {
    const edited = scope() as unknown as { objects: Record<string, { limit?: number }> };
    edited.objects.WorkOrder!.limit = 2;
    return edited as unknown as SyncScope;
  };

  it('previews the first `limit` records by the order, and says more match', async () => {
    const { body } = await api<PreviewResponse>('POST', '/api/preview', {
      scope: limited(),
      userId: org.ids.tech,
    });
    const workOrders = body.objects.find((o) => o.name === 'WorkOrder')!;
    expect(workOrders).toMatchObject({ count: 2, limit: 2, limitReached: true });
    expect(workOrders.paths).toEqual([{ label: 'root', kind: 'root', count: 3 }]);
    expect(workOrders.sample.map((r) => r.Id)).toEqual([org.ids.W6, org.ids.W1]);
    // W2's line item and account fall out with it.
    expect(body.objects.find((o) => o.name === 'WorkOrderLineItem')!.count).toBe(2);
    expect(body.objects.find((o) => o.name === 'Account')!.count).toBe(1);
  });

  it('explains a record cut off by the limit', async () => {
    const { body } = await api<WhyResponse>('POST', '/api/why', {
      scope: limited(),
      userId: org.ids.tech,
      recordId: org.ids.W2,
    });
    expect(body).toMatchObject({ onDevice: false, beyondLimit: true, failedConditions: [] });
    expect(body.summary).toBe(
      'Not on the device: WorkOrder "00000002" is selected, but beyond the limit of 2 records by StartDate ASC.',
    );
  });
});

describe('publish, versions, restore and diff', () => {
  it('diffs against nothing before the first publish', async () => {
    const { body } = await api<DiffResponse>('POST', '/api/diff', { scope: scope(), userId: org.ids.tech });
    expect(body.published).toBeNull();
    expect(body.identical).toBe(false);
    expect(body.objects.map((o) => [o.name, o.change, o.before, o.after, o.gained, o.lost])).toEqual([
      ['Product2', 'added', 0, 2, 2, 0],
      ['WorkOrder', 'added', 0, 3, 3, 0],
      ['Account', 'added', 0, 2, 2, 0],
      ['Asset', 'added', 0, 2, 2, 0],
      ['Contact', 'added', 0, 3, 3, 0],
      ['WorkOrderLineItem', 'added', 0, 3, 3, 0],
    ]);
  });

  it('publishes versions, lists them, restores one, and devices fetch the latest plan', async () => {
    const refused = await api<ApiErrorBody>('POST', '/api/publish', { scope: scope(), note: '  ' });
    expect(refused.status).toBe(400);

    const first = await api<PublishResponse>('POST', '/api/publish', {
      scope: scope(),
      note: 'First rollout',
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toMatchObject({
      scopeName: 'Field technician',
      versionNumber: 1,
      note: 'First rollout',
      publishedBy: 'Ada Admin',
      planVersion: 1,
      publishedAt: '2025-03-03T09:00:00.000+0000',
    });
    expect(first.body.version.versionId).toMatch(/^068/);
    expect(first.body.version.contentDocumentId).toMatch(/^069/);

    const edited = scope() as unknown as { objects: Record<string, unknown> };
    delete edited.objects.Asset;
    (edited.objects.Product2 as { where: string }).where = 'IsActive = false';
    const second = await api<PublishResponse>('POST', '/api/publish', { scope: edited, note: 'Drop assets' });
    expect(second.body.version.versionNumber).toBe(2);
    // A new version of the same file, not a second file.
    expect(second.body.version.contentDocumentId).toBe(first.body.version.contentDocumentId);

    const versions = await api<VersionsResponse>(
      'GET',
      `/api/versions?name=${encodeURIComponent('Field technician')}`,
    );
    expect(versions.body.versions.map((v) => [v.versionNumber, v.note])).toEqual([
      [2, 'Drop assets'],
      [1, 'First rollout'],
    ]);

    const restored = await api<RestoreResponse>('POST', '/api/restore', {
      versionId: first.body.version.versionId,
    });
    expect(restored.body.version.versionNumber).toBe(3);
    expect(restored.body.version.note).toBe('Restored version 1');
    expect(restored.body.restoredFrom.versionId).toBe(first.body.version.versionId);
    expect(restored.body.scope).toEqual(scope());

    const detail = await api<VersionDetail>('GET', `/api/versions/${restored.body.version.versionId}`);
    const firstDetail = await api<VersionDetail>('GET', `/api/versions/${first.body.version.versionId}`);
    expect(detail.body.plan).toEqual(firstDetail.body.plan);
    expect(detail.body.scope).toEqual(scope());

    const store = { transport: org.connection, apiVersion: '62.0' };
    const latest = await fetchLatestPublishedPlan(store, 'Field technician');
    expect(latest?.version.versionNumber).toBe(3);
    expect(latest?.plan).toEqual(firstDetail.body.plan);
    const unchanged = await fetchLatestPublishedPlan(
      store,
      'Field technician',
      restored.body.version.versionId,
    );
    expect(unchanged).toEqual({ version: latest!.version, plan: null });
    expect(await fetchLatestPublishedPlan(store, 'Never published')).toBeNull();
  });

  it('diffs an edited scope against the published one: records gained and lost, objects to re-download', async () => {
    const edited = scope() as unknown as { objects: Record<string, unknown> };
    delete edited.objects.Asset;
    (edited.objects.Product2 as { where: string }).where = 'IsActive = false';
    const { body } = await api<DiffResponse>('POST', '/api/diff', { scope: edited, userId: org.ids.tech });
    expect(body.published?.versionNumber).toBe(3);
    expect(body.identical).toBe(false);
    expect(body.objects).toEqual([
      {
        name: 'Product2',
        change: 'changed',
        redownload: true,
        before: 2,
        after: 1,
        gained: 1,
        lost: 2,
        gainedIds: [org.ids.P3],
        lostIds: [org.ids.P1, org.ids.P2],
      },
      ...['WorkOrder', 'Account', 'Contact', 'WorkOrderLineItem'].map((name) => ({
        name,
        change: 'unchanged',
        redownload: false,
        before: body.objects.find((o) => o.name === name)!.after,
        after: body.objects.find((o) => o.name === name)!.after,
        gained: 0,
        lost: 0,
        gainedIds: [],
        lostIds: [],
      })),
      {
        name: 'Asset',
        change: 'removed',
        redownload: false,
        before: 2,
        after: 0,
        gained: 0,
        lost: 2,
        gainedIds: [],
        lostIds: [org.ids.As1, org.ids.As2],
      },
    ]);
    const same = await api<DiffResponse>('POST', '/api/diff', { scope: scope(), userId: org.ids.tech });
    expect(same.body.identical).toBe(true);
    expect(same.body.objects.every((o) => o.change === 'unchanged' && o.gained === 0 && o.lost === 0)).toBe(
      true,
    );
  });
});

describe('org proxy for the device simulator', () => {
  it('passes REST calls through with the server token and returns the org answer as it came', async () => {
    const ok = await api<OrgResponse>('POST', '/api/org/request', {
      method: 'GET',
      url: `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Account ORDER BY Name')}`,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe(200);
    expect((ok.body.body as { totalSize: number }).totalSize).toBe(4);
    const bad = await api<OrgResponse>('POST', '/api/org/request', {
      method: 'GET',
      url: `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Nope FROM Account')}`,
    });
    expect(bad.body.status).toBe(400);
    expect((bad.body.body as { errorCode: string }[])[0]!.errorCode).toBe('INVALID_FIELD');
    const forbidden = await api<ApiErrorBody>('POST', '/api/org/request', {
      method: 'POST',
      url: '/__emulator/clock',
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
  });
});

describe('security', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.app.server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('refuses cross-origin and cross-site requests, and foreign Host names', async () => {
    const attempts: Record<string, string>[] = [
      { Origin: 'http://evil.example' },
      { Origin: `http://localhost:${server.port + 1}` },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Host: `attacker.example:${server.port}` },
    ];
    for (const headers of attempts) {
      for (const [method, path, body] of [
        ['GET', '/api/session', undefined],
        ['POST', '/api/publish', { scope: scope(), note: 'evil' }],
        ['POST', '/api/org/request', { method: 'GET', url: '/services/data/v62.0/limits' }],
      ] as const) {
        const response = await rawRequest(server.port, { method, path, body, headers });
        seen.push(response.text);
        expect(response.status, `${method} ${path} with ${JSON.stringify(headers)}`).toBe(403);
        expect(response.json<ApiErrorBody>().error.code).toBe('FORBIDDEN');
      }
    }
    const versions = await api<VersionsResponse>('GET', '/api/versions?name=Field%20technician');
    expect(versions.body.versions.some((v) => v.note === 'evil')).toBe(false);
  });

  it('never sends the org token, in any answer of this file', () => {
    expect(seen.length).toBeGreaterThan(30);
    for (const text of seen) expect(text).not.toContain(org.token);
  });
});
