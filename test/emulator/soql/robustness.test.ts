import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/emulator/api-error.ts';
import { A1, openTestOrg, type TestOrg } from './soql-test-org.ts';

/**
 * Whatever text arrives, the engine answers with records or an ApiError (a 4xx for the REST layer),
 * never another exception (a 500). Truncations and token swaps of valid queries, deterministic.
 */
const VALID = [
  `SELECT Id, Name, Owner.Name, Parent.Owner.Manager.Name, (SELECT LastName FROM Contacts WHERE DoNotCall = false ORDER BY LastName LIMIT 2) FROM Account WHERE (Industry = 'Energy' OR NumberOfEmployees > 10) AND Id IN (SELECT AccountId FROM Contact WHERE Birthdate < 2000-01-01) ORDER BY Name DESC NULLS LAST LIMIT 10 OFFSET 1`,
  `SELECT COUNT() FROM WorkOrder WHERE StartDate = NEXT_N_DAYS:7 AND Status IN ('New', 'Done') AND Subject LIKE 'Fix%'`,
  `SELECT Industry, COUNT(Id) n, MAX(CreatedDate) FROM Account WHERE Tags__c INCLUDES ('Gold;Priority') GROUP BY Industry ORDER BY COUNT(Id) DESC`,
  `SELECT LastName FROM Contact WHERE NOT (AccountId = '${A1}' OR Account.Name LIKE 'a\\_%') AND CALENDAR_YEAR(CreatedDate) = 2026`,
];
const TOKENS = [
  '(',
  ')',
  ',',
  "'",
  'AND',
  'OR',
  'NOT',
  'IN',
  'SELECT',
  'FROM',
  'WHERE',
  '=',
  ':x',
  'NULL',
  'TODAY',
  '5',
  '.',
  'Id',
  'Foo',
  'COUNT()',
];

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('SOQL engine: robustness', () => {
  let org: TestOrg;
  beforeAll(() => {
    org = openTestOrg();
  });
  afterAll(() => org.close());

  it('answers every valid query of the corpus', () => {
    for (const soql of VALID) expect(() => org.query(soql), soql).not.toThrow();
  });

  it('answers mangled queries with an ApiError, never another exception', () => {
    const random = mulberry32(7);
    const unexpected: string[] = [];
    let apiErrors = 0;
    for (let i = 0; i < 600; i++) {
      const base = VALID[i % VALID.length] as string;
      const words = base.split(/(\s+)/);
      let soql: string;
      if (i % 3 === 0) soql = base.slice(0, Math.floor(random() * base.length));
      else {
        const at = Math.floor(random() * words.length);
        words[at] = TOKENS[Math.floor(random() * TOKENS.length)] as string;
        soql = words.join('');
      }
      try {
        org.query(soql, {}, 3);
      } catch (error) {
        if (error instanceof ApiError && error.status === 400) apiErrors++;
        else unexpected.push(`${soql}: ${String(error)}`);
      }
    }
    expect(unexpected).toEqual([]);
    expect(apiErrors).toBeGreaterThan(300);
  });
});
