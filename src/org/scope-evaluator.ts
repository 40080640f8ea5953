/**
 * Evaluates a compiled plan against an org for one user: which record Ids each object's scope selects,
 * how many records each path brings, and how many rows each template returns. This is what a device
 * would hold after a sync; preview, why and diff are built on it.
 *
 * It runs the plan's own templates (the Id-reconciliation union for "what is in scope", the path
 * templates for per-path counts), binding placeholders as a device does: `:userId` and parameters as
 * literals, `:parentIds` / `:ids` as chunks of the Ids already evaluated for the parent objects.
 */

import { composeQuery, parseQuery } from '@jetstreamapp/soql-parser-js';
import { MAX_IDS_PER_QUERY } from '../compiler/index.ts';
import type { PlanObject, PlanPath, QueryTemplate, SyncPlan } from '../compiler/plan.ts';
import { OrgServiceError } from './errors.ts';
import type { OrgClient, OrgRecord } from './org-client.ts';
import { bindSoql, idList, parameterLiteral, soqlString } from './soql-text.ts';

/** Ids per IN list: the compiler's, as the runtime chunks them (500 Ids keep a query URL under the limit). */
const ID_CHUNK_SIZE = MAX_IDS_PER_QUERY;

export interface Bindings {
  readonly userId: string;
  /** Values of the scope's declared parameters, by name. */
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
  /**
   * The user's record access: records they cannot read are not on their device, nor are the children
   * reached through them. Absent: the session's view (an admin's: everything).
   */
  readonly access?: RecordAccess;
}

/** What one user may read, as the org answers an admin about them (user-permissions.ts). */
export interface RecordAccess {
  canReadObject(object: string): boolean;
  /** True when every record of a readable object is readable (View All Data, Modify All Data). */
  readsEveryRecord(object: string): boolean;
  readable(ids: readonly string[]): Promise<ReadonlySet<string>>;
}

/** One bound statement a device would send for a template (one per chunk of parent Ids). */
export interface BoundQuery {
  readonly soql: string;
}

export class ScopeEvaluator {
  readonly #values: Readonly<Record<string, string>>;
  readonly #ids = new Map<string, Promise<string[]>>();
  readonly #referenced = new Map<string, Promise<string[]>>();
  readonly #access: RecordAccess | undefined;

  constructor(
    readonly org: OrgClient,
    readonly plan: SyncPlan,
    bindings: Bindings,
  ) {
    this.#values = bindingValues(plan, bindings);
    this.#access = bindings.access;
  }

