/**
 * Offline parents and their children in sObject Collections: a big outbox of new parents, each with a new
 * child naming it by local Id, goes up as a collection of parents and then a collection of children that
 * name the server Ids; a failed parent holds back only its own child, with the reason; and a lost answer
 * or a kill at any point of either collection is recovered with exactly one server record each.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLocalId } from '../../src/runtime/local-ids.ts';
import { SqliteStore } from '../../src/runtime/store/sqlite-store.ts';
import type { SyncStore } from '../../src/runtime/store/sync-store.ts';
import type { SyncEngine } from '../../src/runtime/sync-engine.ts';
import { compilePlan, startHarness, type Harness } from './helpers/e2e-org.ts';
import { reopenedOverFaults, syncedOnce } from './helpers/synced-device.ts';
import { caseDeviceIdMetadata, energyScope } from './helpers/scopes.ts';

const plan = compilePlan(energyScope);
let h: Harness;
const dirs: string[] = [];
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
});
afterEach(async () => {
  await h.close();
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A device that synced once, then `count` new accounts, each with a new contact naming it. */
async function deviceWithPairs(count: number, store?: SyncStore) {
  await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
  const { engine } = await syncedOnce(h, plan, store ? { store } : {});
  const pairs: { account: string; contact: string }[] = [];
  for (let i = 0; i < count; i++) {
    const account = engine.create('Account', { Name: `Co ${i}`, Industry: 'Energy' });
    const contact = engine.create('Contact', {
      LastName: `Child ${i}`,
      Email: `c${i}@x.example`,
      AccountId: account,
    });
    pairs.push({ account, contact });
  }
  return { engine, pairs };
}

/** Each offline contact on the server with the name of its account, and how many offline accounts. */
async function serverPairs(): Promise<{ accounts: number; links: string[] }> {
  const accounts = await h.conn.query<{ Id: string; Name: string }>(
    "SELECT Id, Name FROM Account WHERE Name LIKE 'Co %'",
  );
  const names = new Map(accounts.records.map((a) => [a.Id, a.Name]));
  const contacts = await h.conn.query<{ LastName: string; AccountId: string }>(
    "SELECT LastName, AccountId FROM Contact WHERE LastName LIKE 'Child %'",
  );
  return {
    accounts: accounts.totalSize,
    links: contacts.records.map((c) => `${c.LastName} -> ${names.get(c.AccountId) ?? c.AccountId}`).sort(),
  };
}

function expectedPairs(count: number, except: readonly number[] = []) {
  const kept = Array.from({ length: count }, (_, i) => i).filter((i) => !except.includes(i));
  return { accounts: kept.length, links: kept.map((i) => `Child ${i} -> Co ${i}`).sort() };
}

interface CompositeBody {
  compositeRequest: { method: string; url: string; body?: { records: Record<string, unknown>[] } }[];
}

function shape(body: string | undefined) {
  return (JSON.parse(body ?? '{}') as CompositeBody).compositeRequest.map((r) => [
    r.method,
    r.url.replace(/^.*\/v\d+\.0/, ''),
    r.body?.records?.length,
  ]);
}

async function expectAllUploaded(engine: SyncEngine, count: number) {
  expect(engine.pendingChanges()).toEqual([]);
  expect(await serverPairs()).toEqual(expectedPairs(count));
  await h.expectDeviceMatchesServer(engine);
}

