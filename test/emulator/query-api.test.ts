import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_USER_ID } from '../../src/emulator/index.ts';
import { connect, rejection, startTestOrg, TEST_NOW, type TestOrg } from './support/test-org.ts';

let t: TestOrg;
const accountIds: string[] = [];

beforeAll(async () => {
  t = await startTestOrg({ now: TEST_NOW });
  // 450 accounts named A000..A449, every third with a contact.
  for (let start = 0; start < 450; start += 200) {
    const batch = Array.from({ length: Math.min(200, 450 - start) }, (_, i) => ({
      Name: `A${String(start + i).padStart(3, '0')}`,
      NumberOfEmployees: start + i,
    }));
    const results = (await t.conn.sobject('Account').create(batch)) as { id: string }[];
    accountIds.push(...results.map((r) => r.id));
  }
  const contacts = accountIds
    .filter((_, i) => i % 3 === 0)
    .slice(0, 150)
    .map((AccountId, i) => ({ LastName: `C${i}`, AccountId, Email: i % 2 ? `c${i}@x.example` : null }));
  await t.conn.sobject('Contact').create(contacts);
});
afterAll(() => t.close());

describe('GET /query', () => {
  it('returns totalSize, done and records in the REST shape, parents nested', async () => {
    const result = await t.conn.query(
      "SELECT Id, LastName, Account.Name, Account.Owner.Name FROM Contact WHERE LastName = 'C1'",
    );
    expect(result.totalSize).toBe(1);
    expect(result.done).toBe(true);
    expect(result.records[0]).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${result.records[0]!.Id}` },
      Id: result.records[0]!.Id,
      LastName: 'C1',
      Account: {
        attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${accountIds[3]}` },
        Name: 'A003',
        Owner: {
          attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${ADMIN_USER_ID}` },
          Name: 'Ada Admin',
        },
      },
    });
  });

  it('answers up to 2,000 records in one page by default', async () => {
    const first = await t.conn.query('SELECT Id, Name FROM Account ORDER BY Name');
    expect(first.totalSize).toBe(450);
    expect(first.done).toBe(true);
    expect(first.records.map((r) => r.Name)).toEqual(
      Array.from({ length: 450 }, (_, i) => `A${String(i).padStart(3, '0')}`),
    );
  });

  it('honours Sforce-Query-Options batchSize (200..2000) and keeps totalSize on every page', async () => {
    const page1 = await t.http(
      'GET',
      `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Name FROM Account ORDER BY Name')}`,
      {
        headers: { 'Sforce-Query-Options': 'batchSize=200' },
      },
    );
    const body1 = page1.body as {
      totalSize: number;
      done: boolean;
      nextRecordsUrl: string;
      records: { Name: string }[];
    };
    expect(body1.totalSize).toBe(450);
    expect(body1.done).toBe(false);
    expect(body1.records.length).toBe(200);
    expect(body1.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[0-9A-Za-z]{15}-200$/);
    const page2 = await t.http('GET', body1.nextRecordsUrl, {
      headers: { 'Sforce-Query-Options': 'batchSize=200' },
    });
    const body2 = page2.body as typeof body1;
    expect(body2.totalSize).toBe(450);
    expect(body2.records[0]!.Name).toBe('A200');
    expect(body2.nextRecordsUrl.endsWith('-400')).toBe(true);
    const page3 = await t.http('GET', body2.nextRecordsUrl);
    const body3 = page3.body as typeof body1;
    expect(body3).toMatchObject({ totalSize: 450, done: true });
    expect(body3.records.map((r) => r.Name)).toEqual(Array.from({ length: 50 }, (_, i) => `A${400 + i}`));
    expect('nextRecordsUrl' in body3).toBe(false);
    // A used or unknown locator is refused.
    const reused = await t.http('GET', body1.nextRecordsUrl);
    expect(reused).toMatchObject({ status: 400, body: [{ errorCode: 'INVALID_QUERY_LOCATOR' }] });
  });

  it('clamps batchSize under 200 to 200', async () => {
    const page = await t.http(
      'GET',
      `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Account')}`,
      {
        headers: { 'Sforce-Query-Options': 'batchSize=5' },
      },
    );
    expect((page.body as { records: unknown[] }).records.length).toBe(200);
  });

  it('fetches every page with jsforce autoFetch and queryMore', async () => {
    const conn = connect(t.running);
    const all = await conn.query('SELECT Id FROM Account', {
      autoFetch: true,
      maxFetch: 10_000,
      headers: { 'Sforce-Query-Options': 'batchSize=200' },
    });
    expect(all.records.length).toBe(450);
    expect(new Set(all.records.map((r) => r.Id)).size).toBe(450);
    const first = await t.http(
      'GET',
      `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Account')}`,
      {
        headers: { 'Sforce-Query-Options': 'batchSize=300' },
      },
    );
    const more = await conn.queryMore((first.body as { nextRecordsUrl: string }).nextRecordsUrl);
    expect(more.records.length).toBe(150);
    expect(more.done).toBe(true);
  });

  it('counts with COUNT()', async () => {
    const result = await t.conn.query('SELECT COUNT() FROM Contact WHERE Email != null');
    expect(result).toMatchObject({ totalSize: 75, done: true, records: [] });
  });

  it('returns parent-to-child subqueries', async () => {
    const result = await t.conn.query(
      "SELECT Name, (SELECT LastName FROM Contacts) FROM Account WHERE Name = 'A003'",
    );
    expect(result.records[0]!.Contacts).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: {
            type: 'Contact',
            url: expect.stringMatching(/^\/services\/data\/v62\.0\/sobjects\/Contact\/003/),
          },
          LastName: 'C1',
        },
      ],
    });
  });

  it('evaluates relative date literals on the org clock', async () => {
    const today = await t.conn.query('SELECT COUNT() FROM Account WHERE CreatedDate = TODAY');
    expect(today.totalSize).toBe(450);
    await t.control('POST', '/clock', { advanceSeconds: 2 * 86_400 });
    const later = await t.conn.query('SELECT COUNT() FROM Account WHERE CreatedDate = TODAY');
    expect(later.totalSize).toBe(0);
    const recent = await t.conn.query('SELECT COUNT() FROM Account WHERE CreatedDate = LAST_N_DAYS:3');
    expect(recent.totalSize).toBe(450);
    await t.control('POST', '/clock', { now: TEST_NOW });
  });
});