  /** The user's access when it restricts `object` (undefined: the session sees what the user sees). */
  #restriction(object: string): RecordAccess | undefined {
    const access = this.#access;
    return access && !access.readsEveryRecord(object) ? access : undefined;
  }

  /** `ids` (in order) that the user can read. */
  async #readableOnly(object: string, ids: readonly string[]): Promise<string[]> {
    if (this.#access && !this.#access.canReadObject(object)) return [];
    const access = this.#restriction(object);
    if (!access || ids.length === 0) return [...ids];
    const readable = await access.readable(ids);
    return ids.filter((id) => readable.has(id));
  }

  planObject(name: string): PlanObject {
    const object = this.plan.objects.find((o) => o.name === name);
    if (!object) throw new Error(`${name} is not in the plan`);
    return object;
  }

  /** Ids of the records of `object` in scope (after limit), in the order the org returned them. */
  idsOf(object: string): Promise<string[]> {
    let pending = this.#ids.get(object);
    if (!pending) {
      pending = this.#evaluateIds(this.planObject(object));
      this.#ids.set(object, pending);
    }
    return pending;
  }

  /** Ids per object for the whole plan, in plan order. */
  async all(): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    for (const object of this.plan.objects) result.set(object.name, await this.idsOf(object.name));
    return result;
  }

  async #evaluateIds(object: PlanObject): Promise<string[]> {
    if (this.#access && !this.#access.canReadObject(object.name)) return [];
    // For a restricted user the limit applies to what they can read: select without it, filter, then cut.
    const restricted = this.#restriction(object.name) !== undefined && object.limit !== undefined;
    const seen = new Map<string, OrgRecord>();
    let statements = 0;
    for (const template of object.queries.ids) {
      for (const query of await this.bind(object, template)) {
        statements += 1;
        for (const record of await this.org.queryAll(restricted ? withoutLimit(query.soql) : query.soql)) {
          const id = String(record.Id);
          if (!seen.has(id)) seen.set(id, record);
        }
      }
    }
    const readable = new Set(await this.#readableOnly(object.name, [...seen.keys()]));
    for (const id of seen.keys()) if (!readable.has(id)) seen.delete(id);
    const ids = [...seen.keys()];
    if (object.limit === undefined || (statements <= 1 && !restricted)) return ids;
    // Several limited queries: merge their rows by the object's order and keep the first `limit`,
    // as the runtime does.
    const order = parseOrderBy(object.orderBy ?? 'Id');
    return [...seen.values()]
      .sort((a, b) => compareByOrder(a, b, order))
      .slice(0, object.limit)
      .map((r) => String(r.Id));
  }

  /**
   * The statements a device sends for `template`: one, or one per chunk of parent/referenced Ids (none
   * when there are no such Ids). `:watermark` is bound to `watermark` when given.
   */
  async bind(object: PlanObject, template: QueryTemplate, watermark?: string): Promise<BoundQuery[]> {
    const values: Record<string, string> = { ...this.#values };
    if (watermark !== undefined) values.watermark = watermark;
    const binds = template.binds;
    let chunkName: 'parentIds' | 'ids' | undefined;
    let chunkIds: string[] = [];
    if (binds.includes('parentIds') || binds.includes('ids')) {
      chunkName = binds.includes('parentIds') ? 'parentIds' : 'ids';
      chunkIds = await this.idSourceValues(object, template, chunkName);
    }
    const bindOne = (extra: Record<string, string>): BoundQuery => {
      try {
        return { soql: bindSoql(template.soql, { ...values, ...extra }) };
      } catch (error) {
        throw new OrgServiceError(
          'invalid',
          'MISSING_BINDING',
          `${object.name}: ${(error as Error).message}`,
        );
      }
    };
    if (!chunkName) return [bindOne({})];
    const size = template.idsPerQuery ?? ID_CHUNK_SIZE;
    const queries: BoundQuery[] = [];
    for (let i = 0; i < chunkIds.length; i += size) {
      queries.push(bindOne({ [chunkName]: idList(chunkIds.slice(i, i + size)) }));
    }
    return queries;
  }

  /**
   * The Ids a `:parentIds` / `:ids` template takes: its `idSource` (values of a field over another
   * object's scope) when the plan names one, else the path's: the parent's Ids for a childOf template,
   * the referenced Ids of the referencedBy paths for `:ids`.
   */
  async idSourceValues(
    object: PlanObject,
    template: QueryTemplate,
    name: 'parentIds' | 'ids',
  ): Promise<string[]> {
    if (template.idSource) {
      const { object: source, field } = template.idSource;
      return field === 'Id' ? this.idsOf(source) : this.referencedThrough(source, field);
    }
    return name === 'parentIds' ? this.idsOf(parentObjectOf(object, template)) : this.referencedIds(object);
  }

  /** Ids that in-scope records of the object's referencedBy paths point at. */
  referencedIds(object: PlanObject): Promise<string[]> {
    let pending = this.#referenced.get(object.name);
    if (!pending) {
      pending = (async () => {
        const seen = new Set<string>();
        for (const path of object.paths) {
          if (path.kind !== 'referencedBy') continue;
          for (const id of await this.referencedThrough(path.object, path.field)) seen.add(id);
        }
        return [...seen];
      })();
      this.#referenced.set(object.name, pending);
    }
    return pending;
  }

  /** Non-empty values of `field` on the in-scope records of `source`. */
  async referencedThrough(source: string, field: string): Promise<string[]> {
    const sourceIds = await this.idsOf(source);
    const seen = new Set<string>();
    for (let i = 0; i < sourceIds.length; i += ID_CHUNK_SIZE) {
      const chunk = sourceIds.slice(i, i + ID_CHUNK_SIZE);
      const records = await this.org.queryAll(`SELECT ${field} FROM ${source} WHERE Id IN ${idList(chunk)}`);
      for (const record of records) {
        const value = record[field];
        if (typeof value === 'string' && value !== '') seen.add(value);
      }
    }
    return [...seen];
  }

  /** How many records one path brings in on its own (own filter applied, before the object's limit). */
  async pathCount(object: PlanObject, path: PlanPath, ownWhere: string | undefined): Promise<number> {
    if (this.#access && !this.#access.canReadObject(object.name)) return 0;
    if (path.kind === 'root') {
      // A root object's one full template is its filter as the compiler rebuilt it: count that.
      const [only, ...more] = object.queries.full;
      if (only && more.length === 0 && !only.binds.includes('parentIds') && !only.binds.includes('ids')) {
        return this.#count(object.name, this.bindText(object.name, toCountQuery(only.soql)));
      }
      const where = ownWhere ? ` WHERE ${this.bindText(object.name, ownWhere)}` : '';
      return this.#count(object.name, `SELECT COUNT() FROM ${object.name}${where}`);
    }
    const template = path.kind === 'childOf' ? path.byParentIds : path.byIds;
    let chunkIds: string[];
    if (path.kind === 'childOf') chunkIds = await this.idsOf(path.object);
    else chunkIds = await this.referencedThrough(path.object, path.field);
    const chunkName = path.kind === 'childOf' ? 'parentIds' : 'ids';
    const countSoql = toCountQuery(template.soql);
    let total = 0;
    for (let i = 0; i < chunkIds.length; i += ID_CHUNK_SIZE) {
      const soql = bindSoql(countSoql, {
        ...this.#values,
        [chunkName]: idList(chunkIds.slice(i, i + ID_CHUNK_SIZE)),
      });
      total += await this.#count(object.name, soql);
    }
    return total;
  }

  /** Rows a bound query of `object` returns, counted with COUNT() (its LIMIT honoured). */
  async rowCount(query: BoundQuery, object?: string): Promise<number> {
    const limit = limitOf(query.soql);
    const count = await this.#count(object, toCountQuery(query.soql));
    return limit === undefined ? count : Math.min(count, limit);
  }

  /** A `SELECT COUNT()` as the user would get it: for a restricted user, their readable rows. */
  async #count(object: string | undefined, countSoql: string): Promise<number> {
    if (object === undefined || this.#access === undefined) return this.org.count(countSoql);
    if (!this.#access.canReadObject(object)) return 0;
    if (!this.#restriction(object)) return this.org.count(countSoql);
    const ids = (
      await this.org.queryAll(countSoql.replace(/^SELECT COUNT\(\) FROM /, 'SELECT Id FROM '))
    ).map((r) => String(r.Id));
    return (await this.#readableOnly(object, ids)).length;
  }

  /** A condition from the scope (`where`) with `:userId` and parameters bound. */
  bindText(objectName: string, condition: string): string {
    try {
      return bindSoql(condition, this.#values);
    } catch (error) {
      throw new OrgServiceError('invalid', 'MISSING_BINDING', `${objectName}: ${(error as Error).message}`);
    }
  }
}

/** Literal values for `:userId` and the declared parameters. */
function bindingValues(plan: SyncPlan, bindings: Bindings): Record<string, string> {
  // Null prototype and own-property reads: a parameter named `constructor` finds nothing it was not given.
  const values: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
    userId: soqlString(bindings.userId),
  });
  for (const [name, type] of Object.entries(plan.parameters)) {
    const given = bindings.parameters;
    const value = given && Object.hasOwn(given, name) ? given[name] : undefined;
    if (value === undefined) {
      throw new OrgServiceError(
        'invalid',
        'MISSING_PARAMETER',
        `the scope's parameter :${name} (${type}) needs a value`,
      );
    }
    try {
      values[name] = parameterLiteral(type, value);
    } catch (error) {
      throw new OrgServiceError(
        'invalid',
        'BAD_PARAMETER',
        `parameter :${name}: ${(error as Error).message}`,
      );
    }
  }
  return values;
}

/** `SELECT a, b FROM T WHERE ... ORDER BY ... LIMIT n` -> `SELECT COUNT() FROM T WHERE ...`. */
export function toCountQuery(soql: string): string {
  const query = parseQuery(soql, { allowApexBindVariables: true, ignoreParseErrors: false });
  query.fields = [
    { type: 'FieldFunctionExpression', functionName: 'COUNT', parameters: [], rawValue: 'COUNT()' },
  ];
  delete query.orderBy;
  delete query.limit;
  delete query.offset;
  return composeQuery(query);
}

/** The statement without its LIMIT (and OFFSET). */
function withoutLimit(soql: string): string {
  const query = parseQuery(soql, { allowApexBindVariables: true, ignoreParseErrors: false });
  if (query.limit === undefined && query.offset === undefined) return soql;
  delete query.limit;
  delete query.offset;
  return composeQuery(query);
}

function limitOf(soql: string): number | undefined {
  const query = parseQuery(soql, { allowApexBindVariables: true, ignoreParseErrors: false });
  return typeof query.limit === 'number' ? query.limit : undefined;
}

/** Which parent object's Ids a `<field> IN :parentIds` template takes: the childOf path with that field. */
export function parentObjectOf(object: PlanObject, template: QueryTemplate): string {
  const childOf = object.paths.filter((p) => p.kind === 'childOf');
  const field = placeholderField(template.soql, 'parentIds');
  const byField = childOf.find(
    (p) => p.field === field || (field !== undefined && field.endsWith(`.${p.field}`)),
  );
  if (byField) return byField.object;
  if (childOf.length === 1) return childOf[0]!.object;
  throw new Error(`${object.name}: cannot tell which parent :parentIds means in ${template.soql}`);
}

/** The left-hand field of the condition whose value is the placeholder `name`. */
function placeholderField(soql: string, name: string): string | undefined {
  const query = parseQuery(soql, { allowApexBindVariables: true, ignoreParseErrors: false });
  const visit = (node: unknown): string | undefined => {
    if (!node || typeof node !== 'object') return undefined;
    const record = node as Record<string, unknown>;
    if (
      record.literalType === 'APEX_BIND_VARIABLE' &&
      record.value === name &&
      typeof record.field === 'string'
    ) {
      return record.field;
    }
    return visit(record.left) ?? visit(record.right);
  };
  return visit(query.where);
}

interface OrderKey {
  readonly field: string;
  readonly descending: boolean;
  readonly nullsLast: boolean;
}

/** `StartDate DESC NULLS LAST, Name` -> keys, with Id appended as the final tie-breaker. */
export function parseOrderBy(orderBy: string): OrderKey[] {
  const keys = orderBy
    .split(',')
    .map((part) => part.trim().split(/\s+/))
    .filter((words) => words[0])
    .map((words) => {
      const upper = words.slice(1).map((w) => w.toUpperCase());
      return {
        field: words[0]!,
        descending: upper.includes('DESC'),
        // SOQL puts nulls first unless told otherwise.
        nullsLast: upper.join(' ').includes('NULLS LAST'),
      };
    });
  if (!keys.some((k) => k.field === 'Id')) keys.push({ field: 'Id', descending: false, nullsLast: false });
  return keys;
}

function compareByOrder(a: OrgRecord, b: OrgRecord, keys: readonly OrderKey[]): number {
  for (const key of keys) {
    const x = a[key.field];
    const y = b[key.field];
    if (x === y) continue;
    if (x === null || x === undefined) return key.nullsLast ? 1 : -1;
    if (y === null || y === undefined) return key.nullsLast ? -1 : 1;
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).toLowerCase() < String(y).toLowerCase()
          ? -1
          : String(x).toLowerCase() > String(y).toLowerCase()
            ? 1
            : 0;
    if (order !== 0) return key.descending ? -order : order;
  }
  return 0;
}
