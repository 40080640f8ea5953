/**
 * The setup the upload tests share: a device that synced its plan once over a FaultyTransport, after the
 * test created its server records, so the outbox it then fills goes up on the next sync.
 */

import { expect } from 'vitest';
import type { SyncPlan } from '../../../src/compiler/plan.ts';
import type { SyncStore } from '../../../src/runtime/store/sync-store.ts';
import type { SyncEngine } from '../../../src/runtime/sync-engine.ts';
import { FaultyTransport, type Harness } from './e2e-org.ts';

export interface SyncedDevice {
  readonly engine: SyncEngine;
  /** The device's transport: its log and bodies show what was sent; `failAt` breaks a later call. */
  readonly transport: FaultyTransport;
}

/**
 * Moves the clocks 60 s past the records just created (their stamps are then in the past), syncs a new
 * device once, and moves them `thenAdvance` seconds more (60 unless told) so later edits stamp later.
 */
export async function syncedOnce(
  h: Harness,
  plan: SyncPlan,
  options: { readonly store?: SyncStore; readonly thenAdvance?: number } = {},
): Promise<SyncedDevice> {
  const transport = new FaultyTransport(h.conn);
  await h.advance(60);
  const engine = h.device(plan, { transport, ...(options.store ? { store: options.store } : {}) });
  expect((await engine.syncNow()).ok).toBe(true);
  const then = options.thenAdvance ?? 60;
  if (then > 0) await h.advance(then);
  return { engine, transport };
}

/** The same device's store under a new engine over a fresh FaultyTransport (to log one sync's calls). */
export function reopenedOverFaults(h: Harness, plan: SyncPlan, engine: SyncEngine): SyncedDevice {
  const transport = new FaultyTransport(h.conn);
  return { engine: h.device(plan, { transport, store: engine.store }), transport };
}
