/**
 * Phase 2 of a sync: bring the device to exactly the plan's scope on the server, in waves of objects whose
 * dependencies are done (parents and referencing objects first), each wave's first requests grouped into
 * /composite calls of up to 5 queries, so a sync where nothing changed costs a handful of API calls.
 *
 * Two ways to bring one object up to date:
 * - delta: the plan's delta template bound with (watermark - overlap), paged through nextRecordsUrl; each
 *   page is stored with the stamp it reached (per query of a union, so a killed download resumes where it
 *   stopped). getUpdated/getDeleted for the same window go in the same /composite, before it: deleted
 *   records are removed, and a record on the device that changed but did not come back has left the scope,
 *   which triggers a reconciliation. The first download is a delta from the epoch (without a limit).
 * - reconcile: the plan's Id query of the whole scope; records the device holds that are not in it are
 *   removed, records missing or with another stamp are fetched by Id. Every sync for objects whose scope
 *   moves by itself (time-relative filters, limits; the plan says so), at least daily for the rest, and
 *   whenever something may have left the scope unseen (getDeleted window exceeded, the object's plan
 *   changed).
 *
 * When a parent or referencing record leaves the device, or a reference moves away, the records no path
 * reaches any more are removed on the device (scope-sweep.ts), with no API call.
 *
 * Records that enter the scope without changing (children of a parent new on the device, records newly
 * referenced) are queued per path in the transaction of the page that revealed them, and fetched with the
 * path's template (`:parentIds` / `:ids`). Templates with an `idSource` bind the Ids the device holds for
 * another object, in chunks under the URL limit.
 */

import type { PlanObject } from '../../compiler/plan.ts';
import { prepareCountCheck, settleCountCheck } from './count-check.ts';
import { coveredUntil, windowRestart, windowStart, type WindowAnswers } from './change-window.ts';
import { deltaFrom, runDelta } from './delta.ts';
import { boundStatements, fetchByIds, type Answer, type BoundQuery } from './download-queries.ts';
import { clearPending, hasDownloaded, stateOf, updateObjectState } from './object-state.ts';
import { runReconcile } from './reconcile.ts';
import { compositeCallsOf } from '../salesforce-api.ts';
import type { Mode, ObjectWork } from './object-work.ts';
import { sweepOrphans } from './scope-sweep.ts';
import { BindError, soqlDatetime } from '../soql-binding.ts';
import type { SyncContext } from '../sync-context.ts';
import type { ObjectSyncState } from '../store/sync-store.ts';
import { ApiRequestError, SyncError } from '../sync-errors.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far past the latest known time a change window's end is asked (the org caps it at its present). */
const WINDOW_LEAD_MS = DAY_MS;

export async function download(context: SyncContext, touched: ReadonlySet<string>): Promise<void> {
  const { plan } = context;
  const settled = new Set<string>();
  const failed = new Set<string>();
  // Objects this user cannot sync (a filter names a field they cannot read, field-access.ts) fail at once.
  for (const [name, why] of context.blocked ?? []) {
    failed.add(name);
    if (!context.errors.includes(why)) context.errors.push(why);
  }
  // Objects whose requests do not depend on what this sync brings are asked all at once, before any
  // wave runs: most syncs then cost one round of /composite calls. A delta bound with the parents held
  // before the sync is still exact: children of parents that arrive are fetched by parent Id (pending),
  // those of parents that leave are swept. Only a first download or an Id reconciliation through held
  // Ids must wait for its parents.
  const early = new Map<string, ObjectWork>();
  for (const object of plan.objects)
    if (!failed.has(object.name) && !waitsForParents(object, workMode(context, object, touched)))
      early.set(
        object.name,
        withObjectContext(object, () => planWork(context, object, touched)),
      );
  await askFirstRequests(context, [...early.values()]);
  const done: ObjectWork[] = [];
  let remaining = [...plan.objects];
  while (remaining.length > 0) {
    const wave = remaining.filter((o) => o.dependsOn.every((d) => settled.has(d)));
    if (wave.length === 0) throw new SyncError('the plan has a dependency cycle', 'permanent', 'plan');
    remaining = remaining.filter((o) => !wave.includes(o));
    const works: ObjectWork[] = [];
    for (const object of wave) {
      settled.add(object.name);
      if (failed.has(object.name)) continue;
      if (object.dependsOn.some((d) => failed.has(d))) failed.add(object.name);
      else
        works.push(
          early.get(object.name) ?? withObjectContext(object, () => planWork(context, object, touched)),
        );
    }
    await askFirstRequests(
      context,
      works.filter((work) => !early.has(work.object.name)),
    );
    for (const work of works) await perObject(context, work.object, failed, () => runWork(context, work));
    done.push(...works);
  }
  await settleCounts(
    context,
    done.filter((work) => work.mode === 'count' && !failed.has(work.object.name)),
    failed,
  );
  if (failed.size > 0) throw new DownloadFailedError([...failed]);
}

