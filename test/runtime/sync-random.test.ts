/**
 * Randomized (fixed seed): rounds of server edits, device edits, clock moves, conflict decisions and syncs
 * (some of them broken by a failing request). After every completed sync the device must equal the scope
 * on the server, every local change that left the outbox must show on the server exactly as the user made
 * it (unless its policy dropped it), and no create may ever exist twice.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncSummary } from '../../src/runtime/progress.ts';
import type { OutboxEntry } from '../../src/runtime/store/sync-store.ts';
import { compilePlan, FaultyTransport, startHarness, type Harness } from './helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope, technicianScope } from './helpers/scopes.ts';

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROUNDS = 40;
const MARKER: Record<string, string> = { Account: 'Name', Contact: 'LastName', Case: 'Subject' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
});
afterAll(async () => {
  await h.close();
});

describe('randomized sync', () => {
  it(`keeps device == server scope and every local change exactly once over ${ROUNDS} rounds`, async () => {
    const random = prng(20260302);
    const pick = <T>(items: readonly T[]): T | undefined =>
      items.length ? items[Math.floor(random() * items.length)] : undefined;
    const chance = (p: number) => random() < p;
    const industry = () => (chance(0.7) ? 'Energy' : 'Retail');
    let counter = 0;
    const name = (prefix: string) => `${prefix}-${++counter}`;

    const serverIds = async (object: string) =>
      ((await h.conn.query<{ Id: string }>(`SELECT Id FROM ${object}`)).records ?? []).map((r) => r.Id);

    for (let i = 0; i < 4; i++) {
      const account = await h.create('Account', { Name: name('srv'), Industry: industry() });
      await h.create('Contact', { LastName: name('srv'), Email: `${counter}@x.example`, AccountId: account });
      await h.create('Case', { Subject: name('srv'), Status: 'New', AccountId: account });
      await h.create('Product2', { Name: name('srv'), IsActive: chance(0.7) });
    }
    await h.advance(60);

    const transport = new FaultyTransport(h.conn);
    const engine = h.device(compilePlan(energyScope), { transport });
    const deviceMarkers = new Set<string>();
    let completedSyncs = 0;
    let brokenSyncs = 0;
    let settledChanges = 0;

    const checkAfterSync = async (before: OutboxEntry[], summary: SyncSummary) => {
      expect(summary.error).toBeUndefined();
      completedSyncs += 1;
      await h.expectDeviceMatchesServer(engine);
      const remaining = new Set(engine.pendingChanges().map((c) => c.seq));
      const dropped = new Set(summary.dropped.map((d) => `${d.object}/${d.recordId}`));
      const settled = before.filter((c) => !remaining.has(c.seq));
      for (const change of settled) {
        settledChanges += 1;
        const id = engine.store.resolveId(change.recordId) ?? change.recordId;
        if (dropped.has(`${change.object}/${change.recordId}`) || dropped.has(`${change.object}/${id}`))
          continue;
        const rows = (
          await h.conn.query<Record<string, unknown>>(
            `SELECT Id${Object.keys(change.fields)
              .map((f) => `, ${f}`)
              .join('')} FROM ${change.object} WHERE Id = '${id}'`,
          )
        ).records;
        if (change.op === 'delete') {
          expect({ change, rows }).toEqual({ change, rows: [] });
          continue;
        }
        // The last settled write of a field wins: only compare fields no later settled change rewrote.
        const later = settled.filter(
          (c) => c.seq > change.seq && (engine.store.resolveId(c.recordId) ?? c.recordId) === id,
        );
        const expected = Object.fromEntries(
          Object.entries(change.fields)
            .filter(([field]) => !later.some((c) => field in c.fields || c.op === 'delete'))
            .map(([field, value]) => [
              field,
              typeof value === 'string' && value.startsWith('local-') ? engine.store.resolveId(value) : value,
            ]),
        );
        if (later.some((c) => c.op === 'delete')) continue;
        expect({
          change: change.seq,
          row: rows[0] ? Object.fromEntries(Object.keys(expected).map((f) => [f, rows[0]![f]])) : 'missing',
        }).toEqual({ change: change.seq, row: expected });
      }
      for (const marker of deviceMarkers) {
        const [object, value] = marker.split('|') as [string, string];
        const count = (await h.conn.query(`SELECT Id FROM ${object} WHERE ${MARKER[object]} = '${value}'`))
          .totalSize;
        expect({ marker, count: Math.min(count, 2) }).toEqual({ marker, count: count === 0 ? 0 : 1 });
      }
    };

    for (let round = 0; round < ROUNDS; round++) {
      // Server edits.
      for (let n = Math.floor(random() * 4); n > 0; n--) {
        const kind = Math.floor(random() * 8);
        const accounts = await serverIds('Account');
        if (kind === 0) await h.create('Account', { Name: name('srv'), Industry: industry() });
        else if (kind === 1 && accounts.length)
          await h.update('Account', pick(accounts)!, { Industry: industry(), Phone: name('ph') });
        else if (kind === 2 && accounts.length && chance(0.3))
          await h.remove('Account', pick(accounts)!).catch(() => {});
        else if (kind === 3 && accounts.length)
          await h.create('Contact', {
            LastName: name('srv'),
            Email: chance(0.8) ? `${counter}@x.example` : null,
            AccountId: pick(accounts),
          });
        else if (kind === 4) {
          const contacts = await serverIds('Contact');
          if (contacts.length)
            await h.update(
              'Contact',
              pick(contacts)!,
              chance(0.5)
                ? { Email: chance(0.8) ? `${counter}@y.example` : null }
                : { LastName: name('srv') },
            );
        } else if (kind === 5) {
          const cases = await serverIds('Case');
          if (cases.length)
            await h.update('Case', pick(cases)!, {
              Status: pick(['New', 'Working', 'Escalated'])!,
              Subject: name('srv'),
            });
        } else if (kind === 6) {
          const products = await serverIds('Product2');
          if (products.length) await h.update('Product2', pick(products)!, { IsActive: chance(0.6) });
        } else if (kind === 7) {
          const contacts = await serverIds('Contact');
          if (contacts.length && chance(0.4)) await h.remove('Contact', pick(contacts)!).catch(() => {});
        }
      }
      await h.advance(1 + Math.floor(random() * 120));

      // Device edits.
      for (let n = Math.floor(random() * 4); n > 0; n--) {
        const kind = Math.floor(random() * 6);
        const accounts = engine.records('Account').map((r) => r.Id);
        const contacts = engine.records('Contact').map((r) => r.Id);
        const cases = engine.records('Case').map((r) => r.Id);
        if (kind === 0) {
          const value = name('dev');
          engine.create('Account', { Name: value, Industry: 'Energy' });
          deviceMarkers.add(`Account|${value}`);
        } else if (kind === 1 && accounts.length) {
          const value = name('dev');
          engine.create('Contact', {
            LastName: value,
            Email: `${counter}@d.example`,
            AccountId: pick(accounts),
          });
          deviceMarkers.add(`Contact|${value}`);
        } else if (kind === 2 && accounts.length) {
          const value = name('dev');
          engine.create('Case', { Subject: value, Status: 'New', AccountId: pick(accounts) });
          deviceMarkers.add(`Case|${value}`);
        } else if (kind === 3 && accounts.length)
          engine.update('Account', pick(accounts)!, { Phone: name('dph') });
        else if (kind === 4 && contacts.length)
          engine.update(
            'Contact',
            pick(contacts)!,
            chance(0.7) ? { Email: `${++counter}@dev.example` } : { LastName: name('dln') },
          );
        else if (kind === 5 && cases.length) {
          if (chance(0.3)) engine.delete('Case', pick(cases)!);
          else engine.update('Case', pick(cases)!, { Status: pick(['New', 'Working', 'Escalated'])! });
        }
      }
      // The user settles conflicts and gives up failed changes now and then.
      for (const conflict of engine.conflicts())
        if (chance(0.6)) engine.resolveConflict(conflict.seq, chance(0.5) ? 'mine' : 'theirs');
      for (const change of engine.pendingChanges())
        if (change.status === 'failed' && chance(0.5)) engine.undo(change.seq);

      await h.advance(1 + Math.floor(random() * 300) + (chance(0.1) ? 2 * 86_400 : 0));
      if (chance(0.3)) {
        // A broken sync: one request fails before it is sent or after its answer is lost (often the
        // upload's, where a lost answer risks a duplicate).
        const call = chance(0.5) ? 1 : 2 + Math.floor(random() * 3);
        transport.failAt = { call: transport.calls + call, when: chance(0.5) ? 'before' : 'after' };
        await engine.syncNow();
        transport.failAt = undefined;
        brokenSyncs += 1;
        await h.advance(5);
      }
      const before = engine.pendingChanges();
      const summary = await engine.syncNow();
      await checkAfterSync(before, summary);
    }
    expect(completedSyncs).toBe(ROUNDS);
    expect(brokenSyncs).toBeGreaterThan(5);
    expect(settledChanges).toBeGreaterThan(30);
    expect(deviceMarkers.size).toBeGreaterThan(10);
  }, 120_000);

  it('keeps a time-dependent, limited scope exact while days pass and both sides edit', async () => {
    const random = prng(7);
    const pick = <T>(items: readonly T[]): T | undefined =>
      items.length ? items[Math.floor(random() * items.length)] : undefined;
    const day = 86_400_000;
    const startDate = () => new Date(h.now() + Math.floor((random() * 30 - 5) * day)).toISOString();
    const accounts: string[] = [];
    for (let i = 0; i < 4; i++) accounts.push(await h.create('Account', { Name: `T${i}` }));
    for (const account of accounts)
      await h.create('Asset', { Name: `Asset of ${account}`, AccountId: account });
    const newWorkOrder = () =>
      h.create('WorkOrder', {
        Subject: `wo${Math.floor(random() * 1e6)}`,
        StartDate: startDate(),
        AccountId: pick(accounts),
        OwnerId: h.userId,
        Status: 'New',
      });
    for (let i = 0; i < 8; i++) await newWorkOrder();
    await h.advance(60);
    const engine = h.device(compilePlan(technicianScope));
    const seen = { workOrders: 0, items: 0, uploaded: 0 };
    for (let round = 0; round < 20; round++) {
      const orders = (await h.conn.query<{ Id: string }>('SELECT Id FROM WorkOrder')).records.map(
        (r) => r.Id,
      );
      for (let n = Math.floor(random() * 3); n > 0; n--) {
        const kind = Math.floor(random() * 4);
        if (kind === 0) await newWorkOrder();
        else if (kind === 1) await h.update('WorkOrder', pick(orders)!, { StartDate: startDate() });
        else if (kind === 2)
          await h.update('WorkOrder', pick(orders)!, {
            Status: pick(['New', 'Closed'])!,
            AccountId: pick(accounts),
          });
        else await h.create('WorkOrderLineItem', { WorkOrderId: pick(orders), Description: `li${round}` });
      }
      const items = engine.records('WorkOrderLineItem').map((r) => r.Id);
      if (items.length && random() < 0.5)
        engine.update('WorkOrderLineItem', pick(items)!, { Description: `device ${round}` });
      const held = engine.records('WorkOrder').map((r) => r.Id);
      if (held.length && random() < 0.3)
        engine.create('WorkOrderLineItem', { WorkOrderId: pick(held), Description: `new ${round}` });
      await h.advance(random() < 0.4 ? Math.floor(random() * 5) * 86_400 + 60 : 60);
      const summary = await engine.syncNow();
      expect(summary.error).toBeUndefined();
      await h.expectDeviceMatchesServer(engine);
      expect(engine.store.listRecordIds('WorkOrder').length).toBeLessThanOrEqual(5);
      seen.workOrders = Math.max(seen.workOrders, engine.store.listRecordIds('WorkOrder').length);
      seen.items = Math.max(seen.items, engine.store.listRecordIds('WorkOrderLineItem').length);
      seen.uploaded += summary.counts.WorkOrderLineItem?.uploaded ?? 0;
    }
    // The scope was not trivially empty, and device edits went up.
    expect(seen.workOrders).toBe(5);
    expect(seen.items).toBeGreaterThan(0);
    expect(seen.uploaded).toBeGreaterThan(0);
  }, 120_000);
});
