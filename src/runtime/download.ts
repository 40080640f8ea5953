/**
 * Phase 2 of a sync: bring the device to exactly the plan's scope on the server, object by object in plan
 * order (parents before the objects that depend on them).
 *
 * Two ways to do it per object:
 * - delta: the plan's delta template bound with (watermark - overlap), paged through nextRecordsUrl; each
 *   page is stored together with the stamp it reached (per query of a union, so a killed download resumes
 *   where it stopped). Before it, getUpdated/getDeleted for the same window (in the same /composite):
 *   deleted records are removed; a record on the device that changed but did not come back has left the
 *   scope, which triggers a reconciliation. The first download is a delta from the epoch.
 * - reconcile: the plan's Id query of the whole scope; records the device holds that are not in it are
 *   removed, records missing or with another stamp are fetched by Id. Used every sync for time-dependent
 *   and limited objects, at least daily for the rest, and whenever something may have left the scope
 *   unseen (getDeleted window exceeded, a parent or referencing record removed, a reference changed).
 *
 * Records that enter the scope without changing (children of a parent newly in scope, records newly
 * referenced) are queued per path, in the same transaction as the page that revealed them, and fetched
 * with the path's template (`:parentIds` / `:ids`), chunked under the URL limit.
 *
 * The first request of every object (and the window checks) go out together in /composite calls of up to
 * 5 queries, so a sync where nothing changed costs a handful of API calls.
 */

import type { PlanObject, QueryTemplate, SyncPlan } from '../compiler/plan.ts';
import { toStoredRecord, type SfRecord } from './records.ts';
import type { QueryResult } from './salesforce-api.ts';
import { bindChunked, bindSoql, isSalesforceId, soqlDatetime, type BindValues } from './soql-binding.ts';
import { countsFor, type SyncContext } from './sync-context.ts';
import { emptyObjectState, type ObjectSyncState } from './store/sync-store.ts';
import { ApiRequestError, SyncError } from './sync-errors.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How many Ids one by-Id query may carry at most, whatever the URL length allows. */
const MAX_IDS_PER_QUERY = 800;

type Mode = 'delta' | 'reconcile';

interface WindowCheck {
  readonly start: string;
  readonly updated?: { ids?: string[]; latestDateCovered?: string } | ApiRequestError;
  readonly deleted?:
    | { deletedRecords?: { id: string }[]; earliestDateAvailable?: string; latestDateCovered?: string }
    | ApiRequestError;
}

interface ObjectWork {
  readonly object: PlanObject;
  mode: Mode | null;
  /** First-page answers of round one, by delta member / id member. */
  first: (QueryResult | ApiRequestError)[];
  /** Whether `first` came from the delta or the Id templates. */
  firstKind: Mode | null;
  window?: WindowCheck;
  fromScratch: boolean;
}

