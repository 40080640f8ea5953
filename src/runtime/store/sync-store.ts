/**
 * What a device keeps between syncs, behind one interface so the engine runs on SQLite (Node, durable)
 * or in memory (browser pages, tests). The interface is synchronous on purpose: a page of records and the
 * watermark that covers it must be written in ONE transaction, and better-sqlite3 transactions are
 * synchronous; an async store would let a crash land between the two.
 *
 * Records are the SERVER's version as last downloaded. Local changes live only in the outbox and are
 * laid over the records when read (local-view.ts), so a download never overwrites a pending change: the
 * change is simply replayed on top of the new server version (a rebase).
 */

import type { SyncPlan } from '../../compiler/plan.ts';
import type { SfRecord } from '../records.ts';
import type { FailureReason } from '../sync-errors.ts';

export type ChangeOp = 'create' | 'update' | 'delete';

/**
 * - pending: waiting to be uploaded
 * - inFlight: sent, response not yet applied (a crash here means "ask the server before re-sending")
 * - failed: the server refused it (validation rule, deleted record...); kept for the user to fix or undo
 * - conflict: the record changed on the server since the user edited it (policy `manual`)
 */
export type ChangeStatus = 'pending' | 'inFlight' | 'failed' | 'conflict';

export interface ChangeError {
  readonly code: string;
  readonly message: string;
  readonly fields?: readonly string[];
}

export interface OutboxEntry {
  /** Order of the change; uploads go oldest first. */
  readonly seq: number;
  readonly object: string;
  readonly op: ChangeOp;
  /** A local Id (creates, until uploaded) or a server Id. */
  readonly recordId: string;
  /** create: every field set; update: only the changed fields; delete: empty. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** The server stamp of the version the user edited (conditional updates, conflicts). */
  readonly baseStamp?: string;
  /**
   * Set when an earlier change of the same record was applied on the server after this one was made:
   * the record's stamp moved by the device's own write, so it is read again before this one is sent.
   */
  readonly rebase?: boolean;
  readonly status: ChangeStatus;
  readonly error?: ChangeError;
  /** How many times it was sent. */
  readonly attempts: number;
  /** Set before each send; lets a restarted device find a create whose response was lost. */
  readonly attemptId?: string;
  /** Device time of the last send (ms), for the lost-create lookup window. */
  readonly attemptAt?: number;
  /** Device time of the change (ms), for people. */
  readonly changedAt: number;
}

export type NewOutboxEntry = Omit<OutboxEntry, 'seq'>;

export interface ObjectSyncState {
  readonly object: string;
  /** The plan fingerprint the stored records were downloaded with. */
  readonly fingerprint: string;
  /** Highest server stamp stored (ISO), null before the first download completes. */
  readonly watermark: string | null;
  /** Per delta query of a union, the highest stamp stored while the delta is unfinished. */
  readonly deltaCursor: readonly (string | null)[] | null;
  /** The getDeleted `latestDateCovered` of the last check (ISO, server time). */
  readonly deletedCoveredUntil: string | null;
  /** Device time (ms) of the last completed download / reconciliation, for scheduling. */
  readonly downloadedAt: number | null;
  readonly reconciledAt: number | null;
  /** Set when reconciliation must run on the next sync (window exceeded, dependency changed). */
  readonly needsReconcile: boolean;
  /**
   * Set when a parent or referencing record left the device (or a reference moved away): records no path
   * reaches any more are removed on the device before the next download of this object (scope-sweep.ts).
   */
  readonly needsSweep?: boolean;
  /** Ids, per path index, whose related records must still be fetched (parents newly in scope, new refs). */
  readonly pendingIds: Readonly<Record<string, readonly string[]>>;
  /**
   * Records that changed on the server (getUpdated) but did not come back in the delta: the pending
   * reconciliation re-reads them even if their stamp did not move (a system update). Kept with the window
   * advance, so a sync killed before the reconciliation does not forget them.
   */
  readonly rereadIds?: readonly string[];
}

