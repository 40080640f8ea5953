/**
 * Small builders for describe metadata, so standard objects read like a field list and every field
 * gets the defaults a real org reports for its type (lengths, filterable/sortable, nillable, ...).
 */

import type {
  ChildRelationship,
  FieldDescribe,
  FieldType,
  OrgMetadata,
  SObjectDescribe,
} from '../../compiler/org-metadata.ts';

export interface FieldOptions {
  label?: string;
  length?: number;
  /** Required on create (`nillable: false` for a createable field). */
  required?: boolean;
  nillable?: boolean;
  createable?: boolean;
  updateable?: boolean;
  externalId?: boolean;
  unique?: boolean;
  indexed?: boolean;
  defaultedOnCreate?: boolean;
  calculated?: boolean;
  filterable?: boolean;
  sortable?: boolean;
  custom?: boolean;
  picklist?: readonly string[];
  precision?: number;
  scale?: number;
  /** Reference fields: the parent objects (several for polymorphic fields such as `OwnerId`). */
  referenceTo?: readonly string[];
  relationshipName?: string | null;
  /** Reference fields: the name of the parent's child relationship (`Contacts`), null if it has none. */
  childRelationship?: string | null;
  /** Reference fields: deleting the parent deletes the child (master-detail style). */
  cascadeDelete?: boolean;
}

/** A field plus how it shows up on its parents (not part of the describe field itself). */
export interface BuiltField {
  readonly describe: FieldDescribe;
  readonly childRelationship: string | null;
  readonly cascadeDelete: boolean;
}

const DEFAULT_LENGTH: Partial<Record<FieldType, number>> = {
  id: 18,
  reference: 18,
  string: 255,
  textarea: 255,
  picklist: 255,
  multipicklist: 4099,
  email: 80,
  phone: 40,
  url: 255,
  base64: 0,
};

function humanize(name: string): string {
  const bare = name.replace(/__c$/, '').replace(/Id$/, '');
  return bare.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
}

export function field(name: string, type: FieldType, options: FieldOptions = {}): BuiltField {
  const length = options.length ?? DEFAULT_LENGTH[type] ?? 0;
  const longText = type === 'textarea' && length > 255;
  const unsortable = longText || type === 'multipicklist' || type === 'base64' || type === 'address';
  const required = options.required ?? false;
  const nillable = options.nillable ?? (type === 'boolean' || type === 'id' ? false : !required);
  const isReference = type === 'reference';
  const describe: FieldDescribe = {
    name,
    label: options.label ?? (isReference ? `${humanize(name)} ID` : humanize(name)),
    type,
    length,
    referenceTo: options.referenceTo ?? [],
    relationshipName: isReference
      ? options.relationshipName === undefined
        ? name.endsWith('__c')
          ? name.replace(/__c$/, '__r')
          : name.replace(/Id$/, '')
        : options.relationshipName
      : null,
    nillable,
    createable: options.createable ?? true,
    updateable: options.updateable ?? true,
    filterable: options.filterable ?? !(longText || type === 'base64'),
    sortable: options.sortable ?? !unsortable,
    externalId: options.externalId ?? false,
    unique: options.unique ?? false,
    custom: options.custom ?? name.endsWith('__c'),
    indexed: options.indexed ?? (type === 'id' || isReference || options.externalId === true),
    defaultedOnCreate: options.defaultedOnCreate ?? type === 'boolean',
    calculated: options.calculated ?? false,
    ...(options.picklist
      ? { picklistValues: options.picklist.map((value) => ({ value, label: value, active: true })) }
      : {}),
    ...(options.precision !== undefined ? { precision: options.precision, scale: options.scale ?? 0 } : {}),
  };
  return {
    describe,
    childRelationship: options.childRelationship ?? null,
    cascadeDelete: options.cascadeDelete ?? false,
  };
}

/** A reference field; `to` is the parent object (or objects, for a polymorphic field). */
export function reference(
  name: string,
  to: string | readonly string[],
  options: FieldOptions = {},
): BuiltField {
  return field(name, 'reference', { ...options, referenceTo: typeof to === 'string' ? [to] : to });
}

