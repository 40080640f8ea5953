/**
 * Failures mid-sync: a kill at every step (each request failing before it is sent or after its answer,
 * and the process dying at store writes), 401 with and without a token refresh, 503 and
 * REQUEST_LIMIT_EXCEEDED. After each, a good sync must converge with no local change lost or doubled.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/runtime/store/sqlite-store.ts';
import type { SyncStore } from '../../src/runtime/store/sync-store.ts';
import type { Transport } from '../../src/runtime/transport.ts';
import {
  compilePlan,
  crashingStore,
  FaultyTransport,
  startHarness,
  type Harness,
} from './helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from './helpers/scopes.ts';

const plan = compilePlan(energyScope);
/** Store writes of the clean sync of `scenario` (asserted below, so the kill points cover all of it). */
const CLEAN_SYNC_WRITES = 43;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** An org and a device that synced once, then changes on both sides. */
async function scenario(h: Harness, store: SyncStore) {
  const a1 = await h.create('Account', { Name: 'Volt', Industry: 'Energy', Phone: '1' });
  const c1 = await h.create('Contact', { LastName: 'Ada', Email: 'ada@x.example', AccountId: a1 });
  const p1 = await h.create('Product2', { Name: 'Meter', IsActive: true });
  await h.advance(60);
  const first = h.device(plan, { store });
  expect((await first.syncNow()).ok).toBe(true);
  await h.advance(60);
  const la = first.create('Account', { Name: 'Offline Co', Industry: 'Energy' });
  first.create('Contact', { LastName: 'Offline child', Email: 'oc@x.example', AccountId: la });
  first.create('Case', { Subject: 'Offline case', AccountId: la });
  first.update('Contact', c1, { Email: 'ada@device.example' });
  await h.create('Account', { Name: 'Volt Two', Industry: 'Energy' });
  await h.update('Account', a1, { Phone: '2' });
  await h.remove('Product2', p1);
  await h.advance(30);
  return { a1, c1 };
}

/** The invariants after recovery: converged, outbox empty, each offline change exactly once on the server. */
async function expectConverged(h: Harness, store: SyncStore, c1: string) {
  await h.advance(30);
  const engine = h.device(plan, { store });
  const summary = await engine.syncNow();
  expect(summary.error).toBeUndefined();
  expect(engine.pendingChanges()).toEqual([]);
  const count = async (soql: string) => (await h.conn.query(soql)).totalSize;
  expect(await count("SELECT Id FROM Account WHERE Name = 'Offline Co'")).toBe(1);
  expect(await count("SELECT Id FROM Contact WHERE LastName = 'Offline child'")).toBe(1);
  expect(await count("SELECT Id FROM Case WHERE Subject = 'Offline case'")).toBe(1);
  const contact = (await h.conn.sobject('Contact').retrieve(c1)) as { Email: string };
  expect(contact.Email).toBe('ada@device.example');
  await h.expectDeviceMatchesServer(engine);
}

describe('a sync killed at any step recovers', () => {
  it('counts the requests of a clean sync (the steps below)', async () => {
    const h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
    try {
      const store = new SqliteStore(':memory:');
      await scenario(h, store);
      const transport = new FaultyTransport(h.conn);
      const counted = crashingStore(store);
      const engine = h.device(plan, { store: counted.store, transport });
      const before = counted.writes();
      const summary = await engine.syncNow();
      expect(summary.ok).toBe(true);
      expect(counted.writes() - before).toBe(CLEAN_SYNC_WRITES);
      expect(transport.log.map((l) => l.split('?')[0])).toEqual([
        'POST /composite', // upload
        'POST /composite', // every object's delta and change window, asked together
        'GET /query', // Contact children of the account new on the device
      ]);
    } finally {
      await h.close();
    }
  });

  for (let call = 1; call <= 3; call++)
    for (const when of ['before', 'after'] as const)
      it(`when request ${call} fails ${when} it is sent`, async () => {
        const h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
        try {
          const store = new SqliteStore(':memory:');
          const { c1 } = await scenario(h, store);
          const transport = new FaultyTransport(h.conn);
          transport.failAt = { call, when };
          const broken = await h.device(plan, { store, transport }).syncNow();
          expect(broken.ok).toBe(false);
          expect(broken.error).toMatch(/ECONNRESET|socket hang up/);
          await expectConverged(h, store, c1);
        } finally {
          await h.close();
        }
      });

  // A process kill between two store writes: the open transaction is lost, the file keeps the rest.
  const writes = Array.from({ length: CLEAN_SYNC_WRITES }, (_, i) => i + 1).filter(
    (k) => k % 2 === 1 || k === CLEAN_SYNC_WRITES,
  );
  for (const write of writes)
    it(`when the process dies at store write ${write}`, async () => {
      const h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
      const dir = mkdtempSync(join(tmpdir(), 'syncscope-kill-'));
      dirs.push(dir);
      const file = join(dir, 'device.sqlite');
      try {
        const durable = new SqliteStore(file);
        const { c1 } = await scenario(h, durable);
        const dying = crashingStore(durable);
        const engine = h.device(plan, { store: dying.store });
        dying.arm(write);
        const broken = await engine.syncNow().catch((e: Error) => e);
        dying.arm(undefined);
        durable.close();
        // The engine reports the failure, or dies with the store (the kill struck while it recorded the end).
        if (!(broken instanceof Error)) expect(broken.ok).toBe(false);
        const reopened = new SqliteStore(file);
        await expectConverged(h, reopened, c1);
        reopened.close();
      } finally {
        await h.close();
      }
    });
});

