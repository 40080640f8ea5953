/**
 * Syncing as the user: fields of the plan the session's user cannot read (field-level security) are left
 * out of that object's queries, so one hidden field never breaks a sync. What is left out is learned from
 * the describe of the user's own session (a field they cannot read is absent from it) and kept in store
 * meta, so later syncs leave it out before asking anything; the describe is asked again every sync for the
 * objects that have fields left out, and when the set changes (access granted, or revoked) that object is
 * downloaded again from scratch, so held records get the field's values, or lose them.
 */

import type { PlanObject, QueryTemplate, SyncPlan } from '../compiler/plan.ts';
import type { SalesforceApi } from './salesforce-api.ts';
import { emptyObjectState, type SyncStore } from './store/sync-store.ts';

/** Store meta key: per object, the plan fields left out of its queries (not readable by the user). */
export const FIELDS_LEFT_OUT_META = 'fieldsLeftOut';

export type FieldsLeftOut = Readonly<Record<string, readonly string[]>>;

/** The plan as this user can run it: readable fields only, and the objects that cannot run at all. */
export interface UserPlan {
  readonly plan: SyncPlan;
  readonly leftOut: FieldsLeftOut;
  /** Objects whose filter or sort order names a field the user cannot read, and why (for people). */
  readonly blocked: ReadonlyMap<string, string>;
}

/**
 * The fields of `object` the describe does not list, among those its queries name: the plan's own (not
 * through a relationship) and `alsoNamed` (fields left out before, a field an INVALID_FIELD answer named).
 */
export function unreadableFields(
  object: PlanObject,
  describedFields: readonly string[],
  alsoNamed: readonly string[] = [],
): string[] {
  const readable = new Set(describedFields.map((name) => name.toLowerCase()));
  const named = [...new Set([...object.fields, ...alsoNamed])];
  return named.filter((field) => !field.includes('.') && !readable.has(field.toLowerCase()));
}

/** The field an INVALID_FIELD answer names ("No such column 'Price' on entity 'Asset'"), if any. */
export function fieldNamedBy(message: string): string | undefined {
  return /No such column '(\w+)'/i.exec(message)?.[1];
}

/** The names of the fields the session's user can read, from their describe of `object`. */
export async function describedFieldNames(api: SalesforceApi, object: string): Promise<string[]> {
  const describe = await api.call<{ fields?: readonly { name: string }[] }>(
    { method: 'GET', url: `${api.base}/sobjects/${encodeURIComponent(object)}/describe` },
    `describe ${object}`,
  );
  return (describe.fields ?? []).map((field) => field.name);
}

/** The plan with `leftOut` applied: fields out of SELECT lists, objects filtering on them blocked. */
export function userPlan(plan: SyncPlan, leftOut: FieldsLeftOut): UserPlan {
  const blocked = new Map<string, string>();
  const applied: Record<string, readonly string[]> = {};
  const objects = plan.objects.map((object) => {
    const fields = leftOut[object.name] ?? [];
    if (fields.length === 0) return object;
    applied[object.name] = fields;
    const result = withoutFields(object, fields);
    if ('blockedBy' in result)
      blocked.set(
        object.name,
        `${object.name}: not synced: its filter or sort order names ${result.blockedBy}, which this user cannot read`,
      );
    return 'blockedBy' in result ? object : result;
  });
  return { plan: { ...plan, objects }, leftOut: applied, blocked };
}

