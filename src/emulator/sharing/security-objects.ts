/**
 * Describe metadata of Salesforce's security setup objects, as a real org (API v62.0) reports them:
 * Profile, UserRole, PermissionSet (each profile owns one, IsOwnedByProfile = true),
 * PermissionSetAssignment, ObjectPermissions and FieldPermissions. Profiles, roles and permission sets
 * are read-only through the API here (Setup makes them); assignments and object and field permissions
 * are created, updated and deleted through the REST API as on Salesforce.
 */

import {
  auditFields,
  field,
  idField,
  reference,
  systemField,
  type ObjectDefinition,
} from '../metadata/describe-builder.ts';

const LICENSES = ['Salesforce', 'Salesforce Platform', 'Field Service Mobile'];

export const profile: ObjectDefinition = {
  name: 'Profile',
  label: 'Profile',
  labelPlural: 'Profiles',
  keyPrefix: '00e',
  createable: false,
  deletable: false,
  fields: [
    idField(),
    field('Name', 'string', { required: true, indexed: true, createable: false, updateable: false }),
    field('Description', 'string', { length: 255 }),
    systemField('UserType', 'picklist', { label: 'User Type', length: 40, picklist: ['Standard'] }),
    systemField('UserLicenseName', 'picklist', { label: 'User License', length: 40, picklist: LICENSES }),
    systemField('PermissionsViewAllData', 'boolean', { label: 'View All Data' }),
    systemField('PermissionsModifyAllData', 'boolean', { label: 'Modify All Data' }),
    ...auditFields({ isDeleted: false }),
  ],
};

export const userRole: ObjectDefinition = {
  name: 'UserRole',
  label: 'Role',
  labelPlural: 'Roles',
  keyPrefix: '00E',
  createable: false,
  deletable: false,
  fields: [
    idField(),
    field('Name', 'string', { length: 80, required: true, indexed: true, updateable: false }),
    field('DeveloperName', 'string', { label: 'Developer Name', length: 80, updateable: false }),
    reference('ParentRoleId', 'UserRole', {
      label: 'Parent Role ID',
      updateable: false,
      relationshipName: null,
    }),
    ...auditFields({ isDeleted: false }),
  ],
};

export const permissionSet: ObjectDefinition = {
  name: 'PermissionSet',
  label: 'Permission Set',
  labelPlural: 'Permission Sets',
  keyPrefix: '0PS',
  createable: false,
  deletable: false,
  fields: [
    idField(),
    field('Name', 'string', { length: 80, required: true, indexed: true, updateable: false }),
    field('Label', 'string', { length: 80, required: true, updateable: false }),
    field('Description', 'string', { length: 255 }),
    systemField('IsOwnedByProfile', 'boolean', { label: 'Is Owned by Profile' }),
    reference('ProfileId', 'Profile', {
      label: 'Profile ID',
      createable: false,
      updateable: false,
      childRelationship: null,
    }),
    systemField('PermissionsViewAllData', 'boolean', { label: 'View All Data' }),
    systemField('PermissionsModifyAllData', 'boolean', { label: 'Modify All Data' }),
    ...auditFields({ isDeleted: false }),
  ],
};

export const permissionSetAssignment: ObjectDefinition = {
  name: 'PermissionSetAssignment',
  label: 'Permission Set Assignment',
  labelPlural: 'Permission Set Assignments',
  keyPrefix: '0Pa',
  updateable: false,
  fields: [
    idField(),
    reference('AssigneeId', 'User', {
      label: 'Assignee ID',
      required: true,
      updateable: false,
      childRelationship: 'PermissionSetAssignments',
    }),
    reference('PermissionSetId', 'PermissionSet', {
      label: 'Permission Set ID',
      required: true,
      updateable: false,
      childRelationship: 'Assignments',
    }),
    field('ExpirationDate', 'datetime', { label: 'Expiration Date' }),
    systemField('IsActive', 'boolean', { label: 'Active' }),
    ...auditFields({ isDeleted: false }),
  ],
};

export const objectPermissions: ObjectDefinition = {
  name: 'ObjectPermissions',
  label: 'Object Permissions',
  labelPlural: 'Object Permissions',
  keyPrefix: '110',
  fields: [
    idField(),
    reference('ParentId', 'PermissionSet', {
      label: 'Parent ID',
      required: true,
      updateable: false,
      childRelationship: 'ObjectPerms',
      cascadeDelete: true,
    }),
    field('SobjectType', 'string', {
      label: 'Sobject Type Name',
      length: 40,
      required: true,
      updateable: false,
    }),
    field('PermissionsCreate', 'boolean', { label: 'Create Records' }),
    field('PermissionsRead', 'boolean', { label: 'Read Records' }),
    field('PermissionsEdit', 'boolean', { label: 'Edit Records' }),
    field('PermissionsDelete', 'boolean', { label: 'Delete Records' }),
    field('PermissionsViewAllRecords', 'boolean', { label: 'View All Records' }),
    field('PermissionsModifyAllRecords', 'boolean', { label: 'Modify All Records' }),
    ...auditFields({ isDeleted: false }),
  ],
};

export const fieldPermissions: ObjectDefinition = {
  name: 'FieldPermissions',
  label: 'Field Permissions',
  labelPlural: 'Field Permissions',
  keyPrefix: '01k',
  fields: [
    idField(),
    reference('ParentId', 'PermissionSet', {
      label: 'Parent ID',
      required: true,
      updateable: false,
      childRelationship: 'FieldPerms',
      cascadeDelete: true,
    }),
    field('SobjectType', 'string', {
      label: 'Sobject Type Name',
      length: 40,
      required: true,
      updateable: false,
    }),
    field('Field', 'string', { label: 'Field Name', length: 255, required: true, updateable: false }),
    field('PermissionsRead', 'boolean', { label: 'Read Access' }),
    field('PermissionsEdit', 'boolean', { label: 'Edit Access' }),
    ...auditFields({ isDeleted: false }),
  ],
};

/** The security objects, in describe-global order. */
export const SECURITY_OBJECTS: readonly ObjectDefinition[] = [
  fieldPermissions,
  objectPermissions,
  permissionSet,
  permissionSetAssignment,
  profile,
  userRole,
];

/** Objects whose change alters what some user may see or do (their cached access is recomputed). */
export const ACCESS_OBJECTS: ReadonlySet<string> = new Set([...SECURITY_OBJECTS.map((o) => o.name), 'User']);
