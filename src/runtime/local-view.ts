/**
 * What the app sees: the server's records as last downloaded, with the outbox replayed on top. Because
 * pending changes are replayed rather than written into the records, a download can replace a record's
 * server version at any time and the user's changes stay on top (a rebase, as Replicache does).
 */

import type { SfRecord } from './records.ts';
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
