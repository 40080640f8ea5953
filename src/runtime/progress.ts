/** What a sync reports while it runs (for a progress bar) and when it ends. */

import type { PlanChange } from './plan-change.ts';
import type { ChangeOp, ObjectCounts } from './store/sync-store.ts';
import type { FailureReason } from './sync-errors.ts';

export type SyncPhase = 'upload' | 'download' | 'reconcile';

export interface SyncProgress {
  readonly phase: SyncPhase;
  /** The object being worked on; absent for the upload as a whole. */
  readonly object?: string;
  /**
   * Records received so far in this phase for this object, over every query of the phase (a delta, then
   * children by parent Id; an Id query, then records by Id); changes, for the upload. Never goes back.
   */
  readonly done: number;
  /**
   * Records the phase's queries asked so far return (their totalSize), or the outbox size for the upload;
   * always >= done, and it grows when the phase asks another query. Undefined when not known yet.
   */
  readonly total?: number;
}

export interface SyncSummary {
  readonly ok: boolean;
  readonly trigger: 'manual' | 'scheduled' | 'planChange';
  readonly startedAt: number;
  readonly endedAt: number;
  readonly apiCalls: number;
  readonly counts: Readonly<Record<string, ObjectCounts>>;
  /** Per-record upload errors and the sync's own error, as sentences. */
  readonly errors: readonly string[];
  /** Local changes dropped by a serverWins conflict. */
  readonly dropped: readonly { object: string; recordId: string; op: ChangeOp }[];
  /** Changes still waiting in the outbox after the sync (failed, conflicts, blocked). */
  readonly pendingChanges: number;
  readonly conflicts: number;
  readonly error?: string;
  /** Why the sync failed, for people (offline, session, apiLimit, server, permanent); absent on success. */
  readonly failure?: FailureReason;
  /** When the scheduler will sync next (ms), when running. */
  readonly nextSyncAt?: number;
  /** A newer published plan this sync installed before uploading (engine option `publishedPlan`). */
  readonly planInstalled?: PlanInstalled;
  /**
   * Set when the sync did not run at all because another sync of the same store (another process or
   * tab) held the sync lock: who holds it, for people (see sync-lock.ts).
   */
  readonly blockedBy?: string;
}

/** A published plan version installed on the device, and what changed (see plan-change.ts). */
export interface PlanInstalled extends PlanChange {
  /** ContentVersion Id. */
  readonly versionId: string;
  readonly versionNumber: number;
  /** Following the user's assignment: why this version (`"Dispatcher" v2 via profile:Dispatcher`). */
  readonly reason?: string;
}

export function emptyCounts(): ObjectCounts {
  return { uploaded: 0, uploadFailed: 0, conflicts: 0, downloaded: 0, removed: 0, reconciled: false };
}
