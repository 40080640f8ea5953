/**
 * Phase 1 of a sync: the outbox goes up, oldest first, in /composite calls of up to 25 subrequests (one
 * API call each). Alike changes that need no per-record header (creates nobody references, clientWins
 * updates and deletes) travel as sObject Collections inside the call (up to 5 x 200 records), so a big
 * outbox still costs few calls. A child created offline references its parent created offline by
 * `@{ref.id}` in the same call, or by the server Id once the parent is mapped.
 *
 * Never twice: every entry is marked inFlight (in a committed transaction) before it is sent, and the
 * response is applied in one transaction. An entry still inFlight at the next sync had its response lost,
 * so it is resolved before anything is re-sent:
 * - a create upserts on the plan's external-Id field when there is one (re-sending is harmless);
 * - otherwise the server is asked for a record this user created since the attempt with exactly the
 *   values sent; found: adopt its Id; not found: send again; cannot tell: the entry fails for the user
 *   to decide rather than risk a duplicate;
 * - a conditional update is re-read: already applied -> done; otherwise it is sent again;
 * - a delete is sent again (an already deleted record counts as done).
 */

import type { PlanObject } from '../compiler/plan.ts';
import { isLocalId } from './local-ids.ts';
import type { SfRecord } from './records.ts';
import { firstError, type CompositeSubrequest, type CompositeSubresponse } from './salesforce-api.ts';
import { countsFor, planObject, type SyncContext } from './sync-context.ts';
import { bindChunked, isSalesforceId, soqlDatetime, soqlId, soqlString } from './soql-binding.ts';
import type { OutboxEntry } from './store/sync-store.ts';
import { ApiRequestError } from './sync-errors.ts';

/** Subrequests per /composite call, sObject Collections among them, records per collection. */
const MAX_BATCH = 25;
const MAX_COLLECTIONS = 5;
const MAX_COLLECTION = 200;
/** How far before a lost create's attempt (device time) to look for it, allowing for clock skew. */
const LOST_CREATE_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface UploadResult {
  /** Objects that received changes: downloaded this sync even when their interval has not passed. */
  readonly touchedObjects: Set<string>;
}

export async function upload(context: SyncContext): Promise<UploadResult> {
  const touched = new Set<string>();
  await recoverInFlight(context, touched);
  const attempted = new Set<number>();
  const total = context.store.listChanges().filter((c) => c.status === 'pending').length;
  let done = 0;
  if (total > 0) context.progress({ phase: 'upload', done, total });
  for (;;) {
    await rebaseStamps(context);
    const batch = nextBatch(context, attempted);
    if (batch.length === 0) break;
    const items = batch.flatMap(unitItems);
    for (const item of items) attempted.add(item.entry.seq);
    await sendBatch(context, batch, touched);
    done += items.length;
    context.progress({ phase: 'upload', done, total });
  }
  return { touchedObjects: touched };
}

/**
 * Reads the current stamp of records whose earlier change the device just applied, for the changes that
 * follow it (see OutboxEntry.rebase). Someone else's write in the instant between is not detected.
 */
async function rebaseStamps(context: SyncContext): Promise<void> {
  const { store, plan } = context;
  const waiting = store
    .listChanges()
    .filter((c) => c.rebase && c.status === 'pending' && isSalesforceId(c.recordId));
  const objects = [...new Set(waiting.map((c) => c.object))];
  for (const object of objects) {
    const ids = [...new Set(waiting.filter((c) => c.object === object).map((c) => c.recordId))];
    const template = {
      soql: `SELECT Id, ${plan.watermarkField} FROM ${object} WHERE Id IN :ids`,
      binds: ['ids' as const],
    };
    const stamps = new Map<string, string>();
    for (const chunk of bindChunked(template, {}, ids, { apiVersion: context.api.apiVersion })) {
      let page = await context.api.query(chunk.soql);
      for (;;) {
        for (const record of page.records) stamps.set(String(record.Id), String(record[plan.watermarkField]));
        if (page.done || !page.nextRecordsUrl) break;
        page = await context.api.queryMore(page.nextRecordsUrl);
      }
    }
    store.transaction(() => {
      for (const change of waiting.filter((c) => c.object === object)) {
        const current = store.getChange(change.seq);
        if (current)
          store.replaceChange({
            ...current,
            rebase: false,
            baseStamp: stamps.get(change.recordId) ?? current.baseStamp,
          });
      }
    });
  }
}

