/**
 * Shared by the record screens' browser tests: the field technician's plan compiled by the real compiler,
 * the embedded org's describes, and real in-page devices (SyncEngine over MemoryStore) synced against the
 * embedded org through the test runner's /api proxy (a real config server, see web-test-runner.config.js).
 */
// axe.min.js registers window.axe (a UMD build; the ESM dev server serves it as a classic side effect).
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import { expect } from '@open-wc/testing';
import { compile } from '../../src/compiler/index.ts';
import type { SyncPlan } from '../../src/compiler/plan.ts';
import { createDevice } from '../../src/app/device/create-device.ts';
import type { DeviceClient } from '../../src/app/device/device-client.ts';
import { createProxyTransport } from '../../src/ui/org-proxy-client.ts';
import { ApiClient } from '../../src/ui/api-client.ts';
import { EXAMPLE_SCOPE, ORG_METADATA } from '../ui/fixtures.ts';

export { ORG_METADATA };

const axe = (globalThis as unknown as { axe: typeof Axe }).axe;

export const api = new ApiClient();

/** The example scope's plan; `workOrderFields` adds fields to WorkOrder (a date and a number for the forms). */
export function examplePlan(workOrderFields: readonly string[] = []): SyncPlan {
  const scope = structuredClone(EXAMPLE_SCOPE);
  const workOrder = scope.objects['WorkOrder'] as { fields: string[] };
  workOrder.fields = [...workOrder.fields, ...workOrderFields];
  const { plan, diagnostics } = compile(scope, { metadata: ORG_METADATA });
  if (!plan) throw new Error(`the example scope did not compile: ${JSON.stringify(diagnostics)}`);
  return plan;
}

/** The demo technician with the most work (the last non-admin user, as the simulator tests take). */
export async function technicianId(): Promise<string> {
  const session = await api.session();
  const user = session.users.filter((u) => u.id !== session.connectedUser.id).at(-1);
  if (!user) throw new Error('the embedded org has no technician');
  return user.id;
}

/** A real in-page device with the example plan, signed in as the technician, after one real sync. */
export async function syncedDevice(plan: SyncPlan = examplePlan()): Promise<DeviceClient> {
  const device = createDevice({ storage: 'memory', transport: createProxyTransport() });
  await device.open();
  await device.installPlan(plan);
  const userId = await technicianId();
  await device.setSession({
    instanceUrl: 'http://127.0.0.1',
    accessToken: 'proxied',
    clientId: 'test',
    userId,
    username: 'technician',
  });
  const summary = await device.sync('menu');
  if (!summary.ok) throw new Error(`the first sync failed: ${summary.error}`);
  return device;
}

/** axe-core on `element` (and its shadow roots): no serious or critical violation. */
export async function expectAccessible(element: Element): Promise<void> {
  const result = await axe.run(element, { resultTypes: ['violations'] });
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, bad.join('\n')).to.deep.equal([]);
}

/** The element in `host`'s shadow root matching `selector`, or a failed test. */
export function inShadow<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`${host.localName} has no ${selector}`);
  return found;
}

export function allInShadow<T extends Element = HTMLElement>(host: Element, selector: string): T[] {
  return [...(host.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}
