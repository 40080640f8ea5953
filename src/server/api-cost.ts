/**
 * API-call arithmetic of a sync plan, as the device runtime spends calls (issue 4's engine):
 * - a first sync runs every `full` query, one call per page of `pageSize` rows;
 * - a later sync sends, per due object in plan order, a getUpdated + getDeleted window check (unless
 *   the object reconciles every sync) and then either its delta queries or, when it reconciles, its Id
 *   queries; these first requests are packed into /composite calls (one API call each, at most
 *   `queriesPerComposite` queries among `subrequestsPerComposite` subrequests); further pages of Id
 *   queries are one call each;
 * - objects reconcile every sync when the plan says so (relative dates, limit), otherwise once a day;
 * - every sync first checks for a newly published plan (`planCheckCallsPerSync`).
 * Pure: the figures come from row counts the caller measured.
 */

import type { PreviewAssumptions } from './api-types.ts';

export const DEFAULT_ASSUMPTIONS: Omit<PreviewAssumptions, 'tickMinutes'> = {
  pageSize: 2000,
  queriesPerComposite: 5,
  subrequestsPerComposite: 25,
  planCheckCallsPerSync: 1,
};

export const MINUTES_PER_DAY = 1440;

/** Pages (API calls) to read `rows` rows: at least one, even for an empty result. */
export function pages(rows: number, pageSize = DEFAULT_ASSUMPTIONS.pageSize): number {
  return Math.max(1, Math.ceil(rows / pageSize));
}

/** Requests of one object in a sync where nothing changed. */
export interface ObjectDeltaRequests {
  readonly name: string;
  readonly syncEveryMinutes: number;
  readonly reconcileEverySync: boolean;
  /** Delta queries (one per template, or per chunk of Ids for device-driven templates). */
  readonly deltaQueries: number;
  /** Id-reconciliation queries, the same way. */
  readonly reconcileQueries: number;
  /** Further pages of those Id queries (over `pageSize` rows), one call each. */
  readonly reconcileExtraPages: number;
}

/**
 * One object's requests in the order the runtime sends them: the getUpdated/getDeleted window check
 * (objects that are not reconciled every sync), then its delta or its Id queries.
 */
export function objectRequestSequence(object: ObjectDeltaRequests, reconcile: boolean): boolean[] {
  const windowCheck = object.reconcileEverySync ? [] : [false, false];
  const queries = reconcile || object.reconcileEverySync ? object.reconcileQueries : object.deltaQueries;
  return [...windowCheck, ...new Array<boolean>(queries).fill(true)];
}

/**
 * API calls of a request sequence (true = a query) packed into /composite calls the way the runtime
 * packs them: in order, up to `subrequestsPerComposite`, closing a call before a query beyond
 * `queriesPerComposite`; a lone last request goes on its own (still one call).
 */
export function compositeCalls(
  sequence: readonly boolean[],
  assumptions: Pick<
    PreviewAssumptions,
    'queriesPerComposite' | 'subrequestsPerComposite'
  > = DEFAULT_ASSUMPTIONS,
): number {
  let calls = 0;
  let i = 0;
  while (i < sequence.length) {
    let size = 0;
    let queries = 0;
    while (i < sequence.length && size < assumptions.subrequestsPerComposite) {
      if (sequence[i] && queries === assumptions.queriesPerComposite) break;
      if (sequence[i]) queries += 1;
      size += 1;
      i += 1;
    }
    calls += 1;
  }
  return calls;
}

/** API calls of one sync of `due` objects, `reconcileAll` forcing the daily reconciliation of every object. */
export function syncCalls(
  due: readonly ObjectDeltaRequests[],
  reconcileAll: boolean,
  assumptions: Omit<PreviewAssumptions, 'tickMinutes'> = DEFAULT_ASSUMPTIONS,
): number {
  if (due.length === 0) return 0;
  const sequence = due.flatMap((o) => objectRequestSequence(o, reconcileAll));
  const extraPages = due.reduce(
    (n, o) => n + (reconcileAll || o.reconcileEverySync ? o.reconcileExtraPages : 0),
    0,
  );
  return compositeCalls(sequence, assumptions) + extraPages + assumptions.planCheckCallsPerSync;
}

/**
 * A day of scheduled syncs: the scheduler ticks every `tickMinutes`; at a tick, the objects whose own
 * interval has passed since their last download are synced together. The first sync of the day
 * reconciles every object (the daily reconciliation); later ones only the reconcileEverySync objects.
 */
export function dailyCalls(
  objects: readonly ObjectDeltaRequests[],
  tickMinutes: number,
  assumptions: Omit<PreviewAssumptions, 'tickMinutes'> = DEFAULT_ASSUMPTIONS,
): { syncsPerDay: number; apiCallsPerDay: number } {
  const lastRun = new Map<string, number>();
  let syncsPerDay = 0;
  let apiCallsPerDay = 0;
  for (let minute = 0; minute < MINUTES_PER_DAY; minute += tickMinutes) {
    const due = objects.filter((o) => {
      const last = lastRun.get(o.name);
      return last === undefined || minute - last >= o.syncEveryMinutes;
    });
    if (due.length === 0) continue;
    for (const object of due) lastRun.set(object.name, minute);
    apiCallsPerDay += syncCalls(due, syncsPerDay === 0, assumptions);
    syncsPerDay += 1;
  }
  return { syncsPerDay, apiCallsPerDay };
}

/** The scheduler's tick: the shortest interval among the plan and its objects. */
export function tickMinutesOf(
  planEveryMinutes: number,
  objects: readonly { syncEveryMinutes: number }[],
): number {
  return Math.max(1, Math.min(planEveryMinutes, ...objects.map((o) => o.syncEveryMinutes)));
}