/** Objects (and their dependents) whose download failed permanently; the others were brought up to date. */
export class DownloadFailedError extends SyncError {
  constructor(readonly objects: readonly string[]) {
    super(`download failed for ${objects.join(', ')}`, 'permanent', 'download');
  }
}

/** Runs one object's step; a permanent API error fails that object (and, later, its dependents) only. */
async function perObject(
  context: SyncContext,
  object: PlanObject,
  failed: Set<string>,
  step: () => Promise<void>,
): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (error instanceof ApiRequestError && error.kind === 'permanent') {
      failed.add(object.name);
      // A field the user can no longer read (revoked since the describe): the engine retries without it.
      if (error.errorCode === 'INVALID_FIELD') context.invalidFields?.set(object.name, error.message);
      context.errors.push(`${object.name}: ${error.message}`);
      return;
    }
    throw error;
  }
}

/**
 * The reconciliations by count, once every object's delta is stored: all count statements asked together,
 * each object settled by its answers, then in dependency order the Id reconciliation of those whose counts
 * differ, and what it implies for the objects after them (records to fetch, records to sweep).
 */
async function settleCounts(
  context: SyncContext,
  works: readonly ObjectWork[],
  failed: Set<string>,
): Promise<void> {
  if (works.length === 0) return;
  const checks = works.map((work) => prepareCountCheck(context, work.object));
  const requests = checks.flatMap((check) => check?.requests ?? []);
  const answers = requests.length > 0 ? await context.api.batchGet(requests) : [];
  const byId = new Set<string>();
  const windows = new Map(works.map((work) => [work.object.name, work.window] as const));
  let offset = 0;
  for (const [index, work] of works.entries()) {
    const check = checks[index];
    if (!check) {
      byId.add(work.object.name);
      continue;
    }
    const mine = answers.slice(offset, offset + check.requests.length);
    offset += check.requests.length;
    await perObject(context, work.object, failed, async () => {
      if (!settleCountCheck(context, check, mine)) byId.add(work.object.name);
      else restartWindow(context, work);
    });
  }
  // Also after equal counts: a count that swept orphans leaves the objects after it to sweep.
  for (const object of context.plan.objects) {
    if (failed.has(object.name) || object.dependsOn.some((d) => failed.has(d))) continue;
    await perObject(context, object, failed, async () => {
      if (byId.has(object.name) || stateOf(context, object).needsReconcile)
        await runReconcile(context, object, null, windows.get(object.name));
      await fetchPending(context, object);
      if (stateOf(context, object).needsSweep) sweepOrphans(context, object);
    });
  }
}

/** Binding errors (a missing parameter or user Id) name the object whose query could not be bound. */
function withObjectContext<T>(object: PlanObject, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof BindError)
      throw new SyncError(`${object.name}: ${error.message}`, 'permanent', 'download', error);
    throw error;
  }
}

