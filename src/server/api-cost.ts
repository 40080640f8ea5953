/**
 * API-call arithmetic of a sync plan, as the device runtime (src/runtime/download.ts) spends calls:
 * - a first sync downloads in dependency waves: per wave, window checks and the first page of every
 *   statement (a delta from the epoch, or the Id query for objects with a limit) packed into
 *   /composite calls, further pages one call each, then by-Id fetches of what the Id queries found;
 * - a later sync goes in waves of objects whose dependencies are done; per wave, the due objects'
 *   getUpdated + getDeleted window checks (objects that do not reconcile every sync), then their delta
 *   queries, or their Id queries when they reconcile, are packed in that order into /composite calls
 *   (one API call each, at most `queriesPerComposite` queries among `subrequestsPerComposite`
 *   subrequests); further pages of Id queries are one call each;
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
  /** First sync: by-Id fetches of the records an Id query found (objects that reconcile every sync). */
  readonly firstByIdQueries: number;
}

/** One object's requests in a sync: window check (unless it reconciles every sync), then its queries. */
export function objectRequests(
  object: ObjectDeltaRequests,
  reconcile: boolean,
): { checks: number; queries: number } {
  return {
    checks: object.reconcileEverySync ? 0 : 2,
    queries: reconcile || object.reconcileEverySync ? object.reconcileQueries : object.deltaQueries,
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
  let calls = 0;
  let any = false;
  for (const wave of waves(objects)) {
    const dueInWave = wave.filter((o) => !due || due.has(o.name));
    if (dueInWave.length > 0) any = true;
    const requests = dueInWave.map((o) => objectRequests(o, reconcileAll));
    const sequence = [
      ...new Array<boolean>(requests.reduce((n, r) => n + r.checks, 0)).fill(false),
      ...new Array<boolean>(requests.reduce((n, r) => n + r.queries, 0)).fill(true),
    ];
    calls += compositeCalls(sequence, assumptions);
    calls += dueInWave.reduce(
      (n, o) => n + (reconcileAll || o.reconcileEverySync ? o.reconcileExtraPages : 0),
      0,
    );
  }
  return any ? calls + assumptions.planCheckCallsPerSync : 0;
}

/**
 * API calls of a device's first sync: per wave, window checks and the first page of every statement
 * packed together, further pages one call each, then the by-Id fetches of each reconciling object
 * packed per object; and the plan check.
 */
export function firstSyncCalls(
  objects: readonly ObjectDeltaRequests[],
  assumptions: Omit<PreviewAssumptions, 'tickMinutes'> = DEFAULT_ASSUMPTIONS,
): number {
  let calls = 0;
  for (const wave of waves(objects)) {
    const checks = wave.reduce((n, o) => n + (o.reconcileEverySync ? 0 : 2), 0);
    const queries = wave.reduce((n, o) => n + o.firstQueries, 0);
    calls += compositeCalls(
      [...new Array<boolean>(checks).fill(false), ...new Array<boolean>(queries).fill(true)],
      assumptions,
    );
    for (const object of wave) {
      calls += object.firstExtraPages;
      calls += compositeCalls(new Array<boolean>(object.firstByIdQueries).fill(true), assumptions);
    }
  }
  return objects.length > 0 ? calls + assumptions.planCheckCallsPerSync : 0;
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