interface BatchItem {
  readonly entry: OutboxEntry;
  readonly planObject: PlanObject;
  readonly subrequest: CompositeSubrequest;
  /** Resolved values and target Id, for sObject Collections. */
  readonly fields: Record<string, unknown>;
  readonly targetId: string;
  /** May go in an sObject Collection: no per-record header, no reference to a record of this call. */
  readonly collectible: boolean;
}

/** One composite subrequest: a single record, or an sObject Collection of up to 200 alike changes. */
type Unit =
  | { readonly kind: 'single'; readonly item: BatchItem }
  | {
      readonly kind: 'collection';
      readonly op: OutboxEntry['op'];
      readonly object: string;
      readonly items: BatchItem[];
      readonly referenceId: string;
    };

function referenceIdOf(seq: number): string {
  return `c${seq}`;
}

/**
 * Picks the next sendable entries in order and packs them into one /composite call: at most 25
 * subrequests, of which at most 5 sObject Collections of up to 200 records. An entry waits while anything
 * it depends on is unresolved (an earlier change of the same record, a parent not uploaded yet).
 */
function nextBatch(context: SyncContext, attempted: Set<number>): Unit[] {
  const { store, plan } = context;
  const units: Unit[] = [];
  const openCollections = new Map<string, Extract<Unit, { kind: 'collection' }>>();
  let collections = 0;
  const blockedRecords = new Set<string>();
  const createdInBatch = new Map<string, number>();
  const changes = store.listChanges();
  // Local Ids other changes point at: their creates must answer with a referenceable Id (single subrequest).
  const referenced = new Set<string>();
  for (const change of changes) {
    for (const value of Object.values(change.fields)) if (isLocalId(value)) referenced.add(value);
    if (change.op !== 'create' && isLocalId(change.recordId)) referenced.add(change.recordId);
  }
  for (const entry of changes) {
    const key = `${entry.object}/${entry.recordId}`;
    const sendable = entry.status === 'pending' && !attempted.has(entry.seq) && !blockedRecords.has(key);
    if (!sendable) {
      blockedRecords.add(key);
      continue;
    }
    const object = planObject(plan, entry.object);
    if (!object || object.upload.access !== 'readWrite') {
      blockedRecords.add(key);
      continue;
    }
    let usesReference = false;
    const resolve = (value: unknown): { ok: boolean; value: unknown } => {
      if (!isLocalId(value)) return { ok: true, value };
      const serverId = store.resolveId(value);
      if (serverId) return { ok: true, value: serverId };
      const seq = createdInBatch.get(value);
      if (seq === undefined) return { ok: false, value };
      usesReference = true;
      return { ok: true, value: `@{${referenceIdOf(seq)}.id}` };
    };
    const fields: Record<string, unknown> = {};
    let ok = true;
    for (const [field, value] of Object.entries(entry.fields)) {
      const resolved = resolve(value);
      ok &&= resolved.ok;
      fields[field] = resolved.value;
    }
    const target = entry.op === 'create' ? { ok: true, value: entry.recordId } : resolve(entry.recordId);
    if (!ok || !target.ok) {
      blockedRecords.add(key);
      continue;
    }
    const subrequest = subrequestFor(context, entry, object, fields, target.value);
    const collectible =
      !usesReference &&
      !subrequest.httpHeaders &&
      (entry.op !== 'create' || (subrequest.method === 'POST' && !referenced.has(entry.recordId)));
    const item: BatchItem = {
      entry,
      planObject: object,
      subrequest,
      fields,
      targetId: String(target.value),
      collectible,
    };
    const collectionKey = `${entry.op}/${entry.object}`;
    const open = openCollections.get(collectionKey);
    if (collectible && open && open.items.length < MAX_COLLECTION) open.items.push(item);
    else if (units.length === MAX_BATCH) break;
    else if (collectible && collections < MAX_COLLECTIONS) {
      const unit = {
        kind: 'collection' as const,
        op: entry.op,
        object: entry.object,
        items: [item],
        referenceId: `k${entry.seq}`,
      };
      openCollections.set(collectionKey, unit);
      collections += 1;
      units.push(unit);
    } else units.push({ kind: 'single', item });
    if (entry.op === 'create') createdInBatch.set(entry.recordId, entry.seq);
  }
  return units;
}

