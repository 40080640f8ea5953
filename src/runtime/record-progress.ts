/**
 * Per-object record progress of one sync, in records STORED: `done` counts the records of the object this
 * sync wrote to the device (new or changed, as `counts.downloaded`), and `total` is `done` plus what the
 * queries asked so far may still bring. Re-read records that did not change (a delta's overlap, a record
 * two union members or two parents return, an Id query's rows) are never counted: they used to make
 * "82 / 82" of 41 work orders (41 Ids, then 41 records by Id) and "2 / 2" of a sync where nothing changed.
 *
 * An object's download may run several queries (a delta, then children of new parents by `:parentIds`;
 * an Id query, then stale records by Id), each announcing its count (totalSize) when its first page
 * arrives: `total` grows when one is asked, shrinks when rows turn out to need nothing, and ends equal to
 * `done`. `done` never goes back and `total` is never below it. One tally per object across its phases, so
 * a progress bar's step for the object tells one story.
 */

import type { SyncPhase } from './progress.ts';
import type { SyncContext } from './sync-context.ts';
import { countsFor, type RecordTally } from './sync-tallies.ts';

function tallyOf(context: SyncContext, object: string): RecordTally {
  let tally = context.tallies.get(object);
  if (!tally) context.tallies.set(object, (tally = { done: 0, expected: 0 }));
  return tally;
}

function report(context: SyncContext, phase: SyncPhase, object: string, tally: RecordTally): void {
  const total = tally.done + tally.expected;
  if (tally.reported?.done === tally.done && tally.reported.total === total) return;
  tally.reported = { done: tally.done, total };
  context.progress({ phase, object, done: tally.done, total });
}

/** Queries just asked will return `count` more rows (their first pages' totalSize); may be negative. */
export function expectRecords(context: SyncContext, object: string, count: number): void {
  const tally = tallyOf(context, object);
  tally.expected = Math.max(0, tally.expected + count);
}

/** The records of the object stored so far in this sync (to tell what a page stored). */
export function storedSoFar(context: SyncContext, object: string): number {
  return countsFor(context, object).downloaded;
}

/**
 * A page of `received` rows arrived and `stored` records were written; `stillExpected` of the rows are
 * still to come in another form (Id rows whose records are fetched by Id). Reports the object's progress.
 */
export function receiveRecords(
  context: SyncContext,
  phase: SyncPhase,
  object: string,
  page: { readonly received: number; readonly stored: number; readonly stillExpected?: number },
): void {
  const tally = tallyOf(context, object);
  tally.done += page.stored;
  tally.expected = Math.max(0, tally.expected - page.received + (page.stillExpected ?? 0));
  report(context, phase, object, tally);
}

/**
 * What is still expected, once known exactly (an Id query's stale rows), with what was stored meanwhile
 * without a page of its own (changed records asked with the Id query); reports it.
 */
export function settleExpected(
  context: SyncContext,
  phase: SyncPhase,
  object: string,
  settled: { readonly expected: number; readonly stored: number },
): void {
  const tally = tallyOf(context, object);
  tally.done += settled.stored;
  tally.expected = Math.max(0, settled.expected);
  report(context, phase, object, tally);
}
