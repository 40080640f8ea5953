/**
 * Translates a SOQL WHERE tree into a SQLite boolean expression with bound parameters. Values are never
 * concatenated into SQL; identifiers come from describe metadata only.
 *
 * SOQL is two-valued: a comparison with a null field is simply false, so `NOT (x = 'a')` and `x != 'a'`
 * both match records whose x is null. We keep SQL's NULLs from leaking through NOT with IFNULL.
 */

import type {
  ConditionWithValueQuery,
  FunctionExp,
  LiteralType,
  ValueQueryCondition,
  WhereClause,
} from '@jetstreamapp/soql-parser-js';
import type { FieldDescribe, FieldType } from '../../compiler/org-metadata.ts';
import { dateFunction } from './date-functions.ts';
import { relativeDateRange } from './date-literals.ts';
import { JoinScope, type ResolvedField } from './join-scope.ts';
import type { MetadataIndex } from './metadata-index.ts';
import type { SoqlErrors } from './soql-errors.ts';
import {
  datetimeLiteralToStored,
  decodeStringLiteral,
  isDateLiteral,
  normalizeId,
  StringEscapeError,
} from './soql-values.ts';
import { quoteIdent } from './table-layout.ts';
import { buildWhereTree, conditionsOf, WhereSyntaxError, type WhereNode } from './where-tree.ts';

export interface Fragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export interface TranslateContext {
  readonly index: MetadataIndex;
  readonly errors: SoqlErrors;
  readonly now: Date;
  readonly scanAll: boolean;
  /** The querying user's record visibility (a semi-join and parent paths see only what they can see). */
  readonly access?: { recordCondition(object: string, alias: string): string | undefined };
  readonly visible?: (object: string, alias: string) => string | undefined;
  /** A fresh table alias for a semi-join's inner select. */
  nextAlias(): string;
}

/**
 * Joins many terms with AND / OR in groups, so SQLite's expression depth (max 1000, and a flat
 * `a OR b OR c ...` nests one level per term) grows with the logarithm of the count, not the count.
 */
function joinBalanced(terms: readonly string[], operator: string): string {
  const GROUP = 64;
  if (terms.length <= GROUP) return `(${terms.join(operator)})`;
  const groups: string[] = [];
  for (let i = 0; i < terms.length; i += GROUP)
    groups.push(joinBalanced(terms.slice(i, i + GROUP), operator));
  return joinBalanced(groups, operator);
}

/** IN lists longer than this are bound as one JSON array. */
const INLINE_IN_LIMIT = 100;

/** Salesforce allows at most this many semi-joins and anti-joins in one WHERE clause. */
export const MAX_SEMI_JOINS = 2;

const TEXT_TYPES: ReadonlySet<FieldType> = new Set([
  'string',
  'textarea',
  'picklist',
  'multipicklist',
  'email',
  'phone',
  'url',
  'time',
  'base64',
  'address',
  'location',
]);
const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(['int', 'double', 'currency', 'percent']);

const TYPE_NAMES: Partial<Record<FieldType, string>> = {
  int: 'integer',
  double: 'double',
  currency: 'currency',
  percent: 'percent',
  boolean: 'boolean',
  date: 'date',
  datetime: 'dateTime',
};

/** A converted literal: one value, SQL NULL, or a day range for relative date literals. */
type Operand =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'null' }
  | { readonly kind: 'range'; readonly start: string; readonly end: string };

function isIdLike(field: FieldDescribe): boolean {
  return field.type === 'id' || field.type === 'reference';
}

/** Text comparisons in SOQL are case-insensitive; Ids are compared exactly (after 15 -> 18 conversion). */
function collation(field: FieldDescribe): string {
  return TEXT_TYPES.has(field.type) ? ' COLLATE NOCASE' : '';
}

/** Null test; for text, an empty string written around the record store counts as null too. */
function isNullSql(col: string, field: FieldDescribe): string {
  return TEXT_TYPES.has(field.type) || isIdLike(field) ? `(${col} IS NULL OR ${col} = '')` : `${col} IS NULL`;
}

/** SQL function (registered by the engine) lower-casing text with Unicode rules. */
export const UNICODE_LOWER_FUNCTION = 'soql_lower';

/**
 * How to compare a text column with `values`. SQLite's NOCASE (which indexes can serve) folds ASCII
 * only; when a value has other letters (`'Émile'`) both sides are lower-cased with Unicode rules.
 */
