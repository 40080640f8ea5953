/**
 * The scope as the compiler's passes see it: defaults applied, one-or-many paths made lists, each part
 * with its JSON Pointer. Built tolerantly from any input so semantic passes can run beside shape errors.
 */

import type { Access, ConflictPolicy, WatermarkField } from './plan.ts';
import { pointer } from './json-pointer.ts';
import { DEFAULT_API_VERSION } from './query-limits.ts';

export interface ModelPath {
  readonly kind: 'childOf' | 'referencedBy';
  readonly object: string;
  readonly field: string;
  readonly relationshipName?: string;
  /** Pointer of the path itself (`/objects/X/childOf` or `/objects/X/childOf/0`). */
  readonly pointer: string;
}

export interface ModelField {
  readonly name: string;
  readonly pointer: string;
}

export interface ModelObject {
  readonly name: string;
  readonly pointer: string;
  readonly fields: readonly ModelField[];
  readonly where?: string;
  /** True when `where` is present, even empty (an empty one is a shape error, not an unfiltered root). */
  readonly whereGiven: boolean;
  readonly orderBy?: string;
  readonly limit?: number;
  readonly paths: readonly ModelPath[];
  /** True when the scope declares childOf/referencedBy, even malformed ones (then it is no root). */
  readonly declaresPaths: boolean;
  readonly access: Access;
  readonly accessGiven: boolean;
  readonly conflict?: ConflictPolicy;
  readonly syncEveryMinutes?: number;
  readonly externalIdField?: string;
}

export interface ScopeModel {
  readonly name: string;
  readonly apiVersion: string;
  readonly watermarkField: WatermarkField;
  readonly watermarkFieldGiven: boolean;
  readonly overlapSeconds: number;
  readonly syncEveryMinutes: number;
  readonly parameters: ReadonlyMap<string, string>;
  readonly objects: readonly ModelObject[];
}

export const DEFAULTS = {
  apiVersion: DEFAULT_API_VERSION,
  watermarkField: 'LastModifiedDate',
  overlapSeconds: 60,
  syncEveryMinutes: 60,
} as const;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

function pathsOf(kind: 'childOf' | 'referencedBy', value: unknown, base: string): ModelPath[] {
  const list = Array.isArray(value)
    ? value.map((v, i) => [v, pointer(i)] as const)
    : value === undefined
      ? []
      : [[value, ''] as const];
  const out: ModelPath[] = [];
  for (const [item, suffix] of list) {
    if (!isRecord(item)) continue;
    const object = str(item.object);
    const field = str(item.field);
    if (object === undefined || field === undefined) continue;
    const relationshipName = str(item.relationshipName);
    out.push({
      kind,
      object,
      field,
      ...(relationshipName !== undefined ? { relationshipName } : {}),
      pointer: `${base}/${kind}${suffix}`,
    });
  }
  return out;
}

export function buildScopeModel(scope: unknown): ScopeModel {
  const root = isRecord(scope) ? scope : {};
  const watermark = root.watermarkField === 'SystemModstamp' ? 'SystemModstamp' : 'LastModifiedDate';
  const parameters = new Map<string, string>();
  if (isRecord(root.parameters)) {
    for (const [name, type] of Object.entries(root.parameters))
      if (typeof type === 'string') parameters.set(name, type);
  }
  const objects: ModelObject[] = [];
  if (isRecord(root.objects)) {
    for (const [name, raw] of Object.entries(root.objects)) {
      if (!isRecord(raw)) continue;
      const base = pointer('objects', name);
      const fields = Array.isArray(raw.fields)
        ? raw.fields.flatMap((f, i) =>
            typeof f === 'string' ? [{ name: f, pointer: `${base}/fields/${i}` }] : [],
          )
        : [];
      const access: Access = raw.access === 'readWrite' ? 'readWrite' : 'read';
      const conflict = ['clientWins', 'serverWins', 'manual'].includes(raw.conflict as string)
        ? (raw.conflict as ConflictPolicy)
        : undefined;
      // Empty strings are shape errors; the semantic passes treat them as absent.
      const where = str(raw.where)?.trim() || undefined;
      const orderBy = str(raw.orderBy)?.trim() || undefined;
      const limit = int(raw.limit);
      const every = int(raw.syncEveryMinutes);
      const externalIdField = str(raw.externalIdField);
      objects.push({
        name,
        pointer: base,
        fields,
        ...(where !== undefined ? { where } : {}),
        whereGiven: raw.where !== undefined,
        ...(orderBy !== undefined ? { orderBy } : {}),
        ...(limit !== undefined ? { limit } : {}),
        paths: [...pathsOf('childOf', raw.childOf, base), ...pathsOf('referencedBy', raw.referencedBy, base)],
        declaresPaths: raw.childOf !== undefined || raw.referencedBy !== undefined,
        access,
        accessGiven: raw.access !== undefined,
        ...(conflict !== undefined ? { conflict } : {}),
        ...(every !== undefined ? { syncEveryMinutes: every } : {}),
        ...(externalIdField !== undefined ? { externalIdField } : {}),
      });
    }
  }
  return {
    name: str(root.name) ?? '',
    apiVersion: str(root.apiVersion) ?? DEFAULTS.apiVersion,
    watermarkField: watermark,
    watermarkFieldGiven: root.watermarkField !== undefined,
    overlapSeconds: int(root.overlapSeconds) ?? DEFAULTS.overlapSeconds,
    syncEveryMinutes: int(root.syncEveryMinutes) ?? DEFAULTS.syncEveryMinutes,
    parameters,
    objects,
  };
}

/** The relationship name of a reference field by Salesforce's convention: AccountId -> Account, Foo__c -> Foo__r. */
export function conventionalRelationshipName(field: string): string | undefined {
  if (/__c$/i.test(field)) return `${field.slice(0, -3)}__r`;
  if (/[a-z0-9_]Id$/.test(field) && field.length > 2) return field.slice(0, -2);
  return undefined;
}
