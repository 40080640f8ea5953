/**
 * Packing the outbox into one /composite call: which entries can go now (in order, each waiting for what
 * it depends on), as single subrequests or as sObject Collections.
 */

import type { PlanObject } from '../../compiler/plan.ts';
import { isLocalId } from '../local-ids.ts';
import type { CompositeSubrequest } from '../salesforce-api.ts';
import { planObject, type SyncContext } from '../sync-context.ts';
import type { OutboxEntry } from '../store/sync-store.ts';
import type { BatchItem } from './batch-item.ts';
import { needsStampCheck } from './upload-delete-check.ts';

/** Subrequests per /composite call, sObject Collections among them, records per collection. */
const MAX_BATCH = 25;

const MAX_COLLECTIONS = 5;

const MAX_COLLECTION = 200;

/** sObject Collections came in API 42.0, their upsert by external Id (`.../{type}/{field}`) in 46.0. */
const COLLECTIONS_VERSION = 42;

const COLLECTION_UPSERT_VERSION = 46;

/** One composite subrequest: a single record, or an sObject Collection of up to 200 alike changes. */
export type Unit =
  | { readonly kind: 'single'; readonly item: BatchItem }
  | {
      readonly kind: 'collection';
      readonly op: OutboxEntry['op'];
      readonly object: string;
      /** Creates upserted on this external-Id field (one field and one object per collection). */
      readonly upsertField?: string;
      readonly items: BatchItem[];
      readonly referenceId: string;
    };

export function referenceIdOf(seq: number): string {
  return `c${seq}`;
}

/**
 * How a batch treats creates that other changes reference (parents):
 * - `references`: each parent goes alone, so its dependents can follow in the same call with `@{ref.id}`
 *   (the Composite resource's documented reference to an earlier subrequest's answer);
 * - `collections`: parents travel in sObject Collections with the other creates, and their dependents
 *   wait for the next call, where they name the server Ids the answer mapped. A collection's answer is
 *   not referenced from the same call: a failed record in it would fail the whole dependent collection.
 */
type ParentMode = 'references' | 'collections';

/** Which conditional deletes may be packed (see upload-delete-check.ts). */
export interface DeleteChecks {
  /** Conditional deletes whose server stamp this sync read and found unchanged: sent without a header. */
  readonly verified: ReadonlySet<number>;
  /**
   * Packs the conditional deletes not verified yet as if they were, to learn which ones the call would
   * carry (and check just those). Otherwise they wait for a later call.
   */
  readonly assumeVerified?: boolean;
}

/**
 * Picks the next sendable entries in order and packs them into one /composite call: at most 25
 * subrequests, of which at most 5 sObject Collections of up to 200 records. An entry waits while anything
 * it depends on is unresolved (an earlier change of the same record, a parent not uploaded yet).
 *
 * Both ways of sending parents are packed and the one that sends more changes now wins (ties keep parents
 * alone, so a small outbox with a parent and its children still goes in one call); a big outbox of
 * parents and children then costs two calls per 1,000 creates instead of one per 12 pairs.
 */
export function nextBatch(context: SyncContext, attempted: Set<number>, checks: DeleteChecks): Unit[] {
  const changes = context.store.listChanges();
  // Local Ids other changes point at: their creates answer with an Id the dependents need.
  const referenced = new Set<string>();
  for (const change of changes) {
    for (const value of Object.values(change.fields)) if (isLocalId(value)) referenced.add(value);
    if (change.op !== 'create' && isLocalId(change.recordId)) referenced.add(change.recordId);
  }
  const alone = packBatch(context, attempted, changes, referenced, 'references', checks);
  if (referenced.size === 0) return alone;
  const collected = packBatch(context, attempted, changes, referenced, 'collections', checks);
  const sent = (units: Unit[]) => units.reduce((n, unit) => n + unitItems(unit).length, 0);
  return sent(collected) > sent(alone) ? collected : alone;
}

