/**
 * The delta download of one object: the plan's delta template from (watermark - overlap), page by page
 * with a resumable cursor, then the getUpdated/getDeleted window checked in the same round.
 */

import type { PlanObject, SyncPlan } from '../../compiler/plan.ts';
import type { ObjectWork } from './download.ts';
import { askMissing, expectedTotal, pages } from './download-queries.ts';
import { markDependentsOfRemoved, markNeedsReconcile, maxStamp, stateOf } from './object-state.ts';
import { expectRecords, receiveRecords, storedSoFar } from '../record-progress.ts';
import { soqlDatetime } from '../soql-binding.ts';
import { storePage } from './store-page.ts';
import { countsFor, type SyncContext } from '../sync-context.ts';
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

export function deltaFrom(context: SyncContext, state: ObjectSyncState, member: number): number {
  const stamp = state.deltaCursor?.[member] ?? state.watermark;
  return stamp === null || stamp === undefined ? 0 : Math.max(0, Date.parse(stamp) - overlapMs(context.plan));
}

/** Returns the records that changed on the server but did not come back (see applyWindow). */
export async function runDelta(context: SyncContext, work: ObjectWork): Promise<Set<string>> {
  const { object } = work;
  const { store } = context;
  const returned = new Set<string>();
  const start = stateOf(context, object);
  const fromEpoch = start.watermark === null && start.deltaCursor === null;
  if (work.fromScratch || (fromEpoch && !object.queries.delta.some((t) => t.idSource)))
    // A delta from the epoch sees everything in scope now, including what was queued for it, unless it
    // was bound with the Ids held before this sync (an object that held nothing, through held Ids).
    store.transaction(() => store.putObjectState({ ...stateOf(context, object), pendingIds: {} }));
  // An empty object's first download looks nothing up; one statement returns each record once.
  const firstDownload =
    work.fromScratch && store.countRecords(object.name) === 0
      ? { seen: work.queries.flat().length > 1 ? new Set<string>() : null }
      : undefined;
  await askMissing(context, object, work.queries);
  const members = object.queries.delta;
  expectRecords(context, object.name, expectedTotal(work.queries));
  for (let index = 0; index < members.length; index++) {
    // A query per chunk of held Ids is not one ordered stream: its pages cannot move a resumable cursor.
    const cursor = members[index]!.idSource ? undefined : { member: index, members: members.length };
    let highest: string | null = null;
    for (const query of work.queries[index] ?? []) {
      await pages(context, query.answer!, (page) => {
        const before = storedSoFar(context, object.name);
        for (const record of storePage(context, object, page.records, cursor, undefined, firstDownload)) {
          // A first download checks no window (applyWindow): what came back is not needed then.
          if (!work.fromScratch) returned.add(record.Id);
          const stamp = record[context.plan.watermarkField];
          // Without a cursor (Id chunks) the member's highest stamp is kept here instead.
          if (!cursor && typeof stamp === 'string') highest = maxStamp(highest, stamp);
        }
        receiveRecords(context, 'download', object.name, {
          received: page.records.length,
          stored: storedSoFar(context, object.name) - before,
        });
      });
    }
    if (!cursor) {
      // The member is complete: its highest stamp now counts like a cursor.
      const state = stateOf(context, object);
      const cursors = [...(state.deltaCursor ?? new Array<string | null>(members.length).fill(null))];
      cursors[index] = maxStamp(state.watermark, highest);
      store.transaction(() => store.putObjectState({ ...stateOf(context, object), deltaCursor: cursors }));
    }
  }
  const state = stateOf(context, object);
  const reached = (state.deltaCursor ?? []).reduce<string | null>((a, b) => maxStamp(a, b), state.watermark);
  const now = context.clock.now();
  store.transaction(() =>
    store.putObjectState({
      ...stateOf(context, object),
      watermark: reached,
      deltaCursor: null,
      downloadedAt: now,
      reconciledAt: work.fromScratch ? now : state.reconciledAt,
    }),
  );
  return applyWindow(context, object, work.window, returned, work.fromScratch);
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
function reachesPresent(window: WindowAnswers): boolean {
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

/**
 * Applies getDeleted/getUpdated after a delta: removes deletions, flags records that may have left, and
 * returns the records that changed (by SystemModstamp) but did not come back: out of scope now, or
 * changed by the system only (a cleared lookup), which the reconciliation re-reads.
 */
function applyWindow(
  context: SyncContext,
  object: PlanObject,
  window: WindowAnswers | undefined,
  returned: ReadonlySet<string>,
  fromScratch: boolean,
): Set<string> {
  const unseen = new Set<string>();
  if (!window) return unseen;
  const { store } = context;
  const until = coveredUntil(window);
  const { updated, deleted } = window;
  store.transaction(() => {
    if (until === null || updated instanceof ApiRequestError || deleted instanceof ApiRequestError) {
      // The window could not be checked: only a reconciliation can tell what left.
      markNeedsReconcile(context, object.name);
      return;
    }
    if (!fromScratch)
      for (const id of updated?.ids ?? [])
        if (!returned.has(id) && store.getRecord(object.name, id)) unseen.add(id);
    const windowExceeded =
      !!deleted?.earliestDateAvailable &&
      Date.parse(deleted.earliestDateAvailable) > Date.parse(window.start);
    let removed = 0;
    if (!fromScratch)
      for (const { id } of deleted?.deletedRecords ?? [])
        if (store.getRecord(object.name, id)) {
          store.deleteRecord(object.name, id);
          removed += 1;
        }
    countsFor(context, object.name).removed += removed;
    if (removed > 0) markDependentsOfRemoved(context, object.name);
    const state = stateOf(context, object);
    store.putObjectState({
      ...state,
      deletedCoveredUntil: until,
      ...(unseen.size > 0 ? { rereadIds: [...new Set([...(state.rereadIds ?? []), ...unseen])] } : {}),
      needsReconcile:
        state.needsReconcile ||
        (!fromScratch && (windowExceeded || !reachesPresent(window))) ||
        unseen.size > 0,
    });
  });
  return unseen;
}
