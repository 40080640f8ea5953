import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorOf, bareMessage } from './expect-api-error.ts';
import { A1, U1, openTestOrg, type TestOrg } from './soql-test-org.ts';

const aggregate = (fields: Record<string, unknown>) => ({
  attributes: { type: 'AggregateResult' },
  ...fields,
});

describe('SOQL engine: aggregate queries', () => {
  let org: TestOrg;
  beforeAll(() => {
    org = openTestOrg();
  });
  afterAll(() => org.close());

  it('aggregates without GROUP BY into one AggregateResult', () => {
    expect(org.query('SELECT COUNT(Id) FROM Account')).toEqual({
      totalSize: 1,
      done: true,
      records: [aggregate({ expr0: 4 })],
    });
    expect(org.query('SELECT COUNT(Id) FROM Account', { scanAll: true }).records).toEqual([
      aggregate({ expr0: 5 }),
    ]);
    expect(
      org.query(
        `SELECT COUNT(Id) total, MAX(NumberOfEmployees) biggest, MIN(CreatedDate), SUM(AnnualRevenue), AVG(NumberOfEmployees), COUNT_DISTINCT(Tags__c)
         FROM Account WHERE Industry = 'Energy'`,
      ).records,
    ).toEqual([
      aggregate({
        total: 2,
        biggest: 100,
        expr0: '2026-11-01T10:00:00.000+0000',
        expr1: 1000.5,
        expr2: 55,
        expr3: 2,
      }),
    ]);
    expect(org.query(`SELECT COUNT_DISTINCT(Industry), MAX(Name) FROM Account`).records).toEqual([
      aggregate({ expr0: 2, expr1: 'Zeta' }),
    ]);
  });

  it('groups by fields and parent paths, nulls first, ordered by group or aggregate', () => {
    expect(
      org.query('SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry ORDER BY Industry').records,
    ).toEqual([
      aggregate({ Industry: null, expr0: 1 }),
      aggregate({ Industry: 'Energy', expr0: 2 }),
      aggregate({ Industry: 'Retail', expr0: 1 }),
    ]);
    expect(
      org.query(
        'SELECT Industry, COUNT(Id) n FROM Account GROUP BY Industry ORDER BY COUNT(Id) DESC, Industry LIMIT 1',
      ).records,
    ).toEqual([aggregate({ Industry: 'Energy', n: 2 })]);
    expect(
      org.query('SELECT Account.Name, COUNT(Id) FROM Contact GROUP BY Account.Name ORDER BY Account.Name')
        .records,
    ).toEqual([
      aggregate({ Name: null, expr0: 1 }),
      aggregate({ Name: 'Acme', expr0: 2 }),
      aggregate({ Name: 'acme north', expr0: 1 }),
    ]);
    expect(org.query('SELECT DoNotCall, COUNT(Id) FROM Contact GROUP BY DoNotCall').records).toEqual([
      aggregate({ DoNotCall: false, expr0: 3 }),
      aggregate({ DoNotCall: true, expr0: 1 }),
    ]);
  });

  it('rejects ungrouped fields and aggregates on the wrong type', () => {
    const cases: [string, string][] = [
      ['SELECT Name, COUNT(Id) FROM Account', 'Field must be grouped or aggregated: Name'],
      ['SELECT SUM(Name) FROM Account', 'field Name does not support aggregate operator SUM'],
      [
        'SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry ORDER BY Name',
        'Ordered field must be grouped or aggregated: Name',
      ],
      ['SELECT COUNT(Id) c, MAX(Name) c FROM Account', 'duplicate alias: c'],
    ];
    for (const [soql, message] of cases) {
      const error = apiErrorOf(() => org.query(soql));
      expect(error.errorCode, soql).toBe('MALFORMED_QUERY');
      expect(bareMessage(error), soql).toBe(message);
    }
  });
});

describe('SOQL engine: FIELDS()', () => {
  let org: TestOrg;
  beforeAll(() => {
    org = openTestOrg();
  });
  afterAll(() => org.close());

  it('expands FIELDS(STANDARD), FIELDS(CUSTOM) and FIELDS(ALL) in describe order', () => {
    const [user] = org.query(`SELECT FIELDS(STANDARD) FROM User WHERE Id = '${U1}'`).records;
    expect(Object.keys(user ?? {})).toEqual([
      'attributes',
      'Id',
      'IsDeleted',
      'CreatedDate',
      'CreatedById',
      'LastModifiedDate',
      'SystemModstamp',
      'Name',
      'Email',
      'IsActive',
      'ManagerId',
    ]);
    const [account] = org.query(
      `SELECT Name, FIELDS(CUSTOM) FROM Account WHERE Id = '${A1}' LIMIT 1`,
    ).records;
    expect(account).toEqual({
      attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${A1}` },
      Name: 'Acme',
      Rating__c: 4.5,
      Tags__c: 'Gold;Priority',
      Logo__c: `/services/data/v62.0/sobjects/Account/${A1}/Logo__c`,
    });
    const [all] = org.query(`SELECT Id, FIELDS(ALL) FROM Account WHERE Id = '${A1}' LIMIT 200`).records;
    expect(Object.keys(all ?? {})).toHaveLength(1 + 17);
  });

  it('requires a LIMIT of at most 200 for FIELDS(ALL) and FIELDS(CUSTOM)', () => {
    for (const soql of ['SELECT FIELDS(ALL) FROM Account', 'SELECT FIELDS(CUSTOM) FROM Account LIMIT 201']) {
      const error = apiErrorOf(() => org.query(soql));
      expect(error.errorCode, soql).toBe('MALFORMED_QUERY');
      expect(bareMessage(error), soql).toBe('The SOQL FIELDS function must have a LIMIT of at most 200');
    }
  });
});
