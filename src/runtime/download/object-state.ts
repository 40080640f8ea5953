/** Reading and flagging the per-object sync state (watermark, queues, reconciliation needs). */

import type { PlanObject } from '../../compiler/plan.ts';
import type { SyncContext } from '../sync-context.ts';
import { emptyObjectState, type ObjectSyncState } from '../store/sync-store.ts';

export function stateOf(context: SyncContext, object: PlanObject): ObjectSyncState {
  return context.store.getObjectState(object.name) ?? emptyObjectState(object.name, object.fingerprint);
}

/**
 * Changes the object's sync state in one write transaction, reading it inside that transaction: what
 * `change` sees is what it replaces, never a state read earlier and written over since.
 */
export function updateObjectState(
  context: SyncContext,
  object: PlanObject,
  change: (state: ObjectSyncState) => Partial<ObjectSyncState>,
): void {
  const { store } = context;
  store.transaction(() => {
    const state = stateOf(context, object);
    store.putObjectState({ ...state, ...change(state) });
  });
}

/**
 * Whether the object's first download has begun (a page stored) or ended, even with nothing in scope: an
 * object that holds nothing has no watermark, yet it is not new, so what arrives for it is queued and its
 * next download is a delta (from the epoch) asked with everything else, not a first download that waits.
 */
export function hasDownloaded(state: ObjectSyncState | undefined): state is ObjectSyncState {
  return !!state && (state.watermark !== null || state.deltaCursor !== null || state.downloadedAt !== null);
}

export function maxStamp(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  // The API writes every datetime alike (`2026-03-02T09:00:00.000+0000`): same length and offset compare
  // as text, which saves two Date.parse per downloaded record.
  if (a.length === b.length && a.slice(-5) === b.slice(-5)) return b > a ? b : a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

export function clearPending(
  context: SyncContext,
  object: PlanObject,
  key: string,
  ids: readonly string[],
): void {
  const state = stateOf(context, object);
  const done = new Set(ids);
  const remaining = (state.pendingIds[key] ?? []).filter((id) => !done.has(id));
  const pendingIds = { ...state.pendingIds };
  if (remaining.length) pendingIds[key] = remaining;
  else delete pendingIds[key];
  context.store.putObjectState({ ...state, pendingIds });
}

export function markNeedsReconcile(context: SyncContext, name: string): void {
  const object = context.plan.objects.find((o) => o.name === name);
  if (!object) return;
  const state = stateOf(context, object);
  if (!state.needsReconcile) context.store.putObjectState({ ...state, needsReconcile: true });
}

/**
 * Records of `name` left the device: objects whose scope goes through it (childOf or referencedBy it) may
 * now hold records out of scope. Where every path goes through held records, the device can tell which on
 * its own (a sweep, scope-sweep.ts); otherwise (a root path too, or a limit, where another record may
 * have to take the place) only an Id re-read of the scope can.
 */
export function markDependentsOfRemoved(context: SyncContext, name: string): void {
  for (const other of context.plan.objects)
    if (other.paths.some((p) => p.kind !== 'root' && p.object === name)) markMayHoldOrphans(context, other);
}

/** `object` may hold records no path reaches any more (a parent left, a reference moved away). */
export function markMayHoldOrphans(context: SyncContext, object: PlanObject): void {
  const state = context.store.getObjectState(object.name);
  // Never downloaded: its coming first download sees exactly the scope.
  if (!hasDownloaded(state)) return;
  if (canSweep(object)) {
    if (!state.needsSweep) context.store.putObjectState({ ...state, needsSweep: true });
  } else if (!state.needsReconcile) context.store.putObjectState({ ...state, needsReconcile: true });
}

/** Whether the device alone can tell which of its records are in scope, from the records it holds. */
export function canSweep(object: PlanObject): boolean {
  return object.limit === undefined && object.paths.every((p) => p.kind !== 'root');
}