describe('auth and limits', () => {
  it('refreshes an expired session once through the transport and completes', async () => {
    const h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
    try {
      const store = new SqliteStore(':memory:');
      const { c1 } = await scenario(h, store);
      const conn = new Connection({ instanceUrl: h.org.url, accessToken: h.org.token, version: '62.0' });
      let refreshes = 0;
      const transport: Transport = {
        instanceUrl: conn.instanceUrl,
        request: (request) => conn.request(request),
        refreshSession: async () => {
          refreshes += 1;
          const answer = await fetch(`${h.org.url}/services/oauth2/token`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: h.org.refreshToken }),
          });
          conn.accessToken = ((await answer.json()) as { access_token: string }).access_token;
        },
      };
      await h.control('faults', { expireSessions: true });
      const summary = await h.device(plan, { store, transport }).syncNow();
      expect(summary.error).toBeUndefined();
      expect(refreshes).toBe(1);
      const contact = (await conn.sobject('Contact').retrieve(c1)) as { Email: string };
      expect(contact.Email).toBe('ada@device.example');
    } finally {
      await h.close();
    }
  });

  it('fails cleanly on 401 without a way to refresh, keeping every local change', async () => {
    const h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
    try {
      const store = new SqliteStore(':memory:');
      const { c1 } = await scenario(h, store);
      const pendingBefore = store.listChanges();
      await h.control('faults', { expireSessions: true });
      const engine = h.device(plan, { store });
      const summary = await engine.syncNow();
      expect(summary.ok).toBe(false);
      expect(summary.error).toMatch(/^composite request failed: INVALID_SESSION_ID: /);
      expect(summary.error).not.toContain(h.org.token);
      expect(store.listChanges().map((c) => [c.seq, c.status])).toEqual(
        pendingBefore.map((c) => [c.seq, 'inFlight']),
      );
      // Logged in again (a new session), the next sync recovers the in-flight changes without doubles.
      const fresh = h.org.org.createSession();
      const conn = new Connection({ instanceUrl: h.org.url, accessToken: fresh, version: '62.0' });
      const again = h.device(plan, { store, transport: conn });
      const recovered = await again.syncNow();
      expect(recovered.error).toBeUndefined();
      expect((await conn.query("SELECT Id FROM Account WHERE Name = 'Offline Co'")).totalSize).toBe(1);
      const contact = (await conn.sobject('Contact').retrieve(c1)) as { Email: string };
      expect(contact.Email).toBe('ada@device.example');
    } finally {
      await h.close();
    }
  });

  for (const fault of [
    { name: '503 SERVER_UNAVAILABLE', body: { failNext: 1, status: 503, path: '/composite' } },
    { name: 'REQUEST_LIMIT_EXCEEDED', body: { apiLimitRemaining: 1 } },
  ])
    it(`backs off after ${fault.name} mid-sync, then converges`, async () => {
      const h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
      try {
        const store = new SqliteStore(':memory:');
        const { c1 } = await scenario(h, store);
        await h.control('faults', fault.body);
        const engine = h.device(plan, { store });
        const summary = await engine.syncNow();
        expect(summary.ok).toBe(false);
        expect(summary.error).toContain(fault.name.split(' ').pop());
        // Exponential backoff from 30 s, not the normal interval.
        expect(summary.nextSyncAt).toBe(h.now() + 30_000);
        expect(engine.status().nextSyncAt).toBe(h.now() + 30_000);
        await h.control('faults', undefined, 'DELETE');
        if ('apiLimitRemaining' in fault.body) await h.control('faults', { apiLimitRemaining: 100_000 });
        await expectConverged(h, store, c1);
      } finally {
        await h.close();
      }
    });
});
