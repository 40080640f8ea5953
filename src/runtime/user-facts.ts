/**
 * What the org says about the signed-in user, for choosing their scope (browser-safe): username, profile
 * name and permission sets, read through SOQL as on any org:
 *
 *   SELECT Id, Username, Profile.Name FROM User WHERE Id = '<id>'
 *   SELECT PermissionSet.Name FROM PermissionSetAssignment
 *     WHERE AssigneeId = '<id>' AND PermissionSet.IsOwnedByProfile = false
 *
 * An org that has no profiles or permission sets to query (an embedded org without them answers
 * INVALID_FIELD / INVALID_TYPE) gives a null profile and no permission sets: only user and default
 * assignments can then apply. Two queries, made at sign-in, not at every sync.
 */

import { queryRows, type PlanStore } from './published-plan-source.ts';
import type { UserFacts } from './scope-assignment.ts';
import { soqlString } from './soql-binding.ts';

interface UserRow {
  Id: string;
  Username: string;
  Profile?: { Name?: string | null } | null;
}

export async function fetchUserFacts(org: PlanStore, userId: string): Promise<UserFacts> {
  const id = soqlString(userId);
  let rows: UserRow[];
  let hasProfiles = true;
  try {
    rows = await queryRows<UserRow>(org, `SELECT Id, Username, Profile.Name FROM User WHERE Id = ${id}`);
  } catch (error) {
    if (!isMissingSchema(error)) throw error;
    hasProfiles = false;
    rows = await queryRows<UserRow>(org, `SELECT Id, Username FROM User WHERE Id = ${id}`);
  }
  const [user] = rows;
  if (!user) throw new Error(`the org has no user ${userId}`);
  let permissionSets: string[] = [];
  if (hasProfiles) {
    try {
      const assigned = await queryRows<{ PermissionSet?: { Name?: string | null } | null }>(
        org,
        `SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = ${id} AND PermissionSet.IsOwnedByProfile = false`,
      );
      permissionSets = assigned
        .map((row) => row.PermissionSet?.Name)
        .filter((name): name is string => typeof name === 'string')
        .sort();
    } catch (error) {
      if (!isMissingSchema(error)) throw error;
    }
  }
  return {
    userId: user.Id,
    username: user.Username,
    profileName: user.Profile?.Name ?? null,
    permissionSets,
  };
}

/** The org lacks the object or field asked for (not a failure of the org). */
export function isMissingSchema(error: unknown): boolean {
  const code =
    (error as { errorCode?: unknown; name?: unknown } | null)?.errorCode ??
    (error as { name?: unknown })?.name;
  return code === 'INVALID_FIELD' || code === 'INVALID_TYPE';
}
