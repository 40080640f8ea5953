/**
 * Aggregate SOQL (`SELECT Industry, COUNT(Id) total FROM Account GROUP BY Industry`): COUNT, COUNT_DISTINCT,
 * MIN, MAX, SUM and AVG, with or without GROUP BY on fields and parent paths. Results are
 * `AggregateResult` records: grouped fields under their field name, aggregates under their alias or
 * `expr0`, `expr1`, ... in SELECT order. HAVING, ROLLUP and CUBE are not supported.
 */

import type { FieldType as SelectItem, OrderByClause, Query } from '@jetstreamapp/soql-parser-js';
import type { FieldDescribe, FieldType } from '../../compiler/org-metadata.ts';
import type { JoinScope, ResolvedField } from './join-scope.ts';
import type { SoqlErrors } from './soql-errors.ts';
import { storedDatetimeToRest } from './soql-values.ts';

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'MIN', 'MAX', 'SUM', 'AVG']);
const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(['int', 'double', 'currency', 'percent']);
const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['string', 'picklist', 'email', 'phone', 'url']);

/** SOQL compares text case-insensitively: so do MIN, MAX, GROUP BY and ORDER BY. */
function comparable(resolved: ResolvedField): string {
  return TEXT_TYPES.has(resolved.field.type) ? `${resolved.sql} COLLATE NOCASE` : resolved.sql;
}

export interface AggregateColumn {
  readonly key: string;
  /** `count`: a number; otherwise formatted as a value of `field`. */
  readonly kind: 'count' | 'number' | 'value';
  readonly field: FieldDescribe;
}

export interface CompiledAggregate {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly columns: readonly AggregateColumn[];
}

export interface AggregateRecord {
  attributes: { type: 'AggregateResult' };
  [key: string]: unknown;
}

/** True when the SELECT list holds an aggregate function (other than the bare `COUNT()`). */
export function isAggregateQuery(query: Query): boolean {
  if (query.groupBy) return true;
  return (query.fields ?? []).some(
    (f) =>
      f.type === 'FieldFunctionExpression' &&
      AGGREGATES.has(f.functionName.toUpperCase()) &&
      f.parameters.length > 0,
  );
}

