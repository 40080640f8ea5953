/** What one sync run counts as it goes: the mutable half of its context (sync-context.ts holds the rest). */

import { emptyCounts } from './progress.ts';
import type { ChangeOp, ObjectCounts } from './store/sync-store.ts';

/** Records done / expected of one object in this sync (see record-progress.ts). */
export interface RecordTally {
  /** Records stored so far. */
  done: number;
  /** Rows announced by the queries asked so far, not yet received (or received and still to fetch). */
  expected: number;
  /** The last reported total, so an event is sent only when something changed. */
  reported?: { done: number; total: number };
}

export interface SyncTallies {
  readonly counts: Record<string, ObjectCounts>;
  readonly errors: string[];
  readonly dropped: { object: string; recordId: string; op: ChangeOp }[];
  /** Records done / expected per phase and object in this sync (see record-progress.ts). */
  readonly tallies: Map<string, RecordTally>;
  /**
   * Objects whose queries answered INVALID_FIELD this sync, with the answer's message (a field's access
   * revoked since the describe; download-as-user.ts retries without it).
   */
  readonly invalidFields?: Map<string, string>;
}

/** Fresh tallies for a sync that starts with `errors` already noted (a plan check's). */
export function newSyncTallies(errors: readonly string[] = []): SyncTallies {
  return { counts: {}, errors: [...errors], dropped: [], tallies: new Map(), invalidFields: new Map() };
}

export function countsFor(tallies: SyncTallies, object: string): ObjectCounts {
  let counts = tallies.counts[object];
  if (!counts) tallies.counts[object] = counts = emptyCounts();
  return counts;
}
