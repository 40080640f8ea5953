/**
 * Compiles a parsed SOQL query into SQLite statements:
 * - a snapshot statement returning the matching Ids in order (or their count for COUNT()),
 * - a page statement fetching the selected columns for a JSON array of those Ids, in that order,
 * - one statement per parent-to-child subquery, run for a page of parent Ids at a time,
 * plus the shape that turns result rows into REST records.
 */

import type { FieldType, Query, Subquery } from '@jetstreamapp/soql-parser-js';
import type { FieldDescribe, FieldType as DescribeType } from '../../compiler/org-metadata.ts';
import { compileAggregate, isAggregateQuery, type CompiledAggregate } from './aggregate-query.ts';
import { ApiError } from '../api-error.ts';
import { JoinScope } from './join-scope.ts';
import type { MetadataIndex, ObjectInfo } from './metadata-index.ts';
import type { SoqlErrors } from './soql-errors.ts';
import { quoteIdent } from './table-layout.ts';
import { buildWhereTreeOrThrow, type Fragment, WhereTranslator } from './where-translator.ts';

/** Salesforce's maximum OFFSET. */
export const MAX_OFFSET = 2000;
/** The largest LIMIT: Salesforce reads it as a Java int. */
export const MAX_LIMIT = 2_147_483_647;
/** FIELDS(ALL) and FIELDS(CUSTOM) need a LIMIT of at most 200. */
export const MAX_FIELDS_LIMIT = 200;
/** Salesforce allows up to 20 parent-to-child subqueries per query. */
export const MAX_SUBQUERIES = 20;

/** Where a value of the result row goes in the REST record. */
export type OutputNode =
  | {
      readonly kind: 'field';
      readonly key: string;
      /** Index of the value in the (raw) result row. */
      readonly column: number;
      readonly field: FieldDescribe;
      /** The record the field belongs to (for base64 fields, whose value is a URL). */
      readonly ownerType: string;
      readonly ownerIdColumn: number;
    }
  | {
      readonly kind: 'parent';
      readonly key: string;
      readonly type: string;
      /** For a polymorphic relationship: the record type by Id key prefix. */
      readonly typeByPrefix?: ReadonlyMap<string, string>;
      readonly idColumn: number;
      readonly children: OutputNode[];
    }
  | { readonly kind: 'subquery'; readonly key: string; readonly index: number };

export interface CompiledSubquery {
  /** The relationship name as the result key (`Contacts`). */
  readonly key: string;
  readonly childType: string;
  /**
   * Params: JSON array of parent Ids, ...whereParams, and when `windowed` the first row number per
   * parent (exclusive) and the last (inclusive). Row: parent Id, Id, the nodes' columns[, row number].
   */
  readonly sql: string;
  readonly whereParams: readonly unknown[];
  readonly offset: number;
  readonly limit: number | undefined;
  /** Whether the statement numbers rows per parent (for LIMIT / OFFSET). */
  readonly windowed: boolean;
  readonly nodes: readonly OutputNode[];
}

export interface CompiledQuery {
  readonly sObject: string;
  /** `records`: snapshot + pages; `count`: COUNT(); `aggregate`: AggregateResult rows. */
  readonly kind: 'records' | 'count' | 'aggregate';
  /** For `aggregate`: the statement and its result columns. */
  readonly aggregate?: CompiledAggregate;
  /** Returns the ordered Ids (one column) or, for COUNT(), one row with the count. */
  readonly snapshotSql: string;
  readonly snapshotParams: readonly unknown[];
  /** One param: a JSON array of Ids; returns rows (Id, then the nodes' columns) in that order. */
  readonly pageSql: string;
  readonly nodes: readonly OutputNode[];
  readonly subqueries: readonly CompiledSubquery[];
}

/** What the querying user may see: their describe, and the records of an object visible to them. */
export interface QueryAccess {
  readonly index: MetadataIndex;
  /** A SQL condition on `alias` (a row of `object`) true for the visible records; undefined: all are. */
  recordCondition(object: string, alias: string): string | undefined;
}

export interface CompileOptions {
  readonly scanAll: boolean;
  readonly now: Date;
  readonly userId: string;
  readonly access?: QueryAccess;
}

