/**
 * What one user may see, asked with an admin session (the config tool and the CLI connect as an admin):
 * their permission sets through PermissionSetAssignment (their profile's own set included), those sets'
 * ObjectPermissions and FieldPermissions, and record access through UserRecordAccess. Every value is bound
 * with the product's one SOQL escaper.
 */

import { EffectiveAccess, type AccessFlags, type OrgPermissions } from '../compiler/org-permissions.ts';
import { invalidInput } from './errors.ts';
import type { OrgClient, OrgRecord } from './org-client.ts';
import type { RecordAccess } from './scope-evaluator.ts';
import { idList, soqlString } from './soql-text.ts';

/** UserRecordAccess answers at most 200 record Ids per query. */
export const RECORD_ACCESS_CHUNK = 200;

export interface OrgUser {
  readonly id: string;
  readonly name: string;
}

export interface UserPermissions {
  readonly user: OrgUser;
  /** The user's permission sets and the org's governed objects and fields; the user is the audience. */
  readonly permissions: OrgPermissions;
  readonly access: EffectiveAccess;
}

/** The user's object and field permissions for `objects` (API names). */
export async function loadUserPermissions(
  org: OrgClient,
  userId: string,
  objects: readonly string[],
): Promise<UserPermissions> {
  const [userRecord] = await org.queryAll(
    `SELECT Id, Name, ProfileId FROM User WHERE Id = ${soqlString(userId)}`,
  );
  if (!userRecord) throw invalidInput(`no user with Id ${userId} in the org (pick a user)`);
  const user = { id: String(userRecord.Id), name: String(userRecord.Name ?? userId) };
  // Their assignments, and their profile's own set by User.ProfileId too (an org may list no assignment for it).
  const assigned = await org.queryAll(
    `SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(user.id)}`,
  );
  const profileId = typeof userRecord.ProfileId === 'string' ? userRecord.ProfileId : null;
  const assignedIds = [...new Set(assigned.map((a) => String(a.PermissionSetId)))];
  const which = [
    ...(assignedIds.length > 0 ? [`Id IN ${idList(assignedIds)}`] : []),
    ...(profileId ? [`(IsOwnedByProfile = true AND ProfileId = ${soqlString(profileId)})`] : []),
  ];
  const setRows =
    which.length === 0
      ? []
      : await org.queryAll(
          'SELECT Id, Name, Label, IsOwnedByProfile, Profile.Name, PermissionsViewAllData, ' +
            `PermissionsModifyAllData FROM PermissionSet WHERE ${which.join(' OR ')} ORDER BY Id`,
        );
  const names = [...new Set(objects)].sort();
  const [objectRows, fieldRows] =
    names.length === 0
      ? [[], []]
      : await Promise.all([
          org.queryAll(
            'SELECT ParentId, SobjectType, PermissionsRead, PermissionsEdit, PermissionsViewAllRecords, ' +
              `PermissionsModifyAllRecords FROM ObjectPermissions WHERE SobjectType IN ${idList(names)}`,
          ),
          org.queryAll(
            'SELECT ParentId, SobjectType, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions ' +
              `WHERE SobjectType IN ${idList(names)}`,
          ),
        ]);
  const permissionSets = setRows.map((set) => {
    const id = String(set.Id);
    const profileName = ((set.Profile ?? null) as OrgRecord | null)?.Name;
    const objectsOfSet: Record<string, AccessFlags> = {};
    for (const row of objectRows.filter((r) => r.ParentId === id)) {
      objectsOfSet[String(row.SobjectType)] = {
        read: row.PermissionsRead === true || row.PermissionsViewAllRecords === true,
        edit: row.PermissionsEdit === true || row.PermissionsModifyAllRecords === true,
      };
    }
    const fieldsOfSet: Record<string, AccessFlags> = {};
    for (const row of fieldRows.filter((r) => r.ParentId === id)) {
      fieldsOfSet[String(row.Field)] = {
        read: row.PermissionsRead === true,
        edit: row.PermissionsEdit === true,
      };
    }
    return {
      name: String(set.Name ?? id),
      label:
        set.IsOwnedByProfile === true && typeof profileName === 'string'
          ? `profile ${profileName}`
          : String(set.Name ?? id),
      viewAllData: set.PermissionsViewAllData === true,
      modifyAllData: set.PermissionsModifyAllData === true,
      objects: objectsOfSet,
      fields: fieldsOfSet,
    };
  });
  const permissions: OrgPermissions = {
    permissionSets,
    audience: [{ name: user.name, permissionSets: permissionSets.map((s) => s.name) }],
    governedObjects: [...new Set(objectRows.map((r) => String(r.SobjectType)))].sort(),
    governedFields: [...new Set(fieldRows.map((r) => String(r.Field)))].sort(),
  };
  return { user, permissions, access: new EffectiveAccess(permissions, permissions.audience[0]!) };
}

/** Which of `ids` the user can read, by UserRecordAccess (200 Ids a query). */
export async function readableIds(
  org: OrgClient,
  userId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const readable = new Set<string>();
  for (let i = 0; i < ids.length; i += RECORD_ACCESS_CHUNK) {
    const chunk = ids.slice(i, i + RECORD_ACCESS_CHUNK);
    const rows = await org.queryAll(
      `SELECT RecordId, HasReadAccess, HasEditAccess FROM UserRecordAccess WHERE UserId = ${soqlString(userId)} AND RecordId IN ${idList(chunk)}`,
    );
    for (const row of rows) if (row.HasReadAccess === true) readable.add(String(row.RecordId));
  }
  return readable;
}

/** The user's record access for a ScopeEvaluator: their object permissions, then UserRecordAccess. */
export function recordAccessOf(org: OrgClient, user: UserPermissions): RecordAccess {
  return {
    canReadObject: (object) => user.access.object(object).read,
    readsEveryRecord: () => user.access.readsEveryRecord,
    readable: (ids) => readableIds(org, user.user.id, ids),
  };
}

/** Fields of `object` (in the given order) that the user cannot read. */
export function unreadableFields(user: UserPermissions, object: string, fields: readonly string[]): string[] {
  return fields.filter((field) => !user.access.field(object, field).read);
}