export async function download(context: SyncContext, touched: ReadonlySet<string>): Promise<void> {
  const { plan, store } = context;
  const now = context.clock.now();
  const works: ObjectWork[] = plan.objects.map((object) => {
    const state = stateOf(context, object);
    const due =
      context.downloadAll ||
      touched.has(object.name) ||
      state.downloadedAt === null ||
      now - state.downloadedAt >= object.syncEveryMinutes * 60_000;
    let mode: Mode | null = null;
    if (due || state.needsReconcile) mode = chooseMode(object, state, now);
    return { object, mode, first: [], firstKind: null, fromScratch: false };
  });

  // Round one: every object's first request (and its window check), grouped into /composite calls.
  const requests: { url: string; isQuery: boolean; what: string; apply: (r: unknown) => void }[] = [];
  for (const work of works) {
    if (!work.mode) continue;
    const state = stateOf(context, work.object);
    const check = needsWindowCheck(work.object) ? windowStart(context, state, now) : undefined;
    if (check) {
      const window: { -readonly [K in keyof WindowCheck]: WindowCheck[K] } = { start: check };
      work.window = window;
      const range = `?start=${encodeURIComponent(check)}&end=${encodeURIComponent(soqlDatetime(Math.max(now, Date.parse(check) + 60_000)))}`;
      const base = `${context.api.base}/sobjects/${work.object.name}`;
      requests.push({
        url: `${base}/updated/${range}`,
        isQuery: false,
        what: `${work.object.name} getUpdated`,
        apply: (r) => (window.updated = r as WindowCheck['updated']),
      });
      requests.push({
        url: `${base}/deleted/${range}`,
        isQuery: false,
        what: `${work.object.name} getDeleted`,
        apply: (r) => (window.deleted = r as WindowCheck['deleted']),
      });
    }
    const templates = work.mode === 'delta' ? work.object.queries.delta : work.object.queries.ids;
    work.firstKind = work.mode;
    work.fromScratch = work.mode === 'delta' && state.watermark === null && state.deltaCursor === null;
    templates.forEach((template, index) => {
      const soql = bindSoql(
        template,
        bindValues(context, work.mode === 'delta' ? deltaFrom(context, state, index) : undefined),
      );
      requests.push({
        url: context.api.queryUrl(soql),
        isQuery: true,
        what: `${work.object.name} ${work.mode === 'delta' ? 'delta' : 'Id'} query`,
        apply: (r) => (work.first[index] = r as QueryResult | ApiRequestError),
      });
    });
  }
  const answers = await context.api.batchGet(requests);
  answers.forEach((answer, index) => requests[index]!.apply(answer));

  const failed = new Set<string>();
  for (const work of works) {
    const name = work.object.name;
    if (work.object.dependsOn.some((d) => failed.has(d))) {
      failed.add(name);
      continue;
    }
    try {
      if (work.mode === 'delta') await runDelta(context, work);
      else if (work.mode === 'reconcile') await runReconcile(context, work.object, work.first, work.window);
      await fetchPending(context, work.object);
      // Something upstream was removed or re-pointed this sync: what this object holds may be out of scope.
      if (stateOf(context, work.object).needsReconcile)
        await runReconcile(context, work.object, null, undefined);
    } catch (error) {
      if (error instanceof ApiRequestError && error.kind === 'permanent') {
        failed.add(name);
        context.errors.push(`${name}: ${error.message}`);
        continue;
      }
      throw error;
    }
  }
  if (failed.size > 0)
    throw new SyncError(
      `download failed for ${[...failed].join(', ')}: ${context.errors[context.errors.length - 1] ?? ''}`,
      'permanent',
      'download',
    );
}

function chooseMode(object: PlanObject, state: ObjectSyncState, now: number): Mode {
  if (object.reconcileEverySync || state.needsReconcile) return 'reconcile';
  if (state.watermark === null) return 'delta';
  if (state.deletedCoveredUntil === null) return 'reconcile';
  if (state.reconciledAt === null || now - state.reconciledAt >= DAY_MS) return 'reconcile';
  return 'delta';
}

/** Objects reconciled every sync learn deletions from the Id query; the rest check the change window. */
function needsWindowCheck(object: PlanObject): boolean {
  return !object.reconcileEverySync;
}

/** Start of the getUpdated/getDeleted window: where the last check ended, else a probe for server time. */
function windowStart(context: SyncContext, state: ObjectSyncState, now: number): string {
  if (state.deletedCoveredUntil) return state.deletedCoveredUntil;
  if (state.watermark) return soqlDatetime(Date.parse(state.watermark) - overlapMs(context.plan));
  return soqlDatetime(now - 60 * 60_000);
}

export function overlapMs(plan: SyncPlan): number {
  // At least one second: literals have whole seconds, and records stamped in the watermark's own second
  // may sit on the next page (ties on equal stamps).
  return Math.max(plan.overlapSeconds, 1) * 1000;
}

function deltaFrom(context: SyncContext, state: ObjectSyncState, member: number): number {
  const stamp = state.deltaCursor?.[member] ?? state.watermark;
  return stamp === null || stamp === undefined ? 0 : Math.max(0, Date.parse(stamp) - overlapMs(context.plan));
}

function bindValues(context: SyncContext, watermarkMs?: number): BindValues {
  return {
    watermarkMs,
    userId: context.userId,
    parameters: context.parameters,
    parameterTypes: context.plan.parameters,
  };
}

