/**
 * Semantic passes over the scope model (after the shape check): objects, fields, paths, upload policy,
 * parameters, and, with org metadata, what the org says about them. Each problem at its JSON Pointer.
 */

import type { OrderByClause } from '@jetstreamapp/soql-parser-js';
import { isOrderByField } from '@jetstreamapp/soql-parser-js';
import type { DiagnosticSink } from './diagnostics.ts';
import { pointer } from './json-pointer.ts';
import { describeObject, findField } from './metadata-lookup.ts';
import type { OrgMetadata } from './org-metadata.ts';
import type { ModelObject, ScopeModel } from './scope-model.ts';
import { conventionalRelationshipName } from './scope-model.ts';
import type { ParsedOrderBy } from './soql-condition.ts';
import { BUILTIN_PLACEHOLDERS, RESERVED_PLACEHOLDERS } from './where-checks.ts';

/** Record count above which an unfiltered or unindexed download is called out. */
export const BIG_OBJECT_RECORDS = 100_000;

export function checkObjectNames(model: ScopeModel, sink: DiagnosticSink): void {
  const seen = new Map<string, string>();
  for (const object of model.objects) {
    const lower = object.name.toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined)
      sink.add(
        'DUPLICATE_OBJECT',
        object.pointer,
        `${object.name} is already in the scope as ${first} (sObject names are case-insensitive)`,
      );
    else seen.set(lower, object.name);
  }
}

export function checkFields(
  object: ModelObject,
  metadata: OrgMetadata | undefined,
  sink: DiagnosticSink,
): void {
  const seen = new Map<string, string>();
  const describe = metadata ? describeObject(metadata, object.name) : undefined;
  for (const field of object.fields) {
    const lower = field.name.toLowerCase();
    if (seen.has(lower)) {
      sink.add(
        'DUPLICATE_FIELD',
        field.pointer,
        `${field.name} is listed twice (first at ${seen.get(lower)})`,
      );
      continue;
    }
    seen.set(lower, field.pointer);
    if (describe && !findField(describe, field.name))
      sink.add('UNKNOWN_FIELD', field.pointer, `${describe.name} has no field ${field.name}`);
  }
  if (object.externalIdField && describe) {
    const field = findField(describe, object.externalIdField);
    const at = `${object.pointer}/externalIdField`;
    if (!field) sink.add('UNKNOWN_FIELD', at, `${describe.name} has no field ${object.externalIdField}`);
    else if (!field.externalId)
      sink.add('NOT_EXTERNAL_ID', at, `${describe.name}.${field.name} is not an External ID field`);
  }
}

export function checkObjectInOrg(object: ModelObject, metadata: OrgMetadata, sink: DiagnosticSink): boolean {
  const describe = describeObject(metadata, object.name);
  if (!describe) {
    sink.add(
      'UNKNOWN_OBJECT',
      object.pointer,
      `the org has no object ${object.name} (or the describe does not include it)`,
    );
    return false;
  }
  if (!describe.queryable)
    sink.add('OBJECT_NOT_QUERYABLE', object.pointer, `${describe.name} cannot be queried`);
  if (object.access === 'readWrite' && !describe.createable && !describe.updateable)
    sink.add(
      'OBJECT_NOT_WRITABLE',
      `${object.pointer}/access`,
      `${describe.name} can be neither created nor updated: use access "read"`,
    );
  return true;
}

