/**
 * API-call arithmetic of a sync plan, as the device runtime (src/runtime/download/download.ts) spends calls:
 * - every object whose requests do not depend on what the sync brings is asked at once: its getUpdated +
 *   getDeleted window checks (objects that do not reconcile every sync), then its delta queries (or its Id
 *   queries when it reconciles), packed in that order into /composite calls (one API call each, at most
 *   `queriesPerComposite` queries among `subrequestsPerComposite` subrequests);
 * - objects that must wait for their parents (a first download or an Id reconciliation bound with the Ids
 *   held for another object) are asked per dependency wave, packed the same way;
 * - further pages are one call each; the first sync fetches by Id what the Id queries of a limited
 *   object found;
 * - objects reconcile every sync when the plan says so (relative dates, limit), otherwise once a day:
 *   by their COUNT() queries when the plan has them (all objects' counts packed together at the end of
 *   the sync), else by their Id queries;
 * - every sync first checks for a newly published plan (`planCheckCallsPerSync`).
 * Pure: the figures come from row counts the caller measured.
 */

import { compositeCallsOf } from '../runtime/salesforce-api.ts';
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
  /** The plan's dependsOn: the object waits for these in a sync. */
  readonly dependsOn: readonly string[];
  readonly syncEveryMinutes: number;
  readonly reconcileEverySync: boolean;
  /** Delta queries (one per template, or per chunk of Ids for device-driven templates). */
  readonly deltaQueries: number;
  /** Id-reconciliation queries, the same way. */
  readonly reconcileQueries: number;
  /** Further pages of those Id queries (over `pageSize` rows), one call each. */
  readonly reconcileExtraPages: number;
  /** First sync: statements of the first download (delta from the epoch, or Id queries when it reconciles every sync). */
  readonly firstQueries: number;
  /** First sync: further pages of those statements. */
  readonly firstExtraPages: number;
  /** First sync: by-Id fetches of the records an Id query found (objects with a limit). */
  readonly firstByIdQueries: number;
  /**
   * Its templates bind the Ids held for another object (`idSource`): a first download or an Id
   * reconciliation then waits for that object's download.
   */
  readonly bindsHeldIds: boolean;
  /** COUNT() statements of its daily reconciliation, or null when it reconciles by Id queries. */
  readonly countQueries: number | null;
}

type Mode = 'delta' | 'reconcile' | 'count';

function modeOf(object: ObjectDeltaRequests, reconcileAll: boolean): Mode {
  if (object.reconcileEverySync) return 'reconcile';
  if (!reconcileAll) return 'delta';
  return object.countQueries === null ? 'reconcile' : 'count';
}

/** One object's requests in a sync: window check (unless it reconciles every sync), then its queries. */
export function objectRequests(
  object: ObjectDeltaRequests,
  reconcile: boolean,
): { checks: number; queries: number } {
  return {
    checks: object.reconcileEverySync ? 0 : 2,
    queries: modeOf(object, reconcile) === 'reconcile' ? object.reconcileQueries : object.deltaQueries,
  };
}

/** Objects grouped as the runtime syncs them: each wave's dependencies are in earlier waves. */
export function waves(objects: readonly ObjectDeltaRequests[]): ObjectDeltaRequests[][] {
  const settled = new Set<string>();
  const out: ObjectDeltaRequests[][] = [];
  let remaining = [...objects];
  while (remaining.length > 0) {
    const wave = remaining.filter((o) =>
      o.dependsOn.every((d) => settled.has(d) || !objects.some((x) => x.name === d)),
    );
    if (wave.length === 0) throw new Error('the plan has a dependency cycle');
    for (const object of wave) settled.add(object.name);
    remaining = remaining.filter((o) => !wave.includes(o));
    out.push(wave);
  }
  return out;
}

/**
 * API calls of a request sequence (true = a query) packed into /composite calls the way the runtime
 * packs them (see compositeCallsOf in the runtime).
 */
