/**
 * With org permissions, the compiler warns about what the scope's audience cannot read, or cannot edit on
 * `readWrite` objects, at the field's (or object's) JSON Pointer, naming who and their permission sets.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.ts';
import type { Diagnostic, OrgPermissions, PermissionSetAccess, SyncScope } from '../../src/compiler/index.ts';
import { standardMetadata } from '../../src/emulator/index.ts';

const PERMISSION_CODES = [
  'OBJECT_NOT_READABLE',
  'OBJECT_NOT_EDITABLE',
  'FIELD_NOT_READABLE',
  'FIELD_NOT_EDITABLE',
];
const metadata = standardMetadata();

function exampleScope(): SyncScope {
  return JSON.parse(
    readFileSync(new URL('../../examples/field-technician.scope.json', import.meta.url), 'utf8'),
  ) as SyncScope;
}

/** The example scope with extra fields on some objects. */
function withFields(extra: Readonly<Record<string, readonly string[]>>): SyncScope {
  const scope = exampleScope();
  const objects = { ...scope.objects };
  for (const [name, fields] of Object.entries(extra))
    objects[name] = { ...objects[name]!, fields: [...objects[name]!.fields, ...fields] };
  return { ...scope, objects };
}

const read = { read: true, edit: false };
const edit = { read: true, edit: true };

/** As the demo org: the profile's set reads everything but Asset.Price; Field_Technician edits the work. */
const technicianProfile: PermissionSetAccess = {
  name: 'X00e8e0000000003AAA',
  label: 'profile Field Technician',
  objects: {
    WorkOrder: read,
    WorkOrderLineItem: read,
    Account: read,
    Contact: read,
    Asset: read,
    Product2: read,
  },
  fields: {
    'Asset.SerialNumber': read,
    'Asset.Status': read,
    'Asset.InstallDate': read,
    'WorkOrderLineItem.Discount': read,
    'WorkOrderLineItem.Description': read,
  },
};
const fieldTechnician: PermissionSetAccess = {
  name: 'Field_Technician',
  label: 'Field_Technician',
  objects: { WorkOrder: edit, WorkOrderLineItem: edit, Contact: edit },
  fields: { 'WorkOrderLineItem.Discount': read, 'WorkOrderLineItem.Description': edit },
};

function permissions(overrides: Partial<OrgPermissions> = {}): OrgPermissions {
  return {
    permissionSets: [technicianProfile, fieldTechnician],
    audience: [{ name: 'Tess Fielding', permissionSets: ['X00e8e0000000003AAA', 'Field_Technician'] }],
    governedObjects: ['Account', 'Asset', 'Contact', 'Product2', 'WorkOrder', 'WorkOrderLineItem'],
    governedFields: [
      'Asset.InstallDate',
      'Asset.Price',
      'Asset.SerialNumber',
      'Asset.Status',
      'WorkOrderLineItem.Description',
      'WorkOrderLineItem.Discount',
    ],
    ...overrides,
  };
}

function permissionDiagnostics(scope: SyncScope, orgPermissions: OrgPermissions): Diagnostic[] {
  const result = compile(scope, { metadata, permissions: orgPermissions });
  expect(result.plan).toBeDefined();
  return result.diagnostics.filter((d) => PERMISSION_CODES.includes(d.code));
}

describe('permission diagnostics', () => {
  it('the example scope: nothing the technician cannot read or edit', () => {
    expect(permissionDiagnostics(exampleScope(), permissions())).toEqual([]);
  });

  it('Asset.Price added: FIELD_NOT_READABLE at the field, naming the permission sets', () => {
    expect(permissionDiagnostics(withFields({ Asset: ['Price'] }), permissions())).toEqual([
      {
        code: 'FIELD_NOT_READABLE',
        severity: 'warning',
        path: '/objects/Asset/fields/5',
        message:
          'Tess Fielding cannot read Asset.Price: none of their permission sets (profile Field Technician, Field_Technician) grants Read on it, so their devices leave it out of Asset',
      },
    ]);
  });

  it('a read-only field on a readWrite object: FIELD_NOT_EDITABLE (none on read-only objects)', () => {
    expect(permissionDiagnostics(withFields({ WorkOrderLineItem: ['Discount'] }), permissions())).toEqual([
      {
        code: 'FIELD_NOT_EDITABLE',
        severity: 'warning',
        path: '/objects/WorkOrderLineItem/fields/4',
        message:
          'Tess Fielding cannot edit WorkOrderLineItem.Discount: none of their permission sets (profile Field Technician, Field_Technician) grants Edit on it, so a change they make to it is refused',
      },
    ]);
  });

  it('an object they cannot read or edit, for users grouped by the permission sets they share', () => {
    const noProducts: PermissionSetAccess = {
      ...technicianProfile,
      objects: { ...technicianProfile.objects, Product2: { read: false, edit: false } },
    };
    const orgPermissions = permissions({
      permissionSets: [noProducts],
      audience: [
        { name: 'Tess Fielding', permissionSets: [noProducts.name] },
        { name: 'Omar Iyer', permissionSets: [noProducts.name] },
      ],
    });
    expect(
      permissionDiagnostics(exampleScope(), orgPermissions).map((d) => [d.code, d.path, d.message]),
    ).toEqual([
      [
        'OBJECT_NOT_EDITABLE',
        '/objects/Contact/access',
        'Tess Fielding, Omar Iyer cannot edit Contact: none of their permission sets (profile Field Technician) grants Edit, so every change they make to Contact is refused',
      ],
      [
        'OBJECT_NOT_READABLE',
        '/objects/Product2',
        'Tess Fielding, Omar Iyer cannot read Product2: none of their permission sets (profile Field Technician) grants Read, so their devices get no Product2 records',
      ],
      [
        'OBJECT_NOT_EDITABLE',
        '/objects/WorkOrder/access',
        'Tess Fielding, Omar Iyer cannot edit WorkOrder: none of their permission sets (profile Field Technician) grants Edit, so every change they make to WorkOrder is refused',
      ],
      [
        'OBJECT_NOT_EDITABLE',
        '/objects/WorkOrderLineItem/access',
        'Tess Fielding, Omar Iyer cannot edit WorkOrderLineItem: none of their permission sets (profile Field Technician) grants Edit, so every change they make to WorkOrderLineItem is refused',
      ],
    ]);
  });

  it('Modify All Data, and fields no permission set mentions, are open; no permissions, no warnings', () => {
    const admin: PermissionSetAccess = {
      name: 'X00e_Admin',
      label: 'profile System Administrator',
      modifyAllData: true,
      objects: {},
      fields: {},
    };
    const scope = withFields({ Asset: ['Price'], WorkOrderLineItem: ['Discount'] });
    expect(
      permissionDiagnostics(
        scope,
        permissions({
          permissionSets: [admin],
          audience: [{ name: 'Ada Admin', permissionSets: [admin.name] }],
        }),
      ),
    ).toEqual([]);
    expect(permissionDiagnostics(scope, permissions({ governedFields: [] }))).toEqual([]);
    expect(compile(scope, { metadata }).diagnostics.filter((d) => PERMISSION_CODES.includes(d.code))).toEqual(
      [],
    );
  });
});
