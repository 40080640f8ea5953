/**
 * What the whole app shows about sync, in one place: whether a sync runs and how far it is, the last
 * outcome, the next scheduled sync, pending changes and whether the browser is online. Fed by the
 * device's events; components read it through SyncStateController and re-render on each change.
 *
 * The outcome's words ("Sync complete. Next scheduled sync at 10:42 (in 30 min).") are never kept as
 * text: they are worked out from the stored times (the sync's end, the next due time) at `now`, again on
 * every change and on a tick while the page is open, and after a reload from the device's last history
 * entry, so "in 30 min" never goes stale.
 */

import type { DeviceStatus, FailureReason, SyncProgress, SyncSummary } from '../../runtime/index.ts';
import type { DeviceClient, DeviceEvent, SyncFailureKind, SyncTrigger } from '../device/device-client.ts';
import { outcomeText, type SyncOutcome } from './sync-messages.ts';

export interface SyncSnapshot {
  readonly syncing: boolean;
  readonly trigger?: SyncTrigger;
  readonly progress?: SyncProgress;
  /** Device time (ms) the last sync ended, ok or not. */
  readonly lastSyncAt?: number;
  readonly lastSyncOk?: boolean;
  /** How the last sync ended, in words computed at `now`. */
  readonly outcome?: SyncOutcome;
  /** True when the outcome is the stored last sync's (read after a reload), not one that ended here. */
  readonly outcomeRestored?: boolean;
  readonly failure?: SyncFailureKind;
  readonly nextSyncAt?: number;
  readonly pendingChanges: number;
  readonly online: boolean;
  /** The refresh token was refused: the user must sign in again (pending changes kept). */
  readonly sessionExpired: boolean;
  /** Device time (ms) the snapshot's relative times ("in 30 min") are computed for. */
  readonly now: number;
}

/** What an outcome's words are made of: the sync's result, not its text. */
interface OutcomeFacts {
  readonly summary: Pick<SyncSummary, 'ok' | 'error' | 'errors' | 'conflicts' | 'pendingChanges' | 'dropped'>;
  readonly failure: SyncFailureKind | undefined;
  readonly restored: boolean;
}

/** Starts a repeating tick; returns the function that stops it. */
export type Ticker = (tick: () => void, everyMs: number) => () => void;

const intervalTicker: Ticker = (tick, everyMs) => {
  const handle = setInterval(tick, everyMs);
  return () => clearInterval(handle);
};

/** How often relative times are worked out again while the page is open (well under a minute). */
export const TICK_MS = 15_000;

export class SyncState extends EventTarget {
  #snapshot: SyncSnapshot;
  #unsubscribe: (() => void) | undefined;
  #stopTicking: (() => void) | undefined;
  #outcome: OutcomeFacts | undefined;

  constructor(
    private readonly device: DeviceClient,
    private readonly now: () => number = Date.now,
    online = typeof navigator === 'undefined' ? true : navigator.onLine,
    private readonly ticker: Ticker = intervalTicker,
  ) {
    super();
    this.#snapshot = { syncing: false, pendingChanges: 0, online, sessionExpired: false, now: now() };
  }

  get snapshot(): SyncSnapshot {
    return this.#snapshot;
  }

  /** Reads the device's status and follows its events from now on. */
  async start(): Promise<void> {
    this.#unsubscribe ??= this.device.subscribe((event) => this.#handle(event));
    this.#stopTicking ??= this.ticker(() => this.#update({}), TICK_MS);
    await this.refresh();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#stopTicking?.();
    this.#stopTicking = undefined;
  }

  /** Re-reads pending changes, the last sync and the next due time from the device. */
  async refresh(): Promise<void> {
    const status = await this.device.status();
    // After a reload: the last sync's outcome from the device's history (what ended here wins).
    if (!this.#outcome && status.lastSync) this.#outcome = restoredOutcome(status);
    this.#update({
      syncing: status.syncing || this.#snapshot.syncing,
      ...(status.progress ? { progress: status.progress } : {}),
      pendingChanges: status.pendingChanges,
      nextSyncAt: status.nextSyncAt,
      ...(status.lastSync
        ? {
            lastSyncAt: this.#snapshot.lastSyncAt ?? status.lastSync.endedAt,
            lastSyncOk: this.#snapshot.lastSyncOk ?? status.lastSync.ok,
          }
        : {}),
    });
  }

  setOnline(online: boolean): void {
    if (online !== this.#snapshot.online) this.#update({ online });
  }

  /** After signing in again. */
  clearSessionExpired(): void {
    this.#update({ sessionExpired: false });
  }

  #handle(event: DeviceEvent): void {
    switch (event.type) {
      case 'syncStarted':
        this.#update({ syncing: true, trigger: event.trigger, progress: undefined });
        break;
      case 'progress':
        this.#update({ syncing: true, progress: event.progress });
        break;
      case 'syncEnded':
        this.#ended(event.summary, event.failure);
        void this.refresh();
        break;
      case 'changed':
        void this.refresh();
        break;
      case 'sessionExpired':
        this.#update({ sessionExpired: true });
        break;
      case 'session':
        break;
    }
  }

  #ended(summary: SyncSummary, failure: SyncFailureKind | undefined): void {
    const nextSyncAt = summary.nextSyncAt ?? this.#snapshot.nextSyncAt;
    this.#outcome = { summary, failure, restored: false };
    this.#update({
      syncing: false,
      progress: undefined,
      lastSyncAt: summary.endedAt,
      lastSyncOk: summary.ok && failure === undefined,
      failure,
      nextSyncAt,
      pendingChanges: summary.pendingChanges,
      ...(failure === 'session' ? { sessionExpired: true } : {}),
    });
  }

  /** Applies `patch` at the current time: the outcome's words are worked out again from their facts. */
  #update(patch: Partial<SyncSnapshot>): void {
    const next = { ...this.#snapshot, ...patch, now: this.now() };
    const facts = this.#outcome;
    this.#snapshot = facts
      ? {
          ...next,
          outcome: outcomeText(facts.summary, facts.failure, next.nextSyncAt, next.now),
          outcomeRestored: facts.restored,
        }
      : next;
    this.dispatchEvent(new Event('change'));
  }
}

/** The failure kinds the screens name, from the reason the engine stored with a failed sync. */
const FAILURE_OF_REASON: Readonly<Record<FailureReason, SyncFailureKind>> = {
  offline: 'offline',
  session: 'session',
  apiLimit: 'apiLimit',
  server: 'server',
  permanent: 'other',
};

/** The last sync's outcome as the device's history keeps it, with the outbox as it is now. */
function restoredOutcome(status: DeviceStatus): OutcomeFacts | undefined {
  const last = status.lastSync;
  if (!last) return undefined;
  return {
    summary: {
      ok: last.ok,
      ...(last.error !== undefined ? { error: last.error } : {}),
      errors: last.errors,
      dropped: last.dropped,
      conflicts: status.conflicts,
      pendingChanges: status.pendingChanges + status.failedChanges,
    },
    failure: last.ok ? undefined : FAILURE_OF_REASON[last.failure ?? 'permanent'],
    restored: true,
  };
}