export function checkPaths(
  names: ReadonlySet<string>,
  object: ModelObject,
  metadata: OrgMetadata | undefined,
  sink: DiagnosticSink,
): void {
  const seen = new Set<string>();
  for (const path of object.paths) {
    const key = `${path.kind}|${path.object.toLowerCase()}|${path.field.toLowerCase()}`;
    if (seen.has(key)) {
      sink.add(
        'DUPLICATE_PATH',
        path.pointer,
        `the same ${path.kind} path (${path.object}.${path.field}) is listed twice`,
      );
      continue;
    }
    seen.add(key);
    if (!names.has(path.object)) {
      const near = [...names].find((n) => n.toLowerCase() === path.object.toLowerCase());
      sink.add(
        'PATH_OBJECT_NOT_IN_SCOPE',
        `${path.pointer}/object`,
        near
          ? `${path.object} is not in the scope; did you mean ${near}? (names must match exactly)`
          : `${path.object} is not in the scope: add it to "objects" or remove this path`,
      );
      continue;
    }
    // The reference field lives on this object (childOf) or on the other object (referencedBy).
    const holder = path.kind === 'childOf' ? object.name : path.object;
    const target = path.kind === 'childOf' ? path.object : object.name;
    const at = `${path.pointer}/field`;
    const describe = metadata ? describeObject(metadata, holder) : undefined;
    if (describe) {
      const field = findField(describe, path.field);
      if (!field) {
        sink.add('UNKNOWN_FIELD', at, `${describe.name} has no field ${path.field}`);
      } else if (
        field.type !== 'reference' ||
        !field.referenceTo.some((t) => t.toLowerCase() === target.toLowerCase())
      ) {
        sink.add(
          'PATH_NOT_REFERENCE',
          at,
          field.type !== 'reference'
            ? `${describe.name}.${field.name} is a ${field.type} field, not a reference to ${target}`
            : `${describe.name}.${field.name} refers to ${field.referenceTo.join(', ')}, not ${target}`,
        );
      } else if (path.kind === 'childOf') {
        const expected = path.relationshipName ?? conventionalRelationshipName(path.field);
        if (field.relationshipName && expected !== field.relationshipName)
          sink.add(
            'RELATIONSHIP_NAME_MISMATCH',
            at,
            `the relationship of ${describe.name}.${field.name} is ${field.relationshipName}: add "relationshipName": "${field.relationshipName}" to this path`,
          );
      }
    } else if (
      conventionalRelationshipName(path.field) === undefined &&
      path.relationshipName === undefined
    ) {
      sink.add(
        'PATH_NOT_REFERENCE',
        at,
        `${holder}.${path.field} is not a reference field: reference fields end in "Id" (AccountId) or "__c" (Site__c)`,
      );
    }
  }
}

export function checkUploadPolicy(object: ModelObject, sink: DiagnosticSink): void {
  if (object.conflict !== undefined && object.access !== 'readWrite')
    sink.add(
      'CONFLICT_ON_READ_ONLY',
      `${object.pointer}/conflict`,
      `"conflict" applies only to objects with "access": "readWrite"; ${object.name} is read-only`,
    );
  if (object.externalIdField !== undefined && object.access !== 'readWrite')
    sink.add(
      'EXTERNAL_ID_ON_READ_ONLY',
      `${object.pointer}/externalIdField`,
      `${object.name} is read-only: externalIdField is used only for uploads`,
    );
}

export function checkParameters(model: ScopeModel, used: ReadonlySet<string>, sink: DiagnosticSink): void {
  for (const name of model.parameters.keys()) {
    const at = pointer('parameters', name);
    if (
      (RESERVED_PLACEHOLDERS as readonly string[]).includes(name) ||
      (BUILTIN_PLACEHOLDERS as readonly string[]).includes(name)
    )
      sink.add('RESERVED_PARAMETER', at, `:${name} is provided by the runtime; choose another name`);
    else if (!used.has(name))
      sink.add('UNUSED_PARAMETER', at, `parameter ${name} is declared but no condition uses it`);
  }
}

export function checkOrderBy(
  object: ModelObject,
  parsed: ParsedOrderBy,
  metadata: OrgMetadata | undefined,
  sink: DiagnosticSink,
): OrderByClause[] | undefined {
  const at = `${object.pointer}/orderBy`;
  const describe = metadata ? describeObject(metadata, object.name) : undefined;
  let ok = true;
  let from = 0;
  for (const clause of parsed.orderBy) {
    const token = isOrderByField(clause)
      ? parsed.tokens
          .slice(from)
          .find((t) => t.kind === 'word' && t.text.toLowerCase() === clause.field.toLowerCase())
      : undefined;
    if (token) from = parsed.tokens.indexOf(token) + 1;
    const position = token ? { start: token.start, end: token.end } : { start: 0, end: parsed.text.length };
    if (!isOrderByField(clause) || clause.field.includes('.')) {
      ok = false;
      sink.add(
        'ORDER_BY_UNSUPPORTED',
        at,
        "orderBy takes this object's own fields only (no functions or parent fields), so devices can apply the same order",
        position,
      );
      continue;
    }
    if (describe) {
      const field = findField(describe, clause.field);
      if (!field) {
        ok = false;
        sink.add('UNKNOWN_FIELD', at, `${describe.name} has no field ${clause.field}`, position);
      } else if (!field.sortable) {
        ok = false;
        sink.add('FIELD_NOT_SORTABLE', at, `${describe.name}.${field.name} cannot be sorted`, position);
      }
    }
  }
  return ok ? [...parsed.orderBy] : undefined;
}