describe('parents and children in sObject Collections', () => {
  it('sends 30 new parents in one collection, then their 30 children naming the server Ids', async () => {
    const { engine, pairs } = await deviceWithPairs(30);
    const { engine: device, transport } = reopenedOverFaults(h, plan, engine);
    const summary = await device.syncNow();
    expect(summary.errors).toEqual([]);
    expect(summary.counts.Account?.uploaded).toBe(30);
    expect(summary.counts.Contact?.uploaded).toBe(30);
    expect(shape(transport.bodies[0])).toEqual([['POST', '/composite/sobjects', 30]]);
    expect(shape(transport.bodies[1])).toEqual([['POST', '/composite/sobjects', 30]]);
    // The children went with the Ids the first answer mapped, in order; no reference into a collection.
    const children = (JSON.parse(transport.bodies[1]!) as CompositeBody).compositeRequest[0]!.body!.records;
    expect(children.map((r) => r.AccountId)).toEqual(pairs.map((p) => device.store.resolveId(p.account)));
    expect(children.every((r) => !isLocalId(r.AccountId))).toBe(true);
    expect(transport.bodies[1]).not.toContain('@{');
    // Then the download: no more upload calls.
    expect(transport.bodies.slice(2).some((b) => b?.includes('/composite/sobjects') ?? false)).toBe(false);
    await expectAllUploaded(device, 30);
  });

  it('keeps a parent with its children alone in one call when that sends more now', async () => {
    const { engine } = await deviceWithPairs(12);
    const { engine: device, transport } = reopenedOverFaults(h, plan, engine);
    expect((await device.syncNow()).errors).toEqual([]);
    // 24 subrequests in one call beat 12 parents now and 12 children in a second call.
    const first = shape(transport.bodies[0]);
    expect(first).toHaveLength(24);
    expect(
      first.every(
        ([method, url]) => method === 'POST' && /^\/sobjects\/(Account|Contact)$/.test(String(url)),
      ),
    ).toBe(true);
    expect(transport.bodies[0]).toContain('"AccountId":"@{c');
    // The next call is the download.
    expect(transport.bodies[1]).not.toContain('"method":"POST"');
    await expectAllUploaded(device, 12);
  });

  it('holds back only the children of a failed parent, pending with the reason; the fix sends them', async () => {
    const { engine, pairs } = await deviceWithPairs(30);
    // Parent 7 is too long for the server; the rest go through. It has a second child, a Case.
    engine.update('Account', pairs[7]!.account, { Name: 'x'.repeat(300) });
    const kase = engine.create('Case', { Subject: 'Visit 7', AccountId: pairs[7]!.account });
    const note = (name: string) =>
      `waits for the new Account ${pairs[7]!.account}, whose upload failed (STRING_TOO_LONG: ${name}); fix that change, or undo it and this one`;
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.counts.Account).toMatchObject({ uploaded: 29, uploadFailed: 1 });
    expect(summary.counts.Contact?.uploaded).toBe(29);
    const failedMessage = `Account Name: data value too large: ${'x'.repeat(100)}... (max length=255)`;
    expect(
      engine
        .pendingChanges()
        .map((c) => [c.op, c.object, c.recordId, c.status, c.error?.code, c.error?.message]),
    ).toEqual([
      ['create', 'Account', pairs[7]!.account, 'failed', 'STRING_TOO_LONG', failedMessage],
      ['create', 'Contact', pairs[7]!.contact, 'pending', 'PARENT_NOT_UPLOADED', note(failedMessage)],
      ['create', 'Case', kase, 'pending', 'PARENT_NOT_UPLOADED', note(failedMessage)],
    ]);
    expect(summary.errors).toEqual([
      `Account ${pairs[7]!.account} (create): STRING_TOO_LONG: ${failedMessage}`,
    ]);
    expect(await serverPairs()).toEqual(expectedPairs(30, [7]));
    // The child is still there for the user, naming its parent by local Id.
    expect(engine.record('Contact', pairs[7]!.contact)?.AccountId).toBe(pairs[7]!.account);

    // The user fixes the parent: it goes up, then its child, and the child's note is gone.
    engine.update('Account', pairs[7]!.account, { Name: 'Co 7' });
    await h.advance(10);
    const fixed = await engine.syncNow();
    expect(fixed.errors).toEqual([]);
    expect(fixed.counts.Case?.uploaded).toBe(1);
    await expectAllUploaded(engine, 30);
  });

  it('gives the same reason to a child sent by reference in the same call as its failed parent', async () => {
    await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    const { engine, transport } = await syncedOnce(h, plan);
    const account = engine.create('Account', { Name: 'x'.repeat(300), Industry: 'Energy' });
    const contact = engine.create('Contact', { LastName: 'Child', Email: 'c@x.example', AccountId: account });
    const start = transport.bodies.length;
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    // One call: the parent alone, the child naming it by @{ref}; the org did not run the child.
    expect(shape(transport.bodies[start])).toEqual([
      ['POST', '/sobjects/Account', undefined],
      ['POST', '/sobjects/Contact', undefined],
    ]);
    const failedMessage = `Account Name: data value too large: ${'x'.repeat(100)}... (max length=255)`;
    expect(
      engine.pendingChanges().map((c) => [c.recordId, c.status, c.error?.code, c.error?.message]),
    ).toEqual([
      [account, 'failed', 'STRING_TOO_LONG', failedMessage],
      [
        contact,
        'pending',
        'PARENT_NOT_UPLOADED',
        `waits for the new Account ${account}, whose upload failed (STRING_TOO_LONG: ${failedMessage}); fix that change, or undo it and this one`,
      ],
    ]);
    expect(summary.counts.Contact?.uploadFailed ?? 0).toBe(0);
  });

  it('drops the note from the children once their fixed parents are on the server', async () => {
    await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    const { engine, transport } = await syncedOnce(h, plan);
    const pairs: { account: string; contact: string }[] = [];
    for (let i = 0; i < 30; i++) {
      const account = engine.create('Account', { Name: 'x'.repeat(300), Industry: 'Energy' });
      pairs.push({
        account,
        contact: engine.create('Contact', {
          LastName: `Child ${i}`,
          Email: `c${i}@x.example`,
          AccountId: account,
        }),
      });
    }
    expect((await engine.syncNow()).ok).toBe(true);
    expect(engine.pendingChanges().filter((c) => c.error?.code === 'PARENT_NOT_UPLOADED')).toHaveLength(30);
    pairs.forEach(({ account }, i) => engine.update('Account', account, { Name: `Co ${i}` }));
    // The fixed parents go up in a collection; the call with the children never leaves.
    transport.failAt = { call: transport.calls + 2, when: 'before' };
    await h.advance(10);
    expect((await engine.syncNow()).ok).toBe(false);
    const children = engine.pendingChanges();
    expect(children.map((c) => [c.object, c.status, c.error])).toEqual(
      pairs.map(() => ['Contact', 'inFlight', undefined]),
    );
    expect(children.map((c) => c.fields.AccountId)).toEqual(
      pairs.map(({ account }) => engine.store.resolveId(account)),
    );
    await h.advance(10);
    expect((await engine.syncNow()).errors).toEqual([]);
    await expectAllUploaded(engine, 30);
  });

  // The first upload call carries the 30 parents, the second the 30 children.
  for (const [call, what] of [
    [1, 'parents'],
    [2, 'children'],
  ] as const)
    for (const when of ['before', 'after'] as const)
      it(`recovers when the call with the ${what} fails ${when} it is sent: one server record each`, async () => {
        await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
        const { engine, transport } = await syncedOnce(h, plan);
        const pairs: { account: string; contact: string }[] = [];
        for (let i = 0; i < 30; i++) {
          const account = engine.create('Account', { Name: `Co ${i}`, Industry: 'Energy' });
          pairs.push({
            account,
            contact: engine.create('Contact', {
              LastName: `Child ${i}`,
              Email: `c${i}@x.example`,
              AccountId: account,
            }),
          });
        }
        const start = transport.calls;
        transport.failAt = { call: start + call, when };
        const broken = await engine.syncNow();
        expect(broken.ok).toBe(false);
        expect(shape(transport.bodies[start + call - 1])).toEqual([['POST', '/composite/sobjects', 30]]);
        const statuses = engine.pendingChanges().map((c) => `${c.object} ${c.status}`);
        const lost = call === 1 ? 'Account' : 'Contact';
        expect(statuses.filter((s) => s === `${lost} inFlight`)).toHaveLength(30);
        expect(await serverPairs()).toEqual(
          when === 'before'
            ? call === 1
              ? { accounts: 0, links: [] }
              : { accounts: 30, links: [] }
            : call === 1
              ? { accounts: 30, links: [] }
              : expectedPairs(30),
        );
        await h.advance(10);
        const restart = transport.calls;
        const again = await engine.syncNow();
        expect(again.errors).toEqual([]);
        if (when === 'after') {
          // The 30 lookups by value went five to a /composite call; then what was left went up.
          const lookups = transport.bodies.slice(restart, restart + 6).map((b) => shape(b));
          expect(lookups).toEqual(
            Array.from({ length: 6 }, () =>
              Array.from({ length: 5 }, () => [
                'GET',
                expect.stringMatching(
                  new RegExp(`^/query\\?q=SELECT%20Id%20FROM%20${lost}%20WHERE%20CreatedById`),
                ),
                undefined,
              ]),
            ),
          );
          // Parents found: their children go up. Children found: nothing is sent again.
          if (call === 1)
            expect(shape(transport.bodies[restart + 6])).toEqual([['POST', '/composite/sobjects', 30]]);
          else
            expect(transport.bodies.slice(restart + 6).filter((b) => b?.includes('"method":"POST"'))).toEqual(
              [],
            );
        }
        await expectAllUploaded(engine, 30);
        for (const { account, contact } of pairs)
          expect(engine.record('Contact', engine.store.resolveId(contact)!)?.AccountId).toBe(
            engine.store.resolveId(account),
          );
      });

  // The answer arrived, the process died while applying it: the store rolls that transaction back.
  for (const what of ['parents', 'children'] as const)
    it(`recovers when the process dies while applying the answer for the ${what}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'syncscope-collections-'));
      dirs.push(dir);
      const file = join(dir, 'device.sqlite');
      const durable = new SqliteStore(file);
      const { pairs } = await deviceWithPairs(30, durable);
      const children = new Set(pairs.map((p) => p.contact));
      let armed = true;
      // Dies at the first Id mapping of the chosen collection's answer.
      const dying = new Proxy(durable, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (typeof value !== 'function') return value;
          if (key !== 'mapId') return (value as (...a: unknown[]) => unknown).bind(target);
          return (localId: string, serverId: string) => {
            if (armed && children.has(localId) === (what === 'children')) {
              armed = false;
              throw new Error('killed while applying the answer');
            }
            return target.mapId(localId, serverId);
          };
        },
      });
      const broken = await h
        .device(plan, { store: dying })
        .syncNow()
        .catch((e: Error) => e);
      if (!(broken instanceof Error)) expect(broken.ok).toBe(false);
      expect(armed).toBe(false);
      durable.close();
      expect(await serverPairs()).toEqual(
        what === 'parents' ? { accounts: 30, links: [] } : expectedPairs(30),
      );

      const reopened = new SqliteStore(file);
      try {
        const lost = what === 'parents' ? 'Account' : 'Contact';
        expect(
          reopened.listChanges().filter((c) => c.object === lost && c.status === 'inFlight'),
        ).toHaveLength(30);
        await h.advance(10);
        const engine = h.device(plan, { store: reopened });
        const again = await engine.syncNow();
        expect(again.errors).toEqual([]);
        await expectAllUploaded(engine, 30);
      } finally {
        reopened.close();
      }
    });
});

describe('new records with an external Id in sObject Collections (upsert, API 46.0+)', () => {
  async function deviceWithCases(count: number) {
    await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    const { engine, transport } = await syncedOnce(h, plan);
    const pairs: { account: string; kase: string }[] = [];
    for (let i = 0; i < count; i++) {
      const account = engine.create('Account', { Name: `Co ${i}`, Industry: 'Energy' });
      pairs.push({ account, kase: engine.create('Case', { Subject: `Visit ${i}`, AccountId: account }) });
    }
    return { engine, transport, pairs };
  }

  /** Each offline case on the server: subject -> account name, device Id. */
  async function serverCases(): Promise<string[]> {
    const accounts = await h.conn.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Account');
    const names = new Map(accounts.records.map((a) => [a.Id, a.Name]));
    const cases = await h.conn.query<{ Subject: string; AccountId: string; Device_Id__c: string }>(
      "SELECT Subject, AccountId, Device_Id__c FROM Case WHERE Subject LIKE 'Visit %'",
    );
    return cases.records.map((c) => `${c.Subject} -> ${names.get(c.AccountId)} ${c.Device_Id__c}`).sort();
  }

  const expectedCases = (pairs: readonly { kase: string }[]) =>
    pairs.map(({ kase }, i) => `Visit ${i} -> Co ${i} ${kase.slice('local-'.length)}`).sort();

  it('upserts the children of 30 new parents as one collection on the external-Id field', async () => {
    const { engine, transport, pairs } = await deviceWithCases(30);
    const start = transport.bodies.length;
    const summary = await engine.syncNow();
    expect(summary.errors).toEqual([]);
    expect(summary.counts.Case?.uploaded).toBe(30);
    expect(shape(transport.bodies[start])).toEqual([['POST', '/composite/sobjects', 30]]);
    expect(shape(transport.bodies[start + 1])).toEqual([
      ['PATCH', '/composite/sobjects/Case/Device_Id__c', 30],
    ]);
    const records = (JSON.parse(transport.bodies[start + 1]!) as CompositeBody).compositeRequest[0]!.body!
      .records;
    expect(records[0]).toEqual({
      attributes: { type: 'Case' },
      Subject: 'Visit 0',
      AccountId: engine.store.resolveId(pairs[0]!.account),
      Device_Id__c: pairs[0]!.kase.slice('local-'.length),
    });
    expect(await serverCases()).toEqual(expectedCases(pairs));
    expect(engine.pendingChanges()).toEqual([]);
    await h.expectDeviceMatchesServer(engine);
  });

  it('sends an upsert collection again when its answer was lost: one server record each', async () => {
    const { engine, transport, pairs } = await deviceWithCases(30);
    transport.failAt = { call: transport.calls + 2, when: 'after' };
    expect((await engine.syncNow()).ok).toBe(false);
    expect(
      engine.pendingChanges().filter((c) => c.object === 'Case' && c.status === 'inFlight'),
    ).toHaveLength(30);
    expect(await serverCases()).toEqual(expectedCases(pairs));
    await h.advance(10);
    const start = transport.bodies.length;
    const again = await engine.syncNow();
    expect(again.errors).toEqual([]);
    // Re-sent as the same upsert: the server matched every record by its device Id.
    expect(shape(transport.bodies[start])).toEqual([['PATCH', '/composite/sobjects/Case/Device_Id__c', 30]]);
    expect(await serverCases()).toEqual(expectedCases(pairs));
    expect(engine.pendingChanges()).toEqual([]);
    await h.expectDeviceMatchesServer(engine);
  });
});

describe('a lost collection of identical new records', () => {
  it('adopts each of 30 identical creates once: no duplicate, none re-sent', async () => {
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    const { engine, transport } = await syncedOnce(h, plan);
    const locals = Array.from({ length: 30 }, () =>
      engine.create('Contact', { LastName: 'Same', Email: 'same@x.example', AccountId: account }),
    );
    transport.failAt = { call: transport.calls + 1, when: 'after' };
    expect((await engine.syncNow()).ok).toBe(false);
    expect(shape(transport.bodies.at(-1))).toEqual([['POST', '/composite/sobjects', 30]]);
    const onServer = async () =>
      (await h.conn.query<{ Id: string }>("SELECT Id FROM Contact WHERE LastName = 'Same'")).records
        .map((r) => r.Id)
        .sort();
    const created = await onServer();
    expect(created).toHaveLength(30);
    await h.advance(10);
    const again = await engine.syncNow();
    expect(again.errors).toEqual([]);
    expect(engine.pendingChanges()).toEqual([]);
    expect(await onServer()).toEqual(created);
    // Each local record took a different server record.
    expect(locals.map((l) => engine.store.resolveId(l)).sort()).toEqual(created);
    await h.expectDeviceMatchesServer(engine);
  });
});

describe('order inside one call', () => {
  it('asks the org to run the subrequests in the order sent (no collation)', async () => {
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    const { engine, transport } = await syncedOnce(h, plan, { thenAdvance: 0 });
    engine.create('Contact', { LastName: 'Ordered', Email: 'o@x.example', AccountId: account });
    const start = transport.bodies.length;
    expect((await engine.syncNow()).errors).toEqual([]);
    expect(JSON.parse(transport.bodies[start]!)).toMatchObject({
      allOrNone: false,
      collateSubrequests: false,
    });
    // Downloads are reads: the org may collate them.
    expect(transport.bodies.slice(start + 1).some((b) => b?.includes('collateSubrequests'))).toBe(false);
  });

  it('sends a second edit of a record after the answer to the first, so it is not taken for a conflict', async () => {
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    const contact = await h.create('Contact', {
      LastName: 'Ada',
      Email: 'ada@x.example',
      AccountId: account,
    });
    const { engine, transport } = await syncedOnce(h, plan);
    // The first edit never left (network down); the second is queued behind it.
    engine.update('Contact', contact, { Email: 'first@x.example' });
    transport.failAt = { call: transport.calls + 1, when: 'before' };
    expect((await engine.syncNow()).ok).toBe(false);
    engine.update('Contact', contact, { LastName: 'Ada (second)' });
    expect(engine.pendingChanges().map((c) => c.status)).toEqual(['inFlight', 'pending']);
    await h.advance(10);
    const start = transport.bodies.length;
    const summary = await engine.syncNow();
    expect(summary.dropped).toEqual([]);
    expect(summary.errors).toEqual([]);
    expect(engine.pendingChanges()).toEqual([]);
    const server = (await h.conn.sobject('Contact').retrieve(contact)) as Record<string, unknown>;
    expect([server.Email, server.LastName]).toEqual(['first@x.example', 'Ada (second)']);
    // Two upload calls, one edit each (after the re-read of the lost one and before the second, its stamp).
    const uploads = transport.bodies
      .slice(start)
      .filter((b) => b?.includes('"method":"PATCH"'))
      .map((b) => shape(b));
    expect(uploads).toEqual([
      [['PATCH', `/sobjects/Contact/${contact}`, undefined]],
      [['PATCH', `/sobjects/Contact/${contact}`, undefined]],
    ]);
    await h.expectDeviceMatchesServer(engine);
  });
});

describe('a plan on an API version before sObject Collections (41.0)', () => {
  it('sends every change as its own subrequest', async () => {
    const oldPlan = compilePlan({ ...energyScope, apiVersion: '41.0' });
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    const kase = await h.create('Case', { Subject: 'Old', AccountId: account });
    const { engine, transport } = await syncedOnce(h, oldPlan);
    for (let i = 0; i < 3; i++)
      engine.create('Contact', { LastName: `Old ${i}`, Email: `o${i}@x.example`, AccountId: account });
    engine.create('Case', { Subject: 'New', AccountId: account });
    engine.update('Case', kase, { Status: 'Working' });
    const start = transport.bodies.length;
    const summary = await engine.syncNow();
    expect(summary.errors).toEqual([]);
    expect(
      shape(transport.bodies[start]).map(
        ([method, url]) => `${method} ${String(url).replace(/\/[^/]+$/, '/…')}`,
      ),
    ).toEqual([
      'POST /sobjects/…',
      'POST /sobjects/…',
      'POST /sobjects/…',
      'PATCH /sobjects/Case/Device_Id__c/…',
      'PATCH /sobjects/Case/…',
    ]);
    expect(transport.bodies[start]).toContain('/services/data/v41.0/');
    // collateSubrequests came in 48.0: not sent to an older version.
    expect(transport.bodies[start]).not.toContain('collateSubrequests');
    expect(engine.pendingChanges()).toEqual([]);
    await h.expectDeviceMatchesServer(engine);
  });
});

describe('lost conditional updates', () => {
  it('re-reads the records of a lost call of 25 conditional updates in one query, none taken for a conflict', async () => {
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    const contacts: string[] = [];
    for (let i = 0; i < 30; i++)
      contacts.push(
        await h.create('Contact', { LastName: `Held ${i}`, Email: `h${i}@x.example`, AccountId: account }),
      );
    const { engine, transport } = await syncedOnce(h, plan);
    // Contact is serverWins: each update carries If-Unmodified-Since, so each is its own subrequest.
    contacts.forEach((id, i) => engine.update('Contact', id, { Email: `new${i}@x.example` }));
    transport.failAt = { call: transport.calls + 1, when: 'after' };
    expect((await engine.syncNow()).ok).toBe(false);
    expect(engine.pendingChanges().map((c) => c.status)).toEqual([
      ...Array.from({ length: 25 }, () => 'inFlight'),
      ...Array.from({ length: 5 }, () => 'pending'),
    ]);
    await h.advance(10);
    const restart = transport.log.length;
    const summary = await engine.syncNow();
    expect(summary.dropped).toEqual([]);
    expect(summary.errors).toEqual([]);
    const log = transport.log.slice(restart);
    expect(log[0]).toBe(
      `GET /query?q=SELECT Id, Email FROM Contact WHERE Id IN (${contacts
        .slice(0, 25)
        .map((id) => `'${id}'`)
        .join(',')})`,
    );
    // Then only the 5 that never went.
    expect(shape(transport.bodies[restart + 1]).map(([method]) => method)).toEqual(Array(5).fill('PATCH'));
    expect(engine.pendingChanges()).toEqual([]);
    const emails = await h.conn.query<{ Email: string }>(
      "SELECT Email FROM Contact WHERE LastName LIKE 'Held %'",
    );
    expect(emails.records.map((r) => r.Email).sort()).toEqual(
      contacts.map((_, i) => `new${i}@x.example`).sort(),
    );
    await h.expectDeviceMatchesServer(engine);
  });
});
