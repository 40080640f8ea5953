/**
 * COUNT() as the runtime's count check asks it: inside /composite, with an Id list, with a batch size
 * smaller than the count. Salesforce answers `{ totalSize, done: true, records: [] }`, never a next page.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOrg, TEST_NOW, type TestOrg } from './support/test-org.ts';

let t: TestOrg;
let accounts: string[] = [];
const assets: string[] = [];
beforeAll(async () => {
  t = await startTestOrg({ now: TEST_NOW });
  const made = (await t.conn.sobject('Account').create([{ Name: 'A0' }, { Name: 'A1' }, { Name: 'A2' }], {
    allOrNone: true,
  })) as { id: string }[];
  accounts = made.map((r) => r.id);
  // 250 assets: 200 under A0, 50 under A1, none under A2.
  const rows = Array.from({ length: 250 }, (_, i) => ({
    Name: `Pump ${i}`,
    AccountId: i < 200 ? accounts[0] : accounts[1],
  }));
  for (let i = 0; i < rows.length; i += 200) {
    const created = (await t.conn.sobject('Asset').create(rows.slice(i, i + 200), { allOrNone: true })) as {
      id: string;
    }[];
    assets.push(...created.map((r) => r.id));
  }
});
afterAll(() => t.close());

const query = (soql: string): string => `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;

describe('COUNT() inside /composite', () => {
  it('answers each subrequest with totalSize, done and no records, under a small batch size', async () => {
    const ids = (list: readonly string[]): string => `(${list.map((id) => `'${id}'`).join(',')})`;
    const subrequests = [
      `SELECT COUNT() FROM Asset WHERE AccountId IN ${ids(accounts)}`,
      `SELECT COUNT() FROM Asset WHERE AccountId IN ${ids([accounts[1]!, accounts[2]!])}`,
      `SELECT COUNT() FROM Asset WHERE AccountId IN ${ids([accounts[2]!])}`,
      `SELECT COUNT() FROM Account WHERE Id IN ${ids([accounts[0]!, accounts[2]!])}`,
      'SELECT COUNT() FROM Asset',
    ].map((soql, i) => ({
      method: 'GET',
      url: query(soql),
      referenceId: `c${i}`,
      httpHeaders: { 'Sforce-Query-Options': 'batchSize=200' },
    }));
    const response = await t.http('POST', '/services/data/v62.0/composite', {
      body: { allOrNone: false, compositeRequest: subrequests },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      compositeResponse: [250, 50, 0, 2, 250].map((totalSize, i) => ({
        body: { totalSize, done: true, records: [] },
        httpHeaders: {},
        httpStatusCode: 200,
        referenceId: `c${i}`,
      })),
    });
  });

  it('counts a 500-Id list in one statement, Ids that match nothing included', async () => {
    const missing = Array.from({ length: 497 }, (_, i) => `02i${String(i).padStart(12, '0')}AAA`);
    const list = [...missing, assets[0]!, assets[1]!, assets[249]!].map((id) => `'${id}'`).join(',');
    const result = await t.conn.query(`SELECT COUNT() FROM Asset WHERE Id IN (${list})`);
    expect(result).toEqual({ totalSize: 3, done: true, records: [] });
  });
});