function textComparison(
  col: string,
  field: FieldDescribe,
  values: readonly unknown[],
): { col: string; collate: string; values: readonly unknown[] } {
  const unicode =
    TEXT_TYPES.has(field.type) && values.some((v) => typeof v === 'string' && /[\u0080-\uffff]/.test(v));
  if (!unicode) return { col, collate: collation(field), values };
  return {
    col: `${UNICODE_LOWER_FUNCTION}(${col})`,
    collate: '',
    values: values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)),
  };
}

export function isSemiJoin(condition: ConditionWithValueQuery): condition is ValueQueryCondition {
  return 'valueQuery' in condition && condition.valueQuery !== undefined;
}

export class WhereTranslator {
  constructor(
    private readonly scope: JoinScope,
    private readonly ctx: TranslateContext,
    /** True inside a semi-join's own WHERE, where another semi-join is not allowed. */
    private readonly insideSemiJoin = false,
  ) {}

  translate(tree: WhereNode): Fragment {
    this.checkSemiJoins(tree);
    return this.node(tree);
  }

  private checkSemiJoins(tree: WhereNode): void {
    const semiJoins = conditionsOf(tree).filter((c) => isSemiJoin(c.condition));
    if (semiJoins.length === 0) return;
    const { errors } = this.ctx;
    if (this.insideSemiJoin)
      throw errors.malformed('Nesting of semi join sub-selects is not supported', 'SELECT');
    if (semiJoins.some((c) => !c.topLevel))
      throw errors.malformed(
        'Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions.',
      );
    if (semiJoins.length > MAX_SEMI_JOINS)
      throw errors.malformed(`Maximum ${MAX_SEMI_JOINS} semi join sub-selects are allowed`);
  }

  private node(node: WhereNode): Fragment {
    switch (node.kind) {
      case 'and':
      case 'or': {
        const parts = node.children.map((child) => this.node(child));
        return {
          sql: joinBalanced(
            parts.map((p) => p.sql),
            node.kind === 'and' ? ' AND ' : ' OR ',
          ),
          params: parts.flatMap((p) => p.params),
        };
      }
      case 'not': {
        const inner = this.node(node.child);
        return { sql: `(NOT IFNULL(${inner.sql}, 0))`, params: inner.params };
      }
      case 'condition':
        return this.condition(node.condition);
    }
  }

  private condition(condition: ConditionWithValueQuery): Fragment {
    const { errors } = this.ctx;
    let resolved: ResolvedField;
    if (!('field' in condition)) {
      if (!('fn' in condition)) throw errors.unexpectedToken('NOT');
      resolved = this.dateFunction(condition.fn);
    } else {
      if (isSemiJoin(condition)) return this.semiJoin(condition);
      resolved = this.scope.resolvePath(condition.field);
      if (!resolved.field.filterable)
        throw errors.invalidField(
          `field '${resolved.field.name}' can not be filtered in query call`,
          condition.field,
        );
    }
    const { field } = resolved;
    const fieldText = 'field' in condition ? condition.field : (condition.fn.rawValue ?? field.name);
    const listOperator = ['IN', 'NOT IN', 'INCLUDES', 'EXCLUDES'].includes(condition.operator.toUpperCase());
    // `Name IN 'x'` parses, but SOQL wants a parenthesized list.
    if (listOperator && !Array.isArray(condition.value))
      throw errors.unexpectedToken(String(condition.value));
    const values = Array.isArray(condition.value) ? condition.value : [condition.value];
    const literalType = condition.literalType;
    const types: (LiteralType | undefined)[] = Array.isArray(literalType)
      ? literalType
      : values.map(() => literalType);
    const operands = values.map((value, i) =>
      this.operand(resolved, types[i] ?? 'STRING', String(value), condition.operator),
    );
    const col = resolved.sql;
    const operator = condition.operator.toUpperCase();
    switch (operator) {
      case '=':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=':
        return this.compare(operator, col, field, operands[0] as Operand);
      case 'LIKE': {
        if (!TEXT_TYPES.has(field.type) || field.type === 'multipicklist')
          throw errors.filterOperator(
            `invalid operator on field '${field.name}': LIKE applies to text fields only`,
            fieldText,
          );
        const operand = operands[0] as Operand;
        if (operand.kind !== 'value') return { sql: '0', params: [] };
        const text = textComparison(col, field, [operand.value]);
        return { sql: `${text.col} LIKE ? ESCAPE '\\'`, params: text.values };
      }
      case 'IN':
      case 'NOT IN': {
        const inList = this.inList(col, field, operands);
        if (operator === 'IN') return inList;
        return { sql: `(NOT IFNULL(${inList.sql}, 0))`, params: inList.params };
      }
      case 'INCLUDES':
      case 'EXCLUDES': {
        if (field.type !== 'multipicklist')
          throw errors.filterOperator(
            'includes or excludes operator only valid on multipicklist field',
            fieldText,
          );
        const includes = this.includes(col, operands);
        if (operator === 'INCLUDES') return includes;
        return { sql: `(NOT IFNULL(${includes.sql}, 0))`, params: includes.params };
      }
      default:
        throw errors.unexpectedToken(condition.operator);
    }
  }

