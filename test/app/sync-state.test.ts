/**
 * The app's sync state over a real device (DeviceHost over MemoryStore, FetchTransport to the embedded
 * org) on a controlled clock: the outcome's relative time ("in 30 min") is worked out from the stored
 * times, moves on while the page is open (the state's tick), and after a reload (a new SyncState over
 * the same device) it is rebuilt from the device's history, never shown as remembered text.
 */

import { afterEach, beforeEach, expect, it } from 'vitest';
import { createMemoryDevice } from '../../src/app/device/create-device.ts';
import type { DeviceSession } from '../../src/app/device/device-client.ts';
import { clockTime } from '../../src/app/sync/sync-messages.ts';
import { SyncState, TICK_MS, type Ticker } from '../../src/app/sync/sync-state.ts';
import { compilePlan, startHarness, type Harness } from '../runtime/helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from '../runtime/helpers/scopes.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
});
afterEach(async () => {
  await h.close();
});

function session(): DeviceSession {
  return {
    instanceUrl: h.org.url,
    accessToken: h.org.token,
    refreshToken: h.org.refreshToken,
    clientId: 'syncscope-field-app',
    userId: h.userId,
    username: 'admin@example.com',
  };
}

/** A tick the test gives by hand; says how often the state asked for one. */
function handTicker(): { ticker: Ticker; tick: () => void; everyMs: () => number | undefined } {
  let tick: (() => void) | undefined;
  let everyMs: number | undefined;
  return {
    ticker: (fn, every) => {
      tick = fn;
      everyMs = every;
      return () => (tick = undefined);
    },
    tick: () => tick?.(),
    everyMs: () => everyMs,
  };
}

/** Resolves once the state has taken in everything the device said (its events re-read the status). */
async function settled(state: SyncState): Promise<void> {
  await state.refresh();
}

it('moves "in 30 min" on while the page is open, and after a reload works it out again from the stored times', async () => {
  await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
  await h.advance(120);
  let now = h.now();
  const device = createMemoryDevice({ clock: { now: () => h.now() } });
  await device.installPlan(compilePlan(energyScope));
  await device.setSession(session());
  const clock = handTicker();
  const state = new SyncState(device, () => now, true, clock.ticker);
  await state.start();
  expect(clock.everyMs()).toBe(TICK_MS);
  expect(TICK_MS).toBeLessThan(60_000);
  expect(state.snapshot.outcome).toBeUndefined();

  const summary = await device.sync('menu');
  expect(summary.ok).toBe(true);
  await settled(state);
  const next = summary.nextSyncAt!;
  expect(next).toBe(h.now() + 30 * 60_000);
  const at = clockTime(next);
  expect(state.snapshot.outcome).toEqual({
    ok: true,
    text: `Sync complete. Next scheduled sync at ${at} (in 30 min).`,
  });
  expect(state.snapshot.outcomeRestored).toBe(false);

  // Twelve minutes later, the page still open: the next tick says 18.
  now += 12 * 60_000;
  clock.tick();
  expect(state.snapshot.outcome?.text).toBe(`Sync complete. Next scheduled sync at ${at} (in 18 min).`);
  expect(state.snapshot.now).toBe(now);

  // A reload: a new state over the same device, read from what the device stored.
  state.stop();
  now += 60_000;
  const reloaded = new SyncState(device, () => now, true, handTicker().ticker);
  await reloaded.start();
  expect(reloaded.snapshot.outcome).toEqual({
    ok: true,
    text: `Sync complete. Next scheduled sync at ${at} (in 17 min).`,
  });
  expect(reloaded.snapshot.outcomeRestored).toBe(true);
  expect(reloaded.snapshot.lastSyncAt).toBe(summary.endedAt);
  reloaded.stop();
});

it('after a reload, a failed sync still says what happened, and the same words as when it ended', async () => {
  let offline = false;
  const device = createMemoryDevice({
    clock: { now: () => h.now() },
    fetch: (input, init) =>
      offline ? Promise.reject(new TypeError('Failed to fetch')) : globalThis.fetch(input, init),
  });
  await device.installPlan(compilePlan(energyScope));
  await device.setSession(session());
  const now = h.now() + 5_000;
  const state = new SyncState(device, () => now, true, handTicker().ticker);
  await state.start();
  offline = true;
  const summary = await device.sync('menu');
  expect(summary.ok).toBe(false);
  await settled(state);
  const live = state.snapshot.outcome;
  expect(live?.ok).toBe(false);
  // The retry is 30 s after the failure: 25 s from the page's now, "now" to the minute.
  expect(summary.nextSyncAt).toBe(h.now() + 30_000);
  expect(live?.text).toBe(
    `Sync failed: no connection to Salesforce. No local changes were waiting. Records already on this device stay available. It tries again when the connection is back. Next scheduled sync at ${clockTime(summary.nextSyncAt!)} (now).`,
  );
  state.stop();

  const reloaded = new SyncState(device, () => now, true, handTicker().ticker);
  await reloaded.start();
  expect(reloaded.snapshot.outcome).toEqual(live);
  expect(reloaded.snapshot.outcomeRestored).toBe(true);
  reloaded.stop();
});
