/**
 * The embedded org as each user sees it: sessions from the OAuth username-password flow, then the same
 * queries as a technician, the dispatcher and the admin. Record sharing (WorkOrder Private, line items
 * Controlled by Parent, Account Public Read Only, the role hierarchy, View All), field-level security
 * (Asset.Price hidden from technicians, granted through a FieldPermissions row), UserRecordAccess, and
 * the answers to reads and writes of records a user cannot see or edit.
 */

import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_USER_ID,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_DISPATCHER_ID,
  DEMO_DISPATCHER_USERNAME,
  DEMO_PASSWORD,
  DEMO_SECOND_TECHNICIAN_ID,
  DEMO_SECOND_TECHNICIAN_USERNAME,
  DEMO_TECHNICIAN_ID,
  DEMO_TECHNICIAN_IDS,
  DEMO_TECHNICIAN_USERNAME,
} from '../../src/emulator/index.ts';
import { API_VERSION, rejection, startTestOrg, TEST_NOW, type TestOrg } from './support/test-org.ts';

let t: TestOrg;
let admin: Connection;
let tess: Connection;
let omar: Connection;
let diane: Connection;

/** A session of `username` through the emulator's OAuth username-password flow (jsforce's login). */
async function signIn(username: string): Promise<Connection> {
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
  return conn;
}

/** Every record of a query (all pages, 200 at a time so that queryMore is exercised). */
async function all<T = Record<string, unknown>>(conn: Connection, soql: string): Promise<T[]> {
  const result = await conn.query(soql, {
    autoFetch: true,
    maxFetch: 100_000,
    headers: { 'Sforce-Query-Options': 'batchSize=200' },
  });
  return result.records as unknown as T[];
}

async function ids(conn: Connection, soql: string): Promise<string[]> {
  return (await all<{ Id: string }>(conn, soql)).map((r) => r.Id);
}

async function count(conn: Connection, soql: string): Promise<number> {
  return (await conn.query(soql)).totalSize;
}

beforeAll(async () => {
  t = await startTestOrg({ seed: 'demo', now: TEST_NOW });
  admin = t.conn;
  const sessions = await Promise.all(
    [DEMO_TECHNICIAN_USERNAME, DEMO_SECOND_TECHNICIAN_USERNAME, DEMO_DISPATCHER_USERNAME].map(signIn),
  );
  [tess, omar, diane] = sessions as [Connection, Connection, Connection];
});
afterAll(() => t.close());

describe('users, profiles and permission sets', () => {
  it('are queryable with SOQL as on Salesforce', async () => {
    const profiles = await all<{ Name: string }>(admin, 'SELECT Name FROM Profile ORDER BY Name');
    expect(profiles.map((p) => p.Name)).toEqual([
      'Dispatcher',
      'Field Technician',
      'Standard User',
      'System Administrator',
    ]);
    const roles = await all<{ Name: string; ParentRole: null }>(
      admin,
      'SELECT Name, ParentRoleId FROM UserRole ORDER BY Name',
    );
    expect(roles.map((r) => r.Name)).toEqual(['Dispatcher', 'Field Service Manager', 'Field Technician']);
    const users = await all<{ Id: string; Profile: { Name: string }; UserRole: { Name: string } | null }>(
      admin,
      'SELECT Id, Profile.Name, UserRole.Name FROM User ORDER BY Id',
    );
    expect(users.map((u) => [u.Id, u.Profile.Name, u.UserRole?.Name ?? null])).toEqual([
      [ADMIN_USER_ID, 'System Administrator', 'Field Service Manager'],
      ...DEMO_TECHNICIAN_IDS.map((id) => [id, 'Field Technician', 'Field Technician']),
      [DEMO_DISPATCHER_ID, 'Dispatcher', 'Dispatcher'],
    ]);
    const assignments = await all<{ PermissionSet: { Name: string } }>(
      admin,
      `SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '${DEMO_TECHNICIAN_ID}' AND PermissionSet.IsOwnedByProfile = false`,
    );
    expect(assignments.map((a) => a.PermissionSet.Name)).toEqual(['Field_Technician']);
    const hidden = await all<{ Parent: { Label: string } }>(
      admin,
      "SELECT Parent.Label FROM FieldPermissions WHERE Field = 'Asset.Price' AND PermissionsRead = true ORDER BY Parent.Label",
    );
    expect(hidden.map((f) => f.Parent.Label)).toEqual([
      'Dispatcher',
      'Standard User',
      'System Administrator',
    ]);
    const dispatch = await all<Record<string, unknown>>(
      admin,
      "SELECT SobjectType, PermissionsViewAllRecords, PermissionsModifyAllRecords FROM ObjectPermissions WHERE Parent.Name = 'Dispatch_All_Work_Orders' ORDER BY SobjectType",
    );
    expect(dispatch.map(({ attributes: _a, ...rest }) => rest)).toEqual([
      {
        SobjectType: 'ServiceAppointment',
        PermissionsViewAllRecords: true,
        PermissionsModifyAllRecords: true,
      },
      { SobjectType: 'WorkOrder', PermissionsViewAllRecords: true, PermissionsModifyAllRecords: true },
    ]);
  });
});