  /** `CALENDAR_YEAR(CreatedDate)` and the like, as a pseudo-field of type int (or date for DAY_ONLY). */
  private dateFunction(fn: FunctionExp): ResolvedField {
    const { errors } = this.ctx;
    const name = fn.functionName ?? '';
    const definition = dateFunction(name);
    const path = fn.parameters?.[0];
    const unsupported = !definition ? name : typeof path !== 'string' ? path?.functionName : undefined;
    if (!definition || fn.parameters?.length !== 1 || typeof path !== 'string')
      throw errors.malformed(
        `The syncscope emulator does not support the function ${unsupported ?? name}() in WHERE.`,
        unsupported ?? name,
      );
    const inner = this.scope.resolvePath(path);
    const type = inner.field.type;
    if (type !== 'datetime' && !(type === 'date' && definition.onDate))
      throw errors.invalidField(
        `${name.toUpperCase()} can only be used with ${definition.onDate ? 'date or dateTime' : 'dateTime'} fields, not '${inner.field.name}'`,
        path,
      );
    return {
      ...inner,
      sql: definition.sql(inner.sql),
      field: { ...inner.field, name: fn.rawValue ?? `${name}(${inner.field.name})`, type: definition.result },
    };
  }

  /** Converts one literal for `field`, with Salesforce's type-mismatch errors. */
  private operand(resolved: ResolvedField, literalType: LiteralType, raw: string, operator: string): Operand {
    const { errors, now } = this.ctx;
    const { field } = resolved;
    if (literalType === 'NULL') return { kind: 'null' };
    const typeName = TYPE_NAMES[field.type];
    const mismatch = (): Error =>
      TEXT_TYPES.has(field.type) || isIdLike(field)
        ? errors.invalidField(
            `value of filter criterion for field '${field.name}' must be of type string and should be enclosed in quotes`,
            raw,
          )
        : errors.invalidField(
            `value of filter criterion for field '${field.name}' must be of type ${typeName ?? field.type} and should not be enclosed in quotes`,
            raw,
          );
    if (literalType === 'APEX_BIND_VARIABLE')
      throw errors.malformed('Bind variables only allowed in Apex code', `:${raw}`);
    if (literalType === 'STRING') {
      if (!TEXT_TYPES.has(field.type) && !isIdLike(field)) throw mismatch();
      let text: string;
      try {
        text = decodeStringLiteral(raw, operator.toUpperCase() === 'LIKE');
      } catch (error) {
        if (error instanceof StringEscapeError)
          throw errors.malformed(`Invalid string literal ${raw}. ${error.message}`, raw);
        throw error;
      }
      // Salesforce stores no empty strings: '' means null (outside LIKE).
      if (text === '' && operator.toUpperCase() !== 'LIKE') return { kind: 'null' };
      if (isIdLike(field)) {
        const id = normalizeId(text);
        if (id === undefined) throw errors.filterOperator(`invalid ID field: ${text}`, raw);
        return { kind: 'value', value: id };
      }
      return { kind: 'value', value: text };
    }
    if (TEXT_TYPES.has(field.type) || isIdLike(field)) throw mismatch();
    switch (literalType) {
      case 'BOOLEAN':
        if (field.type !== 'boolean') throw mismatch();
        return { kind: 'value', value: raw.toUpperCase() === 'TRUE' ? 1 : 0 };
      case 'INTEGER':
      case 'DECIMAL':
      case 'INTEGER_WITH_CURRENCY_PREFIX':
      case 'DECIMAL_WITH_CURRENCY_PREFIX': {
        if (!NUMBER_TYPES.has(field.type)) throw mismatch();
        const number = Number(raw.replace(/^[A-Za-z]{3}/, ''));
        if (!Number.isFinite(number)) throw mismatch();
        return { kind: 'value', value: number };
      }
      case 'DATE':
        if (field.type !== 'date') throw mismatch();
        if (!isDateLiteral(raw)) throw errors.malformed(`unexpected token: '${raw}'`, raw);
        return { kind: 'value', value: raw };
      case 'DATETIME': {
        if (field.type !== 'datetime') throw mismatch();
        const stored = datetimeLiteralToStored(raw);
        if (stored === undefined) throw errors.malformed(`unexpected token: '${raw}'`, raw);
        return { kind: 'value', value: stored };
      }
      case 'DATE_LITERAL':
      case 'DATE_N_LITERAL': {
        if (field.type !== 'date' && field.type !== 'datetime') throw mismatch();
        const [name, n] = raw.split(':');
        const range = relativeDateRange(name as string, n === undefined ? undefined : Number(n), now);
        if (!range) throw errors.malformed(`unexpected token: '${raw}'`, raw);
        if (field.type === 'date') return { kind: 'range', ...range };
        return {
          kind: 'range',
          start: `${range.start}T00:00:00.000Z`,
          end: `${range.end}T00:00:00.000Z`,
        };
      }
      default:
        throw mismatch();
    }
  }

