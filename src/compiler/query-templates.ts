/**
 * Turns conditions into plan query templates: composes SOQL with soql-parser-js, lists the placeholders,
 * and checks that the statement is valid REST SOQL once the runtime binds literals, within the URL budget.
 */

import { composeQuery, parseQuery } from '@jetstreamapp/soql-parser-js';
import type { OrderByClause, Query, WhereClause } from '@jetstreamapp/soql-parser-js';
import type { Placeholder, QueryTemplate } from './plan.ts';
import { MAX_IDS_PER_QUERY, MIN_IDS_PER_QUERY, URL_BUDGET_BYTES } from './query-limits.ts';
import { placeholderNames, placeholderOccurrences, replacePlaceholders } from './soql-placeholders.ts';

export { MAX_IDS_PER_QUERY, MIN_IDS_PER_QUERY, URL_BUDGET_BYTES };

const SAMPLE_ID = "'001000000000000AAA'";
const PER_ID_BYTES = encodeURIComponent(`,${SAMPLE_ID}`).length;
const SAMPLE_BY_TYPE: Readonly<Record<string, string>> = {
  string: "'sample'",
  id: SAMPLE_ID,
  boolean: 'true',
  integer: '1',
  double: '1.5',
  date: '2024-01-31',
  datetime: '2024-01-31T00:00:00Z',
};

export interface TemplateSpec {
  readonly object: string;
  readonly fields: readonly string[];
  readonly where?: WhereClause;
  readonly orderBy?: readonly OrderByClause[];
  readonly limit?: number;
  readonly idSource?: { readonly object: string; readonly field: string };
}

export type TemplateProblem = { code: 'QUERY_TOO_LONG' | 'TEMPLATE_INVALID'; message: string };

export function composeSoql(spec: TemplateSpec): string {
  return composeWith(
    spec,
    spec.fields.map((field) => ({ type: 'Field', field })),
  );
}

/** The spec's statement with `COUNT()` for a select list: how many rows it would return. */
export function composeCountSoql(spec: TemplateSpec): string {
  return composeWith(spec, [
    { type: 'FieldFunctionExpression', functionName: 'COUNT', parameters: [], rawValue: 'COUNT()' },
  ]);
}

function composeWith(spec: TemplateSpec, fields: Query['fields']): string {
  const query: Query = {
    fields,
    sObject: spec.object,
    ...(spec.where ? { where: spec.where } : {}),
    ...(spec.orderBy && spec.orderBy.length > 0 ? { orderBy: [...spec.orderBy] } : {}),
    ...(spec.limit !== undefined ? { limit: spec.limit } : {}),
  };
  return composeQuery(query);
}

function placeholderOf(name: string): Placeholder {
  return name === 'watermark' || name === 'userId' || name === 'parentIds' || name === 'ids'
    ? name
    : `param:${name}`;
}

/** Placeholders in order of first appearance (string literals are skipped: soql-placeholders.ts). */
export function bindsOf(soql: string): Placeholder[] {
  return placeholderNames(soql).map(placeholderOf);
}

/** The statement with every placeholder replaced by a sample literal of its kind, as the runtime would. */
export function withSampleLiterals(
  soql: string,
  parameterTypes: ReadonlyMap<string, string>,
  idCount = 1,
): string {
  return replacePlaceholders(soql, (name) => {
    if (name === 'watermark') return '2024-01-31T00:00:00Z';
    if (name === 'userId') return "'005000000000000AAA'";
    if (name === 'parentIds' || name === 'ids')
      return `(${Array.from({ length: idCount }, () => SAMPLE_ID).join(',')})`;
    return SAMPLE_BY_TYPE[parameterTypes.get(name) ?? 'string'] ?? "'sample'";
  });
}

function urlBytes(soql: string, apiVersion: string): number {
  return `/services/data/v${apiVersion}/query?q=`.length + encodeURIComponent(soql).length;
}

/**
 * Parse results by statement, with the SELECT list and object normalized (`SELECT Id FROM X`): the field
 * list is schema-checked names joined by the composer, so the conditions and clauses are what can break.
 * Bounded so a long editing session cannot grow it without end.
 */
const parseChecks = new Map<string, string | undefined>();
const PARSE_CHECK_CACHE = 20_000;
const SELECT_FROM = /^SELECT .+? FROM [A-Za-z0-9_]+/;

const SHAPE_VALUE: Readonly<Record<string, string>> = { STRING: "'s'", INTEGER: '1', DECIMAL: '1.5' };

/** A WHERE with its field names and plain literals replaced, keeping its structure. */
function whereShape(where: WhereClause): WhereClause {
  const shapeNode = (node: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...node };
    const left = node.left as Record<string, unknown> | null | undefined;
    if (left && ('field' in left || 'valueQuery' in left)) {
      const leaf: Record<string, unknown> = { ...left, field: 'F' };
      const types = left.literalType;
      if (typeof types === 'string' && typeof left.value === 'string' && SHAPE_VALUE[types])
        leaf.value = SHAPE_VALUE[types];
      else if (Array.isArray(types) && Array.isArray(left.value))
        leaf.value = (left.value as string[]).map((v, i) => SHAPE_VALUE[types[i] as string] ?? v);
      const sub = left.valueQuery as Query | undefined;
      if (sub)
        leaf.valueQuery = {
          ...sub,
          fields: [{ type: 'Field', field: 'F' }],
          sObject: 'X',
          ...(sub.where ? { where: whereShape(sub.where) } : {}),
        };
      out.left = leaf;
    }
    if (node.right) out.right = shapeNode(node.right as Record<string, unknown>);
    return out;
  };
  return shapeNode(where as unknown as Record<string, unknown>) as unknown as WhereClause;
}

