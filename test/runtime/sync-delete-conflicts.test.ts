/**
 * Conditional deletes against an org that, as the real REST API, ignores If-Unmodified-Since on DELETE:
 * the device checks the stamps of serverWins / manual deletes before the call that carries them. A record
 * changed on the server is a conflict (serverWins: dropped and reported; manual: kept for the user), a
 * record gone is done, an unchanged one is deleted without a header, in sObject Collections. Exact calls,
 * with and without checks; a lost answer and a kill between the check and the send.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/runtime/store/memory-store.ts';
import type { SyncStore } from '../../src/runtime/store/sync-store.ts';
import { compilePlan, FaultyTransport, startHarness, type Harness } from './helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from './helpers/scopes.ts';

// energyScope: Account is manual, Contact serverWins, Case clientWins; the watermark is LastModifiedDate.
const plan = compilePlan(energyScope);
let h: Harness;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
});
afterEach(async () => {
  await h.close();
});

const ids = (list: readonly string[]) => list.map((id) => `'${id}'`).join(',');
const check = (object: string, list: readonly string[]) =>
  `GET /query?q=SELECT Id, LastModifiedDate FROM ${object} WHERE Id IN (${ids(list)})`;

/** The subrequests of a /composite call body: method, URL without the version prefix, headers. */
function subrequests(body: string | undefined): [string, string, unknown][] {
  const parsed = JSON.parse(body ?? '{}') as {
    compositeRequest: { method: string; url: string; httpHeaders?: unknown }[];
  };
  return parsed.compositeRequest.map((r) => [
    r.method,
    decodeURIComponent(r.url.replace(/^.*\/v62\.0/, '')),
    r.httpHeaders,
  ]);
}

/** The calls of the sync that starts at log index `from`: those of the upload phase, then the rest. */
function uploadCalls(transport: FaultyTransport, from: number): string[] {
  const calls: string[] = [];
  for (let i = from; i < transport.log.length; i++) {
    const entry = transport.log[i]!;
    // A stamp check, a rebase or a lost update's re-read: one field by Id (the download asks every field).
    const isCheck = /^GET \/query\?q=SELECT Id, \w+ FROM \w+ WHERE Id IN \(/.test(entry);
    const isUpload =
      entry === 'POST /composite' && subrequests(transport.bodies[i]).some(([method]) => method !== 'GET');
    const isPackedCheck =
      entry === 'POST /composite' &&
      subrequests(transport.bodies[i]).every(([, url]) =>
        /^\/query\?q=SELECT Id, \w+ FROM \w+ WHERE Id IN \(/.test(url),
      );

    if (!isCheck && !isUpload && !isPackedCheck) break;
    calls.push(entry);
  }
  return calls;
}

/** Two energy accounts with a contact and a case each, on a device that synced once. */
async function syncedDevice(store?: SyncStore) {
  const transport = new FaultyTransport(h.conn);
  const accounts: string[] = [];
  const contacts: string[] = [];
  const cases: string[] = [];
  for (const n of [1, 2]) {
    const account = await h.create('Account', { Name: `Volt ${n}`, Industry: 'Energy', Phone: `${n}` });
    accounts.push(account);
    contacts.push(
      await h.create('Contact', { LastName: `Ada ${n}`, Email: `ada${n}@x.example`, AccountId: account }),
    );
    cases.push(await h.create('Case', { Subject: `Outage ${n}`, Status: 'New', AccountId: account }));
  }
  await h.advance(60);
  const engine = h.device(plan, { transport, ...(store ? { store } : {}) });
  expect((await engine.syncNow()).ok).toBe(true);
  await h.advance(60);
  return { engine, transport, accounts, contacts, cases };
}

async function onServer(object: string, list: readonly string[]): Promise<string[]> {
  const result = await h.conn.query<{ Id: string }>(`SELECT Id FROM ${object} WHERE Id IN (${ids(list)})`);
  return result.records.map((r) => r.Id).sort();
}

describe('serverWins deletes', () => {
  it('drops a delete of a record changed on the server, reports it and shows the server version', async () => {
    const { engine, transport, contacts } = await syncedDevice();
    engine.delete('Contact', contacts[0]!);
    await h.update('Contact', contacts[0]!, { LastName: 'Ada (office)' });
    await h.advance(10);
    const from = transport.log.length;
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.dropped).toEqual([{ object: 'Contact', recordId: contacts[0], op: 'delete' }]);
    expect(summary.counts.Contact).toMatchObject({ conflicts: 1, uploaded: 0 });
    // One check and nothing to send after it.
    expect(uploadCalls(transport, from)).toEqual([check('Contact', [contacts[0]!])]);
    expect(summary.apiCalls).toBe(transport.log.length - from);
    expect(await onServer('Contact', contacts)).toEqual([...contacts].sort());
    expect(engine.pendingChanges()).toEqual([]);
    expect(engine.record('Contact', contacts[0]!)).toMatchObject({ LastName: 'Ada (office)' });
    await h.expectDeviceMatchesServer(engine);
  });

  it('deletes an unchanged record after one check, without a header, in an sObject Collection', async () => {
    const { engine, transport, contacts } = await syncedDevice();
    for (const id of contacts) engine.delete('Contact', id);
    const from = transport.log.length;
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.dropped).toEqual([]);
    expect(summary.counts.Contact).toMatchObject({ conflicts: 0, uploaded: 2 });
    expect(uploadCalls(transport, from)).toEqual([check('Contact', contacts), 'POST /composite']);
    expect(subrequests(transport.bodies[from + 1])).toEqual([
      ['DELETE', `/composite/sobjects?ids=${contacts.join(',')}&allOrNone=false`, undefined],
    ]);
    expect(summary.apiCalls).toBe(transport.log.length - from);
    expect(await onServer('Contact', contacts)).toEqual([]);
    expect(engine.pendingChanges()).toEqual([]);
    await h.expectDeviceMatchesServer(engine);
  });

  it('counts a record deleted on the server meanwhile as done, sending nothing', async () => {
    const { engine, transport, contacts } = await syncedDevice();
    engine.delete('Contact', contacts[0]!);
    await h.remove('Contact', contacts[0]!);
    await h.advance(10);
    const from = transport.log.length;
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.dropped).toEqual([]);
    expect(summary.errors).toEqual([]);
    expect(uploadCalls(transport, from)).toEqual([check('Contact', [contacts[0]!])]);
    expect(engine.pendingChanges()).toEqual([]);
    expect(engine.record('Contact', contacts[0]!)).toBeUndefined();
    await h.expectDeviceMatchesServer(engine);
  });
});