/** Read-only system-maintained field (audit fields, auto-numbers, formulas). */
export function systemField(name: string, type: FieldType, options: FieldOptions = {}): BuiltField {
  return field(name, type, {
    nillable: false,
    createable: false,
    updateable: false,
    defaultedOnCreate: true,
    ...options,
  });
}

export function idField(): BuiltField {
  return systemField('Id', 'id', { label: `Record ID`, indexed: true, unique: false });
}

/** `IsDeleted`, `CreatedDate`, `CreatedById`, `LastModifiedDate`, `LastModifiedById`, `SystemModstamp`. */
export function auditFields(options: { isDeleted?: boolean } = {}): BuiltField[] {
  return [
    ...(options.isDeleted === false ? [] : [systemField('IsDeleted', 'boolean', { label: 'Deleted' })]),
    systemField('CreatedDate', 'datetime', { label: 'Created Date', indexed: true }),
    reference('CreatedById', 'User', {
      label: 'Created By ID',
      nillable: false,
      createable: false,
      updateable: false,
      defaultedOnCreate: true,
      relationshipName: 'CreatedBy',
    }),
    systemField('LastModifiedDate', 'datetime', { label: 'Last Modified Date', indexed: false }),
    reference('LastModifiedById', 'User', {
      label: 'Last Modified By ID',
      nillable: false,
      createable: false,
      updateable: false,
      defaultedOnCreate: true,
      relationshipName: 'LastModifiedBy',
    }),
    systemField('SystemModstamp', 'datetime', { label: 'System Modstamp', indexed: true }),
  ];
}

/** `OwnerId`: createable and updateable, defaulted to the running user. */
export function ownerField(to: readonly string[] = ['User']): BuiltField {
  return reference('OwnerId', to, {
    label: 'Owner ID',
    nillable: false,
    defaultedOnCreate: true,
    relationshipName: 'Owner',
    indexed: true,
  });
}

export interface ObjectDefinition {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom?: boolean;
  createable?: boolean;
  updateable?: boolean;
  deletable?: boolean;
  fields: readonly BuiltField[];
}

/** Builds every describe, deriving each parent's `childRelationships` from its children's references. */
export function buildMetadata(definitions: readonly ObjectDefinition[]): Record<string, SObjectDescribe> {
  const children = new Map<string, ChildRelationship[]>();
  for (const definition of definitions) {
    for (const built of definition.fields) {
      for (const parent of built.describe.referenceTo) {
        const list = children.get(parent) ?? [];
        list.push({
          childSObject: definition.name,
          field: built.describe.name,
          relationshipName: built.childRelationship,
          cascadeDelete: built.cascadeDelete,
        });
        children.set(parent, list);
      }
    }
  }
  const metadata: Record<string, SObjectDescribe> = {};
  for (const definition of definitions) {
    metadata[definition.name] = {
      name: definition.name,
      label: definition.label,
      labelPlural: definition.labelPlural,
      keyPrefix: definition.keyPrefix,
      custom: definition.custom ?? false,
      createable: definition.createable ?? true,
      updateable: definition.updateable ?? true,
      deletable: definition.deletable ?? true,
      queryable: true,
      fields: definition.fields.map((built) => built.describe),
      childRelationships: sortRelationships(children.get(definition.name) ?? []),
    };
  }
  return metadata;
}

function sortRelationships(list: ChildRelationship[]): ChildRelationship[] {
  return list.sort((a, b) => a.childSObject.localeCompare(b.childSObject) || a.field.localeCompare(b.field));
}

/** The field named `name` of `describe`, matched case-insensitively as Salesforce does. */
export function findField(describe: SObjectDescribe, name: string): FieldDescribe | undefined {
  const lower = name.toLowerCase();
  return describe.fields.find((f) => f.name.toLowerCase() === lower);
}

/** The object named `name`, matched case-insensitively. */
export function findObject(metadata: OrgMetadata, name: string): SObjectDescribe | undefined {
  const exact = metadata[name];
  if (exact) return exact;
  const lower = name.toLowerCase();
  return Object.values(metadata).find((d) => d.name.toLowerCase() === lower);
}