const TEXT_SORT: ReadonlySet<DescribeType> = new Set([
  'string',
  'textarea',
  'picklist',
  'multipicklist',
  'email',
  'phone',
  'url',
]);

/**
 * Collects SELECT columns and the output shape for one table scope. Rows are read raw (arrays), so
 * nodes refer to columns by index: `leading` fixed columns come first (the record Id at `idColumn`).
 */
class SelectList {
  readonly columns: string[] = [];
  readonly nodes: OutputNode[] = [];
  private readonly parentIdColumns = new Map<string, number>();

  constructor(
    private readonly leading: number,
    private readonly rootType: string,
    private readonly rootIdColumn: number,
    private readonly errors: SoqlErrors,
  ) {}

  private push(expression: string): number {
    this.columns.push(expression);
    return this.leading + this.columns.length - 1;
  }

  addField(scope: JoinScope, text: string): void {
    const resolved = scope.resolvePath(text);
    let level = this.nodes;
    let ownerType = this.rootType;
    let ownerIdColumn = this.rootIdColumn;
    for (const relationship of resolved.path) {
      let parent = level.find((n) => n.kind === 'parent' && n.key === relationship.name);
      if (!parent) {
        let idColumn = this.parentIdColumns.get(relationship.alias);
        if (idColumn === undefined) {
          idColumn = this.push(relationship.idSql);
          this.parentIdColumns.set(relationship.alias, idColumn);
        }
        parent = {
          kind: 'parent',
          key: relationship.name,
          type: relationship.object.name,
          ...(relationship.typeByPrefix ? { typeByPrefix: relationship.typeByPrefix } : {}),
          idColumn,
          children: [],
        };
        level.push(parent);
      } else if (parent.kind !== 'parent') {
        throw this.errors.malformed(`duplicate field selected: ${relationship.name}`, text);
      }
      level = parent.children;
      ownerType = parent.type;
      ownerIdColumn = parent.idColumn;
    }
    const key = resolved.field.name;
    if (level.some((n) => n.key === key))
      throw this.errors.malformed(`duplicate field selected: ${text}`, text);
    // base64 values are returned as a URL to the blob; only whether one is present is read.
    const expression = resolved.field.type === 'base64' ? `(${resolved.sql} IS NOT NULL)` : resolved.sql;
    const column = this.push(expression);
    level.push({ kind: 'field', key, column, field: resolved.field, ownerType, ownerIdColumn });
  }
}

export class QueryCompiler {
  private aliasCount = 0;
  /** The user's record visibility, for joins to parents (undefined: every record is visible). */
  private readonly visible: ((object: string, alias: string) => string | undefined) | undefined;

  constructor(
    private readonly index: MetadataIndex,
    private readonly errors: SoqlErrors,
    private readonly options: CompileOptions,
  ) {
    const access = options.access;
    this.visible = access ? (object, alias) => access.recordCondition(object, alias) : undefined;
  }

