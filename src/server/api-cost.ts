/**
 * API-call arithmetic of a sync plan, as the device runtime spends calls (issue 4's engine):
 * - a first sync runs every `full` query, one call per page of `pageSize` rows;
 * - a delta sync groups its requests into /composite calls (one API call each, at most
 *   `queriesPerComposite` queries among `subrequestsPerComposite` subrequests): per object its delta
 *   queries, one getDeleted request, and, when it reconciles, its Id queries page by page;
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

/** Requests of one object in a delta sync where nothing changed. */
export interface ObjectDeltaRequests {
  readonly name: string;
  readonly syncEveryMinutes: number;
  readonly reconcileEverySync: boolean;
  /** Delta queries (one per template, or per chunk of parent Ids). */
  readonly deltaQueries: number;
  /** Non-query requests (getDeleted). */
  readonly otherRequests: number;
  /** Query pages of the Id reconciliation (all `ids` templates). */
  readonly reconcilePages: number;
}

/** Requests of one object in a no-change delta, reconciling or not. */
export function objectRequests(
  object: ObjectDeltaRequests,
  reconcile: boolean,
): { queries: number; others: number } {
  return {
    queries: object.deltaQueries + (reconcile ? object.reconcilePages : 0),
    others: object.otherRequests,
  };
}

/** API calls for a set of requests grouped into /composite calls. */
export function compositeCalls(
  requests: { queries: number; others: number },
  assumptions: Pick<
    PreviewAssumptions,
    'queriesPerComposite' | 'subrequestsPerComposite'
  > = DEFAULT_ASSUMPTIONS,
): number {
  if (requests.queries + requests.others === 0) return 0;
  return Math.max(
    Math.ceil(requests.queries / assumptions.queriesPerComposite),
    Math.ceil((requests.queries + requests.others) / assumptions.subrequestsPerComposite),
  );
}

/** API calls of one sync of `due` objects, `reconcileAll` forcing the daily reconciliation of every object. */
export function syncCalls(
  due: readonly ObjectDeltaRequests[],
  reconcileAll: boolean,
  assumptions: Omit<PreviewAssumptions, 'tickMinutes'> = DEFAULT_ASSUMPTIONS,
): number {
  let queries = 0;
  let others = 0;
  for (const object of due) {
    const r = objectRequests(object, reconcileAll || object.reconcileEverySync);
    queries += r.queries;
    others += r.others;
  }
  return (
    compositeCalls({ queries, others }, assumptions) +
    (due.length > 0 ? assumptions.planCheckCallsPerSync : 0)
  );
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
