import { Connection } from 'jsforce';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TECHNICIAN_ID } from '../../src/emulator/index.ts';
import { API_VERSION, connect, rejection, startTestOrg, TEST_NOW, type TestOrg } from './support/test-org.ts';

let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg({ now: TEST_NOW, seed: 'demo', records: 300 });
});
afterAll(() => t.close());
afterEach(async () => {
  await t.control('DELETE', '/faults');
});

describe('/__emulator/clock', () => {
  it('reads, sets, advances and releases the clock', async () => {
    expect(await t.control('GET', '/clock')).toEqual({
      status: 200,
      body: { now: TEST_NOW, running: false },
    });
    expect((await t.control('POST', '/clock', { advanceSeconds: 90 })).body).toEqual({
      now: '2026-03-12T09:31:30.000Z',
      running: false,
    });
    expect((await t.control('POST', '/clock', { now: '2026-04-01T00:00:00+02:00' })).body).toEqual({
      now: '2026-03-31T22:00:00.000Z',
      running: false,
    });
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Clocked' })) as { id: string };
    expect((await t.conn.sobject('Account').retrieve(id)).CreatedDate).toBe('2026-03-31T22:00:00.000+0000');
    const running = (await t.control('POST', '/clock', { now: TEST_NOW, running: true })).body as {
      running: boolean;
    };
    expect(running.running).toBe(true);
    expect(await t.control('POST', '/clock', {})).toMatchObject({
      status: 400,
      body: [{ errorCode: 'MISSING_ARGUMENT' }],
    });
    await t.control('POST', '/clock', { now: TEST_NOW });
  });

  it('needs the admin token', async () => {
    const response = await t.http('GET', '/__emulator/clock', { token: 'someone-else' });
    expect(response).toMatchObject({ status: 401, body: [{ errorCode: 'INVALID_SESSION_ID' }] });
  });
});

