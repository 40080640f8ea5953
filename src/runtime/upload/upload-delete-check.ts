/**
 * Conditional deletes (serverWins and manual objects) checked against the server's stamp before they are
 * sent. Salesforce's REST API honours If-Unmodified-Since on PATCH but not on DELETE ("DELETE requests
 * aren't supported", Conditional Request Headers): a delete carrying it deletes a record another user
 * changed meanwhile. So before the call that would carry such deletes, the device asks the stamps of those
 * records (one Id-list query per object and URL-sized chunk, five to a /composite call):
 * - newer than the stamp the user saw: a conflict, applied exactly as a 412 to an update (applyConflict);
 * - gone: the delete is done, as when the org answers ENTITY_IS_DELETED (applyAlreadyDeleted);
 * - otherwise: verified, and sent without a header (in sObject Collections where the batch allows).
 *
 * The remaining race: a change saved on the server between the check and the delete (one round trip, the
 * device sends the delete right after the answer) is deleted with the record. The REST API offers no
 * atomic conditional delete to close it; the window is as narrow as the one rebaseStamps already accepts
 * for updates, and the record goes to the org's Recycle Bin, where it can still be undeleted.
 *
 * Nothing of the check is stored but its outcome: a verified delete stays pending until it is marked in
 * flight, so a kill between the check and the send leaves it pending and the next sync checks it again.
 */

import type { PlanObject } from '../../compiler/plan.ts';
import { readRecordsById, recordKey, wantedPerObject } from './records-by-id.ts';
import type { OutboxEntry } from '../store/sync-store.ts';
import type { SyncContext } from '../sync-context.ts';
import { applyAlreadyDeleted, applyConflict, OutboxIndex } from './upload-apply.ts';
import type { BatchItem } from './batch-item.ts';

/** A delete of a serverWins or manual object that knows the stamp the user saw: checked before it is sent. */
export function needsStampCheck(entry: OutboxEntry, object: PlanObject): boolean {
  const policy = object.upload.conflict;
  return (
    entry.op === 'delete' &&
    (policy === 'serverWins' || policy === 'manual') &&
    typeof entry.baseStamp === 'string' &&
    entry.baseStamp !== ''
  );
}

/**
 * Asks the server's stamp of each delete's record and applies the outcome (see the file comment): adds the
 * unchanged ones to `verified`, returns how many were settled (conflict or already deleted).
 */
export async function checkDeleteStamps(
  context: SyncContext,
  items: readonly BatchItem[],
  verified: Set<number>,
  touched: Set<string>,
): Promise<number> {
  const { store, plan } = context;
  const field = plan.watermarkField;
  // Nothing is sent unchecked: a failed query fails the sync and the deletes stay pending.
  const records = await readRecordsById(
    context,
    wantedPerObject(
      items,
      (i) => i.entry.object,
      (i) => i.targetId,
      () => [field],
    ),
    'delete stamp check',
  );
  let settled = 0;
  store.transaction(() => {
    const index = new OutboxIndex(store.listChanges());
    for (const item of items) {
      const entry = store.getChange(item.entry.seq);
      if (!entry || entry.status !== 'pending') continue;
      const server = records.get(recordKey(entry.object, item.targetId));
      if (!server) {
        applyAlreadyDeleted(context, entry, touched, index);
        settled += 1;
      } else if (changedSince(server[field], entry.baseStamp)) {
        applyConflict(context, entry, item.planObject, touched);
        settled += 1;
      } else verified.add(entry.seq);
    }
  });
  return settled;
}

/**
 * True when the server's stamp is later than the one the user saw, at the second precision of
 * If-Unmodified-Since (what a 412 would have said). A stamp that cannot be read counts as changed: the
 * delete is not sent blind.
 */
function changedSince(server: unknown, seen: string | undefined): boolean {
  const serverMs = typeof server === 'string' ? Date.parse(server) : NaN;
  const seenMs = seen === undefined ? NaN : Date.parse(seen);
  if (Number.isNaN(serverMs) || Number.isNaN(seenMs)) return true;
  return Math.floor(serverMs / 1000) > Math.floor(seenMs / 1000);
}
