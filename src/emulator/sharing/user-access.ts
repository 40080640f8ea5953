/**
 * What one user may see and do, computed from their profile, permission set assignments and role:
 * - object permissions (ObjectPermissions: Read/Create/Edit/Delete, View All/Modify All Records),
 * - field-level security (FieldPermissions: PermissionsRead/PermissionsEdit per `Object.Field`),
 * - record access: the object's org-wide default, record ownership and the role hierarchy (a user sees
 *   what the users in the roles below theirs own).
 * A user with Modify All Data (the System Administrator profile) is unrestricted: every record, field
 * and object. View All Data gives every record to read; field-level security still applies.
 *
 * An object that no permission set mentions in ObjectPermissions, or a field that none mentions in
 * FieldPermissions (a custom one added with `--metadata`), is open to every user, as the emulator has
 * no Setup to grant it.
 */

import type { FieldDescribe, OrgMetadata, SObjectDescribe } from '../../compiler/org-metadata.ts';
import { quoteIdent } from '../sql/table-layout.ts';
import { MetadataIndex } from '../sql/metadata-index.ts';
import { masterField, type SharingModel } from './sharing-model.ts';
import { ACCESS_OBJECTS } from './security-objects.ts';

export interface ObjectPermission {
  readonly create: boolean;
  readonly read: boolean;
  readonly edit: boolean;
  readonly delete: boolean;
  readonly viewAll: boolean;
  readonly modifyAll: boolean;
}

export interface FieldPermission {
  readonly read: boolean;
  readonly edit: boolean;
}

/** The access a user has to one record, as UserRecordAccess reports it. */
export type AccessLevel = 'read' | 'edit' | 'delete';

/** Fields every user who can read the object can read (Salesforce has no field-level security on them). */
const ALWAYS_ACCESSIBLE = new Set([
  'Id',
  'Name',
  'OwnerId',
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
]);

/** Objects without object permissions or field-level security (everyone reads them; Setup writes them). */
export const SETUP_OBJECTS: ReadonlySet<string> = new Set([...ACCESS_OBJECTS, 'Group']);

/**
 * Whether Salesforce applies field-level security to a field: not to required fields, the Id, the name,
 * the owner or the audit fields, and not on setup objects.
 */
export function isPermissionable(object: string, field: FieldDescribe): boolean {
  return (
    !SETUP_OBJECTS.has(object) && field.nillable && field.type !== 'id' && !ALWAYS_ACCESSIBLE.has(field.name)
  );
}

export interface UserAccessFacts {
  readonly userId: string;
  readonly modifyAllData: boolean;
  readonly viewAllData: boolean;
  /** The user's object permissions by object name (lower case), for objects some permission set governs. */
  readonly objectPermissions: ReadonlyMap<string, ObjectPermission>;
  /** Objects (lower case) that any permission set mentions. */
  readonly governedObjects: ReadonlySet<string>;
  /** The user's field permissions by `object.field` (lower case). */
  readonly fieldPermissions: ReadonlyMap<string, FieldPermission>;
  /** Fields (`object.field`, lower case) that any permission set mentions. */
  readonly governedFields: ReadonlySet<string>;
  /** The user and the users in the roles below theirs: whose records they access as an owner would. */
  readonly owners: readonly string[];
}

const NO_OBJECT_ACCESS: ObjectPermission = {
  create: false,
  read: false,
  edit: false,
  delete: false,
  viewAll: false,
  modifyAll: false,
};
const FULL_OBJECT_ACCESS: ObjectPermission = {
  create: true,
  read: true,
  edit: true,
  delete: true,
  viewAll: false,
  modifyAll: false,
};

const SAFE_ID = /^[a-zA-Z0-9]{15,18}$/;

export class UserAccess {
  /** The org's describes as this user's describe calls show them (unreadable objects and fields left out). */
  readonly metadata: OrgMetadata;
  /** `metadata` indexed for the SOQL compiler. */
  readonly index: MetadataIndex;

  constructor(
    readonly facts: UserAccessFacts,
    private readonly orgMetadata: OrgMetadata,
    private readonly sharingModel: (describe: SObjectDescribe) => SharingModel | undefined,
    orgIndex: MetadataIndex,
  ) {
    this.metadata = this.unrestricted ? orgMetadata : this.visibleMetadata();
    this.index = this.unrestricted ? orgIndex : new MetadataIndex(this.metadata);
  }

