import { describe, expect, it } from 'vitest';
import {
  clockTime,
  nextSyncText,
  outcomeText,
  progressFraction,
  progressText,
  relativeMinutes,
} from '../../src/app/sync/sync-messages.ts';

const NOW = Date.parse('2025-03-03T09:12:00Z');
const TZ = 'Europe/Paris'; // UTC+1 in March
const ok = { ok: true, errors: [], conflicts: 0, pendingChanges: 0, dropped: [] } as const;

describe('sync messages', () => {
  it('says what a sync is doing, with true totals', () => {
    expect(progressText({ phase: 'upload', done: 3, total: 5 })).toBe('Uploading 3 of 5');
    expect(progressText({ phase: 'upload', done: 0 })).toBe('Uploading changes…');
    expect(progressText({ phase: 'download', object: 'WorkOrder', done: 120, total: 480 })).toBe(
      'Downloading Work Orders: 120 of 480',
    );
    expect(progressText({ phase: 'download', object: 'WorkOrderLineItem', done: 7 })).toBe(
      'Downloading Work Order Line Items: 7',
    );
    expect(progressText({ phase: 'reconcile', object: 'Product2', done: 4, total: 40 })).toBe(
      'Checking Products: 4 of 40',
    );
    expect(progressText(undefined)).toBe('Starting sync…');
    expect(progressFraction({ phase: 'download', object: 'Asset', done: 120, total: 480 })).toBe(0.25);
    expect(progressFraction({ phase: 'download', object: 'Asset', done: 3 })).toBeUndefined();
  });

  it('tells the next scheduled sync in local time', () => {
    expect(clockTime(NOW + 30 * 60_000, TZ)).toBe('10:42');
    expect(relativeMinutes(NOW + 30 * 60_000, NOW)).toBe('in 30 min');
    expect(relativeMinutes(NOW + 125 * 60_000, NOW)).toBe('in 2 h 5 min');
    expect(relativeMinutes(NOW - 5_000, NOW)).toBe('now');
    expect(nextSyncText(NOW + 30 * 60_000, NOW, TZ)).toBe('Next scheduled sync at 10:42 (in 30 min).');
    expect(outcomeText(ok, undefined, NOW + 30 * 60_000, NOW, TZ)).toEqual({
      ok: true,
      text: 'Sync complete. Next scheduled sync at 10:42 (in 30 min).',
    });
  });

  it('says what a complete sync left to do', () => {
    expect(
      outcomeText(
        { ...ok, conflicts: 1, errors: ['WorkOrder 0WO1: FIELD_CUSTOM_VALIDATION_EXCEPTION'], dropped: [] },
        undefined,
        NOW + 30 * 60_000,
        NOW,
        TZ,
      ).text,
    ).toBe(
      'Sync complete. 1 conflict to resolve in Settings > Synchronise. 1 change could not be uploaded: see Pending Changes. Next scheduled sync at 10:42 (in 30 min).',
    );
  });

  it('never makes a failure look like success: what happened, what was kept, when it retries', () => {
    const failed = { ...ok, ok: false, pendingChanges: 2 };
    expect(outcomeText(failed, 'offline', NOW + 30 * 60_000, NOW, TZ)).toEqual({
      ok: false,
      text: 'Sync failed: no connection to Salesforce. 2 local changes are kept on this device. Records already on this device stay available. It tries again when the connection is back. Next scheduled sync at 10:42 (in 30 min).',
    });
    expect(outcomeText({ ...failed, pendingChanges: 1 }, 'session', undefined, NOW, TZ).text).toBe(
      'Sync stopped: your session has expired. Sign in again to continue syncing. 1 local change is kept on this device. Records already on this device stay available. Syncing resumes after you sign in.',
    );
    expect(outcomeText({ ...failed, pendingChanges: 0 }, 'apiLimit', NOW + 60 * 60_000, NOW, TZ).text).toBe(
      "Sync stopped: the org's API request limit is used up for now. No local changes were waiting. Records already on this device stay available. It tries again at the next scheduled sync. Next scheduled sync at 11:12 (in 1 h).",
    );
    expect(
      outcomeText({ ...failed, error: 'HTTP 503: Service Unavailable' }, 'server', NOW + 30 * 60_000, NOW, TZ)
        .text,
    ).toBe(
      'Sync failed: Salesforce answered with a server error. (HTTP 503: Service Unavailable) 2 local changes are kept on this device. Records already on this device stay available. It tries again at the next scheduled sync. Next scheduled sync at 10:42 (in 30 min).',
    );
    expect(outcomeText({ ...failed, pendingChanges: 0 }, 'server', NOW, NOW, TZ).text).toBe(
      'Sync failed: Salesforce answered with a server error. No local changes were waiting. Records already on this device stay available. It tries again with the next scheduled sync, which is due now.',
    );
    // An engine summary that is not ok without a classified failure still reads as a failure.
    expect(outcomeText({ ...failed, error: 'boom' }, undefined, undefined, NOW, TZ).ok).toBe(false);
  });
});
