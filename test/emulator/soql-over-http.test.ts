/**
 * SOQL features through jsforce over HTTP, on a small hand-made org with exact expected records
 * (the SOQL engine's own tests in ./soql cover the translation in depth; these check the wire).
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startTestOrg, TEST_NOW, type TestOrg } from './support/test-org.ts';

let t: TestOrg;
const ids: Record<string, string> = {};

async function create(object: string, fields: Record<string, unknown>): Promise<string> {
  return ((await t.conn.sobject(object).create(fields)) as { id: string }).id;
}

async function names(soql: string, field = 'Name'): Promise<unknown[]> {
  return (await t.conn.query(soql)).records.map((r) => r[field]);
}

beforeAll(async () => {
  t = await startTestOrg({ now: TEST_NOW }); // Thursday 2026-03-12 09:30 UTC
  ids.acme = await create('Account', { Name: 'Acme', Industry: 'Energy', NumberOfEmployees: 50 });
  ids.beta = await create('Account', {
    Name: 'Beta',
    Industry: 'Retail',
    NumberOfEmployees: 10,
    ParentId: ids.acme,
  });
  ids.gamma = await create('Account', { Name: 'Gamma', NumberOfEmployees: 200 });
  ids.ohara = await create('Account', { Name: "O'Hara & Sons", Industry: 'Retail' });
  ids.ann = await create('Contact', {
    FirstName: 'Ann',
    LastName: 'Lee',
    AccountId: ids.acme,
    Email: 'ann@x.example',
  });
  ids.bob = await create('Contact', { FirstName: 'Bob', LastName: 'Ray', AccountId: ids.acme });
  ids.cat = await create('Contact', {
    FirstName: 'Cat',
    LastName: 'Sun',
    AccountId: ids.beta,
    Email: 'cat@y.example',
  });
  ids.wo1 = await create('WorkOrder', {
    Subject: 'A',
    AccountId: ids.acme,
    ContactId: ids.ann,
    Status: 'New',
    Priority: 'High',
    StartDate: '2026-03-13T10:00:00Z',
  });
  ids.wo2 = await create('WorkOrder', {
    Subject: 'B',
    AccountId: ids.beta,
    Status: 'Closed',
    StartDate: '2026-03-01T10:00:00Z',
  });
  ids.wo3 = await create('WorkOrder', { Subject: 'C', AccountId: ids.gamma, Status: 'In Progress' });
  await create('WorkOrderLineItem', { WorkOrderId: ids.wo1, Subject: 'a2' });
  await create('WorkOrderLineItem', { WorkOrderId: ids.wo1, Subject: 'a1' });
  await create('WorkOrderLineItem', { WorkOrderId: ids.wo2, Subject: 'b1' });
});
afterAll(() => t.close());

describe('WHERE', () => {
  it('combines LIKE with OR, and NOT with IN', async () => {
    expect(
      await names("SELECT Name FROM Account WHERE Name LIKE 'A%' OR Name LIKE 'g%' ORDER BY Name"),
    ).toEqual(['Acme', 'Gamma']);
    expect(
      await names("SELECT Name FROM Account WHERE Industry IN ('Retail') AND (NOT Name = 'Beta')"),
    ).toEqual(["O'Hara & Sons"]);
    expect(await names("SELECT Name FROM Account WHERE Industry NOT IN ('Retail') ORDER BY Name")).toEqual([
      'Acme',
      'Gamma',
    ]);
  });

  it('decodes escaped quotes and URL-encoded characters', async () => {
    expect(await names("SELECT Name FROM Account WHERE Name = 'O\\'Hara & Sons'")).toEqual(["O'Hara & Sons"]);
  });

  it('compares numbers and nulls', async () => {
    expect(await names('SELECT Name FROM Account WHERE NumberOfEmployees >= 50 ORDER BY Name')).toEqual([
      'Acme',
      'Gamma',
    ]);
    expect(await names('SELECT Name FROM Account WHERE NumberOfEmployees = null')).toEqual(["O'Hara & Sons"]);
  });

  it('filters datetimes with literals and relative dates on the org clock', async () => {
    expect(await names('SELECT Subject FROM WorkOrder WHERE StartDate = NEXT_N_DAYS:14', 'Subject')).toEqual([
      'A',
    ]);
    expect(
      await names('SELECT Subject FROM WorkOrder WHERE StartDate < 2026-03-05T00:00:00Z', 'Subject'),
    ).toEqual(['B']);
    expect(await names('SELECT Subject FROM WorkOrder WHERE StartDate = LAST_N_DAYS:30', 'Subject')).toEqual([
      'B',
    ]);
    expect(await names('SELECT Subject FROM WorkOrder WHERE StartDate = null', 'Subject')).toEqual(['C']);
  });

  it('runs semi-joins and anti-joins', async () => {
    expect(
      await names(
        'SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Email != null) ORDER BY Name',
      ),
    ).toEqual(['Acme', 'Beta']);
    expect(
      await names(
        'SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM WorkOrder WHERE AccountId != null)',
      ),
    ).toEqual(["O'Hara & Sons"]);
  });
});

describe('ORDER BY, LIMIT, OFFSET', () => {
  it('sorts nulls first by default and last on request', async () => {
    expect(await names('SELECT Name FROM Account ORDER BY NumberOfEmployees')).toEqual([
      "O'Hara & Sons",
      'Beta',
      'Acme',
      'Gamma',
    ]);
    expect(await names('SELECT Name FROM Account ORDER BY NumberOfEmployees DESC NULLS LAST')).toEqual([
      'Gamma',
      'Acme',
      'Beta',
      "O'Hara & Sons",
    ]);
  });

  it('pages with LIMIT and OFFSET', async () => {
    expect(await names('SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1')).toEqual(['Beta', 'Gamma']);
  });
});

describe('shapes', () => {
  it('nests parent paths several levels deep, null where a parent is missing', async () => {
    const result = await t.conn.query(
      'SELECT Subject, WorkOrder.Account.Parent.Name FROM WorkOrderLineItem ORDER BY Subject',
    );
    const shape = result.records.map((r) => {
      const wo = r.WorkOrder as { Account: { Parent: { Name: string } | null } };
      return [r.Subject, wo.Account.Parent?.Name ?? null];
    });
    expect(shape).toEqual([
      ['a1', null],
      ['a2', null],
      ['b1', 'Acme'],
    ]);
    expect(result.records[2]!.WorkOrder).toEqual({
      attributes: { type: 'WorkOrder', url: `/services/data/v62.0/sobjects/WorkOrder/${ids.wo2}` },
      Account: {
        attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${ids.beta}` },
        Parent: {
          attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${ids.acme}` },
          Name: 'Acme',
        },
      },
    });
  });

  it('returns parent-to-child subqueries, null when there are no children', async () => {
    const result = await t.conn.query(
      'SELECT Subject, (SELECT Subject FROM WorkOrderLineItems ORDER BY Subject) FROM WorkOrder ORDER BY Subject',
    );
    const children = result.records.map((r) => {
      const items = r.WorkOrderLineItems as { totalSize: number; records: { Subject: string }[] } | null;
      return [r.Subject, items ? items.records.map((i) => i.Subject) : null];
    });
    expect(children).toEqual([
      ['A', ['a1', 'a2']],
      ['B', ['b1']],
      ['C', null],
    ]);
  });

  it('counts with COUNT() and types values as JSON', async () => {
    expect((await t.conn.query("SELECT COUNT() FROM Contact WHERE Account.Name = 'Acme'")).totalSize).toBe(2);
    const typed = await t.conn.query(
      "SELECT NumberOfEmployees, IsDeleted, CreatedDate FROM Account WHERE Name = 'Acme'",
    );
    expect(typed.records[0]).toMatchObject({
      NumberOfEmployees: 50,
      IsDeleted: false,
      CreatedDate: '2026-03-12T09:30:00.000+0000',
    });
  });
});

describe("Salesforce's SOQL rules", () => {
  const cases: [string, string, string][] = [
    ['a syntax error', 'SELECT Id FROM', 'MALFORMED_QUERY'],
    ['an Apex bind', 'SELECT Id FROM WorkOrder WHERE OwnerId = :userId', 'MALFORMED_QUERY'],
    [
      'a semi-join under OR',
      "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact) OR Name = 'x'",
      'MALFORMED_QUERY',
    ],
    [
      'a semi-join under NOT',
      'SELECT Id FROM Account WHERE NOT (Id IN (SELECT AccountId FROM Contact))',
      'MALFORMED_QUERY',
    ],
    [
      'three semi-joins',
      'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact) AND Id IN (SELECT AccountId FROM Case) AND Id IN (SELECT AccountId FROM Asset)',
      'MALFORMED_QUERY',
    ],
    [
      'a nested semi-join',
      'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Id IN (SELECT ContactId FROM Case))',
      'MALFORMED_QUERY',
    ],
    ['an unknown field', 'SELECT Colour__c FROM Account', 'INVALID_FIELD'],
    ['an unknown relationship', 'SELECT Owner.Nope FROM Account', 'INVALID_FIELD'],
    ['an unknown object', 'SELECT Id FROM Nothing__c', 'INVALID_TYPE'],
    [
      'an OFFSET over 2,000',
      'SELECT Id FROM Account ORDER BY Name LIMIT 10 OFFSET 2001',
      'NUMBER_OUTSIDE_VALID_RANGE',
    ],
  ];
  for (const [name, soql, errorCode] of cases) {
    it(`rejects ${name} with ${errorCode}`, async () => {
      const error = await rejection(t.conn.query(soql));
      expect(error.errorCode).toBe(errorCode);
    });
  }
});