  private compare(operator: string, column: string, field: FieldDescribe, operand: Operand): Fragment {
    const col = column;
    if (operand.kind === 'null') {
      if (operator === '=') return { sql: isNullSql(col, field), params: [] };
      if (operator === '!=') return { sql: `(NOT ${isNullSql(col, field)})`, params: [] };
      return { sql: '0', params: [] };
    }
    if (operand.kind === 'range') {
      const { start, end } = operand;
      switch (operator) {
        case '=':
          return { sql: `(${col} >= ? AND ${col} < ?)`, params: [start, end] };
        case '!=':
          return { sql: `(${col} IS NULL OR ${col} < ? OR ${col} >= ?)`, params: [start, end] };
        case '<':
          return { sql: `${col} < ?`, params: [start] };
        case '<=':
          return { sql: `${col} < ?`, params: [end] };
        case '>':
          return { sql: `${col} >= ?`, params: [end] };
        default:
          return { sql: `${col} >= ?`, params: [start] };
      }
    }
    const text = textComparison(col, field, [operand.value]);
    if (operator === '!=')
      return { sql: `(${col} IS NULL OR ${text.col} <> ?${text.collate})`, params: text.values };
    return { sql: `${text.col} ${operator} ?${text.collate}`, params: text.values };
  }

  private inList(col: string, field: FieldDescribe, operands: readonly Operand[]): Fragment {
    const text = textComparison(
      col,
      field,
      operands.filter((o) => o.kind === 'value').map((o) => o.value),
    );
    const values = text.values;
    const parts: Fragment[] = [];
    // Long lists go in as one JSON parameter: SQLite limits the number of bound variables.
    if (values.length > INLINE_IN_LIMIT)
      parts.push({
        sql: `${text.col}${text.collate} IN (SELECT value FROM json_each(?))`,
        params: [JSON.stringify(values)],
      });
    else if (values.length > 0)
      parts.push({
        sql: `${text.col}${text.collate} IN (${values.map(() => '?').join(', ')})`,
        params: values,
      });
    if (operands.some((o) => o.kind === 'null')) parts.push({ sql: isNullSql(col, field), params: [] });
    for (const o of operands) if (o.kind === 'range') parts.push(this.compare('=', col, field, o));
    if (parts.length === 1) return parts[0] as Fragment;
    return {
      sql: `(${parts.map((p) => p.sql).join(' OR ')})`,
      params: parts.flatMap((p) => p.params),
    };
  }

  /** `INCLUDES ('a;b', 'c')`: has both a and b, or has c (multipicklist values are stored `;`-joined). */
  private includes(col: string, operands: readonly Operand[]): Fragment {
    const alternatives: Fragment[] = [];
    for (const operand of operands) {
      if (operand.kind !== 'value') continue;
      const parts = String(operand.value)
        .split(';')
        .map((p) => p.trim().toLowerCase())
        .filter((p) => p.length > 0);
      if (parts.length === 0) continue;
      alternatives.push({
        sql: `(${parts.map(() => `instr(';' || lower(${col}) || ';', ?) > 0`).join(' AND ')})`,
        params: parts.map((p) => `;${p};`),
      });
    }
    if (alternatives.length === 0) return { sql: '0', params: [] };
    return {
      sql: `(${alternatives.map((a) => a.sql).join(' OR ')})`,
      params: alternatives.flatMap((a) => a.params),
    };
  }

