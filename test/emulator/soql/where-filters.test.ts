import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorOf, bareMessage } from './expect-api-error.ts';
import { A1, A2, id, insertRows, openTestOrg, type TestOrg } from './soql-test-org.ts';

/**
 * Accounts (not deleted): Acme (Energy, 100 employees, revenue 1000.5, Gold;Priority),
 * acme north (no industry, 50, Silver, parent Acme), Beta 50%_off (Retail, revenue 20),
 * Zeta (Energy, 10, Bronze;Gold). Deleted Co (Energy) is in the recycle bin.
 */
describe('SOQL engine: WHERE', () => {
  let org: TestOrg;
  beforeAll(() => {
    org = openTestOrg();
  });
  afterAll(() => org.close());

  const accounts = (where: string): string[] =>
    org.query(`SELECT Name FROM Account WHERE ${where} ORDER BY Name`).records.map((r) => String(r['Name']));
  const contacts = (where: string): string[] =>
    org
      .query(`SELECT LastName FROM Contact WHERE ${where} ORDER BY LastName`)
      .records.map((r) => String(r['LastName']));

  it('compares strings case-insensitively with = != < >', () => {
    expect(accounts(`Name = 'ACME'`)).toEqual(['Acme']);
    expect(accounts(`Name != 'acme'`)).toEqual(['acme north', 'Beta 50%_off', 'Zeta']);
    expect(accounts(`Name < 'b'`)).toEqual(['Acme', 'acme north']);
    expect(accounts(`Name >= 'BETA'`)).toEqual(['Beta 50%_off', 'Zeta']);
  });

  it('treats null as a value: != matches nulls, = null and != null test presence', () => {
    expect(accounts(`Industry != 'Energy'`)).toEqual(['acme north', 'Beta 50%_off']);
    expect(accounts(`Industry = null`)).toEqual(['acme north']);
    expect(accounts(`Industry != null`)).toEqual(['Acme', 'Beta 50%_off', 'Zeta']);
  });

  it("treats '' as null, as Salesforce (which stores no empty strings) does", () => {
    expect(accounts(`Industry = ''`)).toEqual(['acme north']);
    expect(accounts(`Industry != ''`)).toEqual(['Acme', 'Beta 50%_off', 'Zeta']);
    expect(accounts(`ParentId = ''`)).toEqual(['Acme']);
    expect(accounts(`Industry IN ('', 'Retail')`)).toEqual(['acme north', 'Beta 50%_off']);
  });

  it('compares numbers and excludes nulls from ordering comparisons', () => {
    expect(accounts('NumberOfEmployees > 10')).toEqual(['Acme', 'acme north']);
    expect(accounts('NumberOfEmployees >= 10')).toEqual(['Acme', 'acme north', 'Zeta']);
    expect(accounts('NumberOfEmployees < 100')).toEqual(['acme north', 'Zeta']);
    expect(accounts('NumberOfEmployees <= 50')).toEqual(['acme north', 'Zeta']);
    expect(accounts('AnnualRevenue = 1000.5')).toEqual(['Acme']);
    expect(accounts('Rating__c > 4')).toEqual(['Acme']);
    expect(accounts('AnnualRevenue < USD100')).toEqual(['Beta 50%_off']);
  });

  it('compares booleans', () => {
    expect(contacts('DoNotCall = true')).toEqual(['Brown']);
    expect(contacts('DoNotCall = FALSE')).toEqual(['Ample', 'Cole', 'Dunn']);
  });

  it('matches LIKE case-insensitively with % and _ and their escapes', () => {
    expect(accounts(`Name LIKE 'ACME%'`)).toEqual(['Acme', 'acme north']);
    expect(accounts(`Name LIKE '_cme'`)).toEqual(['Acme']);
    expect(accounts(`Name LIKE '%\\_%'`)).toEqual(['Beta 50%_off']);
    expect(accounts(`Name LIKE 'Beta 50\\%%'`)).toEqual(['Beta 50%_off']);
    expect(accounts(`Name LIKE 'Beta 5_\\%\\_off'`)).toEqual(['Beta 50%_off']);
    expect(accounts(`Name LIKE '%e%'`)).toEqual(['Acme', 'acme north', 'Beta 50%_off', 'Zeta']);
  });

  it('filters IN and NOT IN lists, with null as a list value', () => {
    expect(accounts(`Industry IN ('energy', 'RETAIL')`)).toEqual(['Acme', 'Beta 50%_off', 'Zeta']);
    expect(accounts(`Industry NOT IN ('Energy')`)).toEqual(['acme north', 'Beta 50%_off']);
    expect(accounts(`Industry IN ('Retail', null)`)).toEqual(['acme north', 'Beta 50%_off']);
    expect(accounts(`Industry NOT IN ('Retail', null)`)).toEqual(['Acme', 'Zeta']);
    expect(accounts('NumberOfEmployees IN (10, 50)')).toEqual(['acme north', 'Zeta']);
  });

  it('combines AND, OR and NOT with parentheses; NOT binds to the next condition', () => {
    expect(accounts(`(Industry = 'Energy' OR Industry = 'Retail') AND NumberOfEmployees > 5`)).toEqual([
      'Acme',
      'Zeta',
    ]);
    expect(
      accounts(`Industry = 'Energy' AND (NumberOfEmployees > 50 OR Tags__c INCLUDES ('Bronze'))`),
    ).toEqual(['Acme', 'Zeta']);
    expect(accounts(`NOT (Industry = 'Energy' OR Name LIKE 'Beta%')`)).toEqual(['acme north']);
    expect(accounts(`NOT Industry = 'Energy' AND NumberOfEmployees != null`)).toEqual(['acme north']);
    expect(accounts(`((Name = 'Acme')) OR (Name = 'Zeta' AND (Industry = 'Energy'))`)).toEqual([
      'Acme',
      'Zeta',
    ]);
    expect(accounts(`NOT NumberOfEmployees > 10`)).toEqual(['Beta 50%_off', 'Zeta']);
    expect(accounts(`NOT (NOT Name = 'Zeta')`)).toEqual(['Zeta']);
  });

  it('accepts 15- and 18-character Ids and compares reference fields', () => {
    expect(accounts(`Id = '${A1}'`)).toEqual(['Acme']);
    expect(accounts(`Id = '${A1.slice(0, 15)}'`)).toEqual(['Acme']);
    expect(accounts(`ParentId = '${A1}'`)).toEqual(['acme north']);
    expect(accounts('ParentId = null')).toEqual(['Acme']);
    const error = apiErrorOf(() => accounts(`Id = 'abc'`));
    expect(error.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(bareMessage(error)).toBe('invalid ID field: abc');
  });

  it('filters on parent paths', () => {
    expect(contacts(`Account.Owner.Name = 'Tess Tech'`)).toEqual(['Ample', 'Brown']);
    expect(contacts(`Account.Parent.Name = 'Acme'`)).toEqual(['Cole']);
    expect(contacts(`Account.Name = null`)).toEqual(['Dunn']);
  });

  it('filters multi-select picklists with INCLUDES and EXCLUDES', () => {
    expect(accounts(`Tags__c INCLUDES ('gold')`)).toEqual(['Acme', 'Zeta']);
    expect(accounts(`Tags__c INCLUDES ('Gold;Bronze')`)).toEqual(['Zeta']);
    expect(accounts(`Tags__c INCLUDES ('Silver', 'Priority;Gold')`)).toEqual(['Acme', 'acme north']);
    expect(accounts(`Tags__c EXCLUDES ('Gold')`)).toEqual(['acme north', 'Beta 50%_off']);
    const error = apiErrorOf(() => accounts(`Industry INCLUDES ('Energy')`));
    expect(error.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(bareMessage(error)).toBe('includes or excludes operator only valid on multipicklist field');
  });

  it('decodes string escapes and binds every value as a parameter', () => {
    expect(accounts(`Name = 'Acm\\u0065'`)).toEqual(['Acme']);
    expect(accounts(`Name = 'Acme\\' OR \\'1\\'=\\'1'`)).toEqual([]);
    expect(accounts(`Name = 'x"); DROP TABLE "Account"; --'`)).toEqual([]);
    expect(org.query('SELECT COUNT() FROM Account').totalSize).toBe(4);
    const bad = apiErrorOf(() => accounts(`Name = 'a\\qb'`));
    expect(bad.errorCode).toBe('MALFORMED_QUERY');
    expect(bareMessage(bad)).toBe(
      "Invalid string literal 'a\\qb'. Illegal character sequence '\\q' in string literal.",
    );
    const likeEscapeOutsideLike = apiErrorOf(() => accounts(`Name = 'a\\_b'`));
    expect(bareMessage(likeEscapeOutsideLike)).toBe(
      "Invalid string literal 'a\\_b'. Illegal character sequence '\\_' in string literal.",
    );
  });

  it("rejects values of the wrong type with Salesforce's INVALID_FIELD messages", () => {
    const cases: [string, string][] = [
      [
        'Name = 5',
        "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes",
      ],
      [
        `NumberOfEmployees = '5'`,
        "value of filter criterion for field 'NumberOfEmployees' must be of type integer and should not be enclosed in quotes",
      ],
      [
        `Rating__c = true`,
        "value of filter criterion for field 'Rating__c' must be of type double and should not be enclosed in quotes",
      ],
      [
        `IsDeleted = 'false'`,
        "value of filter criterion for field 'IsDeleted' must be of type boolean and should not be enclosed in quotes",
      ],
      [`Description = 'x'`, "field 'Description' can not be filtered in query call"],
    ];
    for (const [where, message] of cases) {
      const error = apiErrorOf(() => accounts(where));
      expect(error.errorCode, where).toBe('INVALID_FIELD');
      expect(bareMessage(error), where).toBe(message);
    }
  });
});

describe('SOQL engine: long IN lists', () => {
  it('filters by thousands of Ids (bound as one JSON parameter)', () => {
    const org = openTestOrg();
    try {
      const others = Array.from({ length: 5_000 }, (_, i) => `'${id('001', 1000 + i)}'`);
      const result = org.query(
        `SELECT Name FROM Account WHERE Id IN (${others.join(', ')}, '${A2}') OR Name = 'Zeta' ORDER BY Name`,
      );
      expect(result.records.map((r) => r['Name'])).toEqual(['acme north', 'Zeta']);
      const names = Array.from({ length: 500 }, (_, i) => `'name ${i}'`);
      expect(
        org.query(`SELECT COUNT() FROM Account WHERE Name IN (${names.join(', ')}, 'ZETA')`).totalSize,
      ).toBe(1);
    } finally {
      org.close();
    }
  });
});

describe('SOQL engine: non-ASCII text', () => {
  it('compares accented text case-insensitively (Unicode lower case)', () => {
    const org = openTestOrg();
    try {
      insertRows(org.db, 'Account', [{ Id: id('001', 50), Name: 'Émile Café' }]);
      const names = (where: string): unknown[] =>
        org.query(`SELECT Name FROM Account WHERE ${where} ORDER BY Name`).records.map((r) => r['Name']);
      expect(names(`Name = 'émile café'`)).toEqual(['Émile Café']);
      expect(names(`Name LIKE 'ÉMILE%'`)).toEqual(['Émile Café']);
      expect(names(`Name LIKE '%CAFÉ'`)).toEqual(['Émile Café']);
      // (ORDER BY sorts non-ASCII letters by code point, after Z: see src/emulator/sql/README.md.)
      expect(names(`Name IN ('Zeta', 'ÉMILE CAFÉ')`)).toEqual(['Zeta', 'Émile Café']);
      expect(names(`Name != 'ÉMILE CAFÉ'`)).toEqual(['Acme', 'acme north', 'Beta 50%_off', 'Zeta']);
    } finally {
      org.close();
    }
  });
});