/** How the object downloads this sync (null: not due), and whether it is its first download. */
function workMode(
  context: SyncContext,
  object: PlanObject,
  touched: ReadonlySet<string>,
): { mode: Mode | null; fromScratch: boolean } {
  const now = context.clock.now();
  const state = stateOf(context, object);
  const due =
    context.downloadAll ||
    touched.has(object.name) ||
    state.downloadedAt === null ||
    now - state.downloadedAt >= object.syncEveryMinutes * 60_000;
  const mode: Mode | null = due || state.needsReconcile ? chooseMode(object, state, now) : null;
  return { mode, fromScratch: mode !== null && mode !== 'reconcile' && !hasDownloaded(state) };
}

function planWork(context: SyncContext, object: PlanObject, touched: ReadonlySet<string>): ObjectWork {
  const now = context.clock.now();
  const state = stateOf(context, object);
  const { mode, fromScratch } = workMode(context, object, touched);
  if (!mode) return { object, mode, queries: [], fromScratch };
  const window = object.reconcileEverySync ? undefined : { start: windowStart(context, state, now) };
  const byDelta = mode !== 'reconcile';
  const templates = byDelta ? object.queries.delta : object.queries.ids;
  const queries = templates.map((template, index) =>
    boundStatements(context, template, byDelta ? deltaFrom(context, state, index) : undefined).map(
      (soql) => ({ soql }),
    ),
  );
  const changed =
    mode === 'reconcile' && object.reconcileEverySync && state.watermark !== null
      ? object.queries.delta.map((template, index) =>
          boundStatements(context, template, deltaFrom(context, state, index)).map((soql) => ({ soql })),
        )
      : undefined;
  return { object, mode, queries, window, fromScratch, ...(changed ? { changed } : {}) };
}

/**
 * Whether the object binds the Ids held for another object in a way only that object's download this
 * sync can settle: a first download (nothing held yet) or an Id query whose result removes what it lacks.
 * Such an object is planned in its wave, once its parents are done; the others are asked up front.
 */
function waitsForParents(
  object: PlanObject,
  { mode, fromScratch }: { mode: Mode | null; fromScratch: boolean },
): boolean {
  if (mode === null || !(mode === 'reconcile' || fromScratch)) return false;
  const templates = mode === 'reconcile' ? object.queries.ids : object.queries.delta;
  return templates.some((template) => template.idSource !== undefined);
}

function chooseMode(object: PlanObject, state: ObjectSyncState, now: number): Mode {
  // The first download is the full query as one delta from the epoch, whatever the object: an Id pass
  // and a refetch by Id would read the scope twice. Not with a limit: the delta query has none.
  if (!hasDownloaded(state) && object.limit === undefined) return 'delta';
  if (object.reconcileEverySync) return 'reconcile';
  if (state.watermark === null) return state.needsReconcile ? 'reconcile' : 'delta';
  const due =
    state.needsReconcile ||
    state.deletedCoveredUntil === null ||
    state.reconciledAt === null ||
    now - state.reconciledAt >= DAY_MS;
  if (!due) return 'delta';
  // Records to re-read need the Id query (their stamps may not have moved); counting cannot tell.
  return object.queries.count && !(state.rereadIds?.length ?? 0) ? 'count' : 'reconcile';
}