/**
 * The statement's shape: one field, object `X`, fields named `F`, plain literals normalized. Names are
 * schema-checked identifiers and literals were parsed from the admin's condition, so the shape is what the
 * compiler's combinators produce and what can break; templates of the same shape share one parse.
 */
function shapeOf(spec: TemplateSpec): TemplateSpec {
  return {
    object: 'X',
    fields: ['Id'],
    ...(spec.where ? { where: whereShape(spec.where) } : {}),
    ...(spec.orderBy ? { orderBy: spec.orderBy.map((c) => ('field' in c ? { ...c, field: 'F' } : c)) } : {}),
    ...(spec.limit !== undefined ? { limit: 1 } : {}),
  };
}

/** Parse results by shape (as JSON, which is cheaper than composing it): composed and parsed once each. */
const shapeChecks = new Map<string, string | undefined>();

function shapeParseError(
  shape: TemplateSpec,
  parameterTypes: ReadonlyMap<string, string>,
): string | undefined {
  const key = JSON.stringify([shape, [...parameterTypes]]);
  if (shapeChecks.has(key)) return shapeChecks.get(key);
  const error = parseErrorOf(withSampleLiterals(composeSoql(shape), parameterTypes));
  if (shapeChecks.size >= PARSE_CHECK_CACHE) shapeChecks.clear();
  shapeChecks.set(key, error);
  return error;
}

/** Forgets every cached parse check. */
export function clearTemplateChecks(): void {
  parseChecks.clear();
  shapeChecks.clear();
}

function parseErrorOf(bound: string): string | undefined {
  const key = bound.replace(SELECT_FROM, 'SELECT Id FROM X');
  if (parseChecks.has(key)) return parseChecks.get(key);
  let error: string | undefined;
  try {
    parseQuery(key);
  } catch (e) {
    error = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
  }
  if (parseChecks.size >= PARSE_CHECK_CACHE) parseChecks.clear();
  parseChecks.set(key, error);
  return error;
}

/** Builds a template and checks it; `problem` is set when it is not sendable. */
export function buildTemplate(
  spec: TemplateSpec,
  parameterTypes: ReadonlyMap<string, string>,
  apiVersion: string,
  parse = true,
): { template: QueryTemplate; problem?: TemplateProblem } {
  const soql = composeSoql(spec);
  const names = placeholderOccurrences(soql);
  const binds = [...new Set(names)].map(placeholderOf);
  const occurrences = names.length;
  const idLists = names.filter((name) => name === 'parentIds' || name === 'ids').length;
  const parseError = parse ? shapeParseError(shapeOf(spec), parameterTypes) : undefined;
  let problem: TemplateProblem | undefined = parseError
    ? {
        code: 'TEMPLATE_INVALID',
        message: `internal: the compiled query does not parse once bound (${parseError}): ${soql}`,
      }
    : undefined;
  let idsPerQuery: number | undefined;
  // A bound placeholder is at most 24 characters longer than `:name`, and a character URL-encodes to at most
  // 9 bytes: short statements need no exact count.
  const exact = idLists > 0 || (soql.length + 24 * occurrences) * 9 + 64 > URL_BUDGET_BYTES;
  const withOneId = exact ? urlBytes(withSampleLiterals(soql, parameterTypes), apiVersion) : 0;
  if (idLists > 0) {
    // Each further Id adds `,'001...'` to every Id list.
    idsPerQuery = Math.min(
      MAX_IDS_PER_QUERY,
      1 + Math.floor((URL_BUDGET_BYTES - withOneId) / (PER_ID_BYTES * idLists)),
    );
    if (idsPerQuery < MIN_IDS_PER_QUERY)
      problem ??= {
        code: 'QUERY_TOO_LONG',
        message: `the query leaves room for only ${Math.max(idsPerQuery, 0)} Ids per request within the ${URL_BUDGET_BYTES}-byte URL budget: list fewer fields or shorten the condition`,
      };
  } else if (withOneId > URL_BUDGET_BYTES) {
    problem ??= {
      code: 'QUERY_TOO_LONG',
      message: `the query's URL is ${withOneId} bytes, over the ${URL_BUDGET_BYTES}-byte budget: list fewer fields or shorten the condition`,
    };
  }
  const template: QueryTemplate = {
    soql,
    binds,
    ...(spec.idSource ? { idSource: spec.idSource } : {}),
    ...(idsPerQuery !== undefined ? { idsPerQuery: Math.max(idsPerQuery, 1) } : {}),
  };
  return problem ? { template, problem } : { template };
}