export function compileAggregate(
  query: Query,
  scope: JoinScope,
  errors: SoqlErrors,
  /** `FROM ... JOIN ... WHERE ...` is built by the caller after the select list resolved its joins. */
  fromWhere: () => { readonly sql: string; readonly params: readonly unknown[] },
  limitParams: readonly unknown[],
): CompiledAggregate {
  if (query.having) throw errors.malformed('The syncscope emulator does not support HAVING.', 'HAVING');
  const groups = (Array.isArray(query.groupBy) ? query.groupBy : query.groupBy ? [query.groupBy] : []).map(
    (clause) => {
      if (!('field' in clause))
        throw errors.malformed(
          'The syncscope emulator supports GROUP BY on fields only (no ROLLUP, CUBE or functions).',
          'GROUP',
        );
      const resolved = scope.resolvePath(clause.field);
      if (!resolved.field.filterable)
        throw errors.invalidField(
          `field '${resolved.field.name}' can not be grouped in a query call`,
          clause.field,
        );
      return resolved;
    },
  );
  const isGrouped = (resolved: ResolvedField): boolean => groups.some((g) => g.sql === resolved.sql);

  const expressions: string[] = [];
  const columns: AggregateColumn[] = [];
  let unnamed = 0;
  const aggregate = (
    name: string,
    path: string,
    text: string,
  ): { sql: string; column: Omit<AggregateColumn, 'key'> } => {
    const resolved = scope.resolvePath(path);
    const { field } = resolved;
    switch (name) {
      case 'COUNT':
        return { sql: `COUNT(${resolved.sql})`, column: { kind: 'count', field } };
      case 'COUNT_DISTINCT':
        return { sql: `COUNT(DISTINCT ${resolved.sql})`, column: { kind: 'count', field } };
      case 'SUM':
      case 'AVG':
        if (!NUMBER_TYPES.has(field.type))
          throw errors.malformed(`field ${field.name} does not support aggregate operator ${name}`, text);
        return { sql: `${name}(${resolved.sql})`, column: { kind: 'number', field } };
      default:
        if (field.type === 'boolean' || field.type === 'multipicklist' || field.type === 'textarea')
          throw errors.malformed(`field ${field.name} does not support aggregate operator ${name}`, text);
        return { sql: `${name}(${comparable(resolved)})`, column: { kind: 'value', field } };
    }
  };

  for (const item of query.fields ?? []) {
    const entry = selectItem(item);
    if (entry.kind === 'field') {
      const resolved = scope.resolvePath(entry.path);
      if (!isGrouped(resolved))
        throw errors.malformed(`Field must be grouped or aggregated: ${resolved.field.name}`, entry.path);
      expressions.push(resolved.sql);
      columns.push({ key: entry.alias ?? resolved.field.name, kind: 'value', field: resolved.field });
    } else if (entry.kind === 'aggregate') {
      const { sql, column } = aggregate(entry.name, entry.path, entry.text);
      expressions.push(sql);
      columns.push({ key: entry.alias ?? `expr${unnamed++}`, ...column });
    } else {
      throw errors.malformed(entry.message, entry.near);
    }
  }
  const keys = new Set<string>();
  for (const column of columns) {
    if (keys.has(column.key.toLowerCase()))
      throw errors.malformed(`duplicate alias: ${column.key}`, column.key);
    keys.add(column.key.toLowerCase());
  }

  const orderParts: string[] = [];
  const orderBy: OrderByClause[] = Array.isArray(query.orderBy)
    ? query.orderBy
    : query.orderBy
      ? [query.orderBy]
      : [];
  for (const clause of orderBy) {
    let sql: string;
    if ('field' in clause && clause.field !== undefined) {
      const resolved = scope.resolvePath(clause.field);
      if (!isGrouped(resolved))
        throw errors.malformed(
          `Ordered field must be grouped or aggregated: ${resolved.field.name}`,
          clause.field,
        );
      sql = comparable(resolved);
    } else if (
      'fn' in clause &&
      clause.fn.functionName &&
      AGGREGATES.has(clause.fn.functionName.toUpperCase())
    ) {
      const path = clause.fn.parameters?.[0];
      if (typeof path !== 'string')
        throw errors.malformed('The syncscope emulator does not support this ORDER BY expression.', 'ORDER');
      sql = aggregate(clause.fn.functionName.toUpperCase(), path, clause.fn.rawValue ?? path).sql;
    } else {
      throw errors.malformed('The syncscope emulator does not support this ORDER BY expression.', 'ORDER');
    }
    const direction = clause.order === 'DESC' ? 'DESC' : 'ASC';
    orderParts.push(`${sql} ${direction} NULLS ${clause.nulls ?? (direction === 'ASC' ? 'FIRST' : 'LAST')}`);
  }

  const body = fromWhere();
  const groupSql = groups.length > 0 ? `GROUP BY ${groups.map(comparable).join(', ')}` : '';
  const orderSql =
    orderParts.length > 0
      ? `ORDER BY ${orderParts.join(', ')}`
      : groups.length > 0
        ? `ORDER BY ${groups.map(comparable).join(', ')}`
        : '';
  return {
    sql: `SELECT ${expressions.join(', ')} ${body.sql} ${groupSql} ${orderSql} LIMIT ? OFFSET ?`,
    params: [...body.params, ...limitParams],
    columns,
  };
}

type SelectEntry =
  | { kind: 'field'; path: string; alias: string | undefined }
  | { kind: 'aggregate'; name: string; path: string; alias: string | undefined; text: string }
  | { kind: 'error'; message: string; near: string | undefined };

function selectItem(item: SelectItem): SelectEntry {
  switch (item.type) {
    case 'Field':
      return { kind: 'field', path: item.field, alias: item.alias };
    case 'FieldRelationship':
      return {
        kind: 'field',
        path: item.rawValue ?? [...item.relationships, item.field].join('.'),
        alias: 'alias' in item ? (item as { alias?: string }).alias : undefined,
      };
    case 'FieldFunctionExpression': {
      const name = item.functionName.toUpperCase();
      const path = item.parameters[0];
      if (!AGGREGATES.has(name) || item.parameters.length !== 1 || typeof path !== 'string')
        return {
          kind: 'error',
          message: `The syncscope emulator does not support ${item.rawValue ?? item.functionName} in an aggregate query.`,
          near: item.functionName,
        };
      return { kind: 'aggregate', name, path, alias: item.alias, text: item.rawValue ?? name };
    }
    default:
      return { kind: 'error', message: 'Subqueries are not allowed in an aggregate query.', near: 'SELECT' };
  }
}

/** One result row (values in column order) as an AggregateResult record. */
export function aggregateRecord(
  columns: readonly AggregateColumn[],
  row: readonly unknown[],
): AggregateRecord {
  const record: AggregateRecord = { attributes: { type: 'AggregateResult' } };
  columns.forEach((column, i) => {
    const value = row[i];
    if (value === null || value === undefined) record[column.key] = column.kind === 'count' ? 0 : null;
    else if (column.kind === 'count' || column.kind === 'number') record[column.key] = Number(value);
    else record[column.key] = formatValue(column.field, value);
  });
  return record;
}

function formatValue(field: FieldDescribe, value: unknown): unknown {
  if (field.type === 'boolean') return value === 1 || value === true;
  if (NUMBER_TYPES.has(field.type)) return Number(value);
  if (field.type === 'datetime') return storedDatetimeToRest(String(value));
  return value;
}