  compile(query: Query): CompiledQuery {
    const { errors } = this;
    const object = this.queryableObject(query.sObject ?? '');
    this.rejectUnsupported(query, true);
    const fields = this.expandFields(query.fields ?? [], object, query.limit);
    const isCount = fields.some(
      (f) =>
        f.type === 'FieldFunctionExpression' &&
        f.functionName.toUpperCase() === 'COUNT' &&
        f.parameters.length === 0,
    );
    if (isCount && fields.length !== 1)
      throw errors.malformed(
        'COUNT() must be the only element in the SELECT list of a query without GROUP BY.',
        'COUNT',
      );

    // The select list is checked first, as Salesforce reports the first bad name in the statement.
    const aggregateQuery = !isCount && isAggregateQuery(query);
    if (isCount && query.groupBy) throw errors.malformed('COUNT() cannot be used with GROUP BY.', 'GROUP');
    const { selectScope, select, subqueries } = this.selectList(
      object,
      isCount || aggregateQuery ? [] : fields,
      query.sObjectAlias,
    );

    // The snapshot: which Ids match, in which order.
    const filterScope = new JoinScope(object, 't0', errors, query.sObjectAlias, this.visible);
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (!this.options.scanAll) conditions.push('t0."IsDeleted" = 0');
    const visible = this.options.access?.recordCondition(object.name, 't0');
    if (visible) conditions.push(visible);
    if (query.usingScope) {
      const scope = query.usingScope.toLowerCase();
      if (scope === 'mine' && !object.field('OwnerId')) {
        throw errors.malformed(`USING SCOPE mine needs an owner: ${object.name} has no OwnerId.`, 'mine');
      } else if (scope === 'mine') {
        conditions.push('t0."OwnerId" = ?');
        params.push(this.options.userId);
      } else if (scope !== 'everything') {
        throw errors.malformed(
          `The syncscope emulator supports USING SCOPE mine and everything, not '${query.usingScope}'.`,
          query.usingScope,
        );
      }
    }
    if (query.where) {
      const where = this.translateWhere(query, filterScope);
      conditions.push(where.sql);
      params.push(...where.params);
    }
    const whereSql = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const offset = this.offset(query.offset);
    const limitSql = 'LIMIT ? OFFSET ?';
    const limitParams = [this.limit(query.limit) ?? -1, offset];
    const from = `FROM ${quoteIdent(object.name)} AS t0`;

    if (isCount) {
      if (query.orderBy) throw errors.malformed('ORDER BY is not allowed with COUNT()', 'ORDER');
      return {
        sObject: object.name,
        kind: 'count',
        snapshotSql: `SELECT COUNT(*) FROM (SELECT 1 ${from} ${filterScope.joinSql()} ${whereSql} ${limitSql})`,
        snapshotParams: [...params, ...limitParams],
        pageSql: '',
        nodes: [],
        subqueries: [],
      };
    }

    if (aggregateQuery) {
      const aggregate = compileAggregate(
        { ...query, fields },
        filterScope,
        errors,
        () => ({ sql: `${from} ${filterScope.joinSql()} ${whereSql}`, params }),
        limitParams,
      );
      return {
        sObject: object.name,
        kind: 'aggregate',
        aggregate,
        snapshotSql: '',
        snapshotParams: [],
        pageSql: '',
        nodes: [],
        subqueries: [],
      };
    }

    const orderSql = this.orderBy(query.orderBy, filterScope, 't0');
    const snapshotSql = `SELECT t0."Id" ${from} ${filterScope.joinSql()} ${whereSql} ORDER BY ${orderSql} ${limitSql}`;

    const columns = ['t0."Id" AS _id', ...select.columns].join(', ');
    const pageSql = `SELECT ${columns} FROM json_each(?) AS page JOIN ${quoteIdent(object.name)} AS t0 ON t0."Id" = page.value ${selectScope.joinSql()} ORDER BY page.key`;
    return {
      sObject: object.name,
      kind: 'records',
      snapshotSql,
      snapshotParams: [...params, ...limitParams],
      pageSql,
      nodes: select.nodes,
      subqueries,
    };
  }

  /** The page's columns and record shape (validating the SELECT list). */
  private selectList(
    object: ObjectInfo,
    fields: readonly FieldType[],
    fromAlias: string | undefined,
  ): { selectScope: JoinScope; select: SelectList; subqueries: CompiledSubquery[] } {
    const { errors } = this;
    const selectScope = new JoinScope(object, 't0', errors, fromAlias, this.visible);
    const select = new SelectList(1, object.name, 0, errors);
    const subqueries: CompiledSubquery[] = [];
    for (const field of fields) {
      switch (field.type) {
        case 'Field':
          if (field.alias) throw errors.unexpectedToken(field.alias);
          select.addField(selectScope, field.field);
          break;
        case 'FieldRelationship':
          select.addField(selectScope, field.rawValue ?? [...field.relationships, field.field].join('.'));
          break;
        case 'FieldSubquery': {
          if (subqueries.length >= MAX_SUBQUERIES)
            throw errors.malformed(`A query may have at most ${MAX_SUBQUERIES} subqueries.`);
          const sub = this.subquery(object, field.subquery, fromAlias);
          if (select.nodes.some((n) => n.key === sub.key))
            throw errors.malformed(`duplicate field selected: ${sub.key}`, sub.key);
          select.nodes.push({ kind: 'subquery', key: sub.key, index: subqueries.length });
          subqueries.push(sub);
          break;
        }
        case 'FieldFunctionExpression':
          throw errors.malformed(
            `The syncscope emulator does not support ${field.rawValue ?? field.functionName} in SELECT.`,
            field.functionName,
          );
        default:
          throw errors.malformed('The syncscope emulator does not support TYPEOF.', 'TYPEOF');
      }
    }
    return { selectScope, select, subqueries };
  }

