/**
 * "What changes if I publish?": the edited scope against the latest published version of the same
 * scope name, for one user's device: per object, records gained and lost, and which objects devices
 * re-download (their plan fingerprint changed, which includes their dependencies' fingerprints).
 */

import type { SyncPlan } from '../compiler/plan.ts';
import type { DiffObject, DiffRequest, DiffResponse } from './api-types.ts';
import type { CompiledScope } from './compile-scope.ts';
import { invalidInput } from './errors.ts';
import type { OrgClient } from './org-client.ts';
import { latestVersion, readVersion, type PlanStore } from './published-plans.ts';
import { ScopeEvaluator } from './scope-evaluator.ts';
import { loadUserPermissions, recordAccessOf } from './user-permissions.ts';
import { isSalesforceId } from './soql-text.ts';

const EXAMPLE_IDS = 10;

export async function diffScope(
  org: OrgClient,
  store: PlanStore,
  compiled: CompiledScope,
  request: Pick<DiffRequest, 'userId' | 'parameters'>,
): Promise<DiffResponse> {
  if (typeof request.userId !== 'string' || !isSalesforceId(request.userId)) {
    throw invalidInput('`userId` must be a 15- or 18-character Salesforce Id (pick a user)');
  }
  const published = await latestVersion(store, compiled.plan.scopeName);
  const oldPlan: SyncPlan | null = published ? (await readVersion(store, published.versionId)).plan : null;
  // Both record sets as the user's device holds them: filtered by what the user can read.
  const planObjects = [...compiled.plan.objects, ...(oldPlan?.objects ?? [])].map((o) => o.name);
  const user = await loadUserPermissions(org, request.userId, [...new Set(planObjects)]);
  const bindings = {
    userId: request.userId,
    parameters: request.parameters,
    access: recordAccessOf(org, user),
  };
  const next = new ScopeEvaluator(org, compiled.plan, bindings);
  const previous = oldPlan ? new ScopeEvaluator(org, oldPlan, bindings) : null;

  const objects: DiffObject[] = [];
  for (const object of compiled.plan.objects) {
    const old = oldPlan?.objects.find((o) => o.name === object.name);
    const after = await next.idsOf(object.name);
    if (!old || !previous) {
      objects.push(entry(object.name, 'added', false, [], after));
      continue;
    }
    if (old.fingerprint === object.fingerprint) {
      // Same definition and dependencies: the same records.
      objects.push(entry(object.name, 'unchanged', false, after, after));
      continue;
    }
    objects.push(entry(object.name, 'changed', true, await previous.idsOf(object.name), after));
  }
  for (const old of oldPlan?.objects ?? []) {
    if (compiled.plan.objects.some((o) => o.name === old.name)) continue;
    objects.push(entry(old.name, 'removed', false, await previous!.idsOf(old.name), []));
  }
  return {
    published,
    objects,
    identical: oldPlan !== null && JSON.stringify(oldPlan) === JSON.stringify(compiled.plan),
  };
}

function entry(
  name: string,
  change: DiffObject['change'],
  redownload: boolean,
  before: readonly string[],
  after: readonly string[],
): DiffObject {
  const beforeSet = new Set(before);
  const afterSet = new Set(after);
  const gained = after.filter((id) => !beforeSet.has(id));
  const lost = before.filter((id) => !afterSet.has(id));
  return {
    name,
    change,
    redownload,
    before: before.length,
    after: after.length,
    gained: gained.length,
    lost: lost.length,
    gainedIds: gained.slice(0, EXAMPLE_IDS),
    lostIds: lost.slice(0, EXAMPLE_IDS),
  };
}
