import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_USER_ID,
  DEMO_DISPATCHER_ID,
  DEMO_FIRST_ACCOUNT_ID,
  DEMO_TECHNICIAN_ID,
  DEMO_TECHNICIAN_IDS,
  EmbeddedOrg,
} from '../../src/emulator/index.ts';
import { makeId } from '../../src/emulator/ids.ts';
import { startTestOrg, TEST_NOW, type TestOrg } from './support/test-org.ts';

let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg({ seed: 'demo', now: TEST_NOW });
});
afterAll(() => t.close());

async function count(soql: string): Promise<number> {
  return (await t.conn.query(soql)).totalSize;
}

describe('the demo seed', () => {
  it('has the documented users with stable Ids', async () => {
    expect(DEMO_TECHNICIAN_ID).toBe('0058e0000000002AAA');
    const users = await t.conn.query('SELECT Id, Username, Name, Title FROM User ORDER BY Id');
    expect(users.records.map((u) => u.Id)).toEqual([
      ADMIN_USER_ID,
      ...DEMO_TECHNICIAN_IDS,
      DEMO_DISPATCHER_ID,
    ]);
    expect(users.records[1]).toMatchObject({
      Username: 'tess.fielding@syncscope.example',
      Name: 'Tess Fielding',
      Title: 'Field Technician',
    });
    expect(users.records[2]).toMatchObject({
      Username: 'omar.iyer1@syncscope.example',
      Name: 'Omar Iyer',
      Title: 'Field Technician',
    });
    expect(users.records[7]).toMatchObject({
      Id: DEMO_DISPATCHER_ID,
      Username: 'diane.moreau@syncscope.example',
      Name: 'Diane Moreau',
      Title: 'Dispatcher',
    });
  });

  it('makes about 5,000 records by default', () => {
    expect(t.running.org.seeded?.counts).toEqual({
      User: 7,
      Product2: 20,
      Account: 200,
      Contact: 600,
      Asset: 400,
      Case: 100,
      WorkOrder: 1000,
      WorkOrderLineItem: expect.any(Number),
      ServiceAppointment: 1000,
    });
  });

  it('gives the example scope a few hundred records for the first technician', async () => {
    const where = `OwnerId = '${DEMO_TECHNICIAN_ID}' AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14`;
    const workOrders = await count(`SELECT COUNT() FROM WorkOrder WHERE ${where}`);
    const lineItems = await count(
      `SELECT COUNT() FROM WorkOrderLineItem WHERE WorkOrderId IN (SELECT Id FROM WorkOrder WHERE ${where})`,
    );
    const accounts = await count(
      `SELECT COUNT() FROM Account WHERE Id IN (SELECT AccountId FROM WorkOrder WHERE ${where})`,
    );
    const contacts = await count(
      `SELECT COUNT() FROM Contact WHERE Email != null AND AccountId IN (SELECT AccountId FROM WorkOrder WHERE ${where})`,
    );
    const assets = await count(
      `SELECT COUNT() FROM Asset WHERE AccountId IN (SELECT AccountId FROM WorkOrder WHERE ${where})`,
    );
    const products = await count('SELECT COUNT() FROM Product2 WHERE IsActive = true');
    const total = workOrders + lineItems + accounts + contacts + assets + products;
    expect(workOrders).toBeGreaterThanOrEqual(25);
    expect(lineItems).toBeGreaterThan(workOrders);
    expect(products).toBe(15);
    expect(total).toBeGreaterThanOrEqual(200);
    expect(total).toBeLessThanOrEqual(600);
  });

  it('spreads work orders from the past into the next weeks with mixed statuses', async () => {
    expect(await count('SELECT COUNT() FROM WorkOrder WHERE StartDate < TODAY')).toBeGreaterThan(300);
    expect(await count('SELECT COUNT() FROM WorkOrder WHERE StartDate = NEXT_N_DAYS:28')).toBeGreaterThan(
      200,
    );
    for (const status of ['New', 'In Progress', 'Closed', 'Completed'])
      expect(await count(`SELECT COUNT() FROM WorkOrder WHERE Status = '${status}'`), status).toBeGreaterThan(
        0,
      );
    expect(
      await count(
        `SELECT COUNT() FROM WorkOrder WHERE AccountId = '${DEMO_FIRST_ACCOUNT_ID}' AND OwnerId = '${DEMO_TECHNICIAN_ID}'`,
      ),
    ).toBe(5);
    expect(await count('SELECT COUNT() FROM Product2 WHERE IsActive = false')).toBe(5);
  });

  it('is deterministic for the same day and size', () => {
    const dump = (org: EmbeddedOrg) =>
      org.db
        .prepare('SELECT Id, Subject, StartDate, Status, OwnerId FROM "WorkOrder" ORDER BY Id LIMIT 50')
        .all();
    const one = new EmbeddedOrg({ seed: 'demo', records: 500, now: new Date(TEST_NOW) });
    const two = new EmbeddedOrg({ seed: 'demo', records: 500, now: new Date(TEST_NOW) });
    try {
      expect(dump(one)).toEqual(dump(two));
      expect(one.seeded?.counts.Account).toBe(20);
    } finally {
      one.close();
      two.close();
    }
  });

  it('continues Ids and auto-numbers after the seeded records', async () => {
    const { id } = (await t.conn.sobject('WorkOrder').create({ Subject: 'After seed' })) as { id: string };
    const wo = await t.conn.sobject('WorkOrder').retrieve(id);
    expect(wo.WorkOrderNumber).toBe('00001001');
    expect(id).toBe(makeId('0WO', 1001));
  });
});
