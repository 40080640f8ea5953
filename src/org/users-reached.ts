/**
 * How many users each assignment in force reaches: the active users it is the winning assignment for, by
 * the resolver's precedence (user > permission set > profile > default), so `default` counts only the users
 * no more specific assignment covers. All active users' facts are read with two admin queries, whatever
 * the org's size (pages followed). Shown by `syncscope assignments` and the Publish panel. Docs: docs/rollout.md.
 */

import { isMissingSchema } from '../runtime/user-facts.ts';
import { queryRows, type PlanStore } from '../runtime/published-plan-source.ts';
import type { RolloutState } from '../runtime/rollout-state.ts';
import {
  assignmentsInForce,
  formatTarget,
  resolveScopeFor,
  type UserFacts,
} from '../runtime/scope-assignment.ts';

export const ACTIVE_USERS_SOQL = 'SELECT Id, Username, Profile.Name FROM User WHERE IsActive = true';
export const PERMSET_ASSIGNMENTS_SOQL =
  'SELECT AssigneeId, PermissionSet.Name FROM PermissionSetAssignment WHERE PermissionSet.IsOwnedByProfile = false';

interface UserRow {
  Id: string;
  Username: string;
  Profile?: { Name?: string | null } | null;
}

interface PermsetRow {
  AssigneeId: string;
  PermissionSet?: { Name?: string | null } | null;
}

/**
 * Every active user's facts. An org without profiles or permission sets (an embedded org without them)
 * gives null profiles and no permission sets, as fetchUserFacts does for one user.
 */
export async function fetchActiveUserFacts(store: PlanStore): Promise<UserFacts[]> {
  let users: UserRow[];
  try {
    users = await queryRows<UserRow>(store, ACTIVE_USERS_SOQL);
  } catch (error) {
    if (!isMissingSchema(error)) throw error;
    users = await queryRows<UserRow>(store, 'SELECT Id, Username FROM User WHERE IsActive = true');
  }
  let assigned: PermsetRow[] = [];
  try {
    assigned = await queryRows<PermsetRow>(store, PERMSET_ASSIGNMENTS_SOQL);
  } catch (error) {
    if (!isMissingSchema(error)) throw error;
  }
  // 15- and 18-character Ids of one user compare equal.
  const setsByUser = new Map<string, string[]>();
  for (const row of assigned) {
    const name = row.PermissionSet?.Name;
    if (typeof name !== 'string') continue;
    const key = row.AssigneeId.slice(0, 15);
    setsByUser.set(key, [...(setsByUser.get(key) ?? []), name]);
  }
  return users.map((user) => ({
    userId: user.Id,
    username: user.Username,
    profileName: user.Profile?.Name ?? null,
    permissionSets: (setsByUser.get(user.Id.slice(0, 15)) ?? []).sort(),
  }));
}

/** Per target of each assignment in force (`formatTarget`), the number of users it wins for (0 included). */
export function usersReachedByAssignment(
  state: RolloutState,
  users: readonly UserFacts[],
): ReadonlyMap<string, number> {
  const counts = new Map<string, number>(
    assignmentsInForce(state.assignments).map((a) => [formatTarget(a.target), 0]),
  );
  for (const user of users) {
    const resolution = resolveScopeFor(user, state.assignments);
    if (!resolution) continue;
    const target = formatTarget(resolution.via.target);
    counts.set(target, (counts.get(target) ?? 0) + 1);
  }
  return counts;
}
