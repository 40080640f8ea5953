/**
 * Extra objects and fields for the embedded org (`--metadata F`), read from a describe-shaped JSON file:
 * one describe, an array of them, or `{ "sobjects": [...] }` (the same shapes the compiler's
 * `--describe` reads). A describe saved from a real org works as is; a hand-written one may give only
 * `name` and `type` per field, the rest gets the defaults a real org reports. An object that already
 * exists (a standard object) gains the listed fields; a new object gets the system fields every custom
 * object has (Id, Name, OwnerId unless it is the detail of a master-detail, IsDeleted, audit fields).
 */

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type {
  ChildRelationship,
  FieldDescribe,
  FieldType,
  OrgMetadata,
  SObjectDescribe,
} from '../../compiler/org-metadata.ts';
import { auditFields, field, idField, ownerField, systemField, type BuiltField } from './describe-builder.ts';

const FIELD_TYPES: ReadonlySet<string> = new Set<FieldType>([
  'id',
  'reference',
  'string',
  'textarea',
  'picklist',
  'multipicklist',
  'email',
  'phone',
  'url',
  'boolean',
  'int',
  'double',
  'currency',
  'percent',
  'date',
  'datetime',
  'time',
  'base64',
  'address',
  'location',
]);

/** A problem in an extra-metadata document, with a JSON Pointer to where it is. */
export class MetadataError extends Error {
  constructor(
    readonly pointer: string,
    readonly detail: string,
    readonly source?: string,
  ) {
    super(`${source ? `${source}: ` : ''}${pointer || '/'}: ${detail}`);
    this.name = 'MetadataError';
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON documents in a file, or in the `*.json` files of a directory, with their file names. */
export function readMetadataDocuments(path: string): { source: string; json: unknown }[] {
  const documents: { source: string; json: unknown }[] = [];
  const read = (file: string): void => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new MetadataError('', `cannot read ${file}: ${(error as Error).message}`);
    }
    try {
      documents.push({ source: file, json: JSON.parse(text) });
    } catch (error) {
      throw new MetadataError('', `${file} is not valid JSON: ${(error as Error).message}`);
    }
  };
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    for (const name of readdirSync(path)
      .filter((n) => n.endsWith('.json'))
      .sort())
      read(join(path, name));
  } else {
    read(path);
  }
  return documents;
}

/** Reads a file (or a directory of `<Object>.json` files) and merges it into `base`. */
export function loadMetadataFile(path: string, base: OrgMetadata): OrgMetadata {
  let merged = base;
  for (const { source, json } of readMetadataDocuments(path)) {
    try {
      merged = mergeMetadata(merged, json);
    } catch (error) {
      if (error instanceof MetadataError) throw new MetadataError(error.pointer, error.detail, source);
      throw error;
    }
  }
  return merged;
}

/** The describes listed in `document`, with their JSON Pointers. */
function describesOf(document: unknown): { pointer: string; value: unknown }[] {
  if (Array.isArray(document)) return document.map((value, i) => ({ pointer: `/${i}`, value }));
  if (isObject(document) && Array.isArray(document.sobjects))
    return document.sobjects.map((value, i) => ({ pointer: `/sobjects/${i}`, value }));
  if (isObject(document)) return [{ pointer: '', value: document }];
  throw new MetadataError('', 'expected a describe object, an array of them or {"sobjects": [...]}');
}

/** Merges a describe-shaped document into `base` and re-derives every child relationship. */
export function mergeMetadata(base: OrgMetadata, document: unknown): OrgMetadata {
  const objects: Record<string, SObjectDescribe> = { ...base };
  const declaredChildren = new Map<string, ChildRelationship[]>();
  const cascadeByField = new Map<string, boolean>();
  const usedPrefixes = new Set(Object.values(base).map((d) => d.keyPrefix));
  for (const { pointer, value } of describesOf(document)) {
    if (!isObject(value)) throw new MetadataError(pointer, 'a describe must be an object');
    const name = value.name;
    if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name))
      throw new MetadataError(`${pointer}/name`, 'each describe needs a "name" (an sObject API name)');
    if (!Array.isArray(value.fields))
      throw new MetadataError(`${pointer}/fields`, `"${name}" needs a "fields" array`);
    const fields = value.fields.map((f, i) => parseField(f, `${pointer}/fields/${i}`));
    const existing = objects[name];
    if (existing) {
      const byName = new Map(existing.fields.map((f) => [f.name, f] as const));
      for (const f of fields) byName.set(f.describe.name, f.describe);
      objects[name] = { ...existing, fields: [...byName.values()] };
    } else {
      let keyPrefix = typeof value.keyPrefix === 'string' ? value.keyPrefix : '';
      if (!/^[0-9A-Za-z]{3}$/.test(keyPrefix)) keyPrefix = nextCustomPrefix(usedPrefixes);
      if (usedPrefixes.has(keyPrefix) && typeof value.keyPrefix === 'string')
        throw new MetadataError(`${pointer}/keyPrefix`, `key prefix ${keyPrefix} is already used`);
      usedPrefixes.add(keyPrefix);
      const custom = name.endsWith('__c');
      const label =
        typeof value.label === 'string' ? value.label : name.replace(/__c$/, '').replace(/_/g, ' ');
      objects[name] = {
        name,
        label,
        labelPlural: typeof value.labelPlural === 'string' ? value.labelPlural : `${label}s`,
        keyPrefix,
        custom: typeof value.custom === 'boolean' ? value.custom : custom,
        createable: value.createable !== false,
        updateable: value.updateable !== false,
        deletable: value.deletable !== false,
        queryable: true,
        fields: withSystemFields(fields).map((f) => f.describe),
        childRelationships: [],
      };
    }
    if (Array.isArray(value.childRelationships)) {
      const list = value.childRelationships.filter(isObject).map((r): ChildRelationship => ({
        childSObject: String(r.childSObject),
        field: String(r.field),
        relationshipName: typeof r.relationshipName === 'string' ? r.relationshipName : null,
        cascadeDelete: r.cascadeDelete === true,
      }));
      declaredChildren.set(name, list);
    }
    for (const f of fields) cascadeByField.set(`${name}.${f.describe.name}`, f.cascadeDelete);
  }
  return deriveChildRelationships(objects, declaredChildren, cascadeByField);
}