describe('query cursors', () => {
  const open = async () => {
    const page = await t.http(
      'GET',
      `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Account')}`,
      {
        headers: { 'Sforce-Query-Options': 'batchSize=200' },
      },
    );
    return (page.body as { nextRecordsUrl: string }).nextRecordsUrl;
  };

  it('keeps at most 10 open cursors per user, dropping the oldest', async () => {
    const locators: string[] = [];
    for (let i = 0; i < 11; i++) locators.push(await open());
    expect((await t.http('GET', locators[0]!)).body).toMatchObject([{ errorCode: 'INVALID_QUERY_LOCATOR' }]);
    expect((await t.http('GET', locators[1]!)).status).toBe(200);
  });

  it('expires a cursor unused for 15 minutes on the org clock', async () => {
    const fresh = await open();
    const stale = await open();
    await t.control('POST', '/clock', { advanceSeconds: 14 * 60 });
    expect((await t.http('GET', fresh)).status).toBe(200);
    await t.control('POST', '/clock', { advanceSeconds: 2 * 60 });
    expect((await t.http('GET', stale)).body).toMatchObject([
      { errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' },
    ]);
    await t.control('POST', '/clock', { now: TEST_NOW });
  });

  it("refuses another user's locator", async () => {
    const locator = await open();
    const other = (await t.control('POST', '/sessions', {})).body as { accessToken: string };
    expect((await t.http('GET', locator, { token: other.accessToken })).status).toBe(200);
    const tech = t.running.org.store.create(
      'User',
      {
        Username: 'other@x.example',
        LastName: 'Other',
        Email: 'other@x.example',
        Alias: 'other',
        TimeZoneSidKey: 'GMT',
        LocaleSidKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
      },
      t.running.userId,
    );
    const techToken = (await t.control('POST', '/sessions', { userId: tech })).body as {
      accessToken: string;
    };
    const next = await open();
    expect((await t.http('GET', next, { token: techToken.accessToken })).body).toMatchObject([
      { errorCode: 'INVALID_QUERY_LOCATOR' },
    ]);
  });
});

describe('GET /queryAll', () => {
  it('includes deleted records (jsforce scanAll)', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Gone' })) as { id: string };
    await t.conn.sobject('Account').destroy(id);
    const live = await t.conn.query("SELECT Id FROM Account WHERE Name = 'Gone'");
    expect(live.totalSize).toBe(0);
    const all = await t.conn.query("SELECT Id, IsDeleted FROM Account WHERE Name = 'Gone'", {
      scanAll: true,
    });
    expect(all.records.map((r) => [r.Id, r.IsDeleted])).toEqual([[id, true]]);
  });
});

describe('query errors', () => {
  it('answers MALFORMED_QUERY, INVALID_FIELD and INVALID_TYPE through jsforce', async () => {
    expect((await rejection(t.conn.query('SELECT FROM Account'))).errorCode).toBe('MALFORMED_QUERY');
    expect((await rejection(t.conn.query('SELECT Colour FROM Account'))).errorCode).toBe('INVALID_FIELD');
    expect((await rejection(t.conn.query('SELECT Id FROM Widget'))).errorCode).toBe('INVALID_TYPE');
    expect((await rejection(t.conn.query('SELECT Id FROM Account WHERE OwnerId = :userId'))).errorCode).toBe(
      'MALFORMED_QUERY',
    );
  });

  it('answers 414 for a URL over 16,384 bytes and serves one just under it', async () => {
    const pad = (n: number) => `SELECT Id FROM Account WHERE Name = '${'x'.repeat(n)}'`;
    const base = '/services/data/v62.0/query?q=';
    // As sent on the wire (fetch percent-encodes the quote that encodeURIComponent leaves).
    const encode = (text: string) => encodeURIComponent(text).replace(/'/g, '%27');
    const longest = 16_384 - base.length - encode(pad(0)).length;
    const fits = base + encode(pad(longest));
    expect(Buffer.byteLength(fits)).toBe(16_384);
    const ok = await t.http('GET', fits);
    expect(ok.status).toBe(200);
    const tooLong = await t.http('GET', base + encode(pad(longest + 1)));
    expect(tooLong.status).toBe(414);
    expect(tooLong.body).toEqual([
      {
        message: 'The request URI is 16385 bytes long; the limit is 16384 bytes',
        errorCode: 'URI_TOO_LONG',
        fields: [],
      },
    ]);
  });

  it('asks for q', async () => {
    const response = await t.http('GET', '/services/data/v62.0/query');
    expect(response).toMatchObject({ status: 400, body: [{ errorCode: 'MALFORMED_QUERY' }] });
  });
});