export function stateOf(context: SyncContext, object: PlanObject): ObjectSyncState {
  return context.store.getObjectState(object.name) ?? emptyObjectState(object.name, object.fingerprint);
}

function maxStamp(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

async function pages(
  context: SyncContext,
  first: QueryResult | ApiRequestError | undefined,
  soqlIfMissing: string | undefined,
  onPage: (result: QueryResult) => void,
): Promise<void> {
  if (first instanceof ApiRequestError) throw first;
  let result = first ?? (await context.api.query(soqlIfMissing!));
  onPage(result);
  while (!result.done && result.nextRecordsUrl) {
    result = await context.api.queryMore(result.nextRecordsUrl);
    onPage(result);
  }
}

async function runDelta(context: SyncContext, work: ObjectWork): Promise<void> {
  const { object } = work;
  const { store } = context;
  const returned = new Set<string>();
  if (work.fromScratch)
    // The from-scratch download sees everything in scope now, including what was queued.
    store.transaction(() => store.putObjectState({ ...stateOf(context, object), pendingIds: {} }));
  const members = object.queries.delta;
  let done = 0;
  for (let index = 0; index < members.length; index++) {
    const first = work.firstKind === 'delta' ? work.first[index] : undefined;
    const soql = first
      ? undefined
      : bindSoql(members[index]!, bindValues(context, deltaFrom(context, stateOf(context, object), index)));
    await pages(context, first, soql, (page) => {
      done += page.records.length;
      const records = storePage(context, object, page.records, { member: index, members: members.length });
      for (const record of records) returned.add(record.Id);
      context.progress({ phase: 'download', object: object.name, done, total: page.totalSize });
    });
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
  await applyWindow(context, object, work.window, returned, work.fromScratch);
}

/** Applies getDeleted/getUpdated: removes deletions, and decides whether records may have left unseen. */
async function applyWindow(
  context: SyncContext,
  object: PlanObject,
  window: WindowCheck | undefined,
  returned: ReadonlySet<string>,
  fromScratch: boolean,
): Promise<void> {
  if (!window) return;
  const { store } = context;
  const { updated, deleted } = window;
  if (!updated || !deleted || updated instanceof ApiRequestError || deleted instanceof ApiRequestError) {
    markNeedsReconcile(context, object.name);
    return;
  }
  const covered = [updated.latestDateCovered, deleted.latestDateCovered].filter(
    (d): d is string => typeof d === 'string',
  );
  const coveredUntil = covered.length
    ? covered.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b))
    : null;
  const windowExceeded =
    !!deleted.earliestDateAvailable && Date.parse(deleted.earliestDateAvailable) > Date.parse(window.start);
  store.transaction(() => {
    let removed = 0;
    if (!fromScratch)
      for (const { id } of deleted.deletedRecords ?? [])
        if (store.getRecord(object.name, id)) {
          store.deleteRecord(object.name, id);
          removed += 1;
        }
    countsFor(context, object.name).removed += removed;
    if (removed > 0) markDependentsNeedReconcile(context, object.name);
    const leftUnseen =
      !fromScratch && (updated.ids ?? []).some((id) => !returned.has(id) && store.getRecord(object.name, id));
    const state = stateOf(context, object);
    store.putObjectState({
      ...state,
      deletedCoveredUntil: coveredUntil ?? state.deletedCoveredUntil,
      needsReconcile: state.needsReconcile || windowExceeded || leftUnseen,
    });
  });
}

