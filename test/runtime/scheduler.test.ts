/**
 * Scheduling with an injected timer and clock: the timeline of syncs, per-object intervals, backoff after
 * failures, shared concurrent syncs, progress events.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Timer } from '../../src/runtime/effects.ts';
import type { SyncProgress, SyncSummary } from '../../src/runtime/progress.ts';
import { backoffDelay } from '../../src/runtime/scheduler.ts';
import type { SyncEngine } from '../../src/runtime/sync-engine.ts';
import { compilePlan, FaultyTransport, startHarness, type Harness } from './helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from './helpers/scopes.ts';

class FakeTimer implements Timer {
  next = 1;
  pending: { id: number; ms: number; callback: () => void }[] = [];
  readonly log: string[] = [];
  setTimeout(callback: () => void, ms: number): number {
    const id = this.next++;
    this.pending.push({ id, ms, callback });
    this.log.push(`set ${ms}`);
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
    this.log.push('clear');
  }
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
  await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
  await h.create('Product2', { Name: 'Meter', IsActive: true });
  await h.advance(60);
});
afterEach(async () => {
  await h.close();
});

/** Fires the armed timer after moving both clocks by its delay, and waits for that sync to finish. */
async function fire(timer: FakeTimer, engine: SyncEngine): Promise<SyncSummary> {
  const armed = timer.pending.shift();
  if (!armed) throw new Error('no timer armed');
  await h.advance(armed.ms / 1000);
  const done = new Promise<SyncSummary>((resolve) => {
    const off = engine.on('summary', (summary) => {
      off();
      resolve(summary);
    });
  });
  armed.callback();
  const summary = await done;
  await new Promise((resolve) => setTimeout(resolve, 0)); // let the scheduler re-arm
  return summary;
}

describe('scheduler', () => {
  it('follows per-object intervals, backs off after failures and stops', async () => {
    const timer = new FakeTimer();
    const transport = new FaultyTransport(h.conn);
    const engine = h.device(compilePlan(energyScope), { timer, transport });
    engine.start();
    expect(timer.log).toEqual(['set 0']);

    const first = await fire(timer, engine);
    expect(first).toMatchObject({ ok: true, trigger: 'scheduled' });
    expect(Object.keys(first.counts).sort()).toEqual(['Account', 'Case', 'Contact', 'Product2']);
    // Every object synced now; the shortest interval (30 min) decides the next sync.
    expect(timer.pending.map((p) => p.ms)).toEqual([30 * 60_000]);
    expect(engine.nextSyncAt).toBe(h.now() + 30 * 60_000);

    const second = await fire(timer, engine);
    // Product2 syncs every 1440 minutes: not due after 30.
    expect(Object.keys(second.counts).sort()).toEqual(['Account', 'Case', 'Contact']);

    await h.control('faults', { failNext: 3, status: 503, path: '/composite' });
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const failed = await fire(timer, engine);
      expect(failed.ok).toBe(false);
      delays.push(timer.pending[0]!.ms);
    }
    expect(delays).toEqual([30_000, 60_000, 120_000]);
    expect(backoffDelay(20)).toBe(30 * 60_000);

    const recovered = await fire(timer, engine);
    expect(recovered.ok).toBe(true);
    expect(timer.pending.map((p) => p.ms)).toEqual([30 * 60_000]);

    engine.stop();
    expect(timer.pending).toEqual([]);
    expect(engine.history().map((e) => [e.trigger, e.ok])).toEqual([
      ['scheduled', true],
      ['scheduled', false],
      ['scheduled', false],
      ['scheduled', false],
      ['scheduled', true],
      ['scheduled', true],
    ]);
  });

  it('shares one running sync between concurrent "Sync now" calls', async () => {
    const transport = new FaultyTransport(h.conn);
    const engine = h.device(compilePlan(energyScope), { transport });
    const [a, b] = await Promise.all([engine.syncNow(), engine.syncNow()]);
    expect(a).toBe(b);
    expect(engine.history()).toHaveLength(1);
    const c = await engine.syncNow();
    expect(c).not.toBe(a);
    expect(engine.history()).toHaveLength(2);
  });

  it('reports progress per phase and object with totals, then a summary', async () => {
    const engine = h.device(compilePlan(energyScope));
    engine.create('Account', { Name: 'Offline', Industry: 'Energy' });
    const events: SyncProgress[] = [];
    const summaries: SyncSummary[] = [];
    engine.on('progress', (p) => events.push(p));
    engine.on('summary', (s) => summaries.push(s));
    await engine.syncNow();
    expect(events).toEqual([
      { phase: 'upload', done: 0, total: 1 },
      { phase: 'upload', done: 1, total: 1 },
      { phase: 'download', object: 'Account', done: 2, total: 2 },
      { phase: 'download', object: 'Product2', done: 1, total: 1 },
      { phase: 'download', object: 'Case', done: 0, total: 0 },
      { phase: 'download', object: 'Contact', done: 0, total: 0 },
    ]);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ ok: true, pendingChanges: 0, conflicts: 0 });
  });
});
