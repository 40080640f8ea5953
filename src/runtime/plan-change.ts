/**
 * Installing a new plan on a device. Objects whose fingerprint changed (their own definition or one they
 * depend on, which the compiler folds into the fingerprint) are purged and downloaded again from scratch;
 * objects that kept their fingerprint keep their records and watermarks; objects no longer in the plan are
 * purged. Local changes are never dropped here: changes to a removed object stay in the outbox, reported
 * as pending, until the user undoes them.
 */

import { PLAN_VERSION, type SyncPlan } from '../compiler/plan.ts';
import { planShapeErrors } from '../compiler/plan-shape.ts';
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

/** Shape errors quoted in one refusal (the first ones; a count says how many more). */
const MAX_SHAPE_ERRORS_SAID = 3;

/** Checks the parts of a plan the runtime relies on (the compiler guarantees them; files can be edited). */
export function assertUsablePlan(plan: unknown): asserts plan is SyncPlan {
  const p = plan as Partial<SyncPlan> | null;
  if (!p || typeof p !== 'object' || Array.isArray(p)) throw new PlanError('the plan is not a JSON object');
  if (!('planVersion' in p) && 'scopeVersion' in p)
    throw new PlanError(
      'this is a sync scope (it has scopeVersion), not a compiled plan: compile it with `syncscope compile <scope.json> -o plan.json`',
    );
  if (p.planVersion !== PLAN_VERSION)
    throw new PlanError(
      `plan version ${String(p.planVersion)} is not supported by this device (it reads version ${PLAN_VERSION}); update syncscope`,
    );
  if (!Array.isArray(p.objects) || typeof p.apiVersion !== 'string' || typeof p.watermarkField !== 'string')
    throw new PlanError(
      'the plan lacks objects, apiVersion or watermarkField; compile it with `syncscope compile`',
    );
  const shape = planShapeErrors(plan);
  if (shape.length > 0)
    throw new PlanError(
      `the plan does not match schemas/sync-plan.schema.json: ${shape
        .slice(0, MAX_SHAPE_ERRORS_SAID)
        .map((e) => `${e.pointer || '(plan)'}: ${e.message}`)
        .join(
          '; ',
        )}${shape.length > MAX_SHAPE_ERRORS_SAID ? ` (and ${shape.length - MAX_SHAPE_ERRORS_SAID} more)` : ''}; compile it again with \`syncscope compile\``,
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

/** What installing a plan of another scope would take off the device (nothing is changed to tell). */
export interface ScopeChange {
  readonly fromScope: string;
  readonly toScope: string;
  /** Objects whose stored records would be purged, with how many records each holds now. */
  readonly purged: readonly { readonly object: string; readonly records: number }[];
  /** Local changes waiting in the outbox (kept: a plan install never drops them). */
  readonly pendingChanges: number;
}

/** Refusal to replace one scope's data with another's without being told to (`allowScopeChange`). */
export class ScopeChangeError extends PlanError {
  constructor(readonly change: ScopeChange) {
    super(describeScopeChange(change));
    this.name = 'ScopeChangeError';
  }
}

/** One sentence: which scope replaces which, what goes, what stays. */
export function describeScopeChange(change: ScopeChange): string {
  const purged = change.purged.filter((p) => p.records > 0);
  const removal = purged.length
    ? `would remove ${purged.map((p) => `${p.records} ${p.object} record${p.records === 1 ? '' : 's'}`).join(', ')}`
    : 'would remove no records';
  const pending = change.pendingChanges
    ? `; ${change.pendingChanges === 1 ? 'the 1 pending local change stays' : `the ${change.pendingChanges} pending local changes stay`} in the outbox until uploaded or undone`
    : '';
  return `the device holds data of the scope "${change.fromScope}"; installing a plan of the scope "${change.toScope}" ${removal}${pending}`;
}

/**
 * When `plan` is of another scope than the one installed and the device holds records or local changes:
 * what installing it would remove. Undefined for the same scope, a first plan or an empty device.
 */
export function previewScopeChange(store: SyncStore, plan: SyncPlan): ScopeChange | undefined {
  const previous = store.getPlan();
  if (!previous || previous.scopeName === plan.scopeName) return undefined;
  const kept = new Map(plan.objects.map((o) => [o.name, o.fingerprint]));
  const names = new Set([...previous.objects.map((o) => o.name), ...store.listObjects()]);
  const purged = [...names]
    .filter((name) => !kept.has(name) || kept.get(name) !== store.getObjectState(name)?.fingerprint)
    .map((object) => ({ object, records: store.countRecords(object) }));
  const pendingChanges = store.listChanges().length;
  if (pendingChanges === 0 && purged.every((p) => p.records === 0)) return undefined;
  return { fromScope: previous.scopeName, toScope: plan.scopeName, purged, pendingChanges };
}

export interface InstallPlanOptions {
  /**
   * Install a plan of another scope over a device holding data of the installed one (its records are
   * purged; local changes stay). Without it, such an install throws ScopeChangeError and changes nothing.
   */
  readonly allowScopeChange?: boolean;
}

export function installPlan(store: SyncStore, plan: SyncPlan, options: InstallPlanOptions = {}): PlanChange {
  assertUsablePlan(plan);
  return store.transaction(() => {
    if (!options.allowScopeChange) {
      const scopeChange = previewScopeChange(store, plan);
      if (scopeChange) throw new ScopeChangeError(scopeChange);
    }
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
