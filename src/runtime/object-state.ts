/** Reading and flagging the per-object sync state (watermark, queues, reconciliation needs). */

import type { PlanObject } from '../compiler/plan.ts';
import type { SyncContext } from './sync-context.ts';
import { emptyObjectState, type ObjectSyncState } from './store/sync-store.ts';

export function stateOf(context: SyncContext, object: PlanObject): ObjectSyncState {
  return context.store.getObjectState(object.name) ?? emptyObjectState(object.name, object.fingerprint);
}

export function maxStamp(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
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

/** Objects whose scope goes through `name` (childOf or referencedBy it) may hold records now out of scope. */
export function markDependentsNeedReconcile(context: SyncContext, name: string): void {
  for (const other of context.plan.objects)
    if (other.paths.some((p) => p.kind !== 'root' && p.object === name)) {
      const state = context.store.getObjectState(other.name);
      if (state && (state.watermark !== null || state.deltaCursor !== null))
        markNeedsReconcile(context, other.name);
    }
}
