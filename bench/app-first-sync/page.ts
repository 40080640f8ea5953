/** The page bench/app-first-sync.ts drives: the field app's worker device, one first sync, timed. */

import type { SyncPlan } from '../../src/compiler/plan.ts';
import { createDevice } from '../../src/app/device/create-device.ts';
import type { DeviceSession } from '../../src/app/device/device-client.ts';

export interface AppFirstSyncResult {
  readonly ms: number;
  readonly ok: boolean;
  readonly error?: string;
  readonly storage: string;
  readonly records: number;
}

async function firstSync(session: DeviceSession, plan: SyncPlan): Promise<AppFirstSyncResult> {
  const device = createDevice({ databaseName: 'bench', directory: `.bench-${Date.now()}` });
  const { storage } = await device.open();
  await device.setSession(session);
  await device.installPlan(plan);
  const started = performance.now();
  const summary = await device.sync('menu');
  const ms = performance.now() - started;
  const status = await device.status();
  await device.wipe();
  await device.close();
  return {
    ms,
    ok: summary.ok,
    ...(summary.error ? { error: summary.error } : {}),
    storage,
    records: status.objects.reduce((sum, o) => sum + o.records, 0),
  };
}

(globalThis as { firstSync?: typeof firstSync }).firstSync = firstSync;
