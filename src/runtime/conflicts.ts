/**
 * Conflicts of the `manual` policy: a local change the server refused (412) because the record changed
 * there after the user edited it, or a delete whose record's stamp, checked before sending, was newer than
 * the one the user saw (the REST API ignores If-Unmodified-Since on DELETE; see upload-delete-check.ts).
 * The change stays in the outbox (status `conflict`, still shown on top of the server version) until the
 * user picks, per record or per field, their value or the server's. 'mine' on a delete queues it again,
 * conditional on the server version the device holds now: the next sync checks that stamp again.
 */

import type { SyncPlan } from '../compiler/plan.ts';
import type { SfRecord } from './records.ts';
import type { ChangeOp, OutboxEntry, SyncStore } from './store/sync-store.ts';
import { LocalWriteError } from './sync-errors.ts';

export interface Conflict {
  /** The outbox entry's seq: pass it to resolveConflict. */
  readonly seq: number;
  readonly object: string;
  readonly recordId: string;
  readonly op: ChangeOp;
  /** The user's values for the fields they changed. */
  readonly mine: Readonly<Record<string, unknown>>;
  /** The server's current version as last downloaded (undefined when it was deleted there). */
  readonly theirs: SfRecord | undefined;
  /** Per changed field: both values. */
  readonly fields: readonly { field: string; mine: unknown; theirs: unknown }[];
}

/** 'mine' re-sends the user's change over the server's version; 'theirs' drops it; or choose per field. */
export type ConflictResolution = 'mine' | 'theirs' | Readonly<Record<string, 'mine' | 'theirs'>>;

export function listConflicts(store: SyncStore): Conflict[] {
  return store
    .listChanges()
    .filter((c) => c.status === 'conflict')
    .map((entry) => {
      const theirs = store.getRecord(entry.object, entry.recordId);
      return {
        seq: entry.seq,
        object: entry.object,
        recordId: entry.recordId,
        op: entry.op,
        mine: entry.fields,
        theirs,
        fields: Object.entries(entry.fields).map(([field, mine]) => ({
          field,
          mine,
          theirs: theirs?.[field],
        })),
      };
    });
}

export function resolveConflict(
  store: SyncStore,
  plan: SyncPlan,
  seq: number,
  resolution: ConflictResolution,
): void {
  store.transaction(() => {
    const entry = store.getChange(seq);
    if (!entry || entry.status !== 'conflict')
      throw new LocalWriteError(`change ${seq} is not in conflict`, 'INVALID_VALUE', entry?.object ?? '');
    const theirs = store.getRecord(entry.object, entry.recordId);
    const stamp = theirs?.[plan.watermarkField];
    const requeue = (fields: Readonly<Record<string, unknown>>): OutboxEntry => ({
      ...entry,
      fields,
      status: 'pending',
      error: undefined,
      // The user has now seen the server's version: the next upload is conditional on that one.
      baseStamp: typeof stamp === 'string' ? stamp : entry.baseStamp,
    });
    if (resolution === 'theirs') return store.removeChange(seq);
    if (resolution === 'mine') return store.replaceChange(requeue(entry.fields));
    for (const field of Object.keys(resolution))
      if (!(field in entry.fields))
        throw new LocalWriteError(
          `${entry.object}.${field} is not part of this conflict`,
          'UNKNOWN_FIELD',
          entry.object,
          field,
        );
    const kept = Object.fromEntries(
      Object.entries(entry.fields).filter(([field]) => (resolution[field] ?? 'theirs') === 'mine'),
    );
    if (Object.keys(kept).length === 0 || entry.op !== 'update') {
      if (entry.op === 'delete' && Object.values(resolution).includes('mine'))
        return store.replaceChange(requeue(entry.fields));
      return store.removeChange(seq);
    }
    store.replaceChange(requeue(kept));
  });
}
