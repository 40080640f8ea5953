/**
 * What the whole app shows about sync, in one place: whether a sync runs and how far it is, the last
 * outcome, the next scheduled sync, pending changes and whether the browser is online. Fed by the
 * device's events; components read it through SyncStateController and re-render on each change.
 */

import type { SyncProgress, SyncSummary } from '../../runtime/index.ts';
import type { DeviceClient, DeviceEvent, SyncFailureKind, SyncTrigger } from '../device/device-client.ts';
import { outcomeText, type SyncOutcome } from './sync-messages.ts';

export interface SyncSnapshot {
  readonly syncing: boolean;
  readonly trigger?: SyncTrigger;
  readonly progress?: SyncProgress;
  /** Device time (ms) the last sync ended, ok or not. */
  readonly lastSyncAt?: number;
  readonly lastSyncOk?: boolean;
  readonly outcome?: SyncOutcome;
  readonly failure?: SyncFailureKind;
  readonly nextSyncAt?: number;
  readonly pendingChanges: number;
  readonly online: boolean;
  /** The refresh token was refused: the user must sign in again (pending changes kept). */
  readonly sessionExpired: boolean;
}

export class SyncState extends EventTarget {
  #snapshot: SyncSnapshot;
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly device: DeviceClient,
    private readonly now: () => number = Date.now,
    online = typeof navigator === 'undefined' ? true : navigator.onLine,
  ) {
    super();
    this.#snapshot = { syncing: false, pendingChanges: 0, online, sessionExpired: false };
  }

  get snapshot(): SyncSnapshot {
    return this.#snapshot;
  }

  /** Reads the device's status and follows its events from now on. */
  async start(): Promise<void> {
    this.#unsubscribe ??= this.device.subscribe((event) => this.#handle(event));
    await this.refresh();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Re-reads pending changes, the last sync and the next due time from the device. */
  async refresh(): Promise<void> {
    const status = await this.device.status();
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
    this.#update({
      syncing: false,
      progress: undefined,
      lastSyncAt: summary.endedAt,
      lastSyncOk: summary.ok && failure === undefined,
      failure,
      outcome: outcomeText(summary, failure, nextSyncAt, this.now()),
      nextSyncAt,
      pendingChanges: summary.pendingChanges,
      ...(failure === 'session' ? { sessionExpired: true } : {}),
    });
  }

  #update(patch: Partial<SyncSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    this.dispatchEvent(new Event('change'));
  }
}