function unitItems(unit: Unit): BatchItem[] {
  return unit.kind === 'single' ? [unit.item] : unit.items;
}

function collectionSubrequest(
  context: SyncContext,
  unit: Extract<Unit, { kind: 'collection' }>,
): CompositeSubrequest {
  const url = `${context.api.base}/composite/sobjects`;
  if (unit.op === 'delete')
    return {
      method: 'DELETE',
      url: `${url}?ids=${unit.items.map((i) => i.targetId).join(',')}&allOrNone=false`,
      referenceId: unit.referenceId,
    };
  const records = unit.items.map((item) => ({
    attributes: { type: unit.object },
    ...item.fields,
    ...(unit.op === 'update' ? { Id: item.targetId } : {}),
  }));
  return {
    method: unit.op === 'create' ? 'POST' : 'PATCH',
    url,
    referenceId: unit.referenceId,
    body: { allOrNone: false, records },
  };
}

function subrequestFor(
  context: SyncContext,
  entry: OutboxEntry,
  object: PlanObject,
  fields: Record<string, unknown>,
  recordId: unknown,
): CompositeSubrequest {
  const base = `${context.api.base}/sobjects/${object.name}`;
  const referenceId = referenceIdOf(entry.seq);
  const conditional = object.upload.conflict === 'serverWins' || object.upload.conflict === 'manual';
  const httpHeaders =
    conditional && entry.baseStamp ? { 'If-Unmodified-Since': httpDate(entry.baseStamp) } : undefined;
  if (entry.op === 'create') {
    const externalIdField = object.upload.externalIdField;
    const key = externalIdField ? fields[externalIdField] : undefined;
    if (externalIdField && typeof key === 'string' && key !== '') {
      const { [externalIdField]: _key, ...body } = fields;
      return {
        method: 'PATCH',
        url: `${base}/${externalIdField}/${encodeURIComponent(key)}`,
        referenceId,
        body,
      };
    }
    return { method: 'POST', url: base, referenceId, body: fields };
  }
  const url = `${base}/${String(recordId)}`;
  if (entry.op === 'update')
    return { method: 'PATCH', url, referenceId, body: fields, ...(httpHeaders ? { httpHeaders } : {}) };
  return { method: 'DELETE', url, referenceId, ...(httpHeaders ? { httpHeaders } : {}) };
}

/** RFC 7231 date for If-Unmodified-Since (whole seconds, as Salesforce stamps are). */
export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