describe('manual deletes', () => {
  it('keeps a delete of a changed record as a conflict: "mine" deletes it, "theirs" keeps it', async () => {
    const { engine, transport, accounts } = await syncedDevice();
    for (const id of accounts) engine.delete('Account', id);
    for (const id of accounts) await h.update('Account', id, { Phone: `9-office ${id}` });
    await h.advance(10);
    let from = transport.log.length;
    const first = await engine.syncNow();
    expect(first.ok).toBe(true);
    expect(first.conflicts).toBe(2);
    expect(first.dropped).toEqual([]);
    expect(uploadCalls(transport, from)).toEqual([check('Account', accounts)]);
    expect(await onServer('Account', accounts)).toEqual([...accounts].sort());
    const conflicts = engine.conflicts();
    expect(conflicts.map((c) => [c.op, c.recordId, c.theirs?.Phone])).toEqual(
      accounts.map((id) => ['delete', id, `9-office ${id}`]),
    );
    expect(engine.pendingChanges().map((c) => [c.status, c.error])).toEqual(
      accounts.map(() => [
        'conflict',
        { code: 'CONFLICT', message: 'the record changed on the server after you deleted it' },
      ]),
    );
    // Still deleted for the user until they decide.
    expect(accounts.map((id) => engine.record('Account', id))).toEqual([undefined, undefined]);
    engine.resolveConflict(conflicts[0]!.seq, 'mine');
    engine.resolveConflict(conflicts[1]!.seq, 'theirs');
    expect(engine.record('Account', accounts[1]!)).toMatchObject({ Phone: `9-office ${accounts[1]}` });
    await h.advance(10);
    from = transport.log.length;
    const second = await engine.syncNow();
    expect(second.ok).toBe(true);
    expect(second.conflicts).toBe(0);
    // "mine" is checked against the version the user has now seen, and goes.
    expect(uploadCalls(transport, from)).toEqual([check('Account', [accounts[0]!]), 'POST /composite']);
    expect(subrequests(transport.bodies[from + 1])).toEqual([
      ['DELETE', `/composite/sobjects?ids=${accounts[0]}&allOrNone=false`, undefined],
    ]);
    expect(await onServer('Account', accounts)).toEqual([accounts[1]]);
    expect(engine.pendingChanges()).toEqual([]);
    expect(engine.record('Account', accounts[1]!)).toMatchObject({ Phone: `9-office ${accounts[1]}` });
    await h.expectDeviceMatchesServer(engine);
  });

  it('a "mine" delete of a record changed again after the user decided is a conflict again', async () => {
    const { engine, accounts } = await syncedDevice();
    engine.delete('Account', accounts[0]!);
    await h.update('Account', accounts[0]!, { Phone: 'office 1' });
    await h.advance(10);
    expect((await engine.syncNow()).conflicts).toBe(1);
    engine.resolveConflict(engine.conflicts()[0]!.seq, 'mine');
    await h.update('Account', accounts[0]!, { Phone: 'office 2' });
    await h.advance(10);
    const second = await engine.syncNow();
    expect(second.conflicts).toBe(1);
    expect(engine.conflicts()[0]).toMatchObject({ op: 'delete', theirs: { Phone: 'office 2' } });
    expect(await onServer('Account', [accounts[0]!])).toEqual([accounts[0]]);
    await h.expectDeviceMatchesServer(engine);
  });
});

