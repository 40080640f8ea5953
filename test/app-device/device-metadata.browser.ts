/**
 * The worker device in real Chromium keeps the plan objects' describes in its OPFS database: fetched from
 * the embedded org (directly, over CORS) when the plan is installed, and still there for a new worker on
 * the same database (a reload) with the org unreachable. The first sync at sign-in is labelled 'signIn'.
 */

import { expect } from '@open-wc/testing';
import type { SyncPlan } from '../../src/compiler/plan.ts';
import { createDevice } from '../../src/app/device/create-device.ts';
import type { DeviceClient, DeviceSession } from '../../src/app/device/device-client.ts';

interface DeviceOrg {
  id: string;
  instanceUrl: string;
  accessToken: string;
  userId: string;
  plan: SyncPlan;
}

async function startOrg(records: number): Promise<DeviceOrg> {
  const response = await fetch('/__device-org/start', { method: 'POST', body: JSON.stringify({ records }) });
  const answer = (await response.json()) as DeviceOrg & { error?: string };
  if (!response.ok) throw new Error(answer.error);
  return answer;
}

function session(org: DeviceOrg, instanceUrl = org.instanceUrl): DeviceSession {
  return {
    instanceUrl,
    accessToken: org.accessToken,
    clientId: 'syncscope-field-app',
    userId: org.userId,
    username: 'technician',
  };
}

const opened: DeviceClient[] = [];
afterEach(async () => {
  for (const client of opened.splice(0)) await client.close().catch(() => undefined);
});
const device = (directory: string) => {
  const client = createDevice({ databaseName: 'device', directory });
  opened.push(client);
  return client;
};

describe('describes on the worker device (OPFS)', () => {
  it('fetches the describes with the plan and keeps them for the next worker', async () => {
    const org = await startOrg(200);
    const directory = `.device-metadata-${Date.now()}`;
    const first = device(directory);
    await first.open();
    expect(await first.metadata()).to.deep.equal({});
    await first.setSession(session(org));
    await first.installPlan(org.plan);
    expect((await first.sync('signIn')).ok).to.equal(true);
    const metadata = await first.metadata();
    expect(Object.keys(metadata)).to.deep.equal(org.plan.objects.map((o) => o.name));
    await first.close();

    const second = device(directory);
    await second.open();
    // The org unreachable after the reload: the describes come from the database.
    await second.setSession(session(org, 'http://127.0.0.1:9'));
    const kept = await second.metadata();
    expect(kept).to.deep.equal(metadata);
    expect([kept['WorkOrder']?.label, kept['WorkOrder']?.labelPlural]).to.deep.equal([
      'Work Order',
      'Work Orders',
    ]);
    const status = kept['WorkOrder']?.fields.find((f) => f.name === 'Status');
    expect([status?.label, status?.type, status?.picklistValues?.map((p) => p.value)]).to.deep.equal([
      'Status',
      'picklist',
      ['New', 'In Progress', 'On Hold', 'Completed', 'Closed', 'Cannot Complete', 'Canceled'],
    ]);
    expect((await second.history()).map((h) => [h.trigger, h.triggeredBy])).to.deep.equal([
      ['manual', 'signIn'],
    ]);
  });
});