function nextCustomPrefix(used: Set<string>): string {
  for (let i = 0; i < 36 * 36; i++) {
    const prefix = `a${i.toString(36).padStart(2, '0')}`;
    if (!used.has(prefix)) return prefix;
  }
  throw new MetadataError('', 'no free key prefix left');
}

function parseField(value: unknown, pointer: string): BuiltField {
  if (!isObject(value)) throw new MetadataError(pointer, 'a field must be an object');
  const name = value.name;
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name))
    throw new MetadataError(`${pointer}/name`, 'each field needs a "name" (a field API name)');
  const type = value.type;
  if (typeof type !== 'string' || !FIELD_TYPES.has(type))
    throw new MetadataError(
      `${pointer}/type`,
      `field ${name} has type ${JSON.stringify(type)}; use one of ${[...FIELD_TYPES].join(', ')}`,
    );
  const referenceTo = Array.isArray(value.referenceTo) ? value.referenceTo.map(String) : [];
  if (type === 'reference' && referenceTo.length === 0)
    throw new MetadataError(`${pointer}/referenceTo`, `reference field ${name} needs "referenceTo"`);
  const built = field(name, type as FieldType, {
    referenceTo,
    ...(typeof value.relationshipName === 'string' || value.relationshipName === null
      ? { relationshipName: value.relationshipName as string | null }
      : {}),
    cascadeDelete: value.cascadeDelete === true,
  });
  // Properties given in the file win over the type's defaults.
  const given: Partial<Record<keyof FieldDescribe, unknown>> = {};
  for (const key of [
    'label',
    'length',
    'nillable',
    'createable',
    'updateable',
    'filterable',
    'sortable',
    'externalId',
    'unique',
    'custom',
    'indexed',
    'defaultedOnCreate',
    'calculated',
    'picklistValues',
    'precision',
    'scale',
  ] as const) {
    if (value[key] !== undefined) given[key] = value[key];
  }
  const describe = { ...built.describe, ...given } as FieldDescribe;
  const indexed = describe.indexed || describe.externalId || describe.unique;
  return { ...built, describe: { ...describe, indexed } };
}

function withSystemFields(fields: BuiltField[]): BuiltField[] {
  const names = new Set(fields.map((f) => f.describe.name));
  const isDetail = fields.some((f) => f.describe.type === 'reference' && f.cascadeDelete);
  const result: BuiltField[] = [];
  if (!names.has('Id')) result.push(idField());
  if (!names.has('OwnerId') && !isDetail) result.push(ownerField(['Group', 'User']));
  if (!names.has('IsDeleted')) result.push(systemField('IsDeleted', 'boolean', { label: 'Deleted' }));
  if (!names.has('Name')) result.push(field('Name', 'string', { length: 80, required: true, indexed: true }));
  result.push(...fields);
  for (const audit of auditFields({ isDeleted: false }))
    if (!names.has(audit.describe.name)) result.push(audit);
  return result;
}

function deriveChildRelationships(
  objects: Record<string, SObjectDescribe>,
  declared: Map<string, ChildRelationship[]>,
  cascadeByField: Map<string, boolean>,
): OrgMetadata {
  const lists = new Map<string, ChildRelationship[]>();
  for (const [name, describe] of Object.entries(objects)) lists.set(name, [...describe.childRelationships]);
  for (const [name, list] of declared) {
    const current = lists.get(name) ?? [];
    for (const rel of list) {
      const i = current.findIndex((r) => r.childSObject === rel.childSObject && r.field === rel.field);
      if (i >= 0) current[i] = rel;
      else current.push(rel);
    }
    lists.set(name, current);
  }
  for (const child of Object.values(objects)) {
    for (const f of child.fields) {
      if (f.type !== 'reference') continue;
      for (const parent of f.referenceTo) {
        const current = lists.get(parent);
        if (!current) continue;
        if (current.some((r) => r.childSObject === child.name && r.field === f.name)) continue;
        current.push({
          childSObject: child.name,
          field: f.name,
          relationshipName: f.custom ? `${child.labelPlural.replace(/[^A-Za-z0-9]/g, '_')}__r` : null,
          cascadeDelete: cascadeByField.get(`${child.name}.${f.name}`) ?? false,
        });
      }
    }
  }
  const result: Record<string, SObjectDescribe> = {};
  for (const [name, describe] of Object.entries(objects)) {
    const childRelationships = (lists.get(name) ?? []).sort(
      (a, b) => a.childSObject.localeCompare(b.childSObject) || a.field.localeCompare(b.field),
    );
    result[name] = { ...describe, childRelationships };
  }
  return result;
}