/** `object` with `fields` out of every query's SELECT list, or the first one a filter or sort names. */
export function withoutFields(
  object: PlanObject,
  fields: readonly string[],
): PlanObject | { blockedBy: string } {
  const out = new Set(fields.map((field) => field.toLowerCase()));
  const templates = [
    ...object.queries.full,
    ...object.queries.delta,
    ...object.queries.ids,
    ...(object.queries.count ?? []),
    ...(object.queries.byIds ? [object.queries.byIds] : []),
    ...object.paths.flatMap((p) =>
      p.kind === 'childOf' ? [p.byParentIds] : p.kind === 'referencedBy' ? [p.byIds] : [],
    ),
  ];
  for (const template of templates) {
    const named = namedAfterSelect(template.soql, fields);
    if (named) return { blockedBy: named };
  }
  const strip = (template: QueryTemplate): QueryTemplate => ({
    ...template,
    soql: stripSelect(template.soql, out),
  });
  const union = (templates: readonly QueryTemplate[]) => templates.map(strip);
  const keep = (list: readonly string[] | undefined) => list?.filter((f) => !out.has(f.toLowerCase()));
  const fieldTypes = object.upload.fieldTypes
    ? Object.fromEntries(Object.entries(object.upload.fieldTypes).filter(([f]) => !out.has(f.toLowerCase())))
    : undefined;
  return {
    ...object,
    fields: object.fields.filter((f) => !out.has(f.toLowerCase())),
    upload: {
      ...object.upload,
      ...(object.upload.createableFields ? { createableFields: keep(object.upload.createableFields) } : {}),
      ...(object.upload.updateableFields ? { updateableFields: keep(object.upload.updateableFields) } : {}),
      ...(fieldTypes ? { fieldTypes } : {}),
    },
    paths: object.paths.map((p) =>
      p.kind === 'childOf'
        ? { ...p, byParentIds: strip(p.byParentIds) }
        : p.kind === 'referencedBy'
          ? { ...p, byIds: strip(p.byIds) }
          : p,
    ),
    queries: {
      ...object.queries,
      full: union(object.queries.full),
      delta: union(object.queries.delta),
      ids: union(object.queries.ids),
      ...(object.queries.count ? { count: union(object.queries.count) } : {}),
      ...(object.queries.byIds ? { byIds: strip(object.queries.byIds) } : {}),
    },
  };
}

/** Where the top-level SELECT list ends (the index of its ` FROM `), skipping parentheses. */
function selectEnd(soql: string): number {
  let depth = 0;
  for (let i = 0; i < soql.length; i++) {
    const c = soql[i];
    if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (depth === 0 && /^ FROM /i.test(soql.slice(i, i + 6))) return i;
  }
  return -1;
}

function stripSelect(soql: string, out: ReadonlySet<string>): string {
  const end = selectEnd(soql);
  if (!/^SELECT /i.test(soql) || end < 0) return soql;
  const list = soql
    .slice('SELECT '.length, end)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => !out.has(item.toLowerCase()));
  return `SELECT ${list.join(', ')}${soql.slice(end)}`;
}

/** The first of `fields` the query names after its SELECT list (filter, sort), outside string literals. */
function namedAfterSelect(soql: string, fields: readonly string[]): string | undefined {
  const end = selectEnd(soql);
  const rest = (end < 0 ? soql : soql.slice(end)).replace(/'(?:[^'\\]|\\.)*'/g, "''");
  return fields.find((field) => new RegExp(`(^|[^.\\w:])${field}(?![\\w])`, 'i').test(rest));
}

/**
 * Records a new left-out set for `object`. An object already downloaded with another set is downloaded
 * again from scratch (its records purged and its state reset, as a plan change does), in one transaction.
 * Returns whether it was reset.
 */
export function rememberLeftOut(store: SyncStore, object: PlanObject, fields: readonly string[]): boolean {
  return store.transaction(() => {
    const held = store.getMeta<FieldsLeftOut>(FIELDS_LEFT_OUT_META) ?? {};
    const before = [...(held[object.name] ?? [])].sort();
    const after = [...fields].sort();
    if (before.join() === after.join()) return false;
    const next: Record<string, readonly string[]> = { ...held };
    if (after.length > 0) next[object.name] = after;
    else delete next[object.name];
    store.setMeta(FIELDS_LEFT_OUT_META, next);
    const state = store.getObjectState(object.name);
    if (!state && store.listRecordIds(object.name).length === 0) return false;
    store.purgeObject(object.name);
    store.putObjectState(emptyObjectState(object.name, object.fingerprint));
    return true;
  });
}
