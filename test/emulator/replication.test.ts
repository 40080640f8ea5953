import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startTestOrg, type TestOrg } from './support/test-org.ts';

// The org is created at 08:00; records are written at known minutes after it.
const CREATED = '2026-03-12T08:00:00.000Z';
let t: TestOrg;
const ids: Record<string, string> = {};

async function at(iso: string): Promise<void> {
  await t.control('POST', '/clock', { now: iso });
}

beforeAll(async () => {
  t = await startTestOrg({ now: CREATED });
  await at('2026-03-12T09:00:10.000Z');
  ids.a = ((await t.conn.sobject('Account').create({ Name: 'A' })) as { id: string }).id;
  await at('2026-03-12T09:05:59.999Z');
  ids.b = ((await t.conn.sobject('Account').create({ Name: 'B' })) as { id: string }).id;
  await at('2026-03-12T09:10:00.000Z');
  ids.c = ((await t.conn.sobject('Account').create({ Name: 'C' })) as { id: string }).id;
  await at('2026-03-12T09:20:30.000Z');
  await t.conn.sobject('Account').update({ Id: ids.a, Phone: '1' });
  await t.conn.sobject('Account').destroy(ids.b);
  await at('2026-03-12T09:30:45.000Z');
});
afterAll(() => t.close());

describe('GET /sobjects/{T}/updated', () => {
  it('lists Ids by SystemModstamp in a minute-precision range, with latestDateCovered', async () => {
    const result = await t.conn.sobject('Account').updated('2026-03-12T09:00:00Z', '2026-03-12T09:10:00Z');
    // b was deleted afterwards (it shows in deleted); a moved to 09:20; c is at the (exclusive) end.
    expect(result).toEqual({ ids: [], latestDateCovered: '2026-03-12T09:10:00.000+0000' });
    const later = await t.conn.sobject('Account').updated('2026-03-12T09:05:00Z', '2026-03-12T09:25:59Z');
    expect(later).toEqual({ ids: [ids.a, ids.c].sort(), latestDateCovered: '2026-03-12T09:25:00.000+0000' });
  });

  it('never covers past the current minute', async () => {
    const result = await t.conn.sobject('Account').updated('2026-03-12T09:00:00Z', '2026-03-12T12:00:00Z');
    expect(result.latestDateCovered).toBe('2026-03-12T09:30:00.000+0000');
  });

  it('refuses a start more than 30 days ago and an end before the start', async () => {
    const old = await rejection(
      t.conn.sobject('Account').updated('2026-02-01T00:00:00Z', '2026-03-12T09:00:00Z'),
    );
    expect(old.errorCode).toBe('INVALID_REPLICATION_DATE');
    const reversed = await t.http(
      'GET',
      '/services/data/v62.0/sobjects/Account/updated/?start=2026-03-12T09:10:00Z&end=2026-03-12T09:00:00Z',
    );
    expect(reversed).toMatchObject({
      status: 400,
      body: [{ errorCode: 'INVALID_REPLICATION_DATE', message: 'EndDate before StartDate' }],
    });
  });
});

describe('GET /sobjects/{T}/deleted', () => {
  it('lists recycle-bin records with earliestDateAvailable and latestDateCovered', async () => {
    const result = await t.conn.sobject('Account').deleted('2026-03-12T09:00:00Z', '2026-03-12T10:00:00Z');
    expect(result).toEqual({
      deletedRecords: [{ id: ids.b, deletedDate: '2026-03-12T09:20:30.000+0000' }],
      earliestDateAvailable: '2026-03-12T08:00:00.000+0000',
      latestDateCovered: '2026-03-12T09:30:00.000+0000',
    });
  });

  it('empties the recycle bin after 15 days and moves earliestDateAvailable', async () => {
    await at('2026-03-27T10:00:00.000Z');
    const result = await t.conn.sobject('Account').deleted('2026-03-13T00:00:00Z', '2026-03-27T10:00:00Z');
    expect(result).toEqual({
      deletedRecords: [],
      earliestDateAvailable: '2026-03-12T09:20:00.000+0000',
      latestDateCovered: '2026-03-27T10:00:00.000+0000',
    });
    const all = await t.conn.query(`SELECT Id FROM Account WHERE Id = '${ids.b}'`, { scanAll: true });
    expect(all.totalSize).toBe(0);
  });
});

describe('long transactions', () => {
  it('hold latestDateCovered at their start until they commit, then surface records stamped in the past', async () => {
    await at('2026-03-27T11:00:30.000Z');
    const opened = (await t.control('POST', '/transactions', { secondsAgo: 150 })).body as { id: string };
    await at('2026-03-27T11:05:00.000Z');
    const during = await t.conn.sobject('Account').updated('2026-03-27T10:50:00Z', '2026-03-27T11:05:00Z');
    expect(during).toEqual({ ids: [], latestDateCovered: '2026-03-27T10:58:00.000+0000' });
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Slow' })) as { id: string };
    const committed = await t.control('POST', `/transactions/${opened.id}/commit`, {
      records: [{ object: 'Account', id }],
    });
    expect(committed.body).toEqual({
      id: opened.id,
      committedAt: '2026-03-27T11:05:00.000Z',
      restamped: [id],
    });
    // The record is stamped 10:58:00, inside the range a client resumes from (latestDateCovered).
    const after = await t.conn.sobject('Account').updated('2026-03-27T10:58:00Z', '2026-03-27T11:06:00Z');
    expect(after).toEqual({ ids: [id], latestDateCovered: '2026-03-27T11:05:00.000+0000' });
  });
});