async function sendBatch(context: SyncContext, units: Unit[], touched: Set<string>): Promise<void> {
  const { store, clock } = context;
  const items = units.flatMap(unitItems);
  // Committed before the request leaves: a crash from here on is resolved by recoverInFlight.
  store.transaction(() => {
    for (const { entry } of items)
      store.replaceChange({
        ...entry,
        status: 'inFlight',
        attempts: entry.attempts + 1,
        attemptId: `${referenceIdOf(entry.seq)}-${entry.attempts + 1}`,
        attemptAt: clock.now(),
      });
  });
  let responses: CompositeSubresponse[];
  try {
    responses = await context.api.composite(
      units.map((unit) =>
        unit.kind === 'single' ? unit.item.subrequest : collectionSubrequest(context, unit),
      ),
    );
  } catch (error) {
    if (error instanceof ApiRequestError && error.kind === 'permanent') {
      // The org refused the whole call, so nothing was applied: the changes wait, the sync reports it.
      store.transaction(() => {
        for (const { entry } of items) {
          const current = store.getChange(entry.seq);
          if (current) store.replaceChange({ ...current, status: 'pending' });
        }
      });
    }
    throw error;
  }
  store.transaction(() => {
    const failedRefs = new Set<string>();
    const index = new OutboxIndex(store.listChanges());
    units.forEach((unit, position) => {
      const response = responses[position];
      if (unit.kind === 'single')
        return applyResponse(context, unit.item, response, failedRefs, touched, index);
      // One result per record, in order; a refused collection as a whole fails each of its records.
      const results =
        Array.isArray(response?.body) && response.httpStatusCode < 300
          ? (response.body as SaveResult[])
          : undefined;
      unit.items.forEach((item, k) => {
        const result = results?.[k];
        const perRecord: CompositeSubresponse | undefined = !results
          ? response
          : result?.success
            ? { httpStatusCode: 200, referenceId: item.subrequest.referenceId, body: { id: result.id } }
            : {
                httpStatusCode: 400,
                referenceId: item.subrequest.referenceId,
                body: (result?.errors ?? []).map((e) => ({
                  errorCode: e.statusCode,
                  message: e.message,
                  fields: e.fields,
                })),
              };
        applyResponse(context, item, perRecord, failedRefs, touched, index);
      });
    });
  });
}

interface SaveResult {
  readonly id?: string;
  readonly success: boolean;
  readonly errors?: readonly { statusCode: string; message: string; fields?: string[] }[];
}

function applyResponse(
  context: SyncContext,
  item: BatchItem,
  response: CompositeSubresponse | undefined,
  failedRefs: Set<string>,
  touched: Set<string>,
  index: OutboxIndex,
): void {
  const { store } = context;
  const entry = store.getChange(item.entry.seq);
  if (!entry) return;
  const counts = countsFor(context, entry.object);
  const status = response?.httpStatusCode ?? 0;
  if (status >= 200 && status < 300) {
    const body = response?.body as { id?: string } | null | undefined;
    completeEntry(context, entry, entry.op === 'create' ? body?.id : undefined, index);
    counts.uploaded += 1;
    touched.add(entry.object);
    return;
  }
  const error = firstError(response?.body);
  const code = error.errorCode ?? `ERROR_HTTP_${status}`;
  const dependsOnFailed = [...failedRefs].some((ref) =>
    JSON.stringify(item.subrequest).includes(`@{${ref}.`),
  );
  if (entry.op === 'delete' && (code === 'ENTITY_IS_DELETED' || code === 'NOT_FOUND')) {
    completeEntry(context, entry, undefined, index);
    touched.add(entry.object);
    return;
  }
  failedRefs.add(item.subrequest.referenceId);
  if (status === 412 || code === 'PRECONDITION_FAILED') {
    counts.conflicts += 1;
    touched.add(entry.object);
    if (item.planObject.upload.conflict === 'manual') {
      store.replaceChange({
        ...entry,
        status: 'conflict',
        error: { code: 'CONFLICT', message: 'the record changed on the server after you edited it' },
      });
    } else {
      store.removeChange(entry.seq);
      context.dropped.push({ object: entry.object, recordId: entry.recordId, op: entry.op });
    }
    return;
  }
  if (dependsOnFailed || status === 0 || status >= 500) {
    // Not this record's fault (its parent failed, or the org hiccupped): it goes again next sync.
    store.replaceChange({ ...entry, status: 'pending', error: { code, message: error.message ?? '' } });
    return;
  }
  counts.uploadFailed += 1;
  store.replaceChange({
    ...entry,
    status: 'failed',
    error: { code, message: error.message ?? '', ...(error.fields ? { fields: error.fields } : {}) },
  });
  context.errors.push(`${entry.object} ${entry.recordId} (${entry.op}): ${code}: ${error.message ?? ''}`);
}

