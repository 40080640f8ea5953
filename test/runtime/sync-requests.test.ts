/**
 * What a sync sends: the exact requests (and their SOQL) of a first sync, a sync where nothing changed and
 * an upload, read from the harness's request log (helpers/request-log.ts).
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compilePlan, startHarness, type Harness } from './helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from './helpers/scopes.ts';

const OBJECTS = ['Account', 'Case', 'Contact', 'Product2'];

/** The getUpdated/getDeleted window of every object, asked in the same /composite as the deltas. */
function windowRequests(start: string, end: string): string[] {
  return OBJECTS.flatMap((object) =>
    ['updated', 'deleted'].map((kind) => `  GET /sobjects/${object}/${kind}/?start=${start}&end=${end}`),
  );
}

const ENERGY = "SELECT Id FROM Account WHERE Industry = 'Energy'";

/** Each object's delta from `watermark` (the stored stamp minus the 60-second overlap). */
function deltaRequests(watermark: string): string[] {
  const since = `LastModifiedDate > ${watermark} ORDER BY LastModifiedDate ASC, Id ASC`;
  return [
    `SELECT Id, LastModifiedDate, Name, Phone, Industry FROM Account WHERE (Industry = 'Energy') AND ${since}`,
    `SELECT Id, LastModifiedDate, AccountId, Subject, Status, Device_Id__c FROM Case WHERE (AccountId IN (${ENERGY})) AND ${since}`,
    `SELECT Id, LastModifiedDate, AccountId, LastName, Email FROM Contact WHERE (AccountId IN (${ENERGY}) AND Email != NULL) AND ${since}`,
    `SELECT Id, LastModifiedDate, Name, IsActive FROM Product2 WHERE (IsActive = TRUE) AND ${since}`,
  ].map((soql) => `  GET /query ${soql}`);
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
  const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy', Phone: '1' });
  await h.create('Contact', { LastName: 'Ada', Email: 'ada@x.example', AccountId: account });
  await h.create('Case', { Subject: 'Outage', Status: 'New', AccountId: account });
  await h.create('Product2', { Name: 'Meter', IsActive: true });
  await h.advance(60);
});
afterEach(async () => {
  await h.close();
});

describe('requests a sync sends', () => {
  it('a first sync: one /composite of every window and every delta from the epoch', async () => {
    const engine = h.device(compilePlan(energyScope), { transport: h.requests });
    expect((await engine.syncNow()).ok).toBe(true);
    // The window starts an hour before the device's clock (nothing stored yet); its end is a day ahead.
    expect(h.requests.lines()).toEqual([
      'POST /composite',
      ...windowRequests('2026-03-02T08:01:00Z', '2026-03-03T09:01:00Z'),
      ...deltaRequests('1970-01-01T00:00:00Z'),
    ]);
  });

  it('a sync where nothing changed: the same one /composite, from the stored stamps', async () => {
    const engine = h.device(compilePlan(energyScope), { transport: h.requests });
    expect((await engine.syncNow()).ok).toBe(true);
    h.requests.clear();
    await h.advance(60);
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.apiCalls).toBe(1);
    // The window resumes where the first one ended; the deltas start 60 s (the overlap) before the
    // records' stamp, 09:00:00.
    expect(h.requests.lines()).toEqual([
      'POST /composite',
      ...windowRequests('2026-03-02T09:01:00.000+0000', '2026-03-03T09:02:00Z'),
      ...deltaRequests('2026-03-02T08:59:00Z'),
    ]);
  });

  it('an upload: the change in a /composite of its own, then the download', async () => {
    const engine = h.device(compilePlan(energyScope), { transport: h.requests });
    expect((await engine.syncNow()).ok).toBe(true);
    await h.advance(60);
    const [kase] = engine.records('Case');
    engine.update('Case', kase!.Id, { Status: 'Working' });
    h.requests.clear();
    expect((await engine.syncNow()).ok).toBe(true);
    expect(h.requests.lines()).toEqual([
      'POST /composite',
      '  PATCH /composite/sobjects',
      'POST /composite',
      ...windowRequests('2026-03-02T09:01:00.000+0000', '2026-03-03T09:02:00Z'),
      ...deltaRequests('2026-03-02T08:59:00Z'),
    ]);
    // clientWins: only the changed field goes up.
    expect(h.requests.requests[0]!.subrequests?.[0]?.body).toEqual({
      allOrNone: false,
      records: [{ attributes: { type: 'Case' }, Id: kase!.Id, Status: 'Working' }],
    });
    expect(engine.record('Case', kase!.Id)?.Status).toBe('Working');
    expect(engine.pendingChanges()).toEqual([]);
  });
});
