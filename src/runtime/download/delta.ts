/**
 * The delta download of one object: the plan's delta template from (watermark - overlap), page by page
 * with a resumable cursor, then the getUpdated/getDeleted window checked in the same round.
 */

import type { PlanObject } from '../../compiler/plan.ts';
import { coveredUntil, overlapMs, reachesPresent, type WindowAnswers } from './change-window.ts';
import { askMissing, expectedTotal, pages } from './download-queries.ts';
import {
  markDependentsOfRemoved,
  markNeedsReconcile,
  maxStamp,
  stateOf,
  updateObjectState,
} from './object-state.ts';
import { expectRecords, receiveRecords, storedSoFar } from '../record-progress.ts';
import type { ObjectWork } from './object-work.ts';
import { storePage } from './store-page.ts';
import type { SyncContext } from '../sync-context.ts';
import { countsFor } from '../sync-tallies.ts';
import type { ObjectSyncState } from '../store/sync-store.ts';
import { ApiRequestError } from '../sync-errors.ts';

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
    updateObjectState(context, object, () => ({ pendingIds: {} }));
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
      updateObjectState(context, object, (state) => {
        const cursors = [...(state.deltaCursor ?? new Array<string | null>(members.length).fill(null))];
        cursors[index] = maxStamp(state.watermark, highest);
        return { deltaCursor: cursors };
      });
    }
  }
  const now = context.clock.now();
  // The watermark reached: the highest of the members' cursors, each complete now.
  updateObjectState(context, object, (state) => ({
    watermark: (state.deltaCursor ?? []).reduce<string | null>((a, b) => maxStamp(a, b), state.watermark),
    deltaCursor: null,
    downloadedAt: now,
    reconciledAt: work.fromScratch ? now : state.reconciledAt,
  }));
  return applyWindow(context, object, work.window, returned, work.fromScratch);
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
