import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorOf, bareMessage } from './expect-api-error.ts';
import { openTestOrg, type TestOrg } from './soql-test-org.ts';

describe('SOQL engine: semi-joins and anti-joins', () => {
  let org: TestOrg;
  beforeAll(() => {
    org = openTestOrg();
  });
  afterAll(() => org.close());

  const accounts = (where: string, scanAll = false): string[] =>
    org
      .query(`SELECT Name FROM Account WHERE ${where} ORDER BY Name`, { scanAll })
      .records.map((r) => String(r['Name']));
  const contacts = (where: string): string[] =>
    org
      .query(`SELECT LastName FROM Contact WHERE ${where} ORDER BY LastName`)
      .records.map((r) => String(r['LastName']));

  it('keeps records whose Id is selected by the inner query', () => {
    expect(accounts('Id IN (SELECT AccountId FROM Contact WHERE DoNotCall = true)')).toEqual(['Acme']);
    expect(accounts('Id IN (SELECT AccountId FROM Contact)')).toEqual(['Acme', 'acme north']);
  });

  it('ignores deleted inner records unless the query is a queryAll', () => {
    expect(accounts(`Id IN (SELECT AccountId FROM Contact WHERE LastName = 'Gone')`)).toEqual([]);
    expect(accounts(`Id IN (SELECT AccountId FROM Contact WHERE LastName = 'Gone')`, true)).toEqual(['Acme']);
  });

  it('anti-joins with NOT IN, unaffected by null inner values', () => {
    // Dunn's AccountId is null; a SQL NOT IN over a null would match nothing.
    expect(accounts('Id NOT IN (SELECT AccountId FROM Contact)')).toEqual(['Beta 50%_off', 'Zeta']);
    expect(accounts(`Industry = 'Energy' AND Id NOT IN (SELECT AccountId FROM WorkOrder)`)).toEqual(['Zeta']);
  });

  it('accepts a reference field as the left operand', () => {
    expect(contacts(`AccountId IN (SELECT Id FROM Account WHERE Industry = 'Energy')`)).toEqual([
      'Ample',
      'Brown',
    ]);
    expect(contacts(`AccountId NOT IN (SELECT Id FROM Account WHERE Industry = 'Energy')`)).toEqual([
      'Cole',
      'Dunn',
    ]);
  });

  it('allows parent paths inside the inner WHERE and two semi-joins per query', () => {
    expect(accounts(`Id IN (SELECT AccountId FROM WorkOrder WHERE Owner.Name = 'Ada Admin')`)).toEqual([
      'Acme',
    ]);
    expect(
      accounts(
        `Id IN (SELECT AccountId FROM Contact) AND Id IN (SELECT AccountId FROM WorkOrder WHERE Status = 'Done')`,
      ),
    ).toEqual(['acme north']);
  });

  it('works inside a parent-to-child subquery', () => {
    const result = org.query(
      `SELECT Name, (SELECT LastName FROM Contacts WHERE Id IN (SELECT ContactId FROM WorkOrder) ORDER BY LastName) FROM Account WHERE Name = 'Acme'`,
    );
    const contactsOf = result.records[0]?.['Contacts'] as { records: { LastName: string }[] };
    expect(contactsOf.records.map((r) => r.LastName)).toEqual(['Ample', 'Brown']);
  });

  it("enforces Salesforce's semi-join rules with MALFORMED_QUERY", () => {
    const topLevel =
      'Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions.';
    const cases: [string, string][] = [
      [
        `Id IN (SELECT AccountId FROM Contact) AND Id IN (SELECT AccountId FROM WorkOrder) AND ParentId IN (SELECT AccountId FROM WorkOrder)`,
        'Maximum 2 semi join sub-selects are allowed',
      ],
      [`Name = 'x' OR Id IN (SELECT AccountId FROM Contact)`, topLevel],
      [`NOT Id IN (SELECT AccountId FROM Contact)`, topLevel],
      [`Name = 'x' AND (Industry = 'y' OR Id IN (SELECT AccountId FROM Contact))`, topLevel],
      [
        `Id IN (SELECT AccountId FROM Contact WHERE OwnerId IN (SELECT Id FROM User))`,
        'Nesting of semi join sub-selects is not supported',
      ],
      [
        `Id IN (SELECT ParentId FROM Account)`,
        'The inner and outer selects should not be on the same object type',
      ],
      [
        `Id IN (SELECT AccountId FROM Contact LIMIT 5)`,
        'Semi join sub-selects may not use ORDER BY, LIMIT, OFFSET or GROUP BY.',
      ],
      [
        `Id IN (SELECT AccountId, Id FROM Contact)`,
        'A semi join sub-select must select exactly one Id or reference field.',
      ],
    ];
    for (const [where, message] of cases) {
      const error = apiErrorOf(() => accounts(where));
      expect(error.errorCode, where).toBe('MALFORMED_QUERY');
      expect(bareMessage(error), where).toBe(message);
    }
  });

  it('rejects unknown or mistyped inner objects and fields', () => {
    expect(apiErrorOf(() => accounts('Id IN (SELECT AccountId FROM Nope__c)')).errorCode).toBe(
      'INVALID_TYPE',
    );
    expect(apiErrorOf(() => accounts('Id IN (SELECT Nope FROM Contact)')).errorCode).toBe('INVALID_FIELD');
    const notId = apiErrorOf(() => accounts('Id IN (SELECT LastName FROM Contact)'));
    expect(notId.errorCode).toBe('INVALID_FIELD');
    expect(bareMessage(notId)).toBe("Semi join sub-select: field 'LastName' must be Id or a reference field");
    const wrongType = apiErrorOf(() => accounts('Id IN (SELECT OwnerId FROM Contact)'));
    expect(bareMessage(wrongType)).toBe(
      "Semi join sub-select: 'Contact.OwnerId' does not reference the type of 'Id'",
    );
  });
});
