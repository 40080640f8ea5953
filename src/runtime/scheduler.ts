/**
 * When to sync, and the loop that does it. Retry and backoff live here and nowhere else.
 *
 *   stopped --start()--> waiting --timer at nextSyncAt--> syncing --done--> waiting (timer re-armed)
 *      ^                    |        syncNow() ---------^    |
 *      +------stop()--------+-------------------------------+  (a running sync finishes; no new timer)
 *
 * After a success the next sync is due when the first object's own interval runs out (never later than
 * the plan's interval, so local changes go up on schedule). After a failure that may pass (network, 5xx,
 * REQUEST_LIMIT_EXCEEDED, expired session) it backs off exponentially: 30 s, 1, 2, 4 ... up to 30 min.
 */

import type { SyncPlan } from '../compiler/plan.ts';
import type { Clock, Timer, TimerHandle } from './effects.ts';
import type { SyncStore } from './store/sync-store.ts';

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 30 * 60_000;

export function backoffDelay(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(BACKOFF_BASE_MS * 2 ** (consecutiveFailures - 1), BACKOFF_MAX_MS);
}

/** When the next scheduled sync is due, from the stored per-object download times. */
export function computeNextSyncAt(
  plan: SyncPlan,
  store: SyncStore,
  now: number,
  consecutiveFailures: number,
): number {
  if (consecutiveFailures > 0) return now + backoffDelay(consecutiveFailures);
  let next = now + plan.syncEveryMinutes * 60_000;
  for (const object of plan.objects) {
    const downloadedAt = store.getObjectState(object.name)?.downloadedAt;
    const due = downloadedAt == null ? now : downloadedAt + object.syncEveryMinutes * 60_000;
    next = Math.min(next, due);
  }
  return Math.max(next, now + 1000);
}

export class SyncScheduler {
  #handle: TimerHandle | undefined;
  #running = false;

  constructor(
    private readonly timer: Timer,
    private readonly clock: Clock,
    private readonly nextSyncAt: () => number | undefined,
    private readonly runScheduledSync: () => Promise<unknown>,
  ) {}

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.rearm();
  }

  stop(): void {
    this.#running = false;
    if (this.#handle !== undefined) this.timer.clearTimeout(this.#handle);
    this.#handle = undefined;
  }

  /** Arms the timer for `at` (default: the current nextSyncAt; called after every sync). */
  rearm(at: number = this.nextSyncAt() ?? this.clock.now()): void {
    if (!this.#running) return;
    if (this.#handle !== undefined) this.timer.clearTimeout(this.#handle);
    this.#handle = this.timer.setTimeout(
      () => {
        this.#handle = undefined;
        // The sync re-arms the timer when it ends (as every sync does); this covers a sync that threw.
        void this.runScheduledSync().finally(() => {
          if (this.#handle === undefined) this.rearm();
        });
      },
      Math.max(0, at - this.clock.now()),
    );
  }
}
