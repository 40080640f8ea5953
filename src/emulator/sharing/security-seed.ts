/**
 * The security setup an org is given once (an older `--db` org on its first start with this code):
 * - every org: the System Administrator profile (View All Data, Modify All Data; the admin user's) and the
 *   Standard User profile (users created through the API get it), each with the permission set it owns
 *   and their object and field permissions;
 * - a `--seed demo` org: a field-service org. Roles Field Service Manager > Dispatcher > Field Technician;
 *   the Field Technician profile (read everything but Asset.Price) and the Field Technician permission
 *   set (create and edit work orders, line items, appointments, contacts and files; the line item
 *   Discount stays read-only), assigned to every technician; the Dispatcher profile and the "Dispatch:
 *   All Work Orders" permission set (View All and Modify All on WorkOrder and ServiceAppointment),
 *   assigned to Diane Moreau.
 * Rows go in through RecordStore.insertRow with Ids from the org's sequences, so API inserts continue.
 */

import type { FieldDescribe, OrgMetadata, SObjectDescribe } from '../../compiler/org-metadata.ts';
import type { StoredValue } from '../store/field-codec.ts';
import { readMeta, writeMeta, type OrgDb } from '../store/org-database.ts';
import type { RecordStore } from '../store/record-store.ts';
import { makeId } from '../ids.ts';
import { ADMIN_USER_ID, DEMO_DISPATCHER_USERNAME } from '../seed/demo-ids.ts';
import { isPermissionable, SETUP_OBJECTS } from './user-access.ts';

type Fields = Record<string, StoredValue>;

export const SYSTEM_ADMINISTRATOR_PROFILE = 'System Administrator';
export const STANDARD_USER_PROFILE = 'Standard User';
export const FIELD_TECHNICIAN_PROFILE = 'Field Technician';
export const DISPATCHER_PROFILE = 'Dispatcher';
/** The Field Technician permission set's API name. */
export const FIELD_TECHNICIAN_PERMISSION_SET = 'Field_Technician';
/** The dispatcher's permission set: View All and Modify All on work orders and appointments. */
export const DISPATCH_PERMISSION_SET = 'Dispatch_All_Work_Orders';
/** The field of the example scope's objects that technicians cannot read. */
export const TECHNICIAN_HIDDEN_FIELD = 'Asset.Price';
/** A field technicians can read but not edit. */
export const TECHNICIAN_READ_ONLY_FIELD = 'WorkOrderLineItem.Discount';

/** What a technician creates and edits on site (with the Field Technician permission set). */
const TECHNICIAN_WRITES: Readonly<Record<string, { create: boolean; delete: boolean }>> = {
  WorkOrder: { create: true, delete: false },
  WorkOrderLineItem: { create: true, delete: true },
  ServiceAppointment: { create: true, delete: false },
  Contact: { create: true, delete: false },
  ContentVersion: { create: true, delete: false },
  ContentDocument: { create: false, delete: false },
};

class SecuritySeeder {
  private readonly stamp: string;

  constructor(
    private readonly store: RecordStore,
    private readonly metadata: OrgMetadata,
  ) {
    this.stamp = store.nowStamp();
  }

  insert(object: string, fields: Fields): string {
    const id = this.store.newId(object);
    const audit: Fields = {
      CreatedDate: this.stamp,
      CreatedById: ADMIN_USER_ID,
      LastModifiedDate: this.stamp,
      LastModifiedById: ADMIN_USER_ID,
    };
    this.store.insertRow(object, { Id: id, IsDeleted: 0, ...audit, SystemModstamp: this.stamp, ...fields });
    return id;
  }

  /** A profile and the permission set it owns; returns both Ids. */
  profile(name: string, license: string, admin: boolean): { profileId: string; setId: string } {
    const flags = { PermissionsViewAllData: admin ? 1 : 0, PermissionsModifyAllData: admin ? 1 : 0 };
    const profileId = this.insert('Profile', {
      Name: name,
      UserType: 'Standard',
      UserLicenseName: license,
      ...flags,
    });
    const setId = this.insert('PermissionSet', {
      Name: `X${profileId.slice(0, 15)}`,
      Label: name,
      IsOwnedByProfile: 1,
      ProfileId: profileId,
      ...flags,
    });
    return { profileId, setId };
  }

