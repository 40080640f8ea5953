/**
 * Query plumbing of the download: binding templates (with `idSource` chunks), asking first pages in
 * /composite groups, following nextRecordsUrl, and fetching records by Id.
 */

import type { PlanObject, QueryTemplate } from '../../compiler/plan.ts';
import type { QueryResult } from '../salesforce-api.ts';
import { MAX_IDS_PER_QUERY } from '../../compiler/query-limits.ts';
import { bindChunked, bindSoql, isSalesforceId, type BindValues } from '../soql-binding.ts';
import { expectRecords, receiveRecords, storedSoFar } from '../record-progress.ts';
import { storePage } from './store-page.ts';
import type { SyncContext } from '../sync-context.ts';
import { ApiRequestError } from '../sync-errors.ts';

export type Answer = QueryResult | ApiRequestError;

/** One bound statement of a template and, once asked, its first page. */
export interface BoundQuery {
  readonly soql: string;
  answer?: Answer;
}

function bindValues(context: SyncContext, watermarkMs?: number): BindValues {
  return {
    watermarkMs,
    userId: context.userId,
    parameters: context.parameters,
    parameterTypes: context.plan.parameters,
  };
}

/**
 * The statements of one template: one, or for an `idSource` template one per chunk of the Ids the device
 * holds for the source object (none when it holds none).
 */
export function boundStatements(
  context: SyncContext,
  template: QueryTemplate,
  watermarkMs?: number,
): string[] {
  if (!template.idSource) return [bindSoql(template, bindValues(context, watermarkMs))];
  const ids = idSourceIds(context, template.idSource);
  return chunkedStatements(context, template, ids, watermarkMs).map((q) => q.soql);
}

/**
 * The distinct Ids an `idSource` template binds, sorted as `boundStatements` binds them: the held Ids of
 * the source object, or the held values of its reference field (read without parsing whole records).
 */
export function idSourceIds(
  context: SyncContext,
  idSource: NonNullable<QueryTemplate['idSource']>,
): string[] {
  const { store } = context;
  const values =
    idSource.field === 'Id'
      ? store.listRecordIds(idSource.object)
      : store.listStringValues(idSource.object, idSource.field);
  return [...new Set(values.filter(isSalesforceId))].sort();
}

/** One statement per chunk of `ids` (at most `idsPerQuery` and within the URL limit), with its chunk. */
export function chunkedStatements(
  context: SyncContext,
  template: QueryTemplate,
  ids: readonly string[],
  watermarkMs?: number,
): { soql: string; ids: readonly string[] }[] {
  const perQuery = Math.max(1, Math.min(template.idsPerQuery ?? MAX_IDS_PER_QUERY, MAX_IDS_PER_QUERY));
  const out: { soql: string; ids: readonly string[] }[] = [];
  for (let i = 0; i < ids.length; i += perQuery)
    out.push(
      ...bindChunked(template, bindValues(context, watermarkMs), ids.slice(i, i + perQuery), {
        apiVersion: context.api.apiVersion,
        baseUrlBytes: context.api.instanceUrlBytes,
      }),
    );
  return out;
}

/** Asks any statement not asked yet (grouped), so every BoundQuery has its first page. */
export async function askMissing(
  context: SyncContext,
  object: PlanObject,
  queries: BoundQuery[][],
): Promise<void> {
  const missing = queries.flat().filter((q) => q.answer === undefined);
  if (missing.length === 0) return;
  const answers = await context.api.batchGet(
    missing.map((q) => ({ url: context.api.queryUrl(q.soql), isQuery: true, what: `${object.name} query` })),
  );
  missing.forEach((q, i) => (q.answer = answers[i] as Answer));
}

/** The records all of an object's statements will return, from their first pages' totalSize. */
export function expectedTotal(queries: readonly (readonly BoundQuery[])[]): number {
  return totalOf(queries.flat().map((query) => query.answer));
}

function totalOf(answers: readonly (Answer | undefined)[]): number {
  let total = 0;
  for (const answer of answers) if (answer && !(answer instanceof ApiRequestError)) total += answer.totalSize;
  return total;
}

export async function pages(
  context: SyncContext,
  first: Answer,
  onPage: (result: QueryResult) => void,
): Promise<void> {
  if (first instanceof ApiRequestError) throw first;
  let result = first;
  for (;;) {
    // The next page is asked before this one is stored, so the org answers while the device writes.
    // Storing stays in order, so a watermark still never passes a page that is not stored.
    const next =
      !result.done && result.nextRecordsUrl ? context.api.queryMore(result.nextRecordsUrl) : undefined;
    // Awaited below; this only keeps a failure from being unhandled if storing throws first.
    next?.catch(() => undefined);
    onPage(result);
    if (!next) return;
    result = await next;
  }
}

/** For plans without `queries.byIds`: fields and name come from the plan, Ids are escaped. */
export function byIdTemplate(object: PlanObject): QueryTemplate {
  return { soql: `SELECT ${object.fields.join(', ')} FROM ${object.name} WHERE Id IN :ids`, binds: ['ids'] };
}

export async function fetchByIds(
  context: SyncContext,
  object: PlanObject,
  template: QueryTemplate,
  ids: readonly string[],
  phase: 'download' | 'reconcile',
  afterStatement?: (ids: readonly string[]) => void,
  /** Rows the progress already expects for these Ids (an Id query's stale rows). */
  alreadyExpected = 0,
): Promise<void> {
  if (ids.length === 0) return;
  const statements = chunkedStatements(context, template, ids);
  const firsts = await context.api.batchGet(
    statements.map((q) => ({
      url: context.api.queryUrl(q.soql),
      isQuery: true,
      what: `${object.name} query by Id`,
    })),
  );
  // By parent Ids a statement returns any number of records: the first pages say how many.
  expectRecords(context, object.name, totalOf(firsts as Answer[]) - alreadyExpected);
  for (let index = 0; index < statements.length; index++) {
    await pages(context, firsts[index] as Answer, (page) => {
      const last = page.done || !page.nextRecordsUrl;
      const before = storedSoFar(context, object.name);
      storePage(context, object, page.records, undefined, () => {
        if (last) afterStatement?.(statements[index]!.ids);
      });
      receiveRecords(context, phase, object.name, {
        received: page.records.length,
        stored: storedSoFar(context, object.name) - before,
      });
    });
  }
}