describe('record sharing', () => {
  it('gives every technician work orders of their own', async () => {
    for (const id of DEMO_TECHNICIAN_IDS)
      expect(await count(admin, `SELECT COUNT() FROM WorkOrder WHERE OwnerId = '${id}'`)).toBeGreaterThan(0);
  });

  it('shows a technician only their work orders and their line items (WorkOrder Private)', async () => {
    const own = await ids(
      admin,
      `SELECT Id FROM WorkOrder WHERE OwnerId = '${DEMO_TECHNICIAN_ID}' ORDER BY Id`,
    );
    expect(own.length).toBeGreaterThan(200);
    expect(await ids(tess, 'SELECT Id FROM WorkOrder ORDER BY Id')).toEqual(own);
    expect(await count(tess, 'SELECT COUNT() FROM WorkOrder')).toBe(own.length);
    const ownItems = await ids(
      admin,
      `SELECT Id FROM WorkOrderLineItem WHERE WorkOrder.OwnerId = '${DEMO_TECHNICIAN_ID}' ORDER BY Id`,
    );
    expect(await ids(tess, 'SELECT Id FROM WorkOrderLineItem ORDER BY Id')).toEqual(ownItems);
    const omarsOwn = await ids(
      admin,
      `SELECT Id FROM WorkOrder WHERE OwnerId = '${DEMO_SECOND_TECHNICIAN_ID}' ORDER BY Id`,
    );
    expect(await ids(omar, 'SELECT Id FROM WorkOrder ORDER BY Id')).toEqual(omarsOwn);
  });

  it('filters child subqueries, semi-joins and aggregates the same way', async () => {
    const accounts = await all<{ Id: string; WorkOrders: { records: { OwnerId: string }[] } | null }>(
      omar,
      'SELECT Id, (SELECT Id, OwnerId FROM WorkOrders) FROM Account ORDER BY Id LIMIT 40',
    );
    const owners = accounts.flatMap((a) => a.WorkOrders?.records.map((w) => w.OwnerId) ?? []);
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners)).toEqual(new Set([DEMO_SECOND_TECHNICIAN_ID]));
    const where = `OwnerId = '${DEMO_TECHNICIAN_ID}'`;
    expect(
      await count(tess, 'SELECT COUNT() FROM Account WHERE Id IN (SELECT AccountId FROM WorkOrder)'),
    ).toBe(
      await count(
        admin,
        `SELECT COUNT() FROM Account WHERE Id IN (SELECT AccountId FROM WorkOrder WHERE ${where})`,
      ),
    );
    const grouped = await all<{ OwnerId: string; n: number }>(
      tess,
      'SELECT OwnerId, COUNT(Id) n FROM WorkOrder GROUP BY OwnerId',
    );
    expect(grouped.map((g) => [g.OwnerId, g.n])).toEqual([
      [DEMO_TECHNICIAN_ID, await count(admin, `SELECT COUNT() FROM WorkOrder WHERE ${where}`)],
    ]);
  });

  it('shows the dispatcher every work order (View All), and the admin too', async () => {
    const everyWorkOrder = await count(admin, 'SELECT COUNT() FROM WorkOrder');
    expect(everyWorkOrder).toBe(1000);
    expect(await count(diane, 'SELECT COUNT() FROM WorkOrder')).toBe(everyWorkOrder);
    expect(await ids(diane, 'SELECT Id FROM WorkOrderLineItem ORDER BY Id')).toEqual(
      await ids(admin, 'SELECT Id FROM WorkOrderLineItem ORDER BY Id'),
    );
  });

  it('shows accounts, contacts, assets and products to everyone (Public Read Only, no sharing)', async () => {
    for (const object of ['Account', 'Contact', 'Asset', 'Product2'])
      expect(await count(tess, `SELECT COUNT() FROM ${object}`)).toBe(
        await count(admin, `SELECT COUNT() FROM ${object}`),
      );
  });

  it('answers a read of an unshared record with NOT_FOUND, an edit without access with INSUFFICIENT_ACCESS_OR_READONLY', async () => {
    const [omarsWorkOrder] = await ids(
      admin,
      `SELECT Id FROM WorkOrder WHERE OwnerId = '${DEMO_SECOND_TECHNICIAN_ID}' ORDER BY Id LIMIT 1`,
    );
    const path = `/services/data/v62.0/sobjects/WorkOrder/${omarsWorkOrder}`;
    const notFound = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];
    expect(await t.http('GET', path, { token: tess.accessToken })).toMatchObject({
      status: 404,
      body: notFound,
    });
    expect(
      await t.http('PATCH', path, { token: tess.accessToken, body: { Subject: 'Taken over' } }),
    ).toMatchObject({ status: 404, body: notFound });
    expect(await t.http('DELETE', path, { token: tess.accessToken })).toMatchObject({
      status: 404,
      body: notFound,
    });
    expect((await t.http('GET', path, { token: diane.accessToken })).status).toBe(200);
    const error = await rejection(tess.sobject('WorkOrder').retrieve(omarsWorkOrder as string));
    expect(error.errorCode).toBe('NOT_FOUND');

    // Contacts are Public Read Only: readable by all, editable by their owner (and those above them).
    const [omarsContact] = await ids(
      admin,
      `SELECT Id FROM Contact WHERE OwnerId = '${DEMO_SECOND_TECHNICIAN_ID}' ORDER BY Id LIMIT 1`,
    );
    const contactPath = `/services/data/v62.0/sobjects/Contact/${omarsContact}`;
    expect((await t.http('GET', contactPath, { token: tess.accessToken })).status).toBe(200);
    expect(
      await t.http('PATCH', contactPath, { token: tess.accessToken, body: { Phone: '+33 4 00 00 00 00' } }),
    ).toMatchObject({
      status: 400,
      body: [
        { errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id' },
      ],
    });
    expect(
      (await t.http('PATCH', contactPath, { token: omar.accessToken, body: { Phone: '+33 4 00 00 00 01' } }))
        .status,
    ).toBe(204);
    expect(
      (await t.http('PATCH', contactPath, { token: diane.accessToken, body: { Phone: '+33 4 00 00 00 02' } }))
        .status,
    ).toBe(204);

    // A line item belongs to its work order (Controlled by Parent): none under another's work order.
    const created = await rejection(
      tess.sobject('WorkOrderLineItem').create({ WorkOrderId: omarsWorkOrder, Subject: 'Not mine' }),
    );
    expect(created.errorCode).toBe('INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY');
  });

  it('applies a changed org-wide default at once (Account made Private)', async () => {
    const own = await ids(
      admin,
      `SELECT Id FROM Account WHERE OwnerId = '${DEMO_TECHNICIAN_ID}' ORDER BY Id`,
    );
    expect(t.running.org.access.orgWideDefault('Account')).toBe('Read');
    t.running.org.access.setOrgWideDefault('Account', 'Private');
    try {
      expect(await ids(tess, 'SELECT Id FROM Account ORDER BY Id')).toEqual(own);
      expect(await count(diane, 'SELECT COUNT() FROM Account')).toBe(
        await count(admin, "SELECT COUNT() FROM Account WHERE Owner.Title = 'Field Technician'"),
      );
    } finally {
      t.running.org.access.setOrgWideDefault('Account', 'Read');
    }
    expect(await count(tess, 'SELECT COUNT() FROM Account')).toBe(
      await count(admin, 'SELECT COUNT() FROM Account'),
    );
  });

  it('joins a parent the user cannot see as no parent', async () => {
    const [omarsOrder] = await all<{ Id: string; Subject: string }>(
      admin,
      `SELECT Id, Subject FROM WorkOrder WHERE OwnerId = '${DEMO_SECOND_TECHNICIAN_ID}' ORDER BY Id LIMIT 1`,
    );
    const { id } = (await admin.sobject('WorkOrder').create({
      Subject: 'Follow-up',
      OwnerId: DEMO_TECHNICIAN_ID,
      ParentWorkOrderId: omarsOrder!.Id,
    })) as { id: string };
    const soql = `SELECT Id, ParentWorkOrderId, ParentWorkOrder.Subject FROM WorkOrder WHERE Id = '${id}'`;
    const [asTess] = await all<{ ParentWorkOrderId: string; ParentWorkOrder: unknown }>(tess, soql);
    expect([asTess?.ParentWorkOrderId, asTess?.ParentWorkOrder]).toEqual([omarsOrder!.Id, null]);
    const [asDiane] = await all<{ ParentWorkOrder: { Subject: string } }>(diane, soql);
    expect(asDiane?.ParentWorkOrder.Subject).toBe(omarsOrder!.Subject);
    expect(
      await count(
        tess,
        `SELECT COUNT() FROM WorkOrder WHERE Id = '${id}' AND ParentWorkOrder.Subject != null`,
      ),
    ).toBe(0);
    await admin.sobject('WorkOrder').destroy(id);
  });

  it('answers null for unshared records in a collections retrieve', async () => {
    const [mine] = await ids(
      admin,
      `SELECT Id FROM WorkOrder WHERE OwnerId = '${DEMO_TECHNICIAN_ID}' ORDER BY Id LIMIT 1`,
    );
    const [theirs] = await ids(
      admin,
      `SELECT Id FROM WorkOrder WHERE OwnerId = '${DEMO_SECOND_TECHNICIAN_ID}' ORDER BY Id LIMIT 1`,
    );
    const answer = await t.http(
      'GET',
      `/services/data/v62.0/composite/sobjects/WorkOrder?ids=${mine},${theirs}&fields=Id,OwnerId`,
      {
        token: tess.accessToken,
      },
    );
    expect(answer.status).toBe(200);
    expect((answer.body as ({ Id: string } | null)[]).map((r) => r?.Id ?? null)).toEqual([mine, null]);
  });

  it('follows the role hierarchy: the dispatcher sees what the technicians below her own', async () => {
    const { id: adminsOrder } = (await admin.sobject('WorkOrder').create({ Subject: 'Admin only' })) as {
      id: string;
    };
    const assignment = await all<{ Id: string }>(
      admin,
      `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${DEMO_DISPATCHER_ID}' AND PermissionSet.Name = 'Dispatch_All_Work_Orders'`,
    );
    const dispatchSet = await all<{ Id: string }>(
      admin,
      "SELECT Id FROM PermissionSet WHERE Name = 'Dispatch_All_Work_Orders'",
    );
    await admin.sobject('PermissionSetAssignment').destroy(assignment[0]!.Id);
    try {
      // Without View All: every technician's work order (their roles are below hers), not the admin's.
      expect(await count(diane, 'SELECT COUNT() FROM WorkOrder')).toBe(
        await count(admin, `SELECT COUNT() FROM WorkOrder WHERE Owner.Title = 'Field Technician'`),
      );
      expect(await count(diane, `SELECT COUNT() FROM WorkOrder WHERE Id = '${adminsOrder}'`)).toBe(0);
      expect(
        await count(tess, `SELECT COUNT() FROM WorkOrder WHERE OwnerId = '${DEMO_SECOND_TECHNICIAN_ID}'`),
      ).toBe(0);
    } finally {
      await admin
        .sobject('PermissionSetAssignment')
        .create({ AssigneeId: DEMO_DISPATCHER_ID, PermissionSetId: dispatchSet[0]!.Id });
    }
    expect(await count(diane, `SELECT COUNT() FROM WorkOrder WHERE Id = '${adminsOrder}'`)).toBe(1);
    await admin.sobject('WorkOrder').destroy(adminsOrder);
  });
});

