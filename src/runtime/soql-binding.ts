/**
 * Binds a plan's SOQL template to literals. The REST API has no bind variables, so every placeholder
 * becomes an escaped literal here; nothing user-supplied is ever spliced in raw.
 *
 * - `:watermark`  -> datetime literal `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds)
 * - `:userId`     -> a quoted, validated Salesforce Id
 * - `:parentIds`, `:ids` -> `('a','b')`, chunked so that each query URL stays under the URL limit
 * - `:<param>`    -> the declared parameter's value, formatted by its declared SOQL type
 */

import {
  checkParameterValue,
  ParameterValueError,
  type ParameterValue,
} from '../compiler/parameter-value.ts';
import type { Placeholder, QueryTemplate } from '../compiler/plan.ts';

/** Salesforce rejects a request line + headers over 16,384 bytes; keep the URL well under it. */
export const MAX_QUERY_URL_BYTES = 16_000;

export class BindError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BindError';
  }
}

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function isSalesforceId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** A SOQL string literal: quotes and backslashes escaped, control characters as escapes. */
export function soqlString(value: string): string {
  const escaped = value.replace(/[\\'"\n\r\t\b\f]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '\b':
        return '\\b';
      case '\f':
        return '\\f';
      default:
        return `\\${c}`;
    }
  });
  return `'${escaped}'`;
}

export function soqlId(value: unknown): string {
  if (!isSalesforceId(value)) throw new BindError(`not a Salesforce Id: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

/** `YYYY-MM-DDTHH:MM:SSZ` for a time in ms (rounded down to the second). */
export function soqlDatetime(ms: number): string {
  if (!Number.isFinite(ms)) throw new BindError('invalid datetime');
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function soqlIdList(ids: readonly string[]): string {
  if (ids.length === 0) throw new BindError('an Id list cannot be empty');
  return `(${ids.map(soqlId).join(',')})`;
}

/** Formats a declared parameter by its SOQL type (plan.parameters), checked by checkParameterValue. */
export function soqlParameter(name: string, type: string, value: unknown): string {
  let typed: ParameterValue;
  try {
    typed = checkParameterValue(type, value);
  } catch (error) {
    if (!(error instanceof ParameterValueError)) throw error;
    if (/^unknown parameter type/.test(error.message))
      throw new BindError(`parameter :${name} has an unsupported type ${type}`);
    throw new BindError(
      `parameter :${name} (${type}) has an invalid value ${JSON.stringify(value) ?? String(value)}: ${error.message}`,
    );
  }
  switch (type) {
    case 'string':
      return soqlString(typed as string);
    case 'datetime':
      return soqlDatetime(Date.parse(typed as string));
    case 'id':
      return `'${typed as string}'`;
    default:
      return String(typed);
  }
}

/** Values for one binding. `ids` binds both `:parentIds` and `:ids` (a template has at most one list). */
export interface BindValues {
  /** Watermark minus overlap, ms since the epoch. */
  readonly watermarkMs?: number;
  readonly userId?: string;
  readonly ids?: readonly string[];
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly parameterTypes?: Readonly<Record<string, string>>;
}

function literalFor(placeholder: Placeholder, values: BindValues, idList?: readonly string[]): string {
  if (placeholder === 'watermark') {
    if (values.watermarkMs === undefined) throw new BindError('no watermark to bind :watermark');
    return soqlDatetime(values.watermarkMs);
  }
  if (placeholder === 'userId') {
    if (values.userId === undefined) throw new BindError('no running user Id to bind :userId (pass userId)');
    return soqlId(values.userId);
  }
  if (placeholder === 'parentIds' || placeholder === 'ids') {
    if (!idList) throw new BindError(`no Ids to bind :${placeholder}`);
    return soqlIdList(idList);
  }
  const name = placeholder.slice('param:'.length);
  // Own properties only: `:constructor` or `:__proto__` must not find Object.prototype's members.
  const types = values.parameterTypes;
  if (!types || !Object.hasOwn(types, name))
    throw new BindError(`parameter :${name} is not declared by the plan`);
  if (!values.parameters || !Object.hasOwn(values.parameters, name))
    throw new BindError(`parameter :${name} has no value (pass it in the engine's parameters)`);
  return soqlParameter(name, types[name]!, values.parameters[name]);
}

function placeholderNamed(name: string, binds: readonly Placeholder[]): Placeholder | undefined {
  for (const bind of binds) {
    if (bind === name) return bind;
    if (bind === `param:${name}`) return bind;
  }
  return undefined;
}

/**
 * Replaces every `:name` outside string literals. Throws BindError for a placeholder the template does
 * not declare in `binds` or whose value is missing.
 */
export function bindSoql(template: QueryTemplate, values: BindValues, idList?: readonly string[]): string {
  const soql = template.soql;
  let out = '';
  let i = 0;
  while (i < soql.length) {
    const c = soql[i]!;
    if (c === "'") {
      // Copy a string literal verbatim, honouring backslash escapes.
      let j = i + 1;
      while (j < soql.length && soql[j] !== "'") j += soql[j] === '\\' ? 2 : 1;
      out += soql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === ':' && /[A-Za-z_]/.test(soql[i + 1] ?? '') && !/[A-Za-z0-9_]/.test(soql[i - 1] ?? ' ')) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(soql.slice(i + 1))!;
      const placeholder = placeholderNamed(match[0], template.binds);
      if (!placeholder) throw new BindError(`:${match[0]} is not a declared placeholder of: ${soql}`);
      out += literalFor(placeholder, values, idList);
      i += 1 + match[0].length;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

/** The path and query of a REST query request for `soql`. */
export function queryPath(apiVersion: string, soql: string): string {
  return `/services/data/v${apiVersion}/query?q=${encodeURIComponent(soql)}`;
}

export function templateUsesIdList(template: QueryTemplate): boolean {
  return template.binds.includes('parentIds') || template.binds.includes('ids');
}

/**
 * Binds a template that takes an Id list once per chunk of `ids`, each chunk as large as fits under
 * `maxUrlBytes` (the instance URL counts too).
 */
export function bindChunked(
  template: QueryTemplate,
  values: BindValues,
  ids: readonly string[],
  options: { apiVersion: string; baseUrlBytes?: number; maxUrlBytes?: number },
): { soql: string; ids: readonly string[] }[] {
  const max = (options.maxUrlBytes ?? MAX_QUERY_URL_BYTES) - (options.baseUrlBytes ?? 0);
  const chunks: { soql: string; ids: readonly string[] }[] = [];
  let start = 0;
  while (start < ids.length) {
    // Grow the chunk while the URL fits; an Id's encoded cost is constant, so estimate then verify.
    const one = queryPath(options.apiVersion, bindSoql(template, values, [ids[start]!])).length;
    if (one > max) throw new BindError(`a query for one Id is longer than the URL limit: ${template.soql}`);
    const perId = encodeURIComponent(`,'${ids[start]!}'`).length;
    let count = Math.max(1, Math.min(ids.length - start, Math.floor((max - one) / perId) + 1));
    let soql = bindSoql(template, values, ids.slice(start, start + count));
    while (count > 1 && queryPath(options.apiVersion, soql).length > max) {
      count -= 1;
      soql = bindSoql(template, values, ids.slice(start, start + count));
    }
    chunks.push({ soql, ids: ids.slice(start, start + count) });
    start += count;
  }
  return chunks;
}
