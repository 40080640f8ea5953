/**
 * Syncs that start by themselves while the app is open, besides the device's own scheduler
 * (device.startSchedule()): when the network comes back and when the app returns to the foreground,
 * each only if a sync is due (nextSyncAt passed) or changes wait; and Periodic Background Sync where the
 * browser offers it (Chromium, installed app only; see docs/field-app.md).
 */

import type { DeviceClient, SyncTrigger } from '../device/device-client.ts';
import type { SyncState } from './sync-state.ts';

export interface SyncTriggerOptions {
  readonly device: DeviceClient;
  readonly state: SyncState;
  readonly now?: () => number;
  readonly target?: Window;
  readonly doc?: Document;
}

/** True when a sync should run now: one is due, or local changes wait to upload. */
export function syncIsDue(nextSyncAt: number | undefined, pendingChanges: number, nowMs: number): boolean {
  return pendingChanges > 0 || (nextSyncAt !== undefined && nextSyncAt <= nowMs);
}

/** Installs the listeners; returns a function that removes them. */
export function watchSyncTriggers(options: SyncTriggerOptions): () => void {
  const { device, state } = options;
  const now = options.now ?? Date.now;
  const target = options.target ?? window;
  const doc = options.doc ?? document;

  const syncIfDue = (trigger: SyncTrigger) => {
    const snapshot = state.snapshot;
    if (snapshot.syncing || snapshot.sessionExpired || !snapshot.online) return;
    if (syncIsDue(snapshot.nextSyncAt, snapshot.pendingChanges, now())) void device.sync(trigger);
  };
  const onOnline = () => {
    state.setOnline(true);
    syncIfDue('reconnect');
  };
  const onOffline = () => state.setOnline(false);
  const onVisibility = () => {
    if (doc.visibilityState === 'visible') syncIfDue('foreground');
  };
  target.addEventListener('online', onOnline);
  target.addEventListener('offline', onOffline);
  doc.addEventListener('visibilitychange', onVisibility);
  return () => {
    target.removeEventListener('online', onOnline);
    target.removeEventListener('offline', onOffline);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}

/** The tag the service worker's `periodicsync` handler answers to. */
export const PERIODIC_SYNC_TAG = 'syncscope-delta-sync';

/**
 * Asks for Periodic Background Sync (Chromium, installed PWA, site engagement permitting). Answers what
 * happened, for Settings to show; other browsers answer 'unsupported' and rely on open-app schedules.
 */
export async function registerPeriodicSync(
  minIntervalMinutes: number,
): Promise<'registered' | 'unsupported' | 'denied'> {
  if (!('serviceWorker' in navigator)) return 'unsupported';
  const registration = await navigator.serviceWorker.getRegistration();
  const periodic = (
    registration as (ServiceWorkerRegistration & { periodicSync?: PeriodicSyncManagerLike }) | undefined
  )?.periodicSync;
  if (!periodic) return 'unsupported';
  try {
    const permission = await navigator.permissions.query({
      name: 'periodic-background-sync' as PermissionName,
    });
    if (permission.state !== 'granted') return 'denied';
    await periodic.register(PERIODIC_SYNC_TAG, { minInterval: minIntervalMinutes * 60_000 });
    return 'registered';
  } catch {
    return 'denied';
  }
}

interface PeriodicSyncManagerLike {
  register(tag: string, options: { minInterval: number }): Promise<void>;
}