describe('calls', () => {
  it('checks two objects in one /composite, then sends the unchanged deletes in one call', async () => {
    const { engine, transport, accounts, contacts, cases } = await syncedDevice();
    // Account 2 with its contact 2 and case 2 (deleted by the cascade); contact 1 changed on the server.
    engine.delete('Contact', contacts[0]!);
    engine.delete('Account', accounts[1]!);
    engine.delete('Case', cases[0]!);
    await h.update('Contact', contacts[0]!, { Email: 'office@x.example' });
    await h.advance(10);
    const from = transport.log.length;
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.dropped).toEqual([{ object: 'Contact', recordId: contacts[0], op: 'delete' }]);
    expect(uploadCalls(transport, from)).toEqual(['POST /composite', 'POST /composite']);
    expect(subrequests(transport.bodies[from])).toEqual([
      ['GET', `/query?q=SELECT Id, LastModifiedDate FROM Contact WHERE Id IN ('${contacts[0]}')`, undefined],
      ['GET', `/query?q=SELECT Id, LastModifiedDate FROM Account WHERE Id IN ('${accounts[1]}')`, undefined],
    ]);
    // The clientWins delete is not checked; the verified manual one goes with it, neither with a header.
    expect(subrequests(transport.bodies[from + 1])).toEqual([
      ['DELETE', `/composite/sobjects?ids=${accounts[1]}&allOrNone=false`, undefined],
      ['DELETE', `/composite/sobjects?ids=${cases[0]}&allOrNone=false`, undefined],
    ]);
    expect(summary.apiCalls).toBe(transport.log.length - from);
    expect(await onServer('Account', accounts)).toEqual([accounts[0]]);
    expect(await onServer('Contact', contacts)).toEqual([contacts[0]]);
    // Case 1 deleted by the device, case 2 with its account.
    expect(await onServer('Case', cases)).toEqual([]);
    await h.expectDeviceMatchesServer(engine);
  });

  it('makes no extra call when no delete needs a check (clientWins deletes, conditional updates)', async () => {
    const { engine, transport, contacts, cases } = await syncedDevice();
    engine.delete('Case', cases[0]!);
    engine.update('Contact', contacts[0]!, { Email: 'device@x.example' });
    const from = transport.log.length;
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(uploadCalls(transport, from)).toEqual(['POST /composite']);
    expect(subrequests(transport.bodies[from])).toEqual([
      ['DELETE', `/composite/sobjects?ids=${cases[0]}&allOrNone=false`, undefined],
      [
        'PATCH',
        `/sobjects/Contact/${contacts[0]}`,
        { 'If-Unmodified-Since': new Date(Date.parse('2026-03-02T09:00:00.000Z')).toUTCString() },
      ],
    ]);
    expect(transport.log.slice(from).filter((entry) => / WHERE Id IN \(/.test(entry))).toEqual([]);
    expect(summary.apiCalls).toBe(transport.log.length - from);
    expect(await onServer('Case', cases)).toEqual([cases[1]]);
    await h.expectDeviceMatchesServer(engine);
  });

  it('chunks the check of 700 deletes under the URL limit, both chunks in one /composite call', async () => {
    const transport = new FaultyTransport(h.conn);
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    const many: string[] = [];
    for (let start = 0; start < 700; start += 200) {
      const results = (await h.conn.sobject('Contact').create(
        Array.from({ length: Math.min(200, 700 - start) }, (_, i) => ({
          LastName: `Bulk ${start + i}`,
          Email: `b${start + i}@x.example`,
          AccountId: account,
        })),
        { allOrNone: true },
      )) as { id: string }[];
      many.push(...results.map((r) => r.id));
    }
    await h.advance(60);
    const engine = h.device(plan, { transport });
    expect((await engine.syncNow()).ok).toBe(true);
    await h.advance(60);
    for (const id of many) engine.delete('Contact', id);
    await h.update('Contact', many[650]!, { Email: 'office@x.example' });
    await h.advance(10);
    const from = transport.log.length;
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.dropped).toEqual([{ object: 'Contact', recordId: many[650], op: 'delete' }]);
    expect(uploadCalls(transport, from)).toEqual(['POST /composite', 'POST /composite']);
    const checks = subrequests(transport.bodies[from]);
    expect(checks.length).toBe(2);
    // Each query URL as sent (encoded, with the instance URL) stays under the 16,000-byte limit.
    const sentUrls = (
      JSON.parse(transport.bodies[from]!) as { compositeRequest: { url: string }[] }
    ).compositeRequest.map((r) => h.org.url.length + r.url.length);
    for (const length of sentUrls) expect(length).toBeLessThan(16_000);
    expect(sentUrls[0]).toBeGreaterThan(15_000);
    const checked = checks.flatMap(([, url]) => [...url.matchAll(/'(\w{18})'/g)].map((m) => m[1]));
    expect(checked).toEqual(many);
    const sent = subrequests(transport.bodies[from + 1]);
    expect(sent.map(([method, url]) => [method, url.split('?')[0]])).toEqual(
      Array(4).fill(['DELETE', '/composite/sobjects']),
    );
    const deleted = sent.flatMap(([, url]) => /ids=([^&]*)/.exec(url)![1]!.split(','));
    expect(deleted).toEqual(many.filter((_, i) => i !== 650));
    const left = await h.conn.query<{ Id: string }>("SELECT Id FROM Contact WHERE LastName LIKE 'Bulk %'");
    expect(left.records.map((r) => r.Id)).toEqual([many[650]]);
    expect(engine.pendingChanges()).toEqual([]);
    await h.expectDeviceMatchesServer(engine);
  });
});