async function runReconcile(
  context: SyncContext,
  object: PlanObject,
  first: (QueryResult | ApiRequestError)[] | null,
  window: WindowCheck | undefined,
): Promise<void> {
  const { store, plan } = context;
  const name = object.name;
  const inScope = new Map<string, string | null>();
  let seen = 0;
  for (let index = 0; index < object.queries.ids.length; index++) {
    const firstAnswer = first?.[index];
    const soql = firstAnswer ? undefined : bindSoql(object.queries.ids[index]!, bindValues(context));
    await pages(context, firstAnswer, soql, (page) => {
      for (const raw of page.records) {
        const record = toStoredRecord(raw);
        const stamp = record[plan.watermarkField];
        inScope.set(record.Id, typeof stamp === 'string' ? stamp : null);
      }
      seen += page.records.length;
      context.progress({ phase: 'reconcile', object: name, done: seen, total: page.totalSize });
    });
  }
  // Leavers go first, in one transaction.
  store.transaction(() => {
    let removed = 0;
    for (const id of store.listRecordIds(name))
      if (!inScope.has(id)) {
        store.deleteRecord(name, id);
        removed += 1;
      }
    countsFor(context, name).removed += removed;
    if (removed > 0) markDependentsNeedReconcile(context, name);
  });
  const stale: string[] = [];
  for (const [id, stamp] of inScope) {
    const stored = store.getRecord(name, id);
    if (!stored || stored[plan.watermarkField] !== stamp || stamp === null) stale.push(id);
  }
  await fetchByIds(context, object, fetchByIdTemplate(object), stale, 'reconcile');
  const now = context.clock.now();
  const maxInScope = [...inScope.values()].reduce<string | null>((a, b) => maxStamp(a, b), null);
  const { updated, deleted } = window ?? {};
  const coveredUntil =
    updated && deleted && !(updated instanceof ApiRequestError) && !(deleted instanceof ApiRequestError)
      ? ([updated.latestDateCovered, deleted.latestDateCovered]
          .filter((d): d is string => typeof d === 'string')
          .sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null)
      : null;
  store.transaction(() => {
    const state = stateOf(context, object);
    store.putObjectState({
      ...state,
      watermark: maxStamp(state.watermark, maxInScope),
      deltaCursor: null,
      downloadedAt: now,
      reconciledAt: now,
      needsReconcile: false,
      pendingIds: {},
      deletedCoveredUntil: coveredUntil ?? state.deletedCoveredUntil,
    });
  });
  countsFor(context, name).reconciled = true;
}

/** `SELECT <plan fields> FROM T WHERE Id IN :ids`: fields and name come from the plan, Ids are escaped. */
function fetchByIdTemplate(object: PlanObject): QueryTemplate {
  return { soql: `SELECT ${object.fields.join(', ')} FROM ${object.name} WHERE Id IN :ids`, binds: ['ids'] };
}

async function fetchByIds(
  context: SyncContext,
  object: PlanObject,
  template: QueryTemplate,
  ids: readonly string[],
  phase: 'download' | 'reconcile',
  afterChunk?: (chunk: readonly string[]) => void,
): Promise<void> {
  if (ids.length === 0) return;
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_QUERY) chunks.push(ids.slice(i, i + MAX_IDS_PER_QUERY));
  const queries: { soql: string; ids: readonly string[] }[] = [];
  for (const chunk of chunks) {
    queries.push(
      ...bindChunked(template, bindValues(context), chunk, {
        apiVersion: context.api.apiVersion,
        baseUrlBytes: context.api.instanceUrlBytes,
      }),
    );
  }
  const firsts = await context.api.batchGet(
    queries.map((q) => ({
      url: context.api.queryUrl(q.soql),
      isQuery: true,
      what: `${object.name} query by Id`,
    })),
  );
  let done = 0;
  for (let index = 0; index < queries.length; index++) {
    await pages(context, firsts[index] as QueryResult | ApiRequestError, undefined, (page) => {
      storePage(context, object, page.records, undefined, () => {
        if (page.done || !page.nextRecordsUrl) afterChunk?.(queries[index]!.ids);
      });
      done += page.records.length;
      context.progress({ phase, object: object.name, done, total: ids.length });
    });
  }
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
      clearPending(context, object, key, ids);
      continue;
    }
    await fetchByIds(context, object, template, ids, 'download', (chunk) =>
      clearPending(context, object, key, chunk),
    );
  }
}

