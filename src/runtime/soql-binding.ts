/**
 * Binds a plan's SOQL template to literals. The REST API has no bind variables, so every placeholder
 * becomes an escaped literal here; nothing user-supplied is ever spliced in raw. The scanner and the
 * escapers are the compiler's (soql-placeholders.ts, soql-literals.ts): one set for every binder.
 *
 * - `:watermark`  -> datetime literal `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds)
 * - `:userId`     -> a quoted, validated Salesforce Id
 * - `:parentIds`, `:ids` -> `('a','b')`, chunked so that each query URL stays under the URL limit
 * - `:<param>`    -> the declared parameter's value, formatted by its declared SOQL type
 */

import type { Placeholder, QueryTemplate } from '../compiler/plan.ts';
import { URL_BUDGET_BYTES } from '../compiler/query-limits.ts';
import {
  BindError,
  isSalesforceId,
  soqlDatetime,
  soqlId,
  soqlIdList,
  soqlParameter,
  soqlString,
} from '../compiler/soql-literals.ts';
import { replacePlaceholders } from '../compiler/soql-placeholders.ts';

export { BindError, isSalesforceId, soqlDatetime, soqlId, soqlIdList, soqlParameter, soqlString };

/** Salesforce rejects a request line + headers over 16,384 bytes; keep the URL well under it. */
export const MAX_QUERY_URL_BYTES = URL_BUDGET_BYTES;

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
  return replacePlaceholders(template.soql, (name) => {
    const placeholder = placeholderNamed(name, template.binds);
    if (!placeholder) throw new BindError(`:${name} is not a declared placeholder of: ${template.soql}`);
    return literalFor(placeholder, values, idList);
  });
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
