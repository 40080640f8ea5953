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
 *   which triggers a reconciliation. The first download is a delta from the epoch.
 * - reconcile: the plan's Id query of the whole scope; records the device holds that are not in it are
 *   removed, records missing or with another stamp are fetched by Id. Every sync for objects whose scope
 *   moves by itself (time-relative filters, limits; the plan says so), at least daily for the rest, and
 *   whenever something may have left the scope unseen (getDeleted window exceeded, a parent or referencing
 *   record removed, a reference changed, the object's plan changed).
 *
 * Records that enter the scope without changing (children of a parent new on the device, records newly
 * referenced) are queued per path in the transaction of the page that revealed them, and fetched with the
 * path's template (`:parentIds` / `:ids`). Templates with an `idSource` bind the Ids the device holds for
 * another object, in chunks under the URL limit.
 */

import type { PlanObject, QueryTemplate, SyncPlan } from '../compiler/plan.ts';
import { toStoredRecord, type SfRecord } from './records.ts';
import type { QueryResult } from './salesforce-api.ts';
import {
  BindError,
  bindChunked,
  bindSoql,
  isSalesforceId,
  soqlDatetime,
  type BindValues,
} from './soql-binding.ts';
import { countsFor, type SyncContext } from './sync-context.ts';
import { emptyObjectState, type ObjectSyncState } from './store/sync-store.ts';
import { ApiRequestError, SyncError } from './sync-errors.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** MobileSync's chunk size, and the compiler's default `idsPerQuery`. */
const DEFAULT_IDS_PER_QUERY = 500;

type Mode = 'delta' | 'reconcile';
type Answer = QueryResult | ApiRequestError;

interface WindowAnswers {
  readonly start: string;
  updated?: { ids?: string[]; latestDateCovered?: string } | ApiRequestError;
  deleted?:
    | { deletedRecords?: { id: string }[]; earliestDateAvailable?: string; latestDateCovered?: string }
    | ApiRequestError;
}

/** One bound statement of a template and, once asked, its first page. */
interface BoundQuery {
  readonly soql: string;
  answer?: Answer;
}

interface ObjectWork {
  readonly object: PlanObject;
  readonly mode: Mode | null;
  /** Per union member, its bound statements (several when the member has an idSource). */
  readonly queries: BoundQuery[][];
  readonly window?: WindowAnswers;
  readonly fromScratch: boolean;
}

export async function download(context: SyncContext, touched: ReadonlySet<string>): Promise<void> {
  const { plan } = context;
  const settled = new Set<string>();
  const failed = new Set<string>();
  let remaining = [...plan.objects];
  while (remaining.length > 0) {
    const wave = remaining.filter((o) => o.dependsOn.every((d) => settled.has(d)));
    if (wave.length === 0) throw new SyncError('the plan has a dependency cycle', 'permanent', 'plan');
    remaining = remaining.filter((o) => !wave.includes(o));
    const works: ObjectWork[] = [];
    for (const object of wave) {
      settled.add(object.name);
      if (object.dependsOn.some((d) => failed.has(d))) failed.add(object.name);
      else works.push(withObjectContext(object, () => planWork(context, object, touched)));
    }
    await askFirstRequests(context, works);
    for (const work of works) {
      try {
        await runWork(context, work);
      } catch (error) {
        if (error instanceof ApiRequestError && error.kind === 'permanent') {
          failed.add(work.object.name);
          context.errors.push(`${work.object.name}: ${error.message}`);
          continue;
        }
        throw error;
      }
    }
  }
  if (failed.size > 0)
    throw new SyncError(`download failed for ${[...failed].join(', ')}`, 'permanent', 'download');
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

function planWork(context: SyncContext, object: PlanObject, touched: ReadonlySet<string>): ObjectWork {
  const now = context.clock.now();
  const state = stateOf(context, object);
  const due =
    context.downloadAll ||
    touched.has(object.name) ||
    state.downloadedAt === null ||
    now - state.downloadedAt >= object.syncEveryMinutes * 60_000;
  const mode: Mode | null = due || state.needsReconcile ? chooseMode(object, state, now) : null;
  if (!mode) return { object, mode, queries: [], fromScratch: false };
  const window = object.reconcileEverySync ? undefined : { start: windowStart(context, state, now) };
  const templates = mode === 'delta' ? object.queries.delta : object.queries.ids;
  const queries = templates.map((template, index) =>
    boundStatements(context, template, mode === 'delta' ? deltaFrom(context, state, index) : undefined).map(
      (soql) => ({ soql }),
    ),
  );
  const fromScratch = mode === 'delta' && state.watermark === null && state.deltaCursor === null;
  return { object, mode, queries, window, fromScratch };
}

function chooseMode(object: PlanObject, state: ObjectSyncState, now: number): Mode {
  if (object.reconcileEverySync || state.needsReconcile) return 'reconcile';
  if (state.watermark === null) return 'delta';
  if (state.deletedCoveredUntil === null) return 'reconcile';
  if (state.reconciledAt === null || now - state.reconciledAt >= DAY_MS) return 'reconcile';
  return 'delta';
}

/** Sends the wave's first requests together: window checks first, then the first page of every query. */
async function askFirstRequests(context: SyncContext, works: readonly ObjectWork[]): Promise<void> {
  const requests: { url: string; isQuery: boolean; what: string; apply: (answer: unknown) => void }[] = [];
  const now = context.clock.now();
  for (const work of works) {
    const window = work.window;
    if (!window) continue;
    // The API reads whole minutes and answers up to the org's current minute: an end one minute ahead
    // covers the current one (latestDateCovered then says where to start next time).
    const end = soqlDatetime(Math.max(now, Date.parse(window.start)) + 60_000);
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
  for (const work of works)
    for (const member of work.queries)
      for (const query of member)
        requests.push({
          url: context.api.queryUrl(query.soql),
          isQuery: true,
          what: `${work.object.name} ${work.mode === 'delta' ? 'delta' : 'Id'} query`,
          apply: (answer) => (query.answer = answer as Answer),
        });
  if (requests.length === 0) return;
  const answers = await context.api.batchGet(requests);
  answers.forEach((answer, index) => requests[index]!.apply(answer));
}

async function runWork(context: SyncContext, work: ObjectWork): Promise<void> {
  if (work.mode === 'delta') await runDelta(context, work);
  else if (work.mode === 'reconcile') await runReconcile(context, work.object, work.queries, work.window);
  await fetchPending(context, work.object);
  if (stateOf(context, work.object).needsReconcile) await runReconcile(context, work.object, null, undefined);
}

/** Start of the getUpdated/getDeleted window: where the last check ended, else a probe of server time. */
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

/**
 * The statements of one template: one, or for an `idSource` template one per chunk of the Ids the device
 * holds for the source object (none when it holds none).
 */
function boundStatements(context: SyncContext, template: QueryTemplate, watermarkMs?: number): string[] {
  if (!template.idSource) return [bindSoql(template, bindValues(context, watermarkMs))];
  const { object, field } = template.idSource;
  const ids = new Set<string>();
  for (const record of context.store.listRecords(object)) {
    const value = field === 'Id' ? record.Id : record[field];
    if (isSalesforceId(value)) ids.add(value);
  }
  return chunkedStatements(context, template, [...ids].sort(), watermarkMs).map((q) => q.soql);
}

function chunkedStatements(
  context: SyncContext,
  template: QueryTemplate,
  ids: readonly string[],
  watermarkMs?: number,
): { soql: string; ids: readonly string[] }[] {
  const perQuery = Math.max(
    1,
    Math.min(template.idsPerQuery ?? DEFAULT_IDS_PER_QUERY, DEFAULT_IDS_PER_QUERY),
  );
  const out: { soql: string; ids: readonly string[] }[] = [];
  for (let i = 0; i < ids.length; i += perQuery)
    out.push(
      ...bindChunked(template, bindValues(context, watermarkMs), ids.slice(i, i + perQuery), {
        apiVersion: context.api.apiVersion,
        baseUrlBytes: context.api.instanceUrlBytes,
      }),
    );
  return out;
}

export function stateOf(context: SyncContext, object: PlanObject): ObjectSyncState {
  return context.store.getObjectState(object.name) ?? emptyObjectState(object.name, object.fingerprint);
}

function maxStamp(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** Asks any statement not asked yet (grouped), so every BoundQuery has its first page. */
async function askMissing(context: SyncContext, object: PlanObject, queries: BoundQuery[][]): Promise<void> {
  const missing = queries.flat().filter((q) => q.answer === undefined);
  if (missing.length === 0) return;
  const answers = await context.api.batchGet(
    missing.map((q) => ({ url: context.api.queryUrl(q.soql), isQuery: true, what: `${object.name} query` })),
  );
  missing.forEach((q, i) => (q.answer = answers[i] as Answer));
}

/** The records all of an object's statements will return, from their first pages' totalSize. */
function expectedTotal(queries: readonly (readonly BoundQuery[])[]): number {
  let total = 0;
  for (const query of queries.flat())
    if (query.answer && !(query.answer instanceof ApiRequestError)) total += query.answer.totalSize;
  return total;
}

async function pages(
  context: SyncContext,
  first: Answer,
  onPage: (result: QueryResult) => void,
): Promise<void> {
  if (first instanceof ApiRequestError) throw first;
  let result = first;
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
    // The from-scratch download sees everything in scope now, including what was queued for it.
    store.transaction(() => store.putObjectState({ ...stateOf(context, object), pendingIds: {} }));
  await askMissing(context, object, work.queries);
  const members = object.queries.delta;
  const total = expectedTotal(work.queries);
  let done = 0;
  for (let index = 0; index < members.length; index++) {
    // A query per chunk of held Ids is not one ordered stream: its pages cannot move a resumable cursor.
    const cursor = members[index]!.idSource ? undefined : { member: index, members: members.length };
    for (const query of work.queries[index] ?? []) {
      await pages(context, query.answer!, (page) => {
        done += page.records.length;
        for (const record of storePage(context, object, page.records, cursor)) returned.add(record.Id);
        context.progress({ phase: 'download', object: object.name, done, total });
      });
    }
    if (!cursor) {
      // The member is complete: its highest stamp now counts like a cursor.
      const state = stateOf(context, object);
      const cursors = [...(state.deltaCursor ?? new Array<string | null>(members.length).fill(null))];
      cursors[index] = maxStamp(state.watermark, highestStamp(context, object, returned));
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
  applyWindow(context, object, work.window, returned, work.fromScratch);
}

function highestStamp(context: SyncContext, object: PlanObject, ids: ReadonlySet<string>): string | null {
  let max: string | null = null;
  for (const id of ids) {
    const stamp = context.store.getRecord(object.name, id)?.[context.plan.watermarkField];
    if (typeof stamp === 'string') max = maxStamp(max, stamp);
  }
  return max;
}

function coveredUntil(window: WindowAnswers | undefined): string | null {
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

/** Applies getDeleted/getUpdated after a delta: removes deletions, flags records that may have left. */
function applyWindow(
  context: SyncContext,
  object: PlanObject,
  window: WindowAnswers | undefined,
  returned: ReadonlySet<string>,
  fromScratch: boolean,
): void {
  if (!window) return;
  const { store } = context;
  const until = coveredUntil(window);
  const { updated, deleted } = window;
  store.transaction(() => {
    if (until === null || updated instanceof ApiRequestError || deleted instanceof ApiRequestError) {
      // The window could not be checked: only a reconciliation can tell what left.
      markNeedsReconcile(context, object.name);
      return;
    }
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
    if (removed > 0) markDependentsNeedReconcile(context, object.name);
    const leftUnseen =
      !fromScratch &&
      (updated?.ids ?? []).some((id) => !returned.has(id) && store.getRecord(object.name, id));
    const state = stateOf(context, object);
    store.putObjectState({
      ...state,
      deletedCoveredUntil: until,
      needsReconcile: state.needsReconcile || (!fromScratch && windowExceeded) || leftUnseen,
    });
  });
}

async function runReconcile(
  context: SyncContext,
  object: PlanObject,
  asked: BoundQuery[][] | null,
  window: WindowAnswers | undefined,
): Promise<void> {
  const { store, plan } = context;
  const name = object.name;
  const queries: BoundQuery[][] =
    asked ??
    object.queries.ids.map((template) => boundStatements(context, template).map((soql) => ({ soql })));
  await askMissing(context, object, queries);
  let rows: SfRecord[] = [];
  let seen = 0;
  const total = expectedTotal(queries);
  for (const query of queries.flat())
    await pages(context, query.answer!, (page) => {
      rows.push(...page.records.map(toStoredRecord));
      seen += page.records.length;
      context.progress({ phase: 'reconcile', object: name, done: seen, total });
    });
  if (object.limit !== undefined && queries.flat().length > 1)
    // Each query kept its own first `limit`; the scope is the first `limit` of their union.
    rows = firstByOrder(dedupe(rows), object.orderBy, object.limit);
  const inScope = new Map<string, string | null>();
  for (const row of rows) {
    const stamp = row[plan.watermarkField];
    inScope.set(row.Id, typeof stamp === 'string' ? stamp : null);
  }
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
    if (!stored || stamp === null || stored[plan.watermarkField] !== stamp) stale.push(id);
  }
  await fetchByIds(context, object, object.queries.byIds ?? byIdTemplate(object), stale, 'reconcile');
  const now = context.clock.now();
  const highest = [...inScope.values()].reduce<string | null>((a, b) => maxStamp(a, b), null);
  const until = coveredUntil(window);
  store.transaction(() => {
    const state = stateOf(context, object);
    store.putObjectState({
      ...state,
      watermark: maxStamp(state.watermark, highest),
      deltaCursor: null,
      downloadedAt: now,
      reconciledAt: now,
      needsReconcile: false,
      pendingIds: {},
      deletedCoveredUntil: until ?? state.deletedCoveredUntil,
    });
  });
  countsFor(context, name).reconciled = true;
}

function dedupe(rows: readonly SfRecord[]): SfRecord[] {
  const byId = new Map<string, SfRecord>();
  for (const row of rows) byId.set(row.Id, row);
  return [...byId.values()];
}

/** Sorts by the scope's orderBy (then Id, as the compiler's queries do) and keeps the first `limit`. */
export function firstByOrder(
  rows: readonly SfRecord[],
  orderBy: string | undefined,
  limit: number,
): SfRecord[] {
  const keys = (orderBy ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [field = 'Id', ...rest] = part.split(/\s+/);
      const words = rest.join(' ').toUpperCase();
      const desc = /\bDESC\b/.test(words);
      const nullsLast = /NULLS LAST/.test(words) || (desc && !/NULLS FIRST/.test(words));
      return { field, desc, nullsLast };
    });
  keys.push({ field: 'Id', desc: false, nullsLast: false });
  const valueOf = (row: SfRecord, path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>(
        (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
        row,
      );
  return [...rows]
    .sort((a, b) => {
      for (const key of keys) {
        const x = valueOf(a, key.field);
        const y = valueOf(b, key.field);
        if (x === y) continue;
        if (x === null || x === undefined) return key.nullsLast ? 1 : -1;
        if (y === null || y === undefined) return key.nullsLast ? -1 : 1;
        const order = x < y ? -1 : x > y ? 1 : 0;
        if (order !== 0) return key.desc ? -order : order;
      }
      return 0;
    })
    .slice(0, limit);
}

/** For plans without `queries.byIds`: fields and name come from the plan, Ids are escaped. */
function byIdTemplate(object: PlanObject): QueryTemplate {
  return { soql: `SELECT ${object.fields.join(', ')} FROM ${object.name} WHERE Id IN :ids`, binds: ['ids'] };
}

async function fetchByIds(
  context: SyncContext,
  object: PlanObject,
  template: QueryTemplate,
  ids: readonly string[],
  phase: 'download' | 'reconcile',
  afterStatement?: (ids: readonly string[]) => void,
): Promise<void> {
  if (ids.length === 0) return;
  const statements = chunkedStatements(context, template, ids);
  const firsts = await context.api.batchGet(
    statements.map((q) => ({
      url: context.api.queryUrl(q.soql),
      isQuery: true,
      what: `${object.name} query by Id`,
    })),
  );
  let done = 0;
  for (let index = 0; index < statements.length; index++) {
    await pages(context, firsts[index] as Answer, (page) => {
      const last = page.done || !page.nextRecordsUrl;
      storePage(context, object, page.records, undefined, () => {
        if (last) afterStatement?.(statements[index]!.ids);
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
      context.store.transaction(() => clearPending(context, object, key, ids));
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
 * that did not change are not rewritten. Returns the page's records.
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
    for (const dependent of plan.objects) queueForDependent(context, object, dependent, newIds, changed);
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

/** Queues what `dependent` must fetch because of records of `object` that just arrived or changed. */
function queueForDependent(
  context: SyncContext,
  object: PlanObject,
  dependent: PlanObject,
  newIds: readonly string[],
  changed: readonly { before: SfRecord | undefined; after: SfRecord }[],
): void {
  const { store } = context;
  const state = store.getObjectState(dependent.name);
  // Never downloaded: its coming first download sees everything in scope.
  if (!state || (state.watermark === null && state.deltaCursor === null)) return;
  const additions: Record<string, string[]> = {};
  let repointed = false;
  dependent.paths.forEach((path, index) => {
    if (path.kind === 'root' || path.object !== object.name) return;
    if (path.kind === 'childOf') {
      if (newIds.length) additions[index] = [...newIds];
      return;
    }
    const refs = new Set<string>();
    for (const { before, after } of changed) {
      const target = after[path.field];
      if (isSalesforceId(target) && !store.getRecord(dependent.name, target)) refs.add(target);
      if (before && before[path.field] && before[path.field] !== target) repointed = true;
    }
    if (refs.size) additions[index] = [...refs];
  });
  if (Object.keys(additions).length === 0 && !repointed) return;
  const pendingIds: Record<string, readonly string[]> = { ...state.pendingIds };
  for (const [key, ids] of Object.entries(additions))
    pendingIds[key] = [...new Set([...(pendingIds[key] ?? []), ...ids])];
  // A reference moved away from a record: that record may no longer be referenced by anything in scope.
  store.putObjectState({ ...state, pendingIds, needsReconcile: state.needsReconcile || repointed });
}