function packBatch(
  context: SyncContext,
  attempted: Set<number>,
  changes: readonly OutboxEntry[],
  referenced: ReadonlySet<string>,
  mode: ParentMode,
  checks: DeleteChecks,
): Unit[] {
  const { store, plan } = context;
  const units: Unit[] = [];
  const openCollections = new Map<string, Extract<Unit, { kind: 'collection' }>>();
  let collections = 0;
  const blockedRecords = new Set<string>();
  const packedRecords = new Set<string>();
  // Creates packed in this batch: a single subrequest's Id can be referenced, a collection's cannot.
  const createdInBatch = new Map<string, { seq: number; collected: boolean }>();
  const version = Number.parseFloat(context.api.apiVersion);
  const collectionsExist = version >= COLLECTIONS_VERSION;
  const upsertsCollect = version >= COLLECTION_UPSERT_VERSION;
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
      const created = createdInBatch.get(value);
      if (created === undefined || created.collected) return { ok: false, value };
      usesReference = true;
      return { ok: true, value: `@{${referenceIdOf(created.seq)}.id}` };
    };
    const fields: Record<string, unknown> = {};
    let ok = true;
    for (const [field, value] of Object.entries(entry.fields)) {
      const resolved = resolve(value);
      ok &&= resolved.ok;
      fields[field] = resolved.value;
    }
    const target = entry.op === 'create' ? { ok: true, value: entry.recordId } : resolve(entry.recordId);
    // A second change of a record already in this call waits for the first one's answer, unless it
    // names the new record by reference: the org orders only explicit dependencies.
    const explicit = typeof target.value === 'string' && target.value.startsWith('@{');
    if (!ok || !target.ok || (packedRecords.has(key) && !explicit)) {
      blockedRecords.add(key);
      continue;
    }
    if (needsStampCheck(entry, object) && !checks.verified.has(entry.seq) && !checks.assumeVerified) {
      blockedRecords.add(key);
      continue;
    }
    const subrequest = subrequestFor(context, entry, object, fields, target.value);
    const upsertField =
      subrequest.method === 'PATCH' && entry.op === 'create' ? object.upload.externalIdField : undefined;
    const collectible =
      collectionsExist &&
      !usesReference &&
      !subrequest.httpHeaders &&
      (entry.op !== 'create' ||
        ((subrequest.method === 'POST' || (upsertField !== undefined && upsertsCollect)) &&
          (mode === 'collections' || !referenced.has(entry.recordId))));
    const item: BatchItem = {
      entry,
      planObject: object,
      subrequest,
      fields,
      targetId: String(target.value),
      ...(upsertField ? { upsertField } : {}),
      collectible,
    };
    const collectionKey = `${entry.op}/${entry.object}/${upsertField ?? ''}`;
    const open = openCollections.get(collectionKey);
    let collected = false;
    if (collectible && open && open.items.length < MAX_COLLECTION) {
      open.items.push(item);
      collected = true;
    } else if (units.length === MAX_BATCH) break;
    else if (collectible && collections < MAX_COLLECTIONS) {
      const unit = {
        kind: 'collection' as const,
        op: entry.op,
        object: entry.object,
        ...(upsertField ? { upsertField } : {}),
        items: [item],
        referenceId: `k${entry.seq}`,
      };
      openCollections.set(collectionKey, unit);
      collections += 1;
      units.push(unit);
      collected = true;
    } else units.push({ kind: 'single', item });
    packedRecords.add(key);
    if (entry.op === 'create') createdInBatch.set(entry.recordId, { seq: entry.seq, collected });
  }
  return units;
}

export function unitItems(unit: Unit): BatchItem[] {
  return unit.kind === 'single' ? [unit.item] : unit.items;
}

export function collectionSubrequest(
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
  if (unit.upsertField)
    return {
      method: 'PATCH',
      url: `${url}/${unit.object}/${unit.upsertField}`,
      referenceId: unit.referenceId,
      body: { allOrNone: false, records },
    };
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
  // Updates only: the REST API does not support conditional headers on DELETE (it deletes anyway), so a
  // conditional delete is checked before it is sent (upload-delete-check.ts) and goes without a header.
  const httpHeaders =
    conditional && entry.baseStamp && entry.op === 'update'
      ? { 'If-Unmodified-Since': httpDate(entry.baseStamp) }
      : undefined;
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
  return { method: 'DELETE', url, referenceId };
}

/** RFC 7231 date for If-Unmodified-Since (whole seconds, as Salesforce stamps are). */
export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}