/**
 * Which records and local Ids the outbox mentions more than once, so applying a big batch does not scan
 * the whole outbox per record.
 */
class OutboxIndex {
  readonly #mentions = new Map<string, number>();
  constructor(changes: readonly OutboxEntry[]) {
    for (const change of changes) {
      this.#add(`${change.object}/${change.recordId}`);
      for (const value of Object.values(change.fields)) if (isLocalId(value)) this.#add(`ref/${value}`);
    }
  }
  #add(key: string): void {
    this.#mentions.set(key, (this.#mentions.get(key) ?? 0) + 1);
  }
  /** After a create is mapped, changes that named its local Id name the server Id. */
  rename(object: string, localId: string, serverId: string): void {
    const count = this.#mentions.get(`${object}/${localId}`) ?? 0;
    if (count)
      this.#mentions.set(`${object}/${serverId}`, (this.#mentions.get(`${object}/${serverId}`) ?? 0) + count);
  }
  /** True when changes other than `entry` may name its record. */
  othersMention(entry: OutboxEntry): boolean {
    return (
      (this.#mentions.get(`${entry.object}/${entry.recordId}`) ?? 0) > 1 ||
      this.#mentions.has(`ref/${entry.recordId}`)
    );
  }
}

/** Applies a change the server accepted: map a new Id, update the stored server version, drop the entry. */
function completeEntry(
  context: SyncContext,
  entry: OutboxEntry,
  serverId: string | undefined,
  index: OutboxIndex = new OutboxIndex(context.store.listChanges()),
): void {
  const { store } = context;
  const resolved = resolveFields(context, entry.fields);
  const others = () => (index.othersMention(entry) ? store.listChanges() : []);
  if (entry.op === 'create') {
    if (!serverId || !isSalesforceId(serverId)) throw new Error(`create of ${entry.object} returned no Id`);
    store.mapId(entry.recordId, serverId);
    index.rename(entry.object, entry.recordId, serverId);
    // Changes queued after the create still name the local Id: point them at the server record.
    for (const other of others()) {
      if (other.seq === entry.seq) continue;
      const fields = Object.fromEntries(
        Object.entries(other.fields).map(([k, v]) => [k, v === entry.recordId ? serverId : v]),
      );
      const recordId = other.recordId === entry.recordId ? serverId : other.recordId;
      if (recordId !== other.recordId || JSON.stringify(fields) !== JSON.stringify(other.fields))
        store.replaceChange({ ...other, recordId, fields });
    }
    store.putRecord(entry.object, { ...resolved, Id: serverId });
  } else if (entry.op === 'update') {
    const id = store.resolveId(entry.recordId) ?? entry.recordId;
    const base = store.getRecord(entry.object, id);
    if (base) store.putRecord(entry.object, { ...base, ...resolved, Id: id });
    // Our own write moved the record's stamp: later changes of it must not 412 against it.
    for (const other of others())
      if (other.seq > entry.seq && other.object === entry.object && other.recordId === entry.recordId)
        store.replaceChange({ ...other, rebase: true });
  } else {
    store.deleteRecord(entry.object, store.resolveId(entry.recordId) ?? entry.recordId);
  }
  store.removeChange(entry.seq);
}

function resolveFields(
  context: SyncContext,
  fields: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, isLocalId(v) ? (context.store.resolveId(v) ?? v) : v]),
  );
}