  permissionSet(name: string, label: string, description: string): string {
    return this.insert('PermissionSet', {
      Name: name,
      Label: label,
      Description: description,
      IsOwnedByProfile: 0,
      PermissionsViewAllData: 0,
      PermissionsModifyAllData: 0,
    });
  }

  objectPermission(
    setId: string,
    object: string,
    p: { c?: boolean; r?: boolean; e?: boolean; d?: boolean; va?: boolean; ma?: boolean },
  ): void {
    const bit = (value: boolean | undefined): number => (value ? 1 : 0);
    this.insert('ObjectPermissions', {
      ParentId: setId,
      SobjectType: object,
      PermissionsCreate: bit(p.c),
      PermissionsRead: bit(p.r),
      PermissionsEdit: bit(p.e),
      PermissionsDelete: bit(p.d),
      PermissionsViewAllRecords: bit(p.va),
      PermissionsModifyAllRecords: bit(p.ma),
    });
  }

  /** Field permissions for the fields `which` selects: read, and edit where `edit` says and the field is writable. */
  fieldPermissions(
    setId: string,
    objects: readonly SObjectDescribe[],
    which: (object: string, field: FieldDescribe) => 'none' | 'read' | 'edit',
  ): void {
    for (const describe of objects)
      for (const field of describe.fields) {
        if (!isPermissionable(describe.name, field)) continue;
        const access = which(describe.name, field);
        if (access === 'none') continue;
        const writable = field.createable || field.updateable;
        this.insert('FieldPermissions', {
          ParentId: setId,
          SobjectType: describe.name,
          Field: `${describe.name}.${field.name}`,
          PermissionsRead: 1,
          PermissionsEdit: access === 'edit' && writable ? 1 : 0,
        });
      }
  }

