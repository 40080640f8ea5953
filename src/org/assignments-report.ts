/**
 * Who gets which scope: every assignment in force (the latest per target) with the version its scope is
 * at, and every draft still being tested, with its test users. Printed by `syncscope assignments` and
 * answered by GET /api/assignments (docs/rollout.md, docs/config-tool.md).
 */

import type { PlanStore } from '../runtime/published-plan-source.ts';
import { fetchRolloutState, latestPublished, type RolloutState } from '../runtime/rollout-state.ts';
import { assignmentsInForce, formatTarget, type ScopeAssignment } from '../runtime/scope-assignment.ts';
import { fetchActiveUserFacts, usersReachedByAssignment } from './users-reached.ts';

/** What `syncscope assignments --json` prints and GET /api/assignments answers. */
export interface AssignmentsReport {
  readonly assignments: readonly {
    readonly target: string;
    readonly scopeName: string;
    /** The scope's published version devices of this target run now (null: none published). */
    readonly versionNumber: number | null;
    /** Active users this assignment is the winning one for (users-reached.ts). */
    readonly usersReached: number;
    readonly assignedAt: string;
    readonly assignedBy: string | null;
  }[];
  readonly drafts: readonly {
    readonly scopeName: string;
    readonly versionNumber: number;
    readonly versionId: string;
    readonly testUsers: readonly string[];
  }[];
}

/** Order of precedence, most specific first, as the resolver applies it. */
const KIND_ORDER = { user: 0, permset: 1, profile: 2, default: 3 } as const;

/** The report with its user counts: the rollout state (one query) and all active users (two queries). */
export async function fetchAssignmentsReport(store: PlanStore): Promise<AssignmentsReport> {
  const [state, users] = await Promise.all([fetchRolloutState(store), fetchActiveUserFacts(store)]);
  return assignmentsReport(state, usersReachedByAssignment(state, users));
}

/** `usersReached`: per target (`formatTarget`), as usersReachedByAssignment counts; a target missing counts 0. */
export function assignmentsReport(
  state: RolloutState,
  usersReached: ReadonlyMap<string, number>,
): AssignmentsReport {
  const sorted = [...assignmentsInForce(state.assignments)].sort(
    (a: ScopeAssignment, b: ScopeAssignment) =>
      KIND_ORDER[a.target.kind] - KIND_ORDER[b.target.kind] ||
      formatTarget(a.target).localeCompare(formatTarget(b.target)),
  );
  const drafts = [...state.versions.values()].flatMap((versions) =>
    versions
      .filter((v) => v.draft && (latestPublished(state, v.scopeName)?.versionNumber ?? 0) < v.versionNumber)
      .map((v) => ({
        scopeName: v.scopeName,
        versionNumber: v.versionNumber,
        versionId: v.versionId,
        testUsers: [...(state.testUsers.get(v.versionId) ?? [])].sort(),
      })),
  );
  return {
    assignments: sorted.map((a) => ({
      target: formatTarget(a.target),
      scopeName: a.scopeName,
      versionNumber: latestPublished(state, a.scopeName)?.versionNumber ?? null,
      usersReached: usersReached.get(formatTarget(a.target)) ?? 0,
      assignedAt: a.assignedAt,
      assignedBy: a.assignedBy,
    })),
    drafts,
  };
}