/** Resolves entries whose response was lost (see the file comment). */
async function recoverInFlight(context: SyncContext, touched: Set<string>): Promise<void> {
  const { store, plan } = context;
  const index = new OutboxIndex(store.listChanges());
  for (const entry of store.listChanges()) {
    if (entry.status !== 'inFlight') continue;
    const object = planObject(plan, entry.object);
    const setPending = () => store.replaceChange({ ...entry, status: 'pending' });
    if (!object) {
      setPending();
      continue;
    }
    if (entry.op === 'create') {
      if (object.upload.externalIdField && typeof entry.fields[object.upload.externalIdField] === 'string') {
        setPending();
        continue;
      }
      const found = await findLostCreate(context, entry);
      if (found === 'unknown') {
        store.replaceChange({
          ...entry,
          status: 'failed',
          error: {
            code: 'UNVERIFIED_CREATE',
            message:
              'the upload of this new record was interrupted and the server could not be searched for it; ' +
              'check whether it exists, then retry or undo',
          },
        });
        context.errors.push(`${entry.object} ${entry.recordId}: upload interrupted, not verified`);
      } else if (found) {
        store.transaction(() => completeEntry(context, entry, found, index));
        touched.add(entry.object);
        countsFor(context, entry.object).uploaded += 1;
      } else setPending();
      continue;
    }
    if (entry.op === 'update' && object.upload.conflict !== 'clientWins' && isSalesforceId(entry.recordId)) {
      const names = Object.keys(entry.fields).filter((f) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(f));
      const soql = `SELECT Id${names.map((n) => `, ${n}`).join('')} FROM ${object.name} WHERE Id = ${soqlId(entry.recordId)}`;
      const result = await context.api.query(soql);
      const current = result.records[0] as SfRecord | undefined;
      const applied =
        current !== undefined &&
        Object.entries(resolveFields(context, entry.fields)).every(([k, v]) => sameValue(current[k], v));
      if (applied) {
        store.transaction(() => completeEntry(context, entry, undefined, index));
        touched.add(entry.object);
        countsFor(context, entry.object).uploaded += 1;
        continue;
      }
    }
    setPending();
  }
}

function sameValue(server: unknown, mine: unknown): boolean {
  if (server === mine) return true;
  if (server === null || mine === null || server === undefined || mine === undefined) return false;
  if (typeof server === 'number' || typeof mine === 'number') return Number(server) === Number(mine);
  return String(server) === String(mine);
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Looks for the record a lost create may have made: created by this user since the attempt (less a day of
 * clock-skew allowance) with every sent value equal, and not already on the device. Returns its Id, null
 * when there is none, or 'unknown' when the server cannot be asked such a query.
 */
async function findLostCreate(context: SyncContext, entry: OutboxEntry): Promise<string | null | 'unknown'> {
  const conditions: string[] = [];
  if (context.userId && isSalesforceId(context.userId))
    conditions.push(`CreatedById = ${soqlId(context.userId)}`);
  const since = (entry.attemptAt ?? entry.changedAt) - LOST_CREATE_WINDOW_MS;
  conditions.push(`CreatedDate >= ${soqlDatetime(since)}`);
  for (const [field, raw] of Object.entries(resolveFields(context, entry.fields))) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) continue;
    if (raw === null) conditions.push(`${field} = null`);
    else if (typeof raw === 'boolean') conditions.push(`${field} = ${String(raw)}`);
    else if (typeof raw === 'number' && Number.isFinite(raw)) conditions.push(`${field} = ${String(raw)}`);
    else if (typeof raw === 'string' && !DATE_LIKE.test(raw) && raw.length <= 255 && !isLocalId(raw))
      conditions.push(`${field} = ${soqlString(raw)}`);
  }
  const soql = `SELECT Id FROM ${entry.object} WHERE ${conditions.join(' AND ')} ORDER BY CreatedDate, Id LIMIT 20`;
  let records: readonly Record<string, unknown>[];
  try {
    records = (await context.api.query(soql)).records;
  } catch (error) {
    if (error instanceof ApiRequestError && error.kind === 'permanent') return 'unknown';
    throw error;
  }
  for (const record of records) {
    const id = record.Id;
    if (typeof id === 'string' && !context.store.getRecord(entry.object, id)) return id;
  }
  return null;
}