describe('field-level security', () => {
  it('leaves a field the technician cannot read out of describe, SOQL and records', async () => {
    const fieldsOf = async (conn: Connection) =>
      (await conn.sobject('Asset').describe()).fields.map((f) => f.name);
    expect(await fieldsOf(admin)).toContain('Price');
    expect(await fieldsOf(diane)).toContain('Price');
    expect(await fieldsOf(tess)).not.toContain('Price');
    expect(await fieldsOf(tess)).toContain('SerialNumber');
    const error = await rejection(tess.query('SELECT Id, Price FROM Asset LIMIT 1'));
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toContain(
      "No such column 'Price' on entity 'Asset'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.",
    );
    expect((await rejection(tess.query('SELECT Id FROM Asset WHERE Price > 100'))).errorCode).toBe(
      'INVALID_FIELD',
    );
    const [assetId] = await ids(admin, 'SELECT Id FROM Asset ORDER BY Id LIMIT 1');
    const record = await tess.sobject('Asset').retrieve(assetId as string);
    expect(Object.keys(record)).not.toContain('Price');
    expect(Object.keys(await admin.sobject('Asset').retrieve(assetId as string))).toContain('Price');
  });

  it('makes it readable once a FieldPermissions row grants it (REST create), and hidden again when deleted', async () => {
    const [technicianSet] = await all<{ Id: string }>(
      admin,
      "SELECT Id FROM PermissionSet WHERE Name = 'Field_Technician'",
    );
    const grant = (await admin.sobject('FieldPermissions').create({
      ParentId: technicianSet!.Id,
      SobjectType: 'Asset',
      Field: 'Asset.Price',
      PermissionsRead: true,
      PermissionsEdit: false,
    })) as { id: string; success: boolean };
    expect(grant.success).toBe(true);
    const price = (await tess.sobject('Asset').describe()).fields.find((f) => f.name === 'Price');
    expect(price).toMatchObject({ name: 'Price', createable: false, updateable: false });
    const prices = await all<{ Price: number }>(tess, 'SELECT Id, Price FROM Asset ORDER BY Id LIMIT 3');
    expect(prices).toEqual(await all(admin, 'SELECT Id, Price FROM Asset ORDER BY Id LIMIT 3'));
    await admin.sobject('FieldPermissions').destroy(grant.id);
    expect((await rejection(tess.query('SELECT Price FROM Asset LIMIT 1'))).errorCode).toBe('INVALID_FIELD');
  });

  it('refuses a write of a field the technician can read but not edit', async () => {
    const [item] = await ids(
      admin,
      `SELECT Id FROM WorkOrderLineItem WHERE WorkOrder.OwnerId = '${DEMO_TECHNICIAN_ID}' ORDER BY Id LIMIT 1`,
    );
    const discount = (await tess.sobject('WorkOrderLineItem').describe()).fields.find(
      (f) => f.name === 'Discount',
    );
    expect(discount).toMatchObject({ createable: false, updateable: false });
    const path = `/services/data/v62.0/sobjects/WorkOrderLineItem/${item}`;
    expect(await t.http('PATCH', path, { token: tess.accessToken, body: { Discount: 10 } })).toMatchObject({
      status: 400,
      body: [
        {
          errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
          message:
            'Unable to create/update fields: Discount. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
          fields: ['Discount'],
        },
      ],
    });
    expect(
      (await t.http('PATCH', path, { token: tess.accessToken, body: { Status: 'In Progress' } })).status,
    ).toBe(204);
    expect(
      (await t.http('PATCH', path, { token: tess.accessToken, body: { Description: 'Checked' } })).status,
    ).toBe(204);
  });
});

