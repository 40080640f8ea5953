/**
 * The getUpdated/getDeleted window checked after a delta: where it starts, how far both answers covered,
 * and where the next one starts. Shared by the delta (which applies it), the download (which asks it) and
 * the reconciliation (which restarts it once the device is exact).
 */

import type { SyncPlan } from '../../compiler/plan.ts';
import { soqlDatetime } from '../soql-binding.ts';
import type { SyncContext } from '../sync-context.ts';
import type { ObjectSyncState } from '../store/sync-store.ts';
import { ApiRequestError } from '../sync-errors.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface WindowAnswers {
  readonly start: string;
  /** The end asked (set when the requests are built). */
  end?: string;
  updated?: { ids?: string[]; latestDateCovered?: string } | ApiRequestError;
  deleted?:
    | { deletedRecords?: { id: string }[]; earliestDateAvailable?: string; latestDateCovered?: string }
    | ApiRequestError;
}

/** Start of the getUpdated/getDeleted window: where the last check ended, else a probe of server time. */
export function windowStart(context: SyncContext, state: ObjectSyncState, now: number): string {
  if (state.deletedCoveredUntil) return state.deletedCoveredUntil;
  if (state.watermark) return soqlDatetime(Date.parse(state.watermark) - overlapMs(context.plan));
  return soqlDatetime(now - 60 * 60_000);
}

export function overlapMs(plan: SyncPlan): number {
  // At least one second: literals have whole seconds, and records stamped in the watermark's own second
  // may sit on the next page (ties on equal stamps).
  return Math.max(plan.overlapSeconds, 1) * 1000;
}

export function coveredUntil(window: WindowAnswers | undefined): string | null {
  if (!window) return null;
  const { updated, deleted } = window;
  if (!updated || !deleted || updated instanceof ApiRequestError || deleted instanceof ApiRequestError)
    return null;
  const dates = [updated.latestDateCovered, deleted.latestDateCovered].filter(
    (d): d is string => typeof d === 'string',
  );
  if (dates.length < 2) return null;
  return dates.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

/**
 * Where the next window starts once a reconciliation made the device exact, when this sync's window could
 * not be checked (a device away longer than the org keeps deletions, 15 days): the org's present as
 * either answer reported it, else a day before the device's clock. Keeping the old start instead would be
 * refused at every later sync, each then reconciling again. Null without a window (nothing to restart).
 */
export function windowRestart(window: WindowAnswers | undefined, now: number): string | null {
  if (!window) return null;
  const covered = coveredUntil(window);
  if (covered) return covered;
  for (const answer of [window.updated, window.deleted])
    if (answer && !(answer instanceof ApiRequestError) && typeof answer.latestDateCovered === 'string')
      return answer.latestDateCovered;
  return soqlDatetime(now - DAY_MS);
}

/**
 * Whether both answers cover up to the org's present: the org cut the range short of the end asked (it
 * answers up to its current minute, or the start of a transaction in flight). A window that ran to its
 * end stopped before the present (the end came from a device clock behind the org's), so the delta may
 * have seen changes after it, and records that left the scope or were deleted meanwhile would go unnoticed.
 */
export function reachesPresent(window: WindowAnswers): boolean {
  const { updated, deleted, end } = window;
  if (
    !end ||
    !updated ||
    !deleted ||
    updated instanceof ApiRequestError ||
    deleted instanceof ApiRequestError
  )
    return false;
  const endMinute = Math.floor(Date.parse(end) / 60_000) * 60_000;
  return [updated.latestDateCovered, deleted.latestDateCovered].every(
    (covered) => typeof covered === 'string' && Date.parse(covered) < endMinute,
  );
}
