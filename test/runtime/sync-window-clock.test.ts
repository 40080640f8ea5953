/**
 * The getUpdated/getDeleted window of a delta must reach the org's present whatever the device clock says:
 * a device clock behind the org's (a wrong time zone, a skewed phone) once ended the window at the device's
 * "now", so a record that left the scope or was deleted after that moment stayed on the device after a
 * completed sync (soak seed 1: device 0 with a skew of -1313 s kept a Product2 made inactive).
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SfRecord } from '../../src/runtime/records.ts';
import type { SyncEngine } from '../../src/runtime/sync-engine.ts';
import { compilePlan, startHarness, type Harness } from './helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from './helpers/scopes.ts';

const plan = compilePlan(energyScope);
const HOUR_MS = 3_600_000;

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
});
afterEach(async () => {
  await h.close();
});

const names = (records: readonly SfRecord[]) => records.map((r) => r.Name).sort();

/** Three products on a device whose clock is `skew()` off the org's, synced twice. */
async function deviceWithProducts(skew: () => number) {
  // The org has run for longer than the skew: the deletion log reaches back before the window starts.
  await h.advance(30 * 3600);
  const meter = await h.create('Product2', { Name: 'Meter', IsActive: true });
  const cable = await h.create('Product2', { Name: 'Cable', IsActive: true });
  await h.create('Product2', { Name: 'Fuse', IsActive: true });
  await h.advance(60);
  const engine = h.device(plan, { clock: { now: () => h.now() + skew() } });
  expect((await engine.syncNow()).error).toBeUndefined();
  await h.advance(90);
  expect((await engine.syncNow()).error).toBeUndefined();
  expect(names(engine.records('Product2'))).toEqual(['Cable', 'Fuse', 'Meter']);
  return { engine, meter, cable };
}

/** One product leaves the scope by an ordinary update, one is deleted; the next sync must drop both. */
async function leaveAndSync(engine: SyncEngine, meter: string, cable: string) {
  await h.update('Product2', meter, { IsActive: false });
  await h.remove('Product2', cable);
  await h.advance(20);
  const summary = await engine.syncNow();
  expect(summary.error).toBeUndefined();
  expect(names(engine.records('Product2'))).toEqual(['Fuse']);
  await h.expectDeviceMatchesServer(engine);
  return summary;
}

describe('change window with a device clock off the org clock', () => {
  for (const skewMs of [-HOUR_MS, -26 * HOUR_MS, HOUR_MS])
    it(`a product made inactive or deleted leaves the device (device clock ${skewMs / HOUR_MS} h)`, async () => {
      const { engine, meter, cable } = await deviceWithProducts(() => skewMs);
      await h.advance(300);
      const summary = await leaveAndSync(engine, meter, cable);
      // The window reached the org's present: the deactivation was seen in it (a reconciliation followed
      // because it did not come back), the deletion came from getDeleted.
      expect(summary.counts.Product2).toMatchObject({ removed: 2, reconciled: true });
    });

  it('a window that cannot reach the org present reconciles (device clock set back days)', async () => {
    let skewMs = 0;
    const { engine, meter, cable } = await deviceWithProducts(() => skewMs);
    // Two days without a Product2 change, then the device clock is set 50 h back: the watermark, the
    // window start and the device clock all lie more than a day behind the org, so the end asked is still
    // before the org's present (the answer is not capped) and the sync reconciles; the device clock being
    // behind its last reconciliation, the daily one is not due.
    await h.advance(48 * 3600);
    skewMs = -50 * HOUR_MS;
    const summary = await leaveAndSync(engine, meter, cable);
    expect(summary.counts.Product2).toMatchObject({ removed: 2, reconciled: true });
  });

  it('with the device clock on time, a sync where nothing left needs no reconciliation', async () => {
    const { engine } = await deviceWithProducts(() => 0);
    await h.advance(300);
    const summary = await engine.syncNow();
    expect(summary.error).toBeUndefined();
    expect(summary.counts.Product2?.reconciled ?? false).toBe(false);
    await h.expectDeviceMatchesServer(engine);
  });
});
