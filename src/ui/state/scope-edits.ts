/**
 * Pure, immutable edits of a scope document. The document may be malformed (the raw JSON view accepts
 * anything that parses), so every edit reads defensively and changes only what it names; key order is kept
 * so the JSON view does not jump around.
 */
import { escapePointerToken } from '../../compiler/json-pointer.ts';
import { DEFAULT_API_VERSION } from '../../compiler/query-limits.ts';
import type { ChildOfPath, ReferencedByPath, ScopeObject, SyncScope } from '../../compiler/scope.ts';

export type PathKind = 'childOf' | 'referencedBy';
export type RelationshipPath = ChildOfPath | ReferencedByPath;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A new empty scope, valid except for having no objects. */
export function emptyScope(name = 'New scope'): SyncScope {
  return { scopeVersion: 1, name, apiVersion: DEFAULT_API_VERSION, syncEveryMinutes: 30, objects: {} };
}

/** The scope's objects as a record, whatever the document holds. */
export function objectsOf(scope: unknown): Readonly<Record<string, Partial<ScopeObject>>> {
  const objects = isRecord(scope) ? scope['objects'] : undefined;
  return isRecord(objects) ? (objects as Record<string, Partial<ScopeObject>>) : {};
}

/** Sets (or with `undefined` removes) a top-level property. */
export function setScopeProp(scope: unknown, key: string, value: unknown): SyncScope {
  const next: Json = { ...(isRecord(scope) ? scope : {}) };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next as unknown as SyncScope;
}

export function addObject(scope: unknown, name: string, init: ScopeObject = { fields: [] }): SyncScope {
  const objects = objectsOf(scope);
  if (name in objects) return scope as SyncScope;
  return setScopeProp(scope, 'objects', { ...objects, [name]: init });
}

/** Removes the object only: paths that point at it stay, so the compiler can show what now dangles. */
export function removeObject(scope: unknown, name: string): SyncScope {
  const objects = { ...objectsOf(scope) };
  delete objects[name];
  return setScopeProp(scope, 'objects', objects);
}

/** Sets (or with `undefined` removes) one property of one object. */
export function setObjectProp(scope: unknown, name: string, key: string, value: unknown): SyncScope {
  const objects = objectsOf(scope);
  const current: Json = { ...(isRecord(objects[name]) ? (objects[name] as Json) : {}) };
  if (value === undefined || value === '') delete current[key];
  else current[key] = value;
  return setScopeProp(scope, 'objects', { ...objects, [name]: current });
}

/** The object's `fields`, or [] when missing or malformed. */
export function fieldsOf(object: unknown): readonly string[] {
  const fields = isRecord(object) ? object['fields'] : undefined;
  return Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string') : [];
}

/** Adds or removes one field, keeping the others in their order. */
export function toggleField(scope: unknown, name: string, field: string, selected: boolean): SyncScope {
  const fields = fieldsOf(objectsOf(scope)[name]);
  const has = fields.includes(field);
  if (selected === has) return scope as SyncScope;
  return setObjectProp(
    scope,
    name,
    'fields',
    selected ? [...fields, field] : fields.filter((f) => f !== field),
  );
}

/** The object's paths of one kind, whether written as one object or an array. */
export function pathsOf(object: unknown, kind: PathKind): RelationshipPath[] {
  const raw = isRecord(object) ? object[kind] : undefined;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((p) => ({
    object: isRecord(p) && typeof p['object'] === 'string' ? p['object'] : '',
    field: isRecord(p) && typeof p['field'] === 'string' ? p['field'] : '',
  }));
}

/** True when the object writes `kind` as an array (pointers then carry an index). */
export function pathsAreArray(object: unknown, kind: PathKind): boolean {
  return isRecord(object) && Array.isArray(object[kind]);
}

/** The JSON Pointer of one path as the document is written now. */
export function pathPointer(name: string, object: unknown, kind: PathKind, index: number): string {
  const base = `/objects/${escapeSegment(name)}/${kind}`;
  return pathsAreArray(object, kind) ? `${base}/${index}` : base;
}

/**
 * Writes the paths of one kind: none removes the key; one is written as a single object unless the
 * document already used an array; more are an array.
 */
export function setPaths(
  scope: unknown,
  name: string,
  kind: PathKind,
  paths: readonly RelationshipPath[],
): SyncScope {
  const object = objectsOf(scope)[name];
  if (paths.length === 0) return setObjectProp(scope, name, kind, undefined);
  const value =
    paths.length === 1 && !pathsAreArray(object, kind) ? { ...paths[0] } : paths.map((p) => ({ ...p }));
  return setObjectProp(scope, name, kind, value);
}

/** A JSON Pointer token, escaped by the compiler's one JSON Pointer module. */
export const escapeSegment = escapePointerToken;