  get userId(): string {
    return this.facts.userId;
  }

  /** Modify All Data: no checks at all. */
  get unrestricted(): boolean {
    return this.facts.modifyAllData;
  }

  objectPermission(object: string): ObjectPermission {
    if (this.unrestricted) return { ...FULL_OBJECT_ACCESS, viewAll: true, modifyAll: true };
    const key = object.toLowerCase();
    if (SETUP_OBJECTS.has(object))
      return { ...FULL_OBJECT_ACCESS, create: false, edit: false, delete: false };
    if (!this.facts.governedObjects.has(key)) return FULL_OBJECT_ACCESS;
    const permission = this.facts.objectPermissions.get(key) ?? NO_OBJECT_ACCESS;
    const viewAll = permission.viewAll || permission.modifyAll || this.facts.viewAllData;
    return {
      create: permission.create,
      read: permission.read || viewAll,
      edit: permission.edit || permission.modifyAll,
      delete: permission.delete || permission.modifyAll,
      viewAll,
      modifyAll: permission.modifyAll,
    };
  }

  fieldPermission(object: string, field: FieldDescribe): FieldPermission {
    if (this.unrestricted || !isPermissionable(object, field)) return { read: true, edit: true };
    const key = `${object}.${field.name}`.toLowerCase();
    if (!this.facts.governedFields.has(key)) return { read: true, edit: true };
    const permission = this.facts.fieldPermissions.get(key);
    const edit = permission?.edit ?? false;
    return { read: edit || (permission?.read ?? false), edit };
  }

  /**
   * A SQL condition on `alias` (a row of `object`) that holds for the records this user has `level`
   * access to; undefined when they have it to every record. Ids are inlined (they come from the org's
   * own User table and are checked), so the condition needs no bound parameters.
   */
  recordCondition(object: string, alias: string, level: AccessLevel = 'read'): string | undefined {
    if (this.unrestricted) return undefined;
    const describe = this.orgMetadata[object];
    if (!describe) return undefined;
    const permission = this.objectPermission(object);
    if (level === 'read' && permission.viewAll) return undefined;
    if (permission.modifyAll) return undefined;
    const model = this.sharingModel(describe);
    if (model === undefined) return undefined;
    if (model === 'ControlledByParent') {
      const master = masterField(describe);
      const parent = master?.referenceTo[0];
      if (!master || !parent || !this.orgMetadata[parent]) return undefined;
      const parentAlias = `${alias}_m`;
      // Access to a detail record is access to its master (editing a detail needs edit on the master).
      const inner = this.recordCondition(parent, parentAlias, level === 'delete' ? 'edit' : level);
      if (inner === undefined) return undefined;
      return `${alias}.${quoteIdent(master.name)} IN (SELECT ${parentAlias}."Id" FROM ${quoteIdent(parent)} AS ${parentAlias} WHERE ${inner})`;
    }
    if (level === 'read' && (model === 'Read' || model === 'ReadWrite')) return undefined;
    if (level === 'edit' && model === 'ReadWrite') return undefined;
    const owners = this.facts.owners.filter((id) => SAFE_ID.test(id)).map((id) => `'${id}'`);
    return `${alias}."OwnerId" IN (${owners.join(', ')})`;
  }

  private visibleMetadata(): OrgMetadata {
    const visible: Record<string, SObjectDescribe> = {};
    for (const describe of Object.values(this.orgMetadata)) {
      if (!this.objectPermission(describe.name).read) continue;
      const fields = describe.fields.flatMap((f): FieldDescribe[] => {
        const permission = this.fieldPermission(describe.name, f);
        if (!permission.read) return [];
        return permission.edit ? [f] : [{ ...f, createable: false, updateable: false }];
      });
      visible[describe.name] = { ...describe, fields };
    }
    for (const [name, describe] of Object.entries(visible)) {
      const childRelationships = describe.childRelationships.filter((r) =>
        visible[r.childSObject]?.fields.some((f) => f.name === r.field),
      );
      visible[name] = { ...describe, childRelationships };
    }
    return visible;
  }
}