  assign(userId: string, setId: string): void {
    this.insert('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: setId, IsActive: 1 });
  }

  /** Objects with record data (object permissions and field-level security apply to them). */
  dataObjects(): SObjectDescribe[] {
    return Object.values(this.metadata)
      .filter((d) => !SETUP_OBJECTS.has(d.name))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  setUser(userId: string, profileId: string, roleId: string | null): void {
    this.store.updateColumns('User', userId, { ProfileId: profileId, UserRoleId: roleId }, [
      'ProfileId',
      'UserRoleId',
    ]);
  }
}

/** The first two profiles every org makes: the admin's, and the default of users created through the API. */
export const SYSTEM_ADMINISTRATOR_PROFILE_ID = makeId('00e', 1);
export const STANDARD_USER_PROFILE_ID = makeId('00e', 2);

export function ensureSecuritySetup(db: OrgDb, store: RecordStore, metadata: OrgMetadata): void {
  if (readMeta(db, 'securitySetup') !== undefined) return;
  db.transaction(() => {
    const seed = new SecuritySeeder(store, metadata);
    const objects = seed.dataObjects();
    const admin = seed.profile(SYSTEM_ADMINISTRATOR_PROFILE, 'Salesforce', true);
    const standard = seed.profile(STANDARD_USER_PROFILE, 'Salesforce', false);
    for (const describe of objects) {
      seed.objectPermission(admin.setId, describe.name, {
        c: describe.createable,
        r: true,
        e: describe.updateable,
        d: describe.deletable,
        va: true,
        ma: true,
      });
      seed.objectPermission(standard.setId, describe.name, {
        c: describe.createable,
        r: true,
        e: describe.updateable,
        d: describe.deletable,
      });
    }
    seed.fieldPermissions(admin.setId, objects, () => 'edit');
    seed.fieldPermissions(standard.setId, objects, () => 'edit');
    if (
      admin.profileId !== SYSTEM_ADMINISTRATOR_PROFILE_ID ||
      standard.profileId !== STANDARD_USER_PROFILE_ID
    )
      throw new Error('the org already had profiles before its security setup');

    let adminRole: string | null = null;
    if (readMeta(db, 'seed') === 'demo') adminRole = seedFieldService(db, seed, objects);
    seed.setUser(ADMIN_USER_ID, admin.profileId, adminRole);
    seed.assign(ADMIN_USER_ID, admin.setId);
    // Users the org had before (an older --db org) are standard users.
    const others = db
      .prepare(`SELECT "Id" FROM "User" WHERE "ProfileId" IS NULL ORDER BY "Id"`)
      .pluck()
      .all() as string[];
    for (const userId of others) {
      seed.setUser(userId, standard.profileId, null);
      seed.assign(userId, standard.setId);
    }
    writeMeta(db, 'securitySetup', 'v1');
  })();
}

/** The demo's field-service security; returns the admin's role. */
function seedFieldService(db: OrgDb, seed: SecuritySeeder, objects: readonly SObjectDescribe[]): string {
  const role = (name: string, developerName: string, parent: string | null): string =>
    seed.insert('UserRole', { Name: name, DeveloperName: developerName, ParentRoleId: parent });
  const managerRole = role('Field Service Manager', 'FieldServiceManager', null);
  const dispatcherRole = role('Dispatcher', 'Dispatcher', managerRole);
  const technicianRole = role('Field Technician', 'FieldTechnician', dispatcherRole);

  const technician = seed.profile(FIELD_TECHNICIAN_PROFILE, 'Salesforce', false);
  for (const describe of objects) seed.objectPermission(technician.setId, describe.name, { r: true });
  seed.fieldPermissions(technician.setId, objects, (object, field) =>
    `${object}.${field.name}` === TECHNICIAN_HIDDEN_FIELD ? 'none' : 'read',
  );
  const technicianSet = seed.permissionSet(
    FIELD_TECHNICIAN_PERMISSION_SET,
    'Field Technician',
    'Create and update work orders, line items, appointments, contacts and files on site',
  );
  const written = objects.filter((d) => TECHNICIAN_WRITES[d.name] !== undefined);
  for (const describe of written) {
    const writes = TECHNICIAN_WRITES[describe.name] as { create: boolean; delete: boolean };
    seed.objectPermission(technicianSet, describe.name, {
      c: writes.create,
      r: true,
      e: true,
      d: writes.delete,
    });
  }
  seed.fieldPermissions(technicianSet, written, (object, field) =>
    `${object}.${field.name}` === TECHNICIAN_READ_ONLY_FIELD ? 'read' : 'edit',
  );

  const dispatcher = seed.profile(DISPATCHER_PROFILE, 'Salesforce', false);
  for (const describe of objects)
    seed.objectPermission(dispatcher.setId, describe.name, {
      c: describe.createable,
      r: true,
      e: describe.updateable,
      d: describe.deletable,
    });
  seed.fieldPermissions(dispatcher.setId, objects, () => 'edit');
  const dispatchSet = seed.permissionSet(
    DISPATCH_PERMISSION_SET,
    'Dispatch: All Work Orders',
    'View and modify every work order and service appointment',
  );
  for (const object of ['WorkOrder', 'ServiceAppointment'])
    seed.objectPermission(dispatchSet, object, { c: true, r: true, e: true, d: true, va: true, ma: true });

  const users = db
    .prepare(`SELECT "Id", "Username", "Title" FROM "User" WHERE "Id" != ? ORDER BY "Id"`)
    .all(ADMIN_USER_ID) as { Id: string; Username: string; Title: string | null }[];
  for (const user of users) {
    if (user.Username === DEMO_DISPATCHER_USERNAME) {
      seed.setUser(user.Id, dispatcher.profileId, dispatcherRole);
      seed.assign(user.Id, dispatcher.setId);
      seed.assign(user.Id, dispatchSet);
    } else if (user.Title === 'Field Technician') {
      seed.setUser(user.Id, technician.profileId, technicianRole);
      seed.assign(user.Id, technician.setId);
      seed.assign(user.Id, technicianSet);
    }
  }
  return managerRole;
}
