/**
 * The sentences a technician reads about sync: progress ("Downloading Work Orders: 120 of 480"), the
 * outcome ("Sync complete. Next scheduled sync at 10:42 (in 30 min)") and failures, which always say
 * what happened, what was kept and when the app tries again, and never read like success.
 * Pure: times are inputs, formatted in the device's local time zone.
 */

import type { SyncProgress, SyncSummary } from '../../runtime/index.ts';
import type { SyncFailureKind } from '../device/device-client.ts';
import { objectLabelPlural } from '../shell/object-labels.ts';

/** "10:42" in local time (24-hour, as field apps show it). */
export function clockTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(ms);
}

/** "in 30 min", "in 1 h 5 min", "now". */
export function relativeMinutes(targetMs: number, nowMs: number): string {
  const minutes = Math.max(0, Math.round((targetMs - nowMs) / 60_000));
  if (minutes === 0) return 'now';
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `in ${hours} h` : `in ${hours} h ${rest} min`;
}

/** "Uploading 3 of 5", "Downloading Work Orders: 120 of 480", "Checking Assets: 40 of 212". */
export function progressText(progress: SyncProgress | undefined): string {
  if (!progress) return 'Starting sync…';
  const count = progress.total !== undefined ? `${progress.done} of ${progress.total}` : `${progress.done}`;
  if (progress.phase === 'upload') {
    return progress.total === undefined && progress.done === 0 ? 'Uploading changes…' : `Uploading ${count}`;
  }
  const verb = progress.phase === 'download' ? 'Downloading' : 'Checking';
  const what = progress.object ? objectLabelPlural(progress.object) : 'records';
  return `${verb} ${what}: ${count}`;
}

/** 0..1 for a determinate bar, undefined while the total is unknown. */
export function progressFraction(progress: SyncProgress | undefined): number | undefined {
  if (!progress || progress.total === undefined || progress.total === 0) return undefined;
  return Math.min(1, progress.done / progress.total);
}

/** "Next scheduled sync at 10:42 (in 30 min)". */
export function nextSyncText(nextSyncAt: number | undefined, nowMs: number, timeZone?: string): string {
  if (nextSyncAt === undefined) return 'No sync is scheduled.';
  return `Next scheduled sync at ${clockTime(nextSyncAt, timeZone)} (${relativeMinutes(nextSyncAt, nowMs)}).`;
}

const FAILURE_HEADLINES: Readonly<Record<SyncFailureKind, string>> = {
  offline: 'Sync failed: no connection to Salesforce.',
  session: 'Sync stopped: your session has expired. Sign in again to continue syncing.',
  apiLimit: "Sync stopped: the org's API request limit is used up for now.",
  server: 'Sync failed: Salesforce answered with a server error.',
  busy: 'Sync is already running.',
  other: 'Sync failed.',
};

export interface SyncOutcome {
  readonly ok: boolean;
  /** The whole message, as the banner shows it and the live region announces it. */
  readonly text: string;
}

/**
 * What the banner says when a sync ends. `pending` is the outbox size after the sync (changes kept on
 * the device); `nextSyncAt` the scheduler's next run (the retry, after a failure).
 */
export function outcomeText(
  summary: Pick<SyncSummary, 'ok' | 'error' | 'errors' | 'conflicts' | 'pendingChanges' | 'dropped'>,
  failure: SyncFailureKind | undefined,
  nextSyncAt: number | undefined,
  nowMs: number,
  timeZone?: string,
): SyncOutcome {
  const next = nextSyncText(nextSyncAt, nowMs, timeZone);
  const kept = keptText(summary.pendingChanges);
  if (summary.ok && failure === undefined) {
    const parts = ['Sync complete.'];
    if (summary.conflicts > 0)
      parts.push(`${plural(summary.conflicts, 'conflict')} to resolve in Settings > Synchronise.`);
    const failedUploads = summary.errors.length;
    if (failedUploads > 0)
      parts.push(`${plural(failedUploads, 'change')} could not be uploaded: see Pending Changes.`);
    if (summary.dropped.length > 0)
      parts.push(`${plural(summary.dropped.length, 'local change')} replaced by the server's version.`);
    parts.push(next);
    return { ok: true, text: parts.join(' ') };
  }
  const kind = failure ?? 'other';
  const detail = kind === 'other' || kind === 'server' ? (summary.error ? ` (${summary.error})` : '') : '';
  const dueNow = nextSyncAt !== undefined && nextSyncAt <= nowMs + 30_000;
  const retry =
    kind === 'session'
      ? 'Syncing resumes after you sign in.'
      : kind === 'offline'
        ? `It tries again when the connection is back. ${next}`
        : dueNow
          ? 'It tries again with the next scheduled sync, which is due now.'
          : `It tries again at the next scheduled sync. ${next}`;
  return {
    ok: false,
    text: `${FAILURE_HEADLINES[kind]}${detail ? ` ${detail.trim()}` : ''} ${kept} Records already on this device stay available. ${retry}`,
  };
}

function keptText(pending: number): string {
  if (pending === 0) return 'No local changes were waiting.';
  return `${plural(pending, 'local change')} ${pending === 1 ? 'is' : 'are'} kept on this device.`;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
