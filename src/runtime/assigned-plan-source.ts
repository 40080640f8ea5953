/**
 * For devices that follow their user's assignment (browser-safe): the version the org assigns to the
 * user now (rollout-state.ts: drafts for their test users, else user > permission set > profile >
 * default), in one query; its plan is downloaded only when it is not the version the device runs.
 */

import type { SyncPlan } from '../compiler/plan.ts';
import { readVersion, type PlanStore, type PublishedVersion } from './published-plan-source.ts';
import { chooseVersionFor, fetchRolloutState } from './rollout-state.ts';
import type { UserFacts } from './scope-assignment.ts';

/** The org assigns the user nothing usable; the message says what the admin should do. */
export class NoAssignedScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoAssignedScopeError';
  }
}

export interface AssignedPlan {
  readonly version: PublishedVersion;
  /** null when `version` is the one the device already runs (then the check cost one query). */
  readonly plan: SyncPlan | null;
  /** Why this version: `"Field technician" v2 via profile:Field Technician`. */
  readonly reason: string;
}

export async function fetchAssignedPlan(
  org: PlanStore,
  user: UserFacts,
  knownVersionId?: string,
): Promise<AssignedPlan> {
  const choice = chooseVersionFor(await fetchRolloutState(org), user);
  if (choice.version === null) throw new NoAssignedScopeError(choice.problem);
  if (choice.version.versionId === knownVersionId)
    return { version: choice.version, plan: null, reason: choice.reason };
  const document = await readVersion(org, choice.version.versionId);
  return { version: choice.version, plan: document.plan, reason: choice.reason };
}