function clearPending(context: SyncContext, object: PlanObject, key: string, ids: readonly string[]): void {
  const state = stateOf(context, object);
  const done = new Set(ids);
  const remaining = (state.pendingIds[key] ?? []).filter((id) => !done.has(id));
  const pendingIds = { ...state.pendingIds };
  if (remaining.length) pendingIds[key] = remaining;
  else delete pendingIds[key];
  context.store.putObjectState({ ...state, pendingIds });
}

function markNeedsReconcile(context: SyncContext, name: string): void {
  const object = context.plan.objects.find((o) => o.name === name);
  if (!object) return;
  const state = stateOf(context, object);
  if (!state.needsReconcile) context.store.putObjectState({ ...state, needsReconcile: true });
}

/** Objects whose scope goes through `name` (childOf or referencedBy it) may hold records now out of scope. */
function markDependentsNeedReconcile(context: SyncContext, name: string): void {
  for (const other of context.plan.objects)
    if (other.paths.some((p) => p.kind !== 'root' && p.object === name)) {
      const state = context.store.getObjectState(other.name);
      if (state && (state.watermark !== null || state.deltaCursor !== null))
        markNeedsReconcile(context, other.name);
    }
}

/**
 * Stores one page in one transaction with what it implies: the delta cursor of its query, the Ids its
 * records bring into scope for dependent objects, and reconciliations when a reference changed. Records
 * whose stamp did not change are not rewritten. Returns the page's records.
 */
function storePage(
  context: SyncContext,
  object: PlanObject,
  rawRecords: readonly Record<string, unknown>[],
  cursor: { member: number; members: number } | undefined,
  alsoInTransaction?: () => void,
): SfRecord[] {
  const { store, plan } = context;
  const records = rawRecords.map(toStoredRecord);
  const counts = countsFor(context, object.name);
  store.transaction(() => {
    const newIds: string[] = [];
    const changed: { before: SfRecord | undefined; after: SfRecord }[] = [];
    let pageMax: string | null = null;
    for (const record of records) {
      const stamp = record[plan.watermarkField];
      if (typeof stamp === 'string') pageMax = maxStamp(pageMax, stamp);
      const before = store.getRecord(object.name, record.Id);
      if (before && JSON.stringify(before) === JSON.stringify(record)) continue;
      store.putRecord(object.name, record);
      counts.downloaded += 1;
      if (!before) newIds.push(record.Id);
      changed.push({ before, after: record });
    }
    // Dependents: children of parents new on the device, records newly referenced.
    for (const dependent of plan.objects) {
      const state = store.getObjectState(dependent.name);
      // Never downloaded: its coming first download sees everything in scope.
      if (!state || (state.watermark === null && state.deltaCursor === null)) continue;
      const additions: Record<string, string[]> = {};
      dependent.paths.forEach((path, index) => {
        if (path.kind === 'root' || path.object !== object.name) return;
        if (path.kind === 'childOf') {
          if (newIds.length) additions[index] = newIds;
          return;
        }
        const refs = new Set<string>();
        let repointed = false;
        for (const { before, after } of changed) {
          const target = after[path.field];
          if (isSalesforceId(target) && !store.getRecord(dependent.name, target)) refs.add(target);
          if (before && before[path.field] !== target && before[path.field]) repointed = true;
        }
        if (refs.size) additions[index] = [...refs];
        if (repointed) additions['reconcile'] = [];
      });
      if (Object.keys(additions).length === 0) continue;
      const pendingIds: Record<string, readonly string[]> = { ...state.pendingIds };
      for (const [key, ids] of Object.entries(additions)) {
        if (key === 'reconcile') continue;
        pendingIds[key] = [...new Set([...(pendingIds[key] ?? []), ...ids])];
      }
      store.putObjectState({
        ...state,
        pendingIds,
        needsReconcile: state.needsReconcile || 'reconcile' in additions,
      });
    }
    if (cursor) {
      const state = stateOf(context, object);
      const deltaCursor = [...(state.deltaCursor ?? new Array<string | null>(cursor.members).fill(null))];
      deltaCursor[cursor.member] = maxStamp(deltaCursor[cursor.member] ?? state.watermark, pageMax);
      store.putObjectState({ ...state, deltaCursor });
    }
    alsoInTransaction?.();
  });
  return records;
}