export interface SyncHistoryEntry {
  readonly id?: number;
  readonly trigger: 'manual' | 'scheduled' | 'planChange';
  readonly startedAt: number;
  readonly endedAt: number;
  readonly ok: boolean;
  readonly error?: string;
  /** Why it failed, for people (see FailureReason in sync-errors.ts). */
  readonly failure?: FailureReason;
  readonly apiCalls: number;
  readonly counts: Readonly<Record<string, ObjectCounts>>;
  readonly errors: readonly string[];
  /** Local changes dropped by a serverWins conflict, for people. */
  readonly dropped: readonly { object: string; recordId: string; op: ChangeOp }[];
}

export interface ObjectCounts {
  uploaded: number;
  uploadFailed: number;
  conflicts: number;
  downloaded: number;
  removed: number;
  reconciled: boolean;
  /** Plan fields left out of this object's queries because the user cannot read them (field-access.ts). */
  fieldsLeftOut?: readonly string[];
}

export interface SyncStore {
  /** Runs `fn` atomically: all of its writes or none (nested calls join the outer transaction). */
  transaction<T>(fn: () => T): T;

  getRecord(object: string, id: string): SfRecord | undefined;
  listRecords(object: string): SfRecord[];
  listRecordIds(object: string): string[];
  /** How many records of `object` the device holds. */
  countRecords(object: string): number;
  /**
   * The value of one top-level field of each record of `object` that holds a string there, by record Id;
   * without reading whole records (counting children per parent Id, collecting referenced Ids).
   */
  listStringValues(object: string, field: string): string[];
  /** Record Id -> the string value of one top-level field, for records whose field holds a string. */
  stringValuesById(object: string, field: string): Map<string, string>;
  /**
   * The Ids (in Id order) of the records of `object` whose top-level `field` holds the Salesforce Id `id`,
   * 15- or 18-character alike (compared on the first 15): a parent's children, found without reading
   * every record of `object`.
   */
  listRecordIdsReferencing(object: string, field: string, id: string): string[];
  putRecord(object: string, record: SfRecord): void;
  /**
   * The record as its JSON text (`JSON.stringify` of what was put): a downloaded page is compared with
   * what is stored and written without parsing every stored record.
   */
  getRecordJson(object: string, id: string): string | undefined;
  /** Stores `json`, the JSON text of a record whose Id is `id`. */
  putRecordJson(object: string, id: string, json: string): void;
  deleteRecord(object: string, id: string): void;
  /** Objects that hold records. */
  listObjects(): string[];
  purgeObject(object: string): void;

  appendChange(entry: NewOutboxEntry): OutboxEntry;
  /** Oldest first. */
  listChanges(): OutboxEntry[];
  getChange(seq: number): OutboxEntry | undefined;
  replaceChange(entry: OutboxEntry): void;
  removeChange(seq: number): void;

  /** Local Id -> server Id, kept so late references to a local Id still resolve. */
  mapId(localId: string, serverId: string): void;
  resolveId(localId: string): string | undefined;

  getObjectState(object: string): ObjectSyncState | undefined;
  putObjectState(state: ObjectSyncState): void;
  deleteObjectState(object: string): void;

  getPlan(): SyncPlan | undefined;
  putPlan(plan: SyncPlan): void;

  /** Small named values (user Id, parameters, next sync time). */
  getMeta<T>(key: string): T | undefined;
  setMeta(key: string, value: unknown): void;

  appendHistory(entry: SyncHistoryEntry): SyncHistoryEntry;
  /** Newest first. */
  listHistory(limit?: number): SyncHistoryEntry[];
  /** Keeps only the newest `keep` entries (the history of a device that syncs every few minutes grows). */
  pruneHistory(keep: number): void;

  close(): void;
}

export function emptyObjectState(object: string, fingerprint: string): ObjectSyncState {
  return {
    object,
    fingerprint,
    watermark: null,
    deltaCursor: null,
    deletedCoveredUntil: null,
    downloadedAt: null,
    reconciledAt: null,
    needsReconcile: false,
    pendingIds: {},
  };
}
