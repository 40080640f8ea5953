/**
 * Phase 1 of a sync: the outbox goes up, oldest first, in /composite calls of up to 25 subrequests (one
 * API call each), in outbox order (no collation). Alike changes that need no per-record header (creates,
 * upserts of creates on the plan's external-Id field, clientWins updates and deletes) travel as sObject
 * Collections inside the call (up to 5 x 200 records), so a big outbox still costs few calls. A child
 * created offline names its parent created offline either by `@{ref.id}` in the same call (the parent
 * sent alone) or by the server Id in a later call (the parent sent in a collection); see nextBatch for
 * which. A child whose parent failed stays in the outbox, pending, with the reason (PARENT_NOT_UPLOADED).
 *
 * Never twice: every entry is marked inFlight (in a committed transaction) before it is sent, and the
 * response is applied in one transaction. An entry still inFlight at the next sync had its response lost,
 * so it is resolved before anything is re-sent:
 * - a create upserts on the plan's external-Id field when there is one (re-sending is harmless);
 * - otherwise the server is asked for a record this user created since the attempt with exactly the
 *   values sent; found: adopt its Id; not found: send again; cannot tell: the entry fails for the user
 *   to decide rather than risk a duplicate;
 * - a conditional update is re-read: already applied -> done; otherwise it is sent again;
 * - a delete is sent again (an already deleted record counts as done); a conditional one is checked again.
 *
 * Conditional deletes (serverWins, manual) carry no If-Unmodified-Since, which the REST API ignores on
 * DELETE: the stamps of their records are asked just before the call that carries them, and a record
 * changed meanwhile is a conflict as a 412 would be (upload-delete-check.ts).
 */

import { readRecordsById, recordKey, wantedPerObject } from './records-by-id.ts';
import type { CompositeSubresponse } from '../salesforce-api.ts';
import { isSalesforceId } from '../soql-binding.ts';
import { planObject, type SyncContext } from '../sync-context.ts';
import { ApiRequestError } from '../sync-errors.ts';
import { applyResponse, noteWaitingDependents, OutboxIndex, type SaveResult } from './upload-apply.ts';
import { collectionSubrequest, nextBatch, referenceIdOf, unitItems, type Unit } from './upload-batch.ts';
import { checkDeleteStamps, needsStampCheck } from './upload-delete-check.ts';
import { recoverInFlight } from './upload-recovery.ts';

export interface UploadResult {
  /** Objects that received changes: downloaded this sync even when their interval has not passed. */
  readonly touchedObjects: Set<string>;
}

export async function upload(context: SyncContext): Promise<UploadResult> {
  const touched = new Set<string>();
  await recoverInFlight(context, touched);
  const attempted = new Set<number>();
  // Conditional deletes whose record's stamp this sync read and found unchanged (kept in memory only).
  const verified = new Set<number>();
  const total = context.store.listChanges().filter((c) => c.status === 'pending').length;
  let done = 0;
  if (total > 0) context.progress({ phase: 'upload', done, total });
  for (;;) {
    for (const seq of await rebaseStamps(context)) verified.add(seq);
    // Which conditional deletes the next call would carry; only those are checked, right before it.
    const planned = nextBatch(context, attempted, { verified, assumeVerified: true });
    if (planned.length === 0) break;
    const unchecked = planned
      .flatMap(unitItems)
      .filter((i) => needsStampCheck(i.entry, i.planObject) && !verified.has(i.entry.seq));
    if (unchecked.length > 0) {
      done += await checkDeleteStamps(context, unchecked, verified, touched);
      context.progress({ phase: 'upload', done, total });
    }
    // Settled deletes left room: what fills it goes unless it is a delete still to check (next round).
    const batch = unchecked.length > 0 ? nextBatch(context, attempted, { verified }) : planned;
    if (batch.length === 0) continue;
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
 * Returns the deletes among them whose stamp was just read: they need no other check before they go.
 */
async function rebaseStamps(context: SyncContext): Promise<number[]> {
  const { store, plan } = context;
  const read: number[] = [];
  // Only conditional updates and deletes compare stamps; the others need no fresh one.
  const conditional = (name: string) => {
    const policy = planObject(plan, name)?.upload.conflict;
    return policy === 'serverWins' || policy === 'manual';
  };
  const waiting = store
    .listChanges()
    .filter((c) => c.rebase && c.status === 'pending' && isSalesforceId(c.recordId) && conditional(c.object));
  if (waiting.length === 0) return read;
  const records = await readRecordsById(
    context,
    wantedPerObject(
      waiting,
      (c) => c.object,
      (c) => c.recordId,
      () => [plan.watermarkField],
    ),
    'stamp re-read',
  );
  store.transaction(() => {
    for (const change of waiting) {
      const current = store.getChange(change.seq);
      if (!current) continue;
      const server = records.get(recordKey(change.object, change.recordId));
      const stamp = server === undefined ? undefined : String(server[plan.watermarkField]);
      store.replaceChange({ ...current, rebase: false, baseStamp: stamp ?? current.baseStamp });
      if (stamp !== undefined && current.op === 'delete') read.push(current.seq);
    }
  });
  return read;
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
    // In outbox order: a child created under a parent deleted later in the same call, for one.
    responses = await context.api.composite(
      units.map((unit) =>
        unit.kind === 'single' ? unit.item.subrequest : collectionSubrequest(context, unit),
      ),
      { inOrder: true },
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
    noteWaitingDependents(
      context,
      items.map((i) => i.entry),
    );
  });
}