/** Sends the wave's first requests together: window checks first, then the first page of every query. */
async function askFirstRequests(context: SyncContext, works: readonly ObjectWork[]): Promise<void> {
  const requests: { url: string; isQuery: boolean; what: string; apply: (answer: unknown) => void }[] = [];
  const now = context.clock.now();
  for (const work of works) {
    const window = work.window;
    if (!window) continue;
    // The API reads whole minutes and answers up to the org's present (latestDateCovered then says where to
    // start next time), so the end is set well ahead: from the device clock, which may be hours behind the
    // org's, and from the watermark, a server time. A window that still ends before the org's present is
    // caught when applied (see applyWindow).
    const watermark = stateOf(context, work.object).watermark;
    const from = Math.max(now, Date.parse(window.start), watermark ? Date.parse(watermark) : 0);
    const end = soqlDatetime(from + WINDOW_LEAD_MS);
    window.end = end;
    const range = `?start=${encodeURIComponent(window.start)}&end=${encodeURIComponent(end)}`;
    const base = `${context.api.base}/sobjects/${work.object.name}`;
    requests.push({
      url: `${base}/updated/${range}`,
      isQuery: false,
      what: `${work.object.name} getUpdated`,
      apply: (answer) => (window.updated = answer as WindowAnswers['updated']),
    });
    requests.push({
      url: `${base}/deleted/${range}`,
      isQuery: false,
      what: `${work.object.name} getDeleted`,
      apply: (answer) => (window.deleted = answer as WindowAnswers['deleted']),
    });
  }
  const query = (work: ObjectWork, bound: BoundQuery, kind: string) => ({
    url: context.api.queryUrl(bound.soql),
    isQuery: true,
    what: `${work.object.name} ${kind} query`,
    apply: (answer: unknown) => (bound.answer = answer as Answer),
  });
  for (const work of works)
    for (const bound of work.queries.flat())
      requests.push(query(work, bound, work.mode === 'reconcile' ? 'Id' : 'delta'));
  // The deltas of objects reconciled every sync go only where a /composite call has room for them: they
  // save fetching changed records by Id afterwards, not worth a call of their own.
  const changed = works.flatMap((work) =>
    (work.changed ?? []).flat().map((bound) => query(work, bound, 'delta')),
  );
  const calls = (list: readonly { isQuery: boolean }[]) => compositeCallsOf(list.map((r) => r.isQuery));
  if (changed.length > 0 && calls([...requests, ...changed]) === calls(requests)) requests.push(...changed);
  if (requests.length === 0) return;
  const answers = await context.api.batchGet(requests);
  answers.forEach((answer, index) => requests[index]!.apply(answer));
}

async function runWork(context: SyncContext, work: ObjectWork): Promise<void> {
  let unseen = new Set<string>();
  if (work.mode === 'delta' || work.mode === 'count') unseen = await runDelta(context, work);
  else if (work.mode === 'reconcile')
    await runReconcile(context, work.object, work.queries, work.window, undefined, work.changed);
  await fetchPending(context, work.object);
  // Parents are settled (earlier waves): drop what they no longer reach, including changed children of a
  // parent that left which a delta bound before the sync brought.
  if (stateOf(context, work.object).needsSweep) sweepOrphans(context, work.object);
  // A count-mode object is settled with every other's counts once all deltas are stored (settleCounts).
  if (work.mode !== 'count' && stateOf(context, work.object).needsReconcile)
    await runReconcile(context, work.object, null, work.window, unseen);
}

/** A count proved the device exact: a window this sync could not check restarts (see windowRestart). */
function restartWindow(context: SyncContext, work: ObjectWork): void {
  if (coveredUntil(work.window)) return;
  const restart = windowRestart(work.window, context.clock.now());
  if (restart) updateObjectState(context, work.object, () => ({ deletedCoveredUntil: restart }));
}

/** Fetches the records queued per path (children of new parents, newly referenced records). */
async function fetchPending(context: SyncContext, object: PlanObject): Promise<void> {
  const state = stateOf(context, object);
  for (const [key, ids] of Object.entries(state.pendingIds)) {
    if (ids.length === 0) continue;
    const path = object.paths[Number(key)];
    const template =
      path?.kind === 'childOf' ? path.byParentIds : path?.kind === 'referencedBy' ? path.byIds : undefined;
    if (!template) {
      context.store.transaction(() => clearPending(context, object, key, ids));
      continue;
    }
    await fetchByIds(context, object, template, ids, 'download', (chunk) =>
      clearPending(context, object, key, chunk),
    );
  }
}