describe('UserRecordAccess', () => {
  const accessOf = async (userId: string, recordIds: readonly string[]) =>
    all<{ RecordId: string; HasReadAccess: boolean; HasEditAccess: boolean }>(
      admin,
      `SELECT RecordId, HasReadAccess, HasEditAccess FROM UserRecordAccess WHERE UserId = '${userId}' AND RecordId IN (${recordIds.map((id) => `'${id}'`).join(', ')})`,
    );

  it("agrees with what each user's own queries return", async () => {
    const workOrders = await ids(admin, 'SELECT Id FROM WorkOrder ORDER BY Id LIMIT 200');
    for (const [userId, conn] of [
      [DEMO_TECHNICIAN_ID, tess],
      [DEMO_SECOND_TECHNICIAN_ID, omar],
      [DEMO_DISPATCHER_ID, diane],
    ] as const) {
      const seen = new Set(await ids(conn, 'SELECT Id FROM WorkOrder ORDER BY Id'));
      const answers = await accessOf(userId, workOrders);
      expect(answers.map((a) => a.RecordId)).toEqual(workOrders);
      expect(answers.filter((a) => a.HasReadAccess).map((a) => a.RecordId)).toEqual(
        workOrders.filter((id) => seen.has(id)),
      );
      // Whoever sees a work order may edit it (they own it, or they are the dispatcher with Modify All).
      expect(answers.every((a) => a.HasEditAccess === a.HasReadAccess)).toBe(true);
    }
    // Contacts (Public Read Only): everyone reads them; a technician edits the ones they own.
    const contacts = await all<{ Id: string; OwnerId: string }>(
      admin,
      'SELECT Id, OwnerId FROM Contact ORDER BY Id LIMIT 150',
    );
    const answers = await accessOf(
      DEMO_TECHNICIAN_ID,
      contacts.map((c) => c.Id),
    );
    expect(answers.every((a) => a.HasReadAccess)).toBe(true);
    const owned = contacts.filter((c) => c.OwnerId === DEMO_TECHNICIAN_ID).map((c) => c.Id);
    expect(owned.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.HasEditAccess).map((a) => a.RecordId)).toEqual(owned);
  });

  it('answers at most 200 record Ids', async () => {
    const workOrders = await ids(admin, 'SELECT Id FROM WorkOrder ORDER BY Id LIMIT 201');
    const error = await rejection(accessOf(DEMO_TECHNICIAN_ID, workOrders));
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toBe('Number of records exceeds limit:200');
  });
});