export function compositeCalls(
  sequence: readonly boolean[],
  assumptions: Pick<
    PreviewAssumptions,
    'queriesPerComposite' | 'subrequestsPerComposite'
  > = DEFAULT_ASSUMPTIONS,
): number {
  return compositeCallsOf(sequence, assumptions.queriesPerComposite, assumptions.subrequestsPerComposite);
}

/** The calls of asking `requests` together: window checks first, then queries, packed into /composite. */
function askedTogether(
  requests: readonly { checks: number; queries: number }[],
  assumptions: Pick<PreviewAssumptions, 'queriesPerComposite' | 'subrequestsPerComposite'>,
): number {
  const checks = requests.reduce((n, r) => n + r.checks, 0);
  const queries = requests.reduce((n, r) => n + r.queries, 0);
  return compositeCalls(
    [...new Array<boolean>(checks).fill(false), ...new Array<boolean>(queries).fill(true)],
    assumptions,
  );
}

/**
 * API calls of one sync in which the objects named in `due` are downloaded (all when omitted),
 * `reconcileAll` forcing the daily reconciliation of every object.
 */
export function syncCalls(
  objects: readonly ObjectDeltaRequests[],
  reconcileAll: boolean,
  due?: ReadonlySet<string>,
  assumptions: Omit<PreviewAssumptions, 'tickMinutes'> = DEFAULT_ASSUMPTIONS,
): number {
  const dueObjects = objects.filter((o) => !due || due.has(o.name));
  if (dueObjects.length === 0) return 0;
  const waits = (o: ObjectDeltaRequests) => modeOf(o, reconcileAll) === 'reconcile' && o.bindsHeldIds;
  let calls = askedTogether(
    dueObjects.filter((o) => !waits(o)).map((o) => objectRequests(o, reconcileAll)),
    assumptions,
  );
  for (const wave of waves(objects)) {
    const late = wave.filter((o) => dueObjects.includes(o) && waits(o));
    if (late.length > 0)
      calls += askedTogether(
        late.map((o) => objectRequests(o, reconcileAll)),
        assumptions,
      );
  }
  for (const object of dueObjects)
    if (modeOf(object, reconcileAll) === 'reconcile') calls += object.reconcileExtraPages;
  const counts = dueObjects
    .filter((o) => modeOf(o, reconcileAll) === 'count')
    .reduce((n, o) => n + (o.countQueries ?? 0), 0);
  calls += compositeCalls(new Array<boolean>(counts).fill(true), assumptions);
  return calls + assumptions.planCheckCallsPerSync;
}

/**
 * API calls of a device's first sync: the first requests of objects that bind no held Ids asked
 * together, those that do per wave, further pages one call each, then the by-Id fetches of each limited
 * object packed per object; and the plan check.
 */
export function firstSyncCalls(
  objects: readonly ObjectDeltaRequests[],
  assumptions: Omit<PreviewAssumptions, 'tickMinutes'> = DEFAULT_ASSUMPTIONS,
): number {
  if (objects.length === 0) return 0;
  const first = (o: ObjectDeltaRequests) => ({
    checks: o.reconcileEverySync ? 0 : 2,
    queries: o.firstQueries,
  });
  let calls = askedTogether(objects.filter((o) => !o.bindsHeldIds).map(first), assumptions);
  for (const wave of waves(objects)) {
    const late = wave.filter((o) => o.bindsHeldIds);
    if (late.length > 0) calls += askedTogether(late.map(first), assumptions);
  }
  for (const object of objects) {
    calls += object.firstExtraPages;
    calls += compositeCalls(new Array<boolean>(object.firstByIdQueries).fill(true), assumptions);
  }
  return calls + assumptions.planCheckCallsPerSync;
}

/**
 * A day of scheduled syncs: the scheduler ticks every `tickMinutes`; at a tick, the objects whose own
 * interval has passed since their last download are synced together (in waves, see syncCalls). The first sync of the day
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
    apiCallsPerDay += syncCalls(objects, syncsPerDay === 0, new Set(due.map((o) => o.name)), assumptions);
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
