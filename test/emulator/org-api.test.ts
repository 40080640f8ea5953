import { AuthInfo, Connection as CoreConnection } from '@salesforce/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_USER_ID, ORG_ID } from '../../src/emulator/index.ts';
import { rejection, startTestOrg, TEST_NOW, type TestOrg } from './support/test-org.ts';

let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg({ now: TEST_NOW });
});
afterAll(() => t.close());

describe('versions and resources', () => {
  it('lists API versions without authentication', async () => {
    const response = await t.http('GET', '/services/data', { token: null });
    const versions = response.body as { label: string; url: string; version: string }[];
    expect(versions.at(-1)).toEqual({ label: "Summer '26", url: '/services/data/v67.0', version: '67.0' });
    expect(versions.find((v) => v.version === '58.0')).toEqual({
      label: "Summer '23",
      url: '/services/data/v58.0',
      version: '58.0',
    });
    expect(versions[0]!.version).toBe('31.0');
  });

  it('lists the resources of a version, and 404s for an unknown version', async () => {
    const resources = (await t.conn.request('/services/data/v62.0/')) as Record<string, string>;
    expect(resources.query).toBe('/services/data/v62.0/query');
    expect(resources.sobjects).toBe('/services/data/v62.0/sobjects');
    const older = (await t.http('GET', '/services/data/v50.0/')).body as Record<string, string>;
    expect(older.composite).toBe('/services/data/v50.0/composite');
    expect(await t.http('GET', '/services/data/v68.0/')).toMatchObject({
      status: 404,
      body: [{ errorCode: 'NOT_FOUND' }],
    });
  });
});

describe('authentication', () => {
  it('answers 401 INVALID_SESSION_ID for a missing or unknown token', async () => {
    for (const token of [null, 'nope', `${t.running.token}x`]) {
      const response = await t.http('GET', '/services/data/v62.0/sobjects', { token });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
      expect(response.body).toEqual([
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID', fields: [] },
      ]);
    }
  });

  it('gives a default token shaped 00D...!..., and accepts --token', async () => {
    expect(t.running.token).toMatch(/^00D8e0000000001![A-Za-z0-9_-]{60,}$/);
    const custom = await startTestOrg({ token: 'my-test-token' });
    try {
      expect(custom.running.token).toBe('my-test-token');
      expect((await custom.conn.query('SELECT COUNT() FROM User')).totalSize).toBe(1);
    } finally {
      await custom.close();
    }
  });

  it('describes the session user at /services/oauth2/userinfo', async () => {
    const info = (await t.conn.request('/services/oauth2/userinfo')) as Record<string, unknown>;
    expect(info).toMatchObject({
      user_id: ADMIN_USER_ID,
      organization_id: ORG_ID,
      preferred_username: 'admin@syncscope.example',
      name: 'Ada Admin',
      email: 'admin@syncscope.example',
      active: true,
      sub: `${t.running.url}/id/${ORG_ID}/${ADMIN_USER_ID}`,
    });
  });

  it("answers jsforce's identity() through the resources' identity URL", async () => {
    const identity = (await t.conn.identity()) as unknown as Record<string, unknown>;
    expect(identity).toMatchObject({
      id: `${t.running.url}/id/${ORG_ID}/${ADMIN_USER_ID}`,
      user_id: ADMIN_USER_ID,
      organization_id: ORG_ID,
      username: 'admin@syncscope.example',
      display_name: 'Ada Admin',
    });
  });

  it('works with @salesforce/core AuthInfo + Connection from a token (no extra calls)', async () => {
    await t.control('DELETE', '/stats');
    const authInfo = await AuthInfo.create({
      username: t.running.token,
      accessTokenOptions: { accessToken: t.running.token, instanceUrl: t.running.url },
    });
    const conn = await CoreConnection.create({ authInfo, connectionOptions: { version: '62.0' } });
    expect((await t.control('GET', '/stats')).body).toMatchObject({ requests: 0 });
    const result = await conn.query<{ Username: string }>('SELECT Username FROM User');
    expect(result.records.map((r) => r.Username)).toEqual(['admin@syncscope.example']);
    const describe = await conn.describe('WorkOrder');
    expect(describe.keyPrefix).toBe('0WO');
  });
});

describe('describe', () => {
  it('describes the org (describeGlobal)', async () => {
    const global = await t.conn.describeGlobal();
    expect(global.maxBatchSize).toBe(200);
    expect(global.sobjects.map((s) => s.name)).toEqual([
      'Account',
      'Asset',
      'Case',
      'Contact',
      'ContentDocument',
      'ContentVersion',
      'FieldPermissions',
      'Group',
      'ObjectPermissions',
      'PermissionSet',
      'PermissionSetAssignment',
      'Product2',
      'Profile',
      'ServiceAppointment',
      'User',
      'UserRole',
      'WorkOrder',
      'WorkOrderLineItem',
    ]);
    expect(global.sobjects.find((s) => s.name === 'WorkOrder')).toMatchObject({
      keyPrefix: '0WO',
      queryable: true,
      urls: { describe: '/services/data/v62.0/sobjects/WorkOrder/describe' },
    });
  });

  it('describes an object with fields and child relationships', async () => {
    const describe = await t.conn.sobject('WorkOrder').describe();
    expect(describe.name).toBe('WorkOrder');
    const startDate = describe.fields.find((f) => f.name === 'StartDate');
    expect(startDate).toMatchObject({
      type: 'datetime',
      soapType: 'xsd:dateTime',
      createable: true,
      nillable: true,
    });
    expect(describe.childRelationships).toContainEqual(
      expect.objectContaining({
        childSObject: 'WorkOrderLineItem',
        field: 'WorkOrderId',
        relationshipName: 'WorkOrderLineItems',
      }),
    );
    const basic = (await t.conn.request('/services/data/v62.0/sobjects/Account')) as {
      objectDescribe: unknown;
    };
    expect(basic.objectDescribe).toMatchObject({ name: 'Account', keyPrefix: '001' });
    expect((await rejection(t.conn.sobject('Widget').describe())).errorCode).toBe('NOT_FOUND');
  });
});

describe('/limits and API usage', () => {
  it('counts one call per request (a composite is one) and reports it in DailyApiRequests', async () => {
    const before = (
      (await t.conn.request('/services/data/v62.0/limits')) as { DailyApiRequests: { Remaining: number } }
    ).DailyApiRequests.Remaining;
    await t.conn.query('SELECT Id FROM Account');
    await t.http('POST', '/services/data/v62.0/composite', {
      body: {
        compositeRequest: [
          { method: 'GET', url: '/services/data/v62.0/limits', referenceId: 'a' },
          { method: 'GET', url: '/services/data/v62.0/sobjects', referenceId: 'b' },
          { method: 'GET', url: '/services/data/v62.0/query?q=SELECT+Id+FROM+User', referenceId: 'c' },
        ],
      },
    });
    const response = await t.http('GET', '/services/data/v62.0/limits');
    const limits = response.body as { DailyApiRequests: { Max: number; Remaining: number } };
    // after the first /limits: the query, the composite and this /limits call
    expect(limits.DailyApiRequests).toEqual({ Max: 100_000, Remaining: before - 3 });
    expect(response.headers.get('sforce-limit-info')).toBe(`api-usage=${100_000 - before + 3}/100000`);
  });

  it('answers 405 for a method a resource does not support', async () => {
    const response = await t.http('PUT', '/services/data/v62.0/limits', { body: {} });
    expect(response).toMatchObject({ status: 405, body: [{ errorCode: 'METHOD_NOT_ALLOWED' }] });
  });
});
