/** Applying the answer to an uploaded change: map Ids, update the stored server version, policies on 412. */

import type { PlanObject } from '../../compiler/plan.ts';
import { isLocalId } from '../local-ids.ts';
import { firstError, type CompositeSubresponse } from '../salesforce-api.ts';
import { isSalesforceId } from '../soql-binding.ts';
import type { SyncContext } from '../sync-context.ts';
import { countsFor } from '../sync-tallies.ts';
import type { OutboxEntry } from '../store/sync-store.ts';
import type { BatchItem } from './batch-item.ts';

export interface SaveResult {
  readonly id?: string;
  readonly success: boolean;
  readonly errors?: readonly { statusCode: string; message: string; fields?: string[] }[];
}

export function applyResponse(
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
    applyAlreadyDeleted(context, entry, touched, index);
    return;
  }
  failedRefs.add(item.subrequest.referenceId);
  if (status === 412 || code === 'PRECONDITION_FAILED') {
    applyConflict(context, entry, item.planObject, touched);
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

/** A delete of a record the server no longer has (answered as deleted, or not found by a stamp check): done. */
export function applyAlreadyDeleted(
  context: SyncContext,
  entry: OutboxEntry,
  touched: Set<string>,
  index: OutboxIndex,
): void {
  completeEntry(context, entry, undefined, index);
  touched.add(entry.object);
}

/**
 * A change of a record that changed on the server after the user saw it: a 412 to a conditional update,
 * or a conditional delete whose stamp check found a newer stamp (upload-delete-check.ts). serverWins drops
 * it and reports it in the summary's `dropped`; manual keeps it as a conflict for resolveConflict. Either
 * way the object is downloaded this sync, so the device shows the server's version.
 */
export function applyConflict(
  context: SyncContext,
  entry: OutboxEntry,
  object: PlanObject,
  touched: Set<string>,
): void {
  const { store } = context;
  countsFor(context, entry.object).conflicts += 1;
  touched.add(entry.object);
  if (object.upload.conflict === 'manual') {
    store.replaceChange({
      ...entry,
      status: 'conflict',
      error: {
        code: 'CONFLICT',
        message: `the record changed on the server after you ${entry.op === 'delete' ? 'deleted' : 'edited'} it`,
      },
    });
  } else {
    store.removeChange(entry.seq);
    context.dropped.push({ object: entry.object, recordId: entry.recordId, op: entry.op });
  }
}

/**
 * Which records and local Ids the outbox mentions more than once, so applying a big batch does not scan
 * the whole outbox per record.
 */
export class OutboxIndex {
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
export function completeEntry(
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
        store.replaceChange({
          ...other,
          recordId,
          fields,
          // The parent it waited for is on the server now.
          error: other.error?.code === PARENT_NOT_UPLOADED ? undefined : other.error,
        });
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

/** The error of a change left waiting for a create of this device that failed (see noteWaitingDependents). */
export const PARENT_NOT_UPLOADED = 'PARENT_NOT_UPLOADED';

/**
 * Changes that wait for a record created on this device whose upload failed (a child naming the new
 * parent, a later edit of the new record, and what waits for those in turn) say why they stay in the
 * outbox, whether they waited for the next call or were sent with it by reference and not run. They stay
 * pending: when the user fixes the failed create they go up after it. `sent` are the changes just tried.
 */
export function noteWaitingDependents(context: SyncContext, sent: readonly OutboxEntry[]): void {
  const { store } = context;
  // Local Id -> the failed create it waits for (itself, for the failed ones).
  const waitsFor = new Map<string, OutboxEntry>();
  for (const entry of sent) {
    if (entry.op !== 'create') continue;
    const current = store.getChange(entry.seq);
    if (current?.status === 'failed') waitsFor.set(current.recordId, current);
  }
  if (waitsFor.size === 0) return;
  // In outbox order, so a grandchild comes after the child it waits for.
  for (const change of store.listChanges()) {
    if (change.status !== 'pending') continue;
    const names = [...(change.op === 'create' ? [] : [change.recordId]), ...Object.values(change.fields)];
    const failed = names.map((v) => (typeof v === 'string' ? waitsFor.get(v) : undefined)).find(Boolean);
    if (!failed) continue;
    if (change.op === 'create') waitsFor.set(change.recordId, failed);
    const cause = failed.error ? `${failed.error.code}: ${failed.error.message}` : 'failed';
    store.replaceChange({
      ...change,
      error: {
        code: PARENT_NOT_UPLOADED,
        message: `waits for the new ${failed.object} ${failed.recordId}, whose upload failed (${cause}); fix that change, or undo it and this one`,
      },
    });
  }
}

export function resolveFields(
  context: SyncContext,
  fields: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, isLocalId(v) ? (context.store.resolveId(v) ?? v) : v]),
  );
}
