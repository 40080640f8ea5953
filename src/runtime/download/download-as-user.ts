/**
 * The download as the session's user sees the org (field-access.ts): the plan without the fields they
 * cannot read, and one retry when a query answers INVALID_FIELD mid-sync (access revoked since the last
 * describe): the describe is read again, the field left out, and the objects that failed downloaded again.
 */

import type { PlanObject, SyncPlan } from '../../compiler/plan.ts';
import {
  describedFieldNames,
  fieldNamedBy,
  FIELDS_LEFT_OUT_META,
  rememberLeftOut,
  unreadableFields,
  userPlan,
  type FieldsLeftOut,
  type UserPlan,
} from '../field-access.ts';
import type { SalesforceApi } from '../salesforce-api.ts';
import type { SyncStore } from '../store/sync-store.ts';
import type { SyncContext } from '../sync-context.ts';
import { countsFor } from '../sync-tallies.ts';
import { download, DownloadFailedError } from './download.ts';

function heldLeftOut(store: SyncStore): FieldsLeftOut {
  return store.getMeta<FieldsLeftOut>(FIELDS_LEFT_OUT_META) ?? {};
}

/**
 * The plan as the user can run it. Objects with fields left out are described again first (one call
 * each): a field readable again, or another one hidden, downloads that object again from scratch.
 */
export async function prepareUserPlan(
  store: SyncStore,
  api: SalesforceApi,
  plan: SyncPlan,
): Promise<UserPlan> {
  const held = heldLeftOut(store);
  for (const object of plan.objects) {
    if (!(held[object.name]?.length ?? 0)) continue;
    const readable = await describedFieldNames(api, object.name);
    rememberLeftOut(store, object, unreadableFields(object, readable, held[object.name]));
  }
  return userPlan(plan, heldLeftOut(store));
}

/** Downloads with `context.plan` (a user plan of `basePlan`), retrying once after an INVALID_FIELD. */
export async function downloadAsUser(
  context: SyncContext,
  basePlan: SyncPlan,
  touched: ReadonlySet<string>,
): Promise<void> {
  try {
    await download(context, touched);
  } catch (error) {
    const retry = [...(context.invalidFields?.keys() ?? [])];
    const answers = new Map(context.invalidFields);
    if (!(error instanceof DownloadFailedError) || retry.length === 0) throw error;
    context.invalidFields?.clear();
    let learned = false;
    for (const name of retry) {
      const object = basePlan.objects.find((o) => o.name === name)!;
      const readable = await describedFieldNames(context.api, name);
      const before = heldLeftOut(context.store)[name] ?? [];
      const named = fieldNamedBy(answers.get(name) ?? '');
      const unreadable = unreadableFields(object, readable, [...before, ...(named ? [named] : [])]);
      if (unreadable.some((field) => !before.includes(field))) learned = true;
      rememberLeftOut(context.store, object, unreadable);
    }
    // The INVALID_FIELD was not about a plan field the describe hides: retrying would fail alike.
    if (!learned) throw error;
    const retried = withDependents(basePlan, retry);
    for (let i = context.errors.length - 1; i >= 0; i--)
      if (retry.some((name) => context.errors[i]!.startsWith(`${name}: `))) context.errors.splice(i, 1);
    const next = userPlan(basePlan, heldLeftOut(context.store));
    // Objects that failed for another reason stay failed (their errors are noted), not asked again.
    const blocked = new Map(next.blocked);
    for (const name of error.objects) {
      if (retried.has(name)) continue;
      const noted = context.errors.find((e) => e.startsWith(`${name}: `));
      if (noted) blocked.set(name, noted);
    }
    await download(
      { ...context, plan: next.plan, blocked, downloadAll: false },
      new Set([...touched, ...retried]),
    );
  } finally {
    noteLeftOut(context, basePlan);
  }
}

/** The per-object note of the fields left out, in the sync's counts (summary and history). */
function noteLeftOut(context: SyncContext, basePlan: SyncPlan): void {
  const { leftOut, blocked } = userPlan(basePlan, heldLeftOut(context.store));
  for (const [name, fields] of Object.entries(leftOut))
    if (!blocked.has(name)) countsFor(context, name).fieldsLeftOut = [...fields];
}

/** `names` and every object whose scope goes through them (transitively). */
function withDependents(plan: SyncPlan, names: readonly string[]): Set<string> {
  const out = new Set(names);
  let grew = true;
  while (grew) {
    grew = false;
    for (const object of plan.objects as readonly PlanObject[])
      if (!out.has(object.name) && object.dependsOn.some((d) => out.has(d))) {
        out.add(object.name);
        grew = true;
      }
  }
  return out;
}
