/**
 * Installing a new plan on a device. Objects whose fingerprint changed (their own definition or one they
 * depend on, which the compiler folds into the fingerprint) are purged and downloaded again from scratch;
 * objects that kept their fingerprint keep their records and watermarks; objects no longer in the plan are
 * purged. Local changes are never dropped here: changes to a removed object stay in the outbox, reported
 * as pending, until the user undoes them.
 */

import { PLAN_VERSION, type SyncPlan } from '../compiler/plan.ts';
import { emptyObjectState, type SyncStore } from './store/sync-store.ts';

export interface PlanChange {
  readonly redownload: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: readonly string[];
}

export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

/** Checks the parts of a plan the runtime relies on (the compiler guarantees them; files can be edited). */
export function assertUsablePlan(plan: unknown): asserts plan is SyncPlan {
  const p = plan as Partial<SyncPlan> | null;
  if (!p || typeof p !== 'object') throw new PlanError('the plan is not a JSON object');
  if (p.planVersion !== PLAN_VERSION)
    throw new PlanError(
      `plan version ${String(p.planVersion)} is not supported by this device (it reads version ${PLAN_VERSION}); update syncscope`,
    );
  if (!Array.isArray(p.objects) || typeof p.apiVersion !== 'string' || typeof p.watermarkField !== 'string')
    throw new PlanError(
      'the plan lacks objects, apiVersion or watermarkField; compile it with `syncscope compile`',
    );
  const seen = new Set<string>();
  for (const [index, object] of p.objects.entries()) {
    for (const dependency of object.dependsOn)
      if (!seen.has(dependency))
        throw new PlanError(
          `/objects/${index}: ${object.name} depends on ${dependency}, which must come before it`,
        );
    seen.add(object.name);
  }
}

export function installPlan(store: SyncStore, plan: SyncPlan): PlanChange {
  assertUsablePlan(plan);
  return store.transaction(() => {
    const redownload: string[] = [];
    const unchanged: string[] = [];
    const removed: string[] = [];
    const names = new Set(plan.objects.map((o) => o.name));
    for (const object of plan.objects) {
      const state = store.getObjectState(object.name);
      if (state && state.fingerprint === object.fingerprint) {
        unchanged.push(object.name);
        continue;
      }
      if (state || store.listRecordIds(object.name).length > 0) redownload.push(object.name);
      store.purgeObject(object.name);
      store.putObjectState(emptyObjectState(object.name, object.fingerprint));
    }
    const previous = store.getPlan();
    const known = new Set([...(previous?.objects.map((o) => o.name) ?? []), ...store.listObjects()]);
    for (const name of known) {
      if (names.has(name)) continue;
      store.purgeObject(name);
      store.deleteObjectState(name);
      removed.push(name);
    }
    store.putPlan(plan);
    return { redownload, removed, unchanged };
  });
}
