/**
 * Failures classified by kind, never by wording: real errors from Node's fetch, jsforce and the emulator
 * (a real HTTP org), and the TypeErrors browsers throw for a lost network (Chromium "Failed to fetch",
 * Safari "Load failed", Firefox "NetworkError when attempting to fetch resource."; the browser suite
 * checks Chromium's own in test/ui/sync-offline.test.ts).
 */

import { Connection } from 'jsforce';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/runtime/scheduler.ts';
import type { ApiRequestError } from '../../src/runtime/sync-errors.ts';
import {
  classifyTransportError,
  failureReasonOf,
  type FailureReason,
} from '../../src/runtime/sync-errors.ts';
import { compilePlan, startHarness, type Harness } from './helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from './helpers/scopes.ts';

/** A 127.0.0.1 port nothing listens on: bound by the OS, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function rejectionOf(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the request did not fail');
}

/**
 * A POST /composite through jsforce: jsforce retries GETs on dropped connections and 5xx (a real device
 * would see the last failure after about 15 s), not POSTs, which answer at once.
 */
function composite(conn: Connection): Promise<unknown> {
  return conn.request({
    method: 'POST',
    url: '/services/data/v62.0/composite',
    body: JSON.stringify({
      compositeRequest: [{ method: 'GET', url: '/services/data/v62.0/limits', referenceId: 'limits' }],
    }),
    headers: { 'Content-Type': 'application/json' },
  });
}

function classified(error: unknown): Pick<ApiRequestError, 'reason' | 'kind' | 'errorCode' | 'reachedOrg'> {
  const { reason, kind, errorCode, reachedOrg } = classifyTransportError(error, 'query');
  return { reason, kind, errorCode, reachedOrg };
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
});
afterEach(async () => {
  await h.control('faults', undefined, 'DELETE');
  await h.close();
});

describe('failure classification', () => {
  it('a refused connection through Node fetch is offline (TypeError "fetch failed", cause ECONNREFUSED)', async () => {
    const port = await closedPort();
    const error = await rejectionOf(fetch(`http://127.0.0.1:${port}/services/data`));
    expect(error).toBeInstanceOf(TypeError);
    expect(classified(error)).toEqual({
      reason: 'offline',
      kind: 'transient',
      errorCode: 'ECONNREFUSED',
      reachedOrg: false,
    });
  });

  it('a refused connection through jsforce (its FetchError) is offline', async () => {
    const port = await closedPort();
    const conn = new Connection({
      instanceUrl: `http://127.0.0.1:${port}`,
      accessToken: 'x',
      version: '62.0',
    });
    const error = await rejectionOf(composite(conn));
    expect(classified(error)).toEqual({
      reason: 'offline',
      kind: 'transient',
      errorCode: 'ECONNREFUSED',
      reachedOrg: false,
    });
  });

  it('a connection the org drops without answering is offline', async () => {
    await h.control('faults', { dropConnectionNext: 1 });
    const error = await rejectionOf(composite(h.conn));
    expect(classified(error)).toMatchObject({ reason: 'offline', kind: 'transient', reachedOrg: false });
  });

  it("the browsers' network TypeErrors are offline, whatever their message", () => {
    // The objects browsers reject fetch with: a TypeError, worded per browser.
    for (const message of [
      'Failed to fetch',
      'Load failed',
      'NetworkError when attempting to fetch resource.',
    ])
      expect(classified(new TypeError(message)), message).toEqual({
        reason: 'offline',
        kind: 'transient',
        errorCode: 'TypeError',
        reachedOrg: false,
      });
    // A timeout signal (AbortSignal.timeout) rejects with a DOMException named TimeoutError.
    expect(failureReasonOf(new DOMException('signal timed out', 'TimeoutError'))).toBe('offline');
  });

  it('answers of the org: session, API limit, server error, permanent', async () => {
    const cases: [object, FailureReason, string][] = [
      [
        { failNext: 1, status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED' },
        'apiLimit',
        'REQUEST_LIMIT_EXCEEDED',
      ],
      [{ failNext: 1, status: 503, errorCode: 'SERVER_UNAVAILABLE' }, 'server', 'SERVER_UNAVAILABLE'],
      [{ failNext: 1, status: 500, errorCode: 'UNKNOWN_EXCEPTION' }, 'server', 'UNKNOWN_EXCEPTION'],
      [{ failNext: 1, status: 401, errorCode: 'INVALID_SESSION_ID' }, 'session', 'INVALID_SESSION_ID'],
    ];
    for (const [fault, reason, errorCode] of cases) {
      await h.control('faults', fault);
      const error = await rejectionOf(composite(h.conn));
      expect(classified(error), errorCode).toMatchObject({ reason, errorCode, reachedOrg: true });
    }
    const bad = await rejectionOf(h.conn.query('SELECT Nope__c FROM Account'));
    expect(classified(bad)).toEqual({
      reason: 'permanent',
      kind: 'permanent',
      errorCode: 'INVALID_FIELD',
      reachedOrg: true,
    });
    const expired = new Connection({ instanceUrl: h.org.url, accessToken: 'expired', version: '62.0' });
    const refused = await rejectionOf(expired.query('SELECT Id FROM Account'));
    expect(classified(refused)).toMatchObject({ reason: 'session', kind: 'auth', reachedOrg: true });
  });
});

describe('a sync that cannot reach the org', () => {
  it('fails as offline, counts no API call and retries after the first backoff step', async () => {
    const port = await closedPort();
    const transport = new Connection({
      instanceUrl: `http://127.0.0.1:${port}`,
      accessToken: 'x',
      version: '62.0',
    });
    const engine = h.device(compilePlan(energyScope), { transport });
    const summary = await engine.syncNow();
    expect(summary).toMatchObject({ ok: false, failure: 'offline', apiCalls: 0 });
    expect(summary.nextSyncAt).toBe(h.now() + backoffDelay(1));
    expect(engine.history(1)[0]).toMatchObject({ ok: false, failure: 'offline', apiCalls: 0 });
  });

  it('counts a request the org answered with an error', async () => {
    await h.control('faults', { failNext: 1, status: 503 });
    const engine = h.device(compilePlan(energyScope));
    const summary = await engine.syncNow();
    expect(summary).toMatchObject({ ok: false, failure: 'server', apiCalls: 1 });
    expect(summary.nextSyncAt).toBe(h.now() + backoffDelay(1));
  });
});
