/**
 * Reading given records of several objects by Id before an upload decides (stamps of rebased changes,
 * stamps of conditional deletes, values of lost updates): per object one `Id IN (...)` query per
 * URL-sized chunk, five to a /composite call, every page followed.
 */

import type { SfRecord } from '../records.ts';
import type { QueryResult } from '../salesforce-api.ts';
import { bindChunked } from '../soql-binding.ts';
import type { SyncContext } from '../sync-context.ts';
import { ApiRequestError } from '../sync-errors.ts';

export interface RecordsWanted {
  readonly object: string;
  readonly ids: readonly string[];
  /** Fields besides Id (plain API names). */
  readonly fields: readonly string[];
}

/** The key of a record in what readRecordsById returns: object and 15-character Id (any Id form). */
export function recordKey(object: string, id: string): string {
  return `${object}/${id.slice(0, 15)}`;
}

/**
 * The records the server has, by recordKey; a record it no longer has is absent. A failed query throws
 * (the caller decides nothing on a partial answer).
 */
export async function readRecordsById(
  context: SyncContext,
  wanted: readonly RecordsWanted[],
  what: string,
): Promise<Map<string, SfRecord>> {
  const records = new Map<string, SfRecord>();
  const chunks: { soql: string; object: string }[] = [];
  for (const { object, ids, fields } of wanted) {
    if (ids.length === 0) continue;
    const template = {
      soql: `SELECT Id${fields.map((f) => `, ${f}`).join('')} FROM ${object} WHERE Id IN :ids`,
      binds: ['ids' as const],
    };
    for (const chunk of bindChunked(template, {}, [...new Set(ids)], {
      apiVersion: context.api.apiVersion,
      baseUrlBytes: context.api.instanceUrlBytes,
    }))
      chunks.push({ soql: chunk.soql, object });
  }
  if (chunks.length === 0) return records;
  const answers = await context.api.batchGet(
    chunks.map((c) => ({ url: context.api.queryUrl(c.soql), isQuery: true, what })),
  );
  for (const [i, answer] of answers.entries()) {
    if (answer instanceof ApiRequestError) throw answer;
    let page = answer as QueryResult;
    for (;;) {
      for (const record of page.records)
        records.set(recordKey(chunks[i]!.object, String(record.Id)), record as SfRecord);
      if (page.done || !page.nextRecordsUrl) break;
      page = await context.api.queryMore(page.nextRecordsUrl);
    }
  }
  return records;
}

/** One entry per object of `items`, with the distinct Ids `idOf` gives. */
export function wantedPerObject<T>(
  items: readonly T[],
  objectOf: (item: T) => string,
  idOf: (item: T) => string,
  fieldsOf: (object: string, items: readonly T[]) => readonly string[],
): RecordsWanted[] {
  return [...new Set(items.map(objectOf))].map((object) => {
    const mine = items.filter((item) => objectOf(item) === object);
    return { object, ids: [...new Set(mine.map(idOf))], fields: fieldsOf(object, mine) };
  });
}
