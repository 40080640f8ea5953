/**
 * Per-object record progress of one sync phase. An object's phase may run several queries (a delta, then
 * children of new parents by `:parentIds`; an Id query, then stale records by Id), each announcing its
 * count (totalSize) only when its first page arrives. `done` counts records received by every query of
 * the phase so far and `total` what the queries asked so far will return, so `done` never goes back and
 * `total` is never below it (it grows when a later query is asked).
 */

import type { SyncPhase } from './progress.ts';
import type { SyncContext } from './sync-context.ts';

export interface RecordTally {
  done: number;
  total: number;
}

function tallyOf(context: SyncContext, phase: SyncPhase, object: string): RecordTally {
  const key = `${phase}\u0000${object}`;
  let tally = context.tallies.get(key);
  if (!tally) context.tallies.set(key, (tally = { done: 0, total: 0 }));
  return tally;
}

/** Queries just asked will return `count` more records (their first pages' totalSize). */
export function expectRecords(context: SyncContext, phase: SyncPhase, object: string, count: number): void {
  tallyOf(context, phase, object).total += count;
}

/** A page of `count` records arrived: reports the phase's progress for the object. */
export function receiveRecords(context: SyncContext, phase: SyncPhase, object: string, count: number): void {
  const tally = tallyOf(context, phase, object);
  tally.done += count;
  // totalSize is exact on Salesforce; should a count move while paging, the total follows what arrived.
  tally.total = Math.max(tally.total, tally.done);
  context.progress({ phase, object, done: tally.done, total: tally.total });
}