describe('lost answers and kills', () => {
  it('a delete whose answer was lost is checked again and counts as done, never sent twice', async () => {
    const { engine, transport, contacts } = await syncedDevice();
    engine.delete('Contact', contacts[0]!);
    // Call 1 is the check, call 2 the delete: its answer is lost.
    transport.failAt = { call: transport.calls + 2, when: 'after' };
    expect((await engine.syncNow()).ok).toBe(false);
    expect(engine.pendingChanges().map((c) => [c.op, c.status])).toEqual([['delete', 'inFlight']]);
    expect(await onServer('Contact', contacts)).toEqual([contacts[1]]);
    await h.advance(10);
    const from = transport.log.length;
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.dropped).toEqual([]);
    expect(uploadCalls(transport, from)).toEqual([check('Contact', [contacts[0]!])]);
    expect(engine.pendingChanges()).toEqual([]);
    await h.expectDeviceMatchesServer(engine);
  });

  it('a delete queued after its own lost update is rebased, not taken for a conflict, and not checked twice', async () => {
    const { engine, transport, contacts } = await syncedDevice();
    engine.update('Contact', contacts[0]!, { Email: 'mine@x.example' });
    transport.failAt = { call: transport.calls + 1, when: 'after' };
    expect((await engine.syncNow()).ok).toBe(false);
    // The update is in flight (applied on the server, answer lost); the user then deletes the record.
    engine.delete('Contact', contacts[0]!);
    expect(engine.pendingChanges().map((c) => [c.op, c.status])).toEqual([
      ['update', 'inFlight'],
      ['delete', 'pending'],
    ]);
    await h.advance(10);
    const from = transport.log.length;
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.dropped).toEqual([]);
    // The lost update's re-read, the rebase of the delete on the stamp of that update (its check), the delete.
    expect(uploadCalls(transport, from)).toEqual([
      `GET /query?q=SELECT Id, Email FROM Contact WHERE Id IN ('${contacts[0]}')`,
      check('Contact', [contacts[0]!]),
      'POST /composite',
    ]);
    expect(subrequests(transport.bodies[from + 2])).toEqual([
      ['DELETE', `/composite/sobjects?ids=${contacts[0]}&allOrNone=false`, undefined],
    ]);
    expect(await onServer('Contact', contacts)).toEqual([contacts[1]]);
    expect(engine.pendingChanges()).toEqual([]);
    await h.expectDeviceMatchesServer(engine);
  });

  it('deletes of two objects rebased on their own lost updates: one re-read, one rebase call, one send', async () => {
    const { engine, transport, accounts, contacts } = await syncedDevice();
    engine.update('Account', accounts[0]!, { Phone: 'device' });
    engine.update('Contact', contacts[1]!, { Email: 'mine@x.example' });
    transport.failAt = { call: transport.calls + 1, when: 'after' };
    expect((await engine.syncNow()).ok).toBe(false);
    engine.delete('Account', accounts[0]!);
    engine.delete('Contact', contacts[1]!);
    await h.advance(10);
    const from = transport.log.length;
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.dropped).toEqual([]);
    expect(summary.conflicts).toBe(0);
    expect(uploadCalls(transport, from)).toEqual(['POST /composite', 'POST /composite', 'POST /composite']);
    expect(subrequests(transport.bodies[from + 1])).toEqual([
      ['GET', `/query?q=SELECT Id, LastModifiedDate FROM Account WHERE Id IN ('${accounts[0]}')`, undefined],
      ['GET', `/query?q=SELECT Id, LastModifiedDate FROM Contact WHERE Id IN ('${contacts[1]}')`, undefined],
    ]);
    expect(subrequests(transport.bodies[from + 2])).toEqual([
      ['DELETE', `/composite/sobjects?ids=${accounts[0]}&allOrNone=false`, undefined],
      ['DELETE', `/composite/sobjects?ids=${contacts[1]}&allOrNone=false`, undefined],
    ]);
    expect(await onServer('Account', accounts)).toEqual([accounts[1]]);
    expect(await onServer('Contact', contacts)).toEqual([]);
    expect(engine.pendingChanges()).toEqual([]);
    await h.expectDeviceMatchesServer(engine);
  });

  it('a kill between the check and the send leaves the delete pending; the next sync checks again', async () => {
    const inner = new MemoryStore();
    let dying = false;
    // The process dies when it marks the checked deletes in flight (that transaction rolls back).
    const store = new Proxy(inner, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (key !== 'replaceChange') return (value as (...a: unknown[]) => unknown).bind(target);
        return (entry: { status: string }) => {
          if (dying && entry.status === 'inFlight') throw new Error('killed before the send');
          return target.replaceChange(entry as never);
        };
      },
    });
    const { engine, transport, contacts } = await syncedDevice(store);
    engine.delete('Contact', contacts[0]!);
    engine.delete('Contact', contacts[1]!);
    dying = true;
    let from = transport.log.length;
    const killed = await engine.syncNow();
    expect(killed.ok).toBe(false);
    expect(transport.log.slice(from)).toEqual([check('Contact', contacts)]);
    expect(engine.pendingChanges().map((c) => [c.op, c.recordId, c.status])).toEqual([
      ['delete', contacts[0], 'pending'],
      ['delete', contacts[1], 'pending'],
    ]);
    expect(await onServer('Contact', contacts)).toEqual([...contacts].sort());
    // Restarted: someone changed contact 2 meanwhile; the new check sees it.
    dying = false;
    await h.update('Contact', contacts[1]!, { LastName: 'Ada (office)' });
    await h.advance(10);
    const device = h.device(plan, { transport, store: inner });
    from = transport.log.length;
    const summary = await device.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.dropped).toEqual([{ object: 'Contact', recordId: contacts[1], op: 'delete' }]);
    expect(uploadCalls(transport, from)).toEqual([check('Contact', contacts), 'POST /composite']);
    expect(subrequests(transport.bodies[from + 1])).toEqual([
      ['DELETE', `/composite/sobjects?ids=${contacts[0]}&allOrNone=false`, undefined],
    ]);
    expect(await onServer('Contact', contacts)).toEqual([contacts[1]]);
    expect(device.pendingChanges()).toEqual([]);
    expect(device.record('Contact', contacts[1]!)).toMatchObject({ LastName: 'Ada (office)' });
    await h.expectDeviceMatchesServer(device);
  });
});
