/**
 * What the app sees: the server's records as last downloaded, with the outbox replayed on top. Because
 * pending changes are replayed rather than written into the records, a download can replace a record's
 * server version at any time and the user's changes stay on top (a rebase, as Replicache does).
 */

import { sameId, type SfRecord } from './records.ts';
import type { OutboxEntry, SyncStore } from './store/sync-store.ts';

/** Applies `changes` (oldest first) to `records` of one object. */
export function overlay(records: readonly SfRecord[], changes: readonly OutboxEntry[]): SfRecord[] {
  const byId = new Map(records.map((r) => [r.Id, r] as const));
  for (const change of changes) {
    if (change.op === 'create') byId.set(change.recordId, { ...change.fields, Id: change.recordId });
    else if (change.op === 'update') {
      const current = byId.get(change.recordId);
      if (current) byId.set(change.recordId, { ...current, ...change.fields, Id: change.recordId });
    } else byId.delete(change.recordId);
  }
  return [...byId.values()];
}

/** The records of `object` as the user sees them. */
export function viewRecords(store: SyncStore, object: string): SfRecord[] {
  const changes = store.listChanges().filter((c) => c.object === object);
  const records = store.listRecords(object);
  return changes.length === 0 ? records : overlay(records, changes);
}

/** One record as the user sees it, or undefined when it does not exist (or was deleted locally). */
export function viewRecord(store: SyncStore, object: string, id: string): SfRecord | undefined {
  const changes = store.listChanges().filter((c) => c.object === object && c.recordId === id);
  const base = store.getRecord(object, id);
  return overlay(base ? [base] : [], changes)[0];
}

/**
 * The records of `object` whose `field` holds `id` (a parent's children), as the user sees them, in the
 * order of viewRecords. The store finds the matching records by that field (SQL over the field's JSON
 * value, not a parse of every record); only they and the records the outbox changes are read.
 */
export function viewRecordsWhere(store: SyncStore, object: string, field: string, id: string): SfRecord[] {
  const changes = store.listChanges().filter((c) => c.object === object);
  const ids = new Set(changes.map((c) => c.recordId));
  for (const recordId of store.listRecordIdsReferencing(object, field, id)) ids.add(recordId);
  const base = [...ids].sort().flatMap((recordId) => store.getRecord(object, recordId) ?? []);
  return overlay(base, changes).filter((r) => typeof r[field] === 'string' && sameId(r[field] as string, id));
}