  /** `X IN (SELECT Y FROM Child WHERE ...)` and its NOT IN anti-join. */
  private semiJoin(condition: ValueQueryCondition): Fragment {
    const { errors, index } = this.ctx;
    const operator = condition.operator.toUpperCase();
    if (operator !== 'IN' && operator !== 'NOT IN') throw errors.unexpectedToken('SELECT');
    if (condition.field.includes('.'))
      throw errors.malformed(
        `The left operand of a semi join must be Id or a reference field, not the path '${condition.field}'.`,
        condition.field,
      );
    const outer = this.scope.resolvePath(condition.field);
    if (!isIdLike(outer.field))
      throw errors.invalidField(
        `Semi join: field '${outer.field.name}' must be Id or a reference field`,
        condition.field,
      );
    const query = condition.valueQuery;
    const innerObject = index.object(query.sObject ?? '');
    if (!innerObject || !innerObject.describe.queryable) throw errors.unsupportedType(query.sObject ?? '');
    if (innerObject.name === this.scope.root.name)
      throw errors.malformed(
        'The inner and outer selects should not be on the same object type',
        query.sObject,
      );
    if (query.orderBy || query.limit !== undefined || query.offset !== undefined || query.groupBy)
      throw errors.malformed(
        'Semi join sub-selects may not use ORDER BY, LIMIT, OFFSET or GROUP BY.',
        query.orderBy ? 'ORDER' : 'LIMIT',
      );
    const fields = query.fields ?? [];
    const only = fields[0];
    if (fields.length !== 1 || !only || only.type !== 'Field')
      throw errors.malformed(
        'A semi join sub-select must select exactly one Id or reference field.',
        query.sObject,
      );
    const alias = this.ctx.nextAlias();
    const innerScope = new JoinScope(innerObject, alias, errors, query.sObjectAlias, this.ctx.visible);
    const inner = innerScope.resolve([], only.field, only.field);
    if (!isIdLike(inner.field))
      throw errors.invalidField(
        `Semi join sub-select: field '${inner.field.name}' must be Id or a reference field`,
        only.field,
      );
    const outerTargets = outer.field.type === 'id' ? [outer.object.name] : outer.field.referenceTo;
    const innerTargets = inner.field.type === 'id' ? [innerObject.name] : inner.field.referenceTo;
    if (!innerTargets.some((t) => outerTargets.includes(t)))
      throw errors.invalidField(
        `Semi join sub-select: '${innerObject.name}.${inner.field.name}' does not reference the type of '${outer.field.name}'`,
        only.field,
      );
    const conditions: string[] = [`${inner.sql} IS NOT NULL`];
    let params: readonly unknown[] = [];
    if (!this.ctx.scanAll) conditions.push(`${alias}."IsDeleted" = 0`);
    const visible = this.ctx.access?.recordCondition(innerObject.name, alias);
    if (visible) conditions.push(visible);
    if (query.where) {
      const tree = buildWhereTreeOrThrow(query.where, errors);
      const where = new WhereTranslator(innerScope, this.ctx, true).translate(tree);
      conditions.push(where.sql);
      params = where.params;
    }
    const sub = `SELECT ${inner.sql} FROM ${quoteIdent(innerObject.name)} AS ${alias} ${innerScope.joinSql()} WHERE ${conditions.join(' AND ')}`;
    if (operator === 'IN') return { sql: `${outer.sql} IN (${sub})`, params };
    return { sql: `(${outer.sql} IS NULL OR ${outer.sql} NOT IN (${sub}))`, params };
  }
}

/** Builds the WHERE tree, turning grammar errors into MALFORMED_QUERY. */
export function buildWhereTreeOrThrow(where: WhereClause, errors: SoqlErrors): WhereNode {
  try {
    return buildWhereTree(where);
  } catch (error) {
    if (error instanceof WhereSyntaxError) throw errors.unexpectedToken(error.token);
    throw error;
  }
}
