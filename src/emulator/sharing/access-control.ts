/**
 * Every request runs as its session's user: this computes each user's access (user-access.ts) from the
 * org's profiles, permission sets, assignments and roles, keeps it until one of those changes, and
 * answers the questions the REST layer asks: may this user read or edit this record, which fields of a
 * record may they see, and may they write these fields (the RecordStore's write guard).
 */

import type { OrgMetadata } from '../../compiler/org-metadata.ts';
import { ApiError } from '../api-error.ts';
import { toId18 } from '../ids.ts';
import { MetadataIndex } from '../sql/metadata-index.ts';
import { quoteIdent } from '../sql/table-layout.ts';
import type { OrgDb } from '../store/org-database.ts';
import type { RecordStore, StoredRow, WriteGuard } from '../store/record-store.ts';
import { masterField, SharingSettings, type SharingModel } from './sharing-model.ts';
import { ACCESS_OBJECTS } from './security-objects.ts';
import {
  SETUP_OBJECTS,
  UserAccess,
  type AccessLevel,
  type FieldPermission,
  type ObjectPermission,
  type UserAccessFacts,
} from './user-access.ts';

/** Salesforce's answer to a write the user's sharing or object permissions do not allow. */
export function insufficientAccess(): ApiError {
  return new ApiError(400, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
}

/** A record the user cannot see does not exist, as far as the REST API tells them. */
function notFound(): ApiError {
  return new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

interface Flags {
  [key: string]: number | string | null;
}

export class OrgAccess implements WriteGuard {
  readonly sharing: SharingSettings;
  private readonly cache = new Map<string, UserAccess>();
  private readonly index: MetadataIndex;

  constructor(
    private readonly db: OrgDb,
    private readonly metadata: OrgMetadata,
    private readonly store: RecordStore,
  ) {
    this.sharing = new SharingSettings(db);
    this.index = new MetadataIndex(metadata);
  }

  /** The user's access (cached until a profile, permission set, assignment, role or user changes). */
  forUser(userId: string): UserAccess {
    let access = this.cache.get(userId);
    if (!access) {
      access = new UserAccess(
        this.loadFacts(userId),
        this.metadata,
        (d) => this.sharing.modelOf(d),
        this.index,
      );
      this.cache.set(userId, access);
    }
    return access;
  }

  /** Called after every write: a change to the security setup or to users recomputes everyone's access. */
  noteWrite(object: string): void {
    if (ACCESS_OBJECTS.has(object)) this.cache.clear();
  }

  /** Sets an object's org-wide default (Setup > Sharing Settings). */
  setOrgWideDefault(object: string, model: SharingModel): void {
    const describe = this.store.describe(object);
    this.sharing.set(describe.name, model);
    this.cache.clear();
  }

  orgWideDefault(object: string): SharingModel | undefined {
    return this.sharing.modelOf(this.store.describe(object));
  }

  /** Whether `userId` has `level` access to the live record `id` of `object`. */
  hasAccess(userId: string, object: string, id: string, level: AccessLevel): boolean {
    const access = this.forUser(userId);
    const permission = access.objectPermission(object);
    const allowed =
      level === 'read' ? permission.read : level === 'edit' ? permission.edit : permission.delete;
    if (!allowed) return false;
    const condition = access.recordCondition(object, 'r', level);
    const sql = `SELECT 1 FROM ${quoteIdent(object)} AS r WHERE r."Id" = ? AND r."IsDeleted" = 0${condition ? ` AND ${condition}` : ''}`;
    return this.store.statement(sql).get(id) !== undefined;
  }

  /**
   * The row of a record the user asked for by Id, when they may read it: an object they cannot read, or
   * a record not shared with them, answers 404 NOT_FOUND as a missing record does.
   */
  checkReadable(userId: string, object: string, row: StoredRow): void {
    if (this.forUser(userId).unrestricted) return;
    if (!this.hasAccess(userId, object, String(row.Id), 'read')) throw notFound();
  }

  /** A REST record without the fields the user cannot read; naming one in `fields=` is INVALID_FIELD. */
  restrictRecord(
    userId: string,
    object: string,
    record: Record<string, unknown>,
    requested: readonly string[] | undefined,
  ): Record<string, unknown> {
    const access = this.forUser(userId);
    if (access.unrestricted) return record;
    for (const name of requested ?? []) {
      const field = this.store.field(object, name.trim());
      if (field && !access.fieldPermission(object, field).read)
        throw new ApiError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object}`, [
          name,
        ]);
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      const field = key === 'attributes' ? undefined : this.store.field(object, key);
      if (!field || access.fieldPermission(object, field).read) out[key] = value;
    }
    return out;
  }

  // The RecordStore's write guard ---------------------------------------------------------------------

  beforeCreate(object: string, body: Record<string, unknown>, userId: string): void {
    const access = this.forUser(userId);
    if (access.unrestricted) return;
    if (!access.objectPermission(object).create)
      throw new ApiError(
        400,
        'INSUFFICIENT_ACCESS_OR_READONLY',
        'You do not have the level of access necessary to perform the operation you requested. Please contact the owner of the record or your administrator if access is necessary.',
      );
    this.checkFields(access, object, body, 'create');
    this.checkMaster(access, object, body);
  }

  beforeUpdate(object: string, existing: StoredRow, body: Record<string, unknown>, userId: string): void {
    const access = this.forUser(userId);
    if (access.unrestricted) return;
    const id = String(existing.Id);
    if (!this.hasAccess(userId, object, id, 'read')) throw notFound();
    if (!this.hasAccess(userId, object, id, 'edit')) throw insufficientAccess();
    this.checkFields(access, object, body, 'update');
  }

  beforeDelete(object: string, existing: StoredRow, userId: string): void {
    const access = this.forUser(userId);
    if (access.unrestricted) return;
    const id = String(existing.Id);
    if (!this.hasAccess(userId, object, id, 'read')) throw notFound();
    if (!this.hasAccess(userId, object, id, 'delete')) throw insufficientAccess();
  }

  /**
   * Fields the user cannot read do not exist for them (INVALID_FIELD); fields they can read but not edit
   * are refused together, as Salesforce refuses read-only fields (INVALID_FIELD_FOR_INSERT_UPDATE).
   */
  private checkFields(
    access: UserAccess,
    object: string,
    body: Record<string, unknown>,
    mode: 'create' | 'update',
  ): void {
    const readOnly: string[] = [];
    for (const key of Object.keys(body)) {
      if (key === 'attributes' || key.toLowerCase() === 'id') continue;
      const field = this.store.field(object, key);
      if (!field) continue; // the store answers INVALID_FIELD for unknown fields
      const permission: FieldPermission = access.fieldPermission(object, field);
      if (!permission.read)
        throw new ApiError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${object}`, [
          key,
        ]);
      const writable = mode === 'create' ? field.createable : field.updateable;
      if (writable && !permission.edit) readOnly.push(field.name);
    }
    if (readOnly.length > 0)
      throw new ApiError(
        400,
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        readOnly,
      );
  }

  /** Creating a detail record needs edit access to its master (Controlled by Parent). */
  private checkMaster(access: UserAccess, object: string, body: Record<string, unknown>): void {
    const describe = this.store.describe(object);
    if (this.sharing.modelOf(describe) !== 'ControlledByParent') return;
    const master = masterField(describe);
    const parent = master?.referenceTo[0];
    if (!master || !parent) return;
    const key = Object.keys(body).find((k) => k.toLowerCase() === master.name.toLowerCase());
    const id = key === undefined ? undefined : toId18(String(body[key]));
    if (!id || id.slice(0, 3) !== this.store.describe(parent).keyPrefix) return;
    const row = this.store.row(parent, id);
    if (!row || row.IsDeleted === 1) return; // the store reports the bad reference
    if (!this.hasAccess(access.userId, parent, id, 'edit'))
      throw new ApiError(
        400,
        'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
        'insufficient access rights on cross-reference id',
        [master.name],
      );
  }

  private loadFacts(userId: string): UserAccessFacts {
    const db = this.db;
    const user = db.prepare(`SELECT "ProfileId", "UserRoleId" FROM "User" WHERE "Id" = ?`).get(userId) as
      Flags | undefined;
    const setIds = db
      .prepare(
        `SELECT "Id" FROM "PermissionSet" WHERE "IsDeleted" = 0 AND "IsOwnedByProfile" = 1 AND "ProfileId" = ?
         UNION SELECT "PermissionSetId" FROM "PermissionSetAssignment" WHERE "IsDeleted" = 0 AND "AssigneeId" = ?`,
      )
      .pluck()
      .all(user?.ProfileId ?? null, userId) as string[];
    const setsJson = JSON.stringify(setIds);
    const flags = db
      .prepare(
        `SELECT MAX("PermissionsViewAllData") AS viewAll, MAX("PermissionsModifyAllData") AS modifyAll
         FROM "PermissionSet" WHERE "IsDeleted" = 0 AND "Id" IN (SELECT value FROM json_each(?))`,
      )
      .get(setsJson) as Flags;
    const objectPermissions = new Map<string, ObjectPermission>();
    const objectRows = db
      .prepare(
        `SELECT "SobjectType" AS object, MAX("PermissionsCreate") AS c, MAX("PermissionsRead") AS r,
           MAX("PermissionsEdit") AS e, MAX("PermissionsDelete") AS d, MAX("PermissionsViewAllRecords") AS va,
           MAX("PermissionsModifyAllRecords") AS ma
         FROM "ObjectPermissions" WHERE "IsDeleted" = 0 AND "ParentId" IN (SELECT value FROM json_each(?))
         GROUP BY lower("SobjectType")`,
      )
      .all(setsJson) as Flags[];
    for (const row of objectRows)
      objectPermissions.set(String(row.object).toLowerCase(), {
        create: row.c === 1,
        read: row.r === 1,
        edit: row.e === 1,
        delete: row.d === 1,
        viewAll: row.va === 1,
        modifyAll: row.ma === 1,
      });
    const fieldPermissions = new Map<string, FieldPermission>();
    const fieldRows = db
      .prepare(
        `SELECT "Field" AS field, MAX("PermissionsRead") AS r, MAX("PermissionsEdit") AS e
         FROM "FieldPermissions" WHERE "IsDeleted" = 0 AND "ParentId" IN (SELECT value FROM json_each(?))
         GROUP BY lower("Field")`,
      )
      .all(setsJson) as Flags[];
    for (const row of fieldRows)
      fieldPermissions.set(String(row.field).toLowerCase(), { read: row.r === 1, edit: row.e === 1 });
    const lowerSet = (sql: string): Set<string> =>
      new Set((db.prepare(sql).pluck().all() as string[]).map((s) => s.toLowerCase()));
    return {
      userId,
      modifyAllData: flags.modifyAll === 1,
      viewAllData: flags.viewAll === 1 || flags.modifyAll === 1,
      objectPermissions,
      governedObjects: lowerSet(
        `SELECT DISTINCT "SobjectType" FROM "ObjectPermissions" WHERE "IsDeleted" = 0`,
      ),
      fieldPermissions,
      governedFields: lowerSet(`SELECT DISTINCT "Field" FROM "FieldPermissions" WHERE "IsDeleted" = 0`),
      owners: [
        userId,
        ...this.subordinates(typeof user?.UserRoleId === 'string' ? user.UserRoleId : undefined),
      ],
    };
  }

  /** Users in the roles below `roleId` (the role hierarchy: managers access what their subordinates own). */
  private subordinates(roleId: string | undefined): string[] {
    if (!roleId) return [];
    const roles = this.db
      .prepare(`SELECT "Id", "ParentRoleId" FROM "UserRole" WHERE "IsDeleted" = 0`)
      .all() as { Id: string; ParentRoleId: string | null }[];
    const below = new Set<string>();
    let frontier = [roleId];
    while (frontier.length > 0) {
      const next = roles.filter(
        (r) => r.ParentRoleId !== null && frontier.includes(r.ParentRoleId) && !below.has(r.Id),
      );
      for (const r of next) below.add(r.Id);
      frontier = next.map((r) => r.Id);
    }
    if (below.size === 0) return [];
    return this.db
      .prepare(`SELECT "Id" FROM "User" WHERE "UserRoleId" IN (SELECT value FROM json_each(?)) ORDER BY "Id"`)
      .pluck()
      .all(JSON.stringify([...below])) as string[];
  }
}

export { SETUP_OBJECTS };