  private queryableObject(name: string): ObjectInfo {
    const object = this.index.object(name);
    if (!object || !object.describe.queryable) throw this.errors.unsupportedType(name);
    return object;
  }

  /** FIELDS(ALL | STANDARD | CUSTOM) as the object's fields, skipping those also listed by name. */
  private expandFields(
    fields: readonly FieldType[],
    object: ObjectInfo,
    limit: number | undefined,
  ): FieldType[] {
    const listed = new Set(fields.flatMap((f) => (f.type === 'Field' ? [f.field.toLowerCase()] : [])));
    return fields.flatMap((f): FieldType[] => {
      if (f.type !== 'FieldFunctionExpression' || f.functionName.toUpperCase() !== 'FIELDS') return [f];
      const set = String(f.parameters[0] ?? '').toUpperCase();
      if (set !== 'ALL' && set !== 'STANDARD' && set !== 'CUSTOM')
        throw this.errors.malformed(`unexpected token: '${String(f.parameters[0] ?? '')}'`, 'FIELDS');
      if (set !== 'STANDARD' && (limit === undefined || limit > MAX_FIELDS_LIMIT))
        throw this.errors.malformed(
          `The SOQL FIELDS function must have a LIMIT of at most ${MAX_FIELDS_LIMIT}`,
          'FIELDS',
        );
      return object.describe.fields
        .filter((d) => set === 'ALL' || d.custom === (set === 'CUSTOM'))
        .filter((d) => !listed.has(d.name.toLowerCase()))
        .map((d) => ({ type: 'Field', field: d.name }));
    });
  }

  private rejectUnsupported(query: Query | Subquery, allowGroupBy = false): void {
    const { errors } = this;
    if (!allowGroupBy && (query.groupBy || query.having))
      throw errors.malformed('GROUP BY and HAVING are not allowed in a subquery.', 'GROUP');
    if (query.withDataCategory)
      throw errors.malformed('The syncscope emulator does not support WITH DATA CATEGORY.', 'DATA');
    if (query.for === 'UPDATE') throw errors.malformed('FOR UPDATE is only allowed in Apex.', 'UPDATE');
  }

  /**
   * LIMIT is a 32-bit count to Salesforce: a larger number is a malformed query (400), not a value to
   * hand SQLite, which takes 1e20 as a real and fails with "datatype mismatch" (a 500).
   */
  private limit(limit: number | undefined): number | undefined {
    if (limit === undefined || (Number.isSafeInteger(limit) && limit >= 0 && limit <= MAX_LIMIT))
      return limit;
    throw this.errors.malformed(
      `LIMIT must be a whole number from 0 to ${MAX_LIMIT}`,
      this.errors.at(String(limit)) ?? this.errors.at('LIMIT'),
    );
  }

