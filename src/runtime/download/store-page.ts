/** Storing a downloaded page, and what it implies for the objects that depend on it. */

import type { PlanObject } from '../../compiler/plan.ts';
import { hasDownloaded, markMayHoldOrphans, maxStamp, stateOf } from './object-state.ts';
import { toStoredRecord, type SfRecord } from '../records.ts';
import { isSalesforceId } from '../soql-binding.ts';
import type { SyncContext } from '../sync-context.ts';
import { countsFor } from '../sync-tallies.ts';

/**
 * Stores one page in one transaction with what it implies: the delta cursor of its query, the Ids its
 * records bring into scope for dependent objects, and reconciliations when a reference changed. Records
 * that did not change are not rewritten. Returns the page's records.
 */
export function storePage(
  context: SyncContext,
  object: PlanObject,
  rawRecords: readonly Record<string, unknown>[],
  cursor: { member: number; members: number } | undefined,
  alsoInTransaction?: () => void,
  /**
   * A first download into an object that held nothing, so no record is looked up in the store: `seen`
   * holds the Ids stored so far when several statements may return the same record, null when one
   * statement returns each record once.
   */
  firstDownload?: { readonly seen: Set<string> | null },
): SfRecord[] {
  const { store, plan } = context;
  const records = rawRecords.map(toStoredRecord);
  const counts = countsFor(context, object.name);
  store.transaction(() => {
    const newIds: string[] = [];
    const changed: { before: string | undefined; after: SfRecord }[] = [];
    let pageMax: string | null = null;
    for (const record of records) {
      const stamp = record[plan.watermarkField];
      if (cursor && typeof stamp === 'string') pageMax = maxStamp(pageMax, stamp);
      // Compared as JSON text: parsing every stored record costs more than the download itself.
      const json = JSON.stringify(record);
      const before =
        firstDownload && !firstDownload.seen?.has(record.Id)
          ? undefined
          : store.getRecordJson(object.name, record.Id);
      firstDownload?.seen?.add(record.Id);
      if (before === json) continue;
      store.putRecordJson(object.name, record.Id, json);
      counts.downloaded += 1;
      if (before === undefined) newIds.push(record.Id);
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
  /** `before`: the stored JSON text, parsed only where a reference may have moved. */
  changed: readonly { before: string | undefined; after: SfRecord }[],
): void {
  const { store } = context;
  const state = store.getObjectState(dependent.name);
  // Never downloaded: its coming first download sees everything in scope.
  if (!hasDownloaded(state)) return;
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
      const previous = before === undefined ? undefined : (JSON.parse(before) as SfRecord)[path.field];
      // Only a new reference: one the device already held was fetched (or found out of scope) when it
      // arrived; a record it names that enters the scope later changes, and the delta brings it.
      if (
        isSalesforceId(target) &&
        target !== previous &&
        store.getRecordJson(dependent.name, target) === undefined
      )
        refs.add(target);
      if (previous && previous !== target) repointed = true;
    }
    if (refs.size) additions[index] = [...refs];
  });
  if (Object.keys(additions).length === 0 && !repointed) return;
  const pendingIds: Record<string, readonly string[]> = { ...state.pendingIds };
  for (const [key, ids] of Object.entries(additions))
    pendingIds[key] = [...new Set([...(pendingIds[key] ?? []), ...ids])];
  store.putObjectState({ ...state, pendingIds });
  // A reference moved away from a record: that record may no longer be referenced by anything in scope.
  if (repointed) markMayHoldOrphans(context, dependent);
}
