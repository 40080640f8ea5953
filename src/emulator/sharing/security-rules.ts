/**
 * What Salesforce checks when permissions are written through the API: a FieldPermissions row names an
 * existing field that has field-level security (`Field` = `Object.Field`, `SobjectType` = `Object`), an
 * ObjectPermissions row an existing object; one row per permission set and field or object, one
 * assignment per user and permission set (DUPLICATE_VALUE); a permission needs those it depends on (Edit
 * needs Read; Delete needs Edit; View All needs Read; Modify All needs Delete and View All).
 */

import { ApiError } from '../api-error.ts';
import type { ObjectRules, RuleContext } from '../store/object-rules.ts';
import type { StoredRow } from '../store/record-store.ts';
import { isPermissionable, SETUP_OBJECTS } from './user-access.ts';

function integrity(message: string, field: string): ApiError {
  return new ApiError(400, 'FIELD_INTEGRITY_EXCEPTION', message, [field]);
}

/** Permission -> the permissions it depends on, with their labels. */
function checkDependencies(row: StoredRow, dependencies: readonly [string, readonly string[]][]): void {
  for (const [permission, needs] of dependencies) {
    if (row[permission] !== 1) continue;
    const missing = needs.filter((need) => row[need] !== 1);
    if (missing.length > 0)
      throw integrity(
        `Permission ${label(permission)} depends on permission(s): ${missing.map(label).join(', ')}`,
        permission,
      );
  }
}

function label(permission: string): string {
  return permission.replace(/^Permissions/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
}

function checkUnique(context: RuleContext, table: string, row: StoredRow, columns: readonly string[]): void {
  const where = columns.map((c) => `"${c}" = ? COLLATE NOCASE`).join(' AND ');
  const clash = context.store
    .statement(`SELECT "Id" FROM "${table}" WHERE ${where} AND "IsDeleted" = 0 AND "Id" IS NOT ? LIMIT 1`)
    .get(...columns.map((c) => row[c] ?? null), row.Id ?? null) as { Id: string } | undefined;
  if (clash)
    throw new ApiError(
      400,
      'DUPLICATE_VALUE',
      `duplicate value found: <unknown> duplicates value on record with id: ${clash.Id}`,
      [],
    );
}

/** The object named by `SobjectType` (canonical name), or FIELD_INTEGRITY_EXCEPTION. */
function dataObject(context: RuleContext, row: StoredRow): string {
  const value = String(row.SobjectType ?? '');
  const known = context.store.hasObject(value) ? context.store.describe(value).name : undefined;
  if (!known || SETUP_OBJECTS.has(known))
    throw integrity(`Sobject Type Name: bad value for restricted picklist field: ${value}`, 'SobjectType');
  return known;
}

const fieldPermissions: ObjectRules = {
  beforeInsert: (row, context) => {
    const object = dataObject(context, row);
    const value = String(row.Field ?? '');
    const [prefix, name, ...rest] = value.split('.');
    const field =
      prefix?.toLowerCase() === object.toLowerCase() && name && rest.length === 0
        ? context.store.field(object, name)
        : undefined;
    if (!field || !isPermissionable(object, field))
      throw integrity(`Field Name: bad value for restricted picklist field: ${value}`, 'Field');
    row.SobjectType = object;
    row.Field = `${object}.${field.name}`;
    checkDependencies(row, [['PermissionsEdit', ['PermissionsRead']]]);
    checkUnique(context, 'FieldPermissions', row, ['ParentId', 'Field']);
  },
  beforeUpdate: (row) => checkDependencies(row, [['PermissionsEdit', ['PermissionsRead']]]),
};

const OBJECT_DEPENDENCIES: readonly [string, readonly string[]][] = [
  ['PermissionsCreate', ['PermissionsRead']],
  ['PermissionsEdit', ['PermissionsRead']],
  ['PermissionsDelete', ['PermissionsRead', 'PermissionsEdit']],
  ['PermissionsViewAllRecords', ['PermissionsRead']],
  [
    'PermissionsModifyAllRecords',
    ['PermissionsRead', 'PermissionsEdit', 'PermissionsDelete', 'PermissionsViewAllRecords'],
  ],
];

const objectPermissions: ObjectRules = {
  beforeInsert: (row, context) => {
    row.SobjectType = dataObject(context, row);
    checkDependencies(row, OBJECT_DEPENDENCIES);
    checkUnique(context, 'ObjectPermissions', row, ['ParentId', 'SobjectType']);
  },
  beforeUpdate: (row) => checkDependencies(row, OBJECT_DEPENDENCIES),
};

const permissionSetAssignment: ObjectRules = {
  defaults: { IsActive: 1 },
  beforeInsert: (row, context) =>
    checkUnique(context, 'PermissionSetAssignment', row, ['AssigneeId', 'PermissionSetId']),
};

export const SECURITY_RULES: Readonly<Record<string, ObjectRules>> = {
  FieldPermissions: fieldPermissions,
  ObjectPermissions: objectPermissions,
  PermissionSetAssignment: permissionSetAssignment,
};
