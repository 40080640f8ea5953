/**
 * Id reconciliation of one object: the plan's Id query of the whole scope against what the device holds;
 * leavers are removed, missing or changed records fetched by Id.
 */

import type { PlanObject, PlanOrderKey } from '../../compiler/plan.ts';
import { windowRestart, type WindowAnswers } from './change-window.ts';
import {
  askMissing,
  boundStatements,
  byIdTemplate,
  expectedTotal,
  fetchByIds,
  pages,
  type BoundQuery,
} from './download-queries.ts';
import { markDependentsOfRemoved, maxStamp, stateOf, updateObjectState } from './object-state.ts';
import { expectRecords, receiveRecords, settleExpected, storedSoFar } from '../record-progress.ts';
import { orderKeysOf } from './order-keys.ts';
import { storePage } from './store-page.ts';
import { toStoredRecord, type SfRecord } from '../records.ts';
import type { SyncContext } from '../sync-context.ts';
import { countsFor } from '../sync-tallies.ts';

export async function runReconcile(
  context: SyncContext,
  object: PlanObject,
  asked: BoundQuery[][] | null,
  window: WindowAnswers | undefined,
  /** Records to re-read even if their stamp did not move (changed by the system only). */
  reread: ReadonlySet<string> = new Set(),
  /** Delta statements asked with the Id queries: their records in scope are stored, not fetched by Id. */
  changed?: BoundQuery[][],
): Promise<void> {
  const { store, plan } = context;
  const name = object.name;
  const queries: BoundQuery[][] =
    asked ??
    object.queries.ids.map((template) => boundStatements(context, template).map((soql) => ({ soql })));
  // Also those a sync killed before its reconciliation left in the state.
  const rereadIds = new Set([...reread, ...(stateOf(context, object).rereadIds ?? [])]);
  await askMissing(context, object, queries);
  let rows: SfRecord[] = [];
  // The stored stamps in one read, not a parsed record per Id.
  const storedStamps = store.stringValuesById(name, plan.watermarkField);
  const isStale = (id: string, stamp: unknown) =>
    typeof stamp !== 'string' || storedStamps.get(id) !== stamp || rereadIds.has(id);
  expectRecords(context, name, expectedTotal(queries));
  for (const query of queries.flat())
    await pages(context, query.answer!, (page) => {
      const pageRows = page.records.map(toStoredRecord);
      rows.push(...pageRows);
      // Rows to fetch by Id stay expected: they are records this sync will store.
      const stillExpected = pageRows.filter((row) => isStale(row.Id, row[plan.watermarkField])).length;
      receiveRecords(context, 'reconcile', name, { received: pageRows.length, stored: 0, stillExpected });
    });
  if (object.limit !== undefined && queries.flat().length > 1)
    // Each query kept its own first `limit`; the scope is the first `limit` of their union.
    rows = firstByOrder(dedupe(rows), orderKeysOf(object), object.limit);
  const inScope = new Map<string, string | null>();
  for (const row of rows) {
    const stamp = row[plan.watermarkField];
    inScope.set(row.Id, typeof stamp === 'string' ? stamp : null);
  }
  store.transaction(() => {
    let removed = 0;
    for (const id of store.listRecordIds(name))
      if (!inScope.has(id)) {
        store.deleteRecord(name, id);
        removed += 1;
      }
    countsFor(context, name).removed += removed;
    if (removed > 0) markDependentsOfRemoved(context, name);
  });
  // Asked with the Id queries when a call had room for them (download.ts), else not at all.
  const storedBefore = storedSoFar(context, name);
  for (const query of changed?.flat() ?? [])
    if (query.answer !== undefined)
      await pages(context, query.answer, (page) => {
        const current = page.records.filter((record) => inScope.has(String(record.Id)));
        if (current.length === 0) return;
        for (const record of storePage(context, object, current, undefined)) {
          const stamp = record[plan.watermarkField];
          if (typeof stamp === 'string') storedStamps.set(record.Id, stamp);
        }
      });
  const stale: string[] = [];
  for (const [id, stamp] of inScope) if (isStale(id, stamp)) stale.push(id);
  settleExpected(context, 'reconcile', name, {
    expected: stale.length,
    stored: storedSoFar(context, name) - storedBefore,
  });
  await fetchByIds(
    context,
    object,
    object.queries.byIds ?? byIdTemplate(object),
    stale,
    'reconcile',
    undefined,
    stale.length,
  );
  const now = context.clock.now();
  const highest = [...inScope.values()].reduce<string | null>((a, b) => maxStamp(a, b), null);
  updateObjectState(context, object, (state) => ({
    watermark: maxStamp(state.watermark, highest),
    deltaCursor: null,
    downloadedAt: now,
    reconciledAt: now,
    needsReconcile: false,
    pendingIds: {},
    rereadIds: [],
    // Where this sync's window ended, or where it restarts now that the device is exact.
    deletedCoveredUntil: windowRestart(window, now) ?? state.deletedCoveredUntil,
  }));
  countsFor(context, name).reconciled = true;
}

function dedupe(rows: readonly SfRecord[]): SfRecord[] {
  const byId = new Map<string, SfRecord>();
  for (const row of rows) byId.set(row.Id, row);
  return [...byId.values()];
}

/** Sorts by the plan's order keys (Id last, as the compiler's queries order) and keeps the first `limit`. */
export function firstByOrder(
  rows: readonly SfRecord[],
  keys: readonly PlanOrderKey[],
  limit: number,
): SfRecord[] {
  const valueOf = (row: SfRecord, path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>(
        (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
        row,
      );
  return [...rows]
    .sort((a, b) => {
      for (const key of keys) {
        const x = valueOf(a, key.field);
        const y = valueOf(b, key.field);
        if (x === y) continue;
        const nullsLast = key.nulls === 'LAST';
        if (x === null || x === undefined) return nullsLast ? 1 : -1;
        if (y === null || y === undefined) return nullsLast ? -1 : 1;
        const order = x < y ? -1 : x > y ? 1 : 0;
        if (order !== 0) return key.order === 'DESC' ? -order : order;
      }
      return 0;
    })
    .slice(0, limit);
}