  private offset(offset: number | undefined): number {
    if (offset === undefined) return 0;
    if (offset > MAX_OFFSET)
      throw new ApiError(400, 'NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
    return offset;
  }

  private translateWhere(query: Query | Subquery, scope: JoinScope): Fragment {
    const tree = buildWhereTreeOrThrow(query.where!, this.errors);
    return new WhereTranslator(scope, {
      index: this.index,
      errors: this.errors,
      now: this.options.now,
      scanAll: this.options.scanAll,
      ...(this.options.access ? { access: this.options.access, visible: this.visible } : {}),
      nextAlias: () => `s${++this.aliasCount}`,
    }).translate(tree);
  }

  /** ORDER BY with Salesforce's null placement (first for ASC, last for DESC) and Id as tie-breaker. */
  private orderBy(orderBy: Query['orderBy'], scope: JoinScope, alias: string): string {
    const clauses = orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
    const parts: string[] = [];
    for (const clause of clauses) {
      if (!('field' in clause) || clause.field === undefined)
        throw this.errors.malformed(
          'The syncscope emulator does not support functions in ORDER BY.',
          'ORDER',
        );
      const resolved = scope.resolvePath(clause.field);
      if (!resolved.field.sortable)
        throw this.errors.invalidField(
          `field '${resolved.field.name}' can not be sorted in a query call`,
          clause.field,
        );
      const direction = clause.order === 'DESC' ? 'DESC' : 'ASC';
      const nulls = clause.nulls ?? (direction === 'ASC' ? 'FIRST' : 'LAST');
      const collate = TEXT_SORT.has(resolved.field.type) ? ' COLLATE NOCASE' : '';
      parts.push(`${resolved.sql}${collate} ${direction} NULLS ${nulls}`);
    }
    parts.push(`${alias}."Id" ASC`);
    return parts.join(', ');
  }

  private subquery(parent: ObjectInfo, sub: Subquery, parentAlias: string | undefined): CompiledSubquery {
    const { errors } = this;
    const prefix = sub.sObjectPrefix ?? [];
    if (
      prefix.length > 1 ||
      (prefix.length === 1 &&
        prefix[0]?.toLowerCase() !== parent.name.toLowerCase() &&
        prefix[0]?.toLowerCase() !== parentAlias?.toLowerCase())
    )
      throw errors.badChildRelationship([...prefix, sub.relationshipName].join('.'));
    const link = parent.child(sub.relationshipName);
    if (!link) throw errors.badChildRelationship(sub.relationshipName);
    this.rejectUnsupported(sub);
    const alias = `k${++this.aliasCount}`;
    const scope = new JoinScope(link.child, alias, errors, sub.sObjectAlias, this.visible);
    // Row: parent Id, Id, selected columns..., row number.
    const select = new SelectList(2, link.child.name, 1, errors);
    for (const field of sub.fields ?? []) {
      if (field.type === 'Field') {
        if (field.alias) throw errors.unexpectedToken(field.alias);
        select.addField(scope, field.field);
      } else if (field.type === 'FieldRelationship') {
        select.addField(scope, field.rawValue ?? [...field.relationships, field.field].join('.'));
      } else {
        throw errors.malformed(
          'A parent-to-child subquery may select only fields and parent fields.',
          sub.relationshipName,
        );
      }
    }
    const conditions = [`${alias}.${quoteIdent(link.field.name)} IN (SELECT value FROM json_each(?))`];
    if (!this.options.scanAll) conditions.push(`${alias}."IsDeleted" = 0`);
    const visible = this.options.access?.recordCondition(link.child.name, alias);
    if (visible) conditions.push(visible);
    let whereParams: readonly unknown[] = [];
    if (sub.where) {
      const where = this.translateWhere(sub, scope);
      conditions.push(where.sql);
      whereParams = where.params;
    }
    const order = this.orderBy(sub.orderBy, scope, alias);
    const parentColumn = `${alias}.${quoteIdent(link.field.name)}`;
    const columns = [`${parentColumn} AS _parent`, `${alias}."Id" AS _id`, ...select.columns];
    const from = `FROM ${quoteIdent(link.child.name)} AS ${alias} ${scope.joinSql()} WHERE ${conditions.join(' AND ')}`;
    const offset = this.offset(sub.offset);
    this.limit(sub.limit);
    // LIMIT and OFFSET apply per parent record: number each parent's rows (a window) only when needed.
    const windowed = sub.limit !== undefined || offset > 0;
    const sql = windowed
      ? `SELECT * FROM (SELECT ${[...columns, `ROW_NUMBER() OVER (PARTITION BY ${parentColumn} ORDER BY ${order}) AS _rn`].join(', ')} ${from}) WHERE _rn > ? AND _rn <= ? ORDER BY _parent, _rn`
      : `SELECT ${columns.join(', ')} ${from} ORDER BY ${parentColumn}, ${order}`;
    return {
      key: link.relationship.relationshipName as string,
      childType: link.child.name,
      sql,
      whereParams,
      offset,
      limit: sub.limit,
      windowed,
      nodes: select.nodes,
    };
  }
}
