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
}

/** One bound statement a device would send for a template (one per chunk of parent Ids). */
export interface BoundQuery {
  readonly soql: string;
}

export class ScopeEvaluator {
  readonly #values: Readonly<Record<string, string>>;
  readonly #ids = new Map<string, Promise<string[]>>();
  readonly #referenced = new Map<string, Promise<string[]>>();

  constructor(
    readonly org: OrgClient,
    readonly plan: SyncPlan,
    bindings: Bindings,
  ) {
    this.#values = bindingValues(plan, bindings);
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
    const seen = new Map<string, OrgRecord>();
    let statements = 0;
    for (const template of object.queries.ids) {
      for (const query of await this.bind(object, template)) {
        statements += 1;
        for (const record of await this.org.queryAll(query.soql)) {
          const id = String(record.Id);
          if (!seen.has(id)) seen.set(id, record);
        }
      }
    }
    const ids = [...seen.keys()];
    if (object.limit === undefined || statements <= 1) return ids;
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
    if (path.kind === 'root') {
      // A root object's one full template is its filter as the compiler rebuilt it: count that.
      const [only, ...more] = object.queries.full;
      if (only && more.length === 0 && !only.binds.includes('parentIds') && !only.binds.includes('ids')) {
        return this.org.count(this.bindText(object.name, toCountQuery(only.soql)));
      }
      const where = ownWhere ? ` WHERE ${this.bindText(object.name, ownWhere)}` : '';
      return this.org.count(`SELECT COUNT() FROM ${object.name}${where}`);
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
      total += await this.org.count(soql);
    }
    return total;
  }

  /** Rows a bound query returns, counted with COUNT() (its LIMIT honoured). */
  async rowCount(query: BoundQuery): Promise<number> {
    const limit = limitOf(query.soql);
    const count = await this.org.count(toCountQuery(query.soql));
    return limit === undefined ? count : Math.min(count, limit);
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
