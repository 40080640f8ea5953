/** Lookups in describe-shaped org metadata, case-insensitive as Salesforce names are. */

import type { FieldDescribe, OrgMetadata, SObjectDescribe } from './org-metadata.ts';

export function describeObject(metadata: OrgMetadata, name: string): SObjectDescribe | undefined {
  const direct = metadata[name];
  if (direct) return direct;
  const lower = name.toLowerCase();
  return Object.values(metadata).find((d) => d.name.toLowerCase() === lower);
}

export function findField(describe: SObjectDescribe, name: string): FieldDescribe | undefined {
  const lower = name.toLowerCase();
  return describe.fields.find((f) => f.name.toLowerCase() === lower);
}

export type FieldResolution =
  | { kind: 'ok'; field: FieldDescribe; object: string }
  | { kind: 'unknownObject' }
  | { kind: 'unknownField'; object: string; field: string }
  /** A path through an object the metadata does not describe, or a polymorphic reference. */
  | { kind: 'unresolved' };

/** Resolves `Field` or a relationship path `Account.Owner.Name` from `object`. */
export function describeField(metadata: OrgMetadata, object: string, path: string): FieldResolution {
  let current = describeObject(metadata, object);
  if (!current) return { kind: 'unknownObject' };
  const parts = path.split('.');
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1) {
      const field = findField(current, part);
      return field
        ? { kind: 'ok', field, object: current.name }
        : { kind: 'unknownField', object: current.name, field: part };
    }
    const lower = part.toLowerCase();
    const reference = current.fields.find(
      (f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === lower,
    );
    if (!reference) return { kind: 'unknownField', object: current.name, field: part };
    if (reference.referenceTo.length !== 1) return { kind: 'unresolved' };
    const next = describeObject(metadata, reference.referenceTo[0] as string);
    if (!next) return { kind: 'unresolved' };
    current = next;
  }
  return { kind: 'unresolved' };
}
