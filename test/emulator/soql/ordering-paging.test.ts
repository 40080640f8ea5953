import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiErrorOf, bareMessage } from './expect-api-error.ts';
import { A1, A2, U1, id, insertRows, NOW, openTestOrg, type TestOrg } from './soql-test-org.ts';

describe('SOQL engine: ORDER BY, LIMIT, OFFSET and cursors', () => {
  let org: TestOrg;
  beforeEach(() => {
    org = openTestOrg();
  });
  afterEach(() => org.close());

  const names = (soql: string): string[] => org.query(soql).records.map((r) => String(r['Name']));

  it('orders text case-insensitively, nulls first ascending and last descending by default', () => {
    expect(names('SELECT Name FROM Account ORDER BY Name')).toEqual([
      'Acme',
      'acme north',
      'Beta 50%_off',
      'Zeta',
    ]);
    expect(names('SELECT Name FROM Account ORDER BY Industry')).toEqual([
      'acme north',
      'Acme',
      'Zeta',
      'Beta 50%_off',
    ]);
    expect(names('SELECT Name FROM Account ORDER BY Industry DESC')).toEqual([
      'Beta 50%_off',
      'Acme',
      'Zeta',
      'acme north',
    ]);
  });

  it('honours NULLS FIRST / NULLS LAST and several keys', () => {
    expect(names('SELECT Name FROM Account ORDER BY Industry ASC NULLS LAST')).toEqual([
      'Acme',
      'Zeta',
      'Beta 50%_off',
      'acme north',
    ]);
    expect(names('SELECT Name FROM Account ORDER BY Industry DESC NULLS FIRST, Name DESC')).toEqual([
      'acme north',
      'Beta 50%_off',
      'Zeta',
      'Acme',
    ]);
    expect(names('SELECT Name FROM Account ORDER BY NumberOfEmployees DESC, Name')).toEqual([
      'Acme',
      'acme north',
      'Zeta',
      'Beta 50%_off',
    ]);
  });

  it('orders by parent paths', () => {
    const result = org.query('SELECT LastName FROM Contact ORDER BY Account.Name DESC NULLS LAST, LastName');
    expect(result.records.map((r) => r['LastName'])).toEqual(['Cole', 'Ample', 'Brown', 'Dunn']);
  });

  it('rejects ORDER BY on a field that cannot be sorted', () => {
    const error = apiErrorOf(() => names('SELECT Name FROM Account ORDER BY Tags__c'));
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(bareMessage(error)).toBe("field 'Tags__c' can not be sorted in a query call");
  });

  it('applies LIMIT and OFFSET, and totalSize counts what the query returns', () => {
    expect(org.query('SELECT Name FROM Account ORDER BY Name LIMIT 2')).toMatchObject({
      totalSize: 2,
      done: true,
    });
    expect(names('SELECT Name FROM Account ORDER BY Name LIMIT 2')).toEqual(['Acme', 'acme north']);
    expect(names('SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1')).toEqual([
      'acme north',
      'Beta 50%_off',
    ]);
    expect(names('SELECT Name FROM Account ORDER BY Name OFFSET 3')).toEqual(['Zeta']);
    expect(names('SELECT Name FROM Account OFFSET 2000')).toEqual([]);
  });

  it('rejects an OFFSET over 2000 with NUMBER_OUTSIDE_VALID_RANGE', () => {
    const error = apiErrorOf(() => names('SELECT Name FROM Account OFFSET 2001'));
    expect(error.status).toBe(400);
    expect(error.errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
    expect(error.message).toBe('Maximum SOQL offset allowed is 2000');
  });

  it('serves pages of batchSize with an exact totalSize and done flag', () => {
    const cursor = org.engine.open('SELECT Name FROM Account ORDER BY Name', {
      scanAll: false,
      now: NOW,
      userId: U1,
    });
    expect([cursor.totalSize, cursor.done]).toEqual([4, false]);
    expect(cursor.next(3).map((r) => r['Name'])).toEqual(['Acme', 'acme north', 'Beta 50%_off']);
    expect([cursor.totalSize, cursor.done]).toEqual([4, false]);
    expect(cursor.next(3).map((r) => r['Name'])).toEqual(['Zeta']);
    expect([cursor.totalSize, cursor.done]).toEqual([4, true]);
    expect(cursor.next(3)).toEqual([]);
  });

  it('keeps its snapshot of Ids while the connection writes between pages', () => {
    const cursor = org.engine.open('SELECT Name FROM Account ORDER BY Name', {
      scanAll: false,
      now: NOW,
      userId: U1,
    });
    expect(cursor.next(1).map((r) => r['Name'])).toEqual(['Acme']);
    org.db.prepare(`UPDATE "Account" SET "Name" = 'acme north (renamed)' WHERE "Id" = ?`).run(A2);
    insertRows(org.db, 'Account', [{ Id: id('001', 99), Name: 'Aardvark' }]);
    expect(cursor.next(10).map((r) => r['Name'])).toEqual(['acme north (renamed)', 'Beta 50%_off', 'Zeta']);
    expect(cursor.totalSize).toBe(4);
    expect(names('SELECT Name FROM Account ORDER BY Name LIMIT 1')).toEqual(['Aardvark']);
  });

  it('pages through thousands of records in order without gaps or repeats', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      Id: id('0WO', 1000 + i),
      Subject: `Job ${String(2499 - i).padStart(4, '0')}`,
      AccountId: i % 2 === 0 ? A1 : A2,
    }));
    org.db.transaction(() => insertRows(org.db, 'WorkOrder', rows))();
    const cursor = org.engine.open(
      `SELECT Subject, Account.Name FROM WorkOrder WHERE Subject LIKE 'Job%' ORDER BY Subject`,
      {
        scanAll: false,
        now: NOW,
        userId: U1,
      },
    );
    expect(cursor.totalSize).toBe(2500);
    const first = cursor.next(2000);
    const second = cursor.next(2000);
    expect([first.length, second.length, cursor.done]).toEqual([2000, 500, true]);
    const subjects = [...first, ...second].map((r) => r['Subject']);
    expect(subjects).toEqual(Array.from({ length: 2500 }, (_, i) => `Job ${String(i).padStart(4, '0')}`));
    expect(second[499]).toEqual({
      attributes: { type: 'WorkOrder', url: `/services/data/v62.0/sobjects/WorkOrder/${id('0WO', 1000)}` },
      Subject: 'Job 2499',
      Account: {
        attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${A1}` },
        Name: 'Acme',
      },
    });
  });

  it('hides recycle-bin records from query and shows them to queryAll', () => {
    expect(names(`SELECT Name FROM Account WHERE Industry = 'Energy' ORDER BY Name`)).toEqual([
      'Acme',
      'Zeta',
    ]);
    const all = org.query(`SELECT Name, IsDeleted FROM Account WHERE Industry = 'Energy' ORDER BY Name`, {
      scanAll: true,
    });
    expect(all.records.map((r) => [r['Name'], r['IsDeleted']])).toEqual([
      ['Acme', false],
      ['Deleted Co', true],
      ['Zeta', false],
    ]);
    const children = org.query(
      `SELECT (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account WHERE Id = '${A1}'`,
      {
        scanAll: true,
      },
    );
    const contacts = children.records[0]?.['Contacts'] as { records: { LastName: string }[] };
    expect(contacts.records.map((r) => r.LastName)).toEqual(['Ample', 'Brown', 'Gone']);
  });

  it('restricts USING SCOPE mine to the querying user', () => {
    expect(names('SELECT Name FROM Account USING SCOPE mine ORDER BY Name')).toEqual(['acme north', 'Zeta']);
    expect(names('SELECT Name FROM Account USING SCOPE everything ORDER BY Name')).toHaveLength(4);
    const error = apiErrorOf(() => names('SELECT Name FROM Account USING SCOPE team'));
    expect(bareMessage(error)).toBe(
      "The syncscope emulator supports USING SCOPE mine and everything, not 'team'.",
    );
  });
});