describe('/__emulator/faults', () => {
  it('fails the next N matching requests with the given status and error code', async () => {
    await t.control('POST', '/faults', {
      failNext: 2,
      status: 503,
      errorCode: 'SERVER_UNAVAILABLE',
      path: '/limits',
    });
    const first = await t.http('GET', '/services/data/v62.0/limits');
    expect(first).toMatchObject({ status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', fields: [] }] });
    const other = await t.http('GET', '/services/data/v62.0/sobjects');
    expect(other.status).toBe(200);
    expect((await t.http('GET', '/services/data/v62.0/limits')).status).toBe(503);
    expect((await t.http('GET', '/services/data/v62.0/limits')).status).toBe(200);
  });

  it("matches the decoded query text, so a test can fail one object's download", async () => {
    await t.control('POST', '/faults', {
      failNext: 1,
      status: 400,
      errorCode: 'QUERY_TIMEOUT',
      path: 'FROM Contact',
    });
    expect((await rejection(t.conn.query('SELECT Id FROM Contact'))).errorCode).toBe('QUERY_TIMEOUT');
    expect((await t.conn.query('SELECT Id FROM Contact LIMIT 1')).totalSize).toBe(1);
  });

  it('lets jsforce retry a GET that got a 503, as it does with a real org', async () => {
    await t.control('DELETE', '/stats');
    await t.control('POST', '/faults', { failNext: 1, status: 503, path: '/query' });
    expect((await t.conn.query('SELECT Id FROM Contact LIMIT 1')).totalSize).toBe(1);
    const stats = (await t.control('GET', '/stats')).body as { byPath: Record<string, number> };
    expect(stats.byPath['/services/data/v62.0/query']).toBe(2);
  });

  it('adds latency', async () => {
    await t.control('POST', '/faults', { latencyMs: 150 });
    const started = performance.now();
    await t.http('GET', '/services/data/v62.0/limits');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('drops the next connection without an answer (jsforce retries a GET)', async () => {
    await t.control('POST', '/faults', { dropConnectionNext: 1 });
    await expect(t.http('GET', '/services/data/v62.0/limits')).rejects.toThrow();
    await t.control('POST', '/faults', { dropConnectionNext: 1 });
    const result = await t.conn.query('SELECT COUNT() FROM User');
    // The admin, 6 technicians and the dispatcher.
    expect(result.totalSize).toBe(8);
  });

  it('loses the response of a processed request (the create is committed, the client sees an error)', async () => {
    await t.control('POST', '/faults', { dropResponseNext: 1 });
    await expect(t.conn.sobject('Account').create({ Name: 'Committed but unanswered' })).rejects.toThrow();
    const found = await t.conn.query("SELECT Id FROM Account WHERE Name = 'Committed but unanswered'");
    expect(found.totalSize).toBe(1);
  });

  it('holds the answer of a processed request: the create is committed before the client hears back', async () => {
    await t.control('POST', '/faults', {
      responseLatencyMs: 600_000,
      responseLatencyPath: '/sobjects/Account',
    });
    let answered = false;
    const creating = t.conn
      .sobject('Account')
      .create({ Name: 'Committed, answer held' })
      .then((result) => ((answered = true), result as { id: string }));
    const found = async () =>
      (await t.conn.query<{ Id: string }>("SELECT Id FROM Account WHERE Name = 'Committed, answer held'"))
        .records;
    let committed = await found();
    while (committed.length === 0) committed = await found();
    expect(answered).toBe(false);
    expect((await t.control('GET', '/faults')).body).toMatchObject({
      responseLatencyMs: 600_000,
      responseLatencyPath: '/sobjects/Account',
    });
    // Clearing the faults sends the held answer at once.
    await t.control('DELETE', '/faults');
    expect((await creating).id).toBe(committed[0]!.Id);
  });

  it("answers with the org clock's time in the Date header", async () => {
    const response = await t.http('GET', '/services/data/v62.0/limits');
    expect(response.headers.get('date')).toBe(new Date(TEST_NOW).toUTCString());
  });

  it('expires sessions: 401 INVALID_SESSION_ID until a new token is issued or refreshed', async () => {
    const tech = (await t.control('POST', '/sessions', { userId: DEMO_TECHNICIAN_ID })).body as {
      accessToken: string;
    };
    await t.control('POST', '/faults', { expireSessions: true });
    const error = await rejection(
      connect(t.running, tech.accessToken).query('SELECT Id FROM Account LIMIT 1'),
    );
    expect(error.errorCode).toBe('INVALID_SESSION_ID');
    expect((await t.http('GET', '/services/data/v62.0/limits')).status).toBe(401);
    // A refresh-token grant gives a working token (jsforce refreshes on INVALID_SESSION_ID by itself).
    const conn = new Connection({
      instanceUrl: t.running.url,
      accessToken: t.running.token,
      refreshToken: t.running.refreshToken,
      oauth2: { loginUrl: t.running.url, clientId: 'syncscope', redirectUri: 'http://127.0.0.1/callback' },
      version: API_VERSION,
    });
    const result = await conn.query('SELECT COUNT() FROM Account');
    expect(result.totalSize).toBeGreaterThan(0);
    expect(conn.accessToken).not.toBe(t.running.token);
  });

  it('exhausts the daily API limit: 403 REQUEST_LIMIT_EXCEEDED, reported in /limits', async () => {
    await t.control('POST', '/faults', { apiLimitRemaining: 2 });
    const limits = (await t.conn.request('/services/data/v62.0/limits')) as { DailyApiRequests: unknown };
    expect(limits.DailyApiRequests).toEqual({ Max: 100_000, Remaining: 1 });
    await t.conn.query('SELECT Id FROM Account LIMIT 1');
    const refused = await t.http('GET', '/services/data/v62.0/limits');
    expect(refused).toMatchObject({
      status: 403,
      body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
    });
  });

  it('rejects unknown faults', async () => {
    expect(await t.control('POST', '/faults', { failnext: 1 })).toMatchObject({
      status: 400,
      body: [{ errorCode: 'INVALID_FIELD' }],
    });
  });
});

describe('/__emulator/late-commit and /__emulator/stats', () => {
  it('restamps a record as if its transaction had started N seconds ago', async () => {
    await t.control('POST', '/clock', { now: '2026-03-12T10:00:00.000Z' });
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Late' })) as { id: string };
    const answer = await t.control('POST', '/late-commit', { object: 'Account', id, secondsAgo: 30 });
    expect(answer.body).toEqual({
      id,
      LastModifiedDate: '2026-03-12T09:59:30.000+0000',
      SystemModstamp: '2026-03-12T09:59:30.000+0000',
    });
    const record = await t.conn.sobject('Account').retrieve(id);
    expect([record.CreatedDate, record.LastModifiedDate, record.SystemModstamp]).toEqual([
      '2026-03-12T09:59:30.000+0000',
      '2026-03-12T09:59:30.000+0000',
      '2026-03-12T09:59:30.000+0000',
    ]);
    await t.control('POST', '/clock', { now: TEST_NOW });
  });

  it('makes a system change that moves SystemModstamp only', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: 'System' })) as { id: string };
    await t.control('POST', '/clock', { advanceSeconds: 30 });
    expect((await t.control('POST', '/system-update', { object: 'Account', id })).body).toEqual({
      id,
      SystemModstamp: '2026-03-12T09:30:30.000+0000',
    });
    const record = await t.conn.sobject('Account').retrieve(id);
    expect([record.LastModifiedDate, record.SystemModstamp]).toEqual([
      '2026-03-12T09:30:00.000+0000',
      '2026-03-12T09:30:30.000+0000',
    ]);
    await t.control('POST', '/clock', { now: TEST_NOW });
  });

  it('counts API calls and requests by path', async () => {
    await t.control('DELETE', '/stats');
    await t.conn.query('SELECT Id FROM Account LIMIT 1');
    await t.http('GET', '/services/data');
    await t.http('GET', '/services/data/v62.0/sobjects', { token: 'bad' });
    expect((await t.control('GET', '/stats')).body).toEqual({
      apiCalls: 1,
      requests: 3,
      byPath: { '/services/data': 1, '/services/data/v62.0/query': 1, '/services/data/v62.0/sobjects': 1 },
    });
  });

  it('issues sessions for other users, who then own what they create', async () => {
    const session = (await t.control('POST', '/sessions', { userId: DEMO_TECHNICIAN_ID })).body as {
      accessToken: string;
      userId: string;
    };
    expect(session.accessToken).toMatch(/^00D8e0000000001!/);
    const conn = connect(t.running, session.accessToken);
    const info = (await conn.request('/services/oauth2/userinfo')) as {
      user_id: string;
      preferred_username: string;
    };
    expect(info).toMatchObject({
      user_id: DEMO_TECHNICIAN_ID,
      preferred_username: 'tess.fielding@syncscope.example',
    });
    const { id } = (await conn.sobject('WorkOrder').create({ Subject: 'Mine' })) as { id: string };
    const record = await conn.sobject('WorkOrder').retrieve(id);
    expect([record.OwnerId, record.CreatedById]).toEqual([DEMO_TECHNICIAN_ID, DEMO_TECHNICIAN_ID]);
  });
});
