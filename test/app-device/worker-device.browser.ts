/**
 * The worker device in real Chromium: SyncEngine in a dedicated worker over SQLite on OPFS, syncing with
 * an embedded org reached directly over CORS (test/app-device/support/device-org.ts). A new worker on the
 * same database is what a reload (or a reopened browser) gets.
 */

import { expect } from '@open-wc/testing';
import type { SyncPlan } from '../../src/compiler/plan.ts';
import { createDevice } from '../../src/app/device/create-device.ts';
import type { DeviceClient, DeviceEvent, DeviceSession } from '../../src/app/device/device-client.ts';
import type { WorkerDeviceClient } from '../../src/app/device/worker/worker-device-client.ts';

interface DeviceOrg {
  id: string;
  instanceUrl: string;
  accessToken: string;
  userId: string;
  plan: SyncPlan;
  scopeCounts: Record<string, number>;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, { method: 'POST', body: JSON.stringify(body) });
  const answer = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(answer.error);
  return answer;
}

const startOrg = (records: number) => post<DeviceOrg>('/__device-org/start', { records });
const control = (org: DeviceOrg, path: string, body: unknown) =>
  post<unknown>(`/__device-org/${org.id}/control/${path}`, body);
const query = (org: DeviceOrg, soql: string) =>
  post<{ totalSize: number; records: Record<string, unknown>[] }>(`/__device-org/${org.id}/query`, { soql });

function session(org: DeviceOrg): DeviceSession {
  return {
    instanceUrl: org.instanceUrl,
    accessToken: org.accessToken,
    clientId: 'syncscope-field-app',
    userId: org.userId,
    username: 'technician',
  };
}

/** A device on its own OPFS directory (each test its own database). */
function device(directory: string): DeviceClient {
  return createDevice({ databaseName: 'device', directory });
}

async function counts(client: DeviceClient, plan: SyncPlan): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const object of plan.objects) result[object.name] = (await client.records(object.name)).length;
  return result;
}

const opened: DeviceClient[] = [];
afterEach(async () => {
  for (const client of opened.splice(0)) await client.close().catch(() => undefined);
});
const track = (client: DeviceClient) => (opened.push(client), client);

describe('the worker device (SyncEngine in a worker over OPFS SQLite)', () => {
  it('syncs with the org and still has every record after a reload (a new worker)', async () => {
    const org = await startOrg(400);
    const directory = `.device-reload-${Date.now()}`;
    const first = track(device(directory));
    expect(await first.open()).to.deep.equal({ durable: true, storage: 'opfs' });
    await first.setSession(session(org));
    await first.installPlan(org.plan);
    const events: DeviceEvent['type'][] = [];
    first.subscribe((event) => events.push(event.type));
    const summary = await first.sync('menu');
    expect(summary.error).to.equal(undefined);
    expect(summary.ok).to.equal(true);
    expect(await counts(first, org.plan)).to.deep.equal(org.scopeCounts);
    expect(events[0]).to.equal('syncStarted');
    expect(events).to.include('progress');
    expect(events.at(-1)).to.equal('syncEnded');
    await first.close();

    const second = track(device(directory));
    expect(await second.open()).to.deep.equal({ durable: true, storage: 'opfs' });
    expect(await counts(second, org.plan)).to.deep.equal(org.scopeCounts);
    expect((await second.session())?.instanceUrl).to.equal(org.instanceUrl);
    expect((await second.history()).map((h) => [h.trigger, h.triggeredBy, h.ok])).to.deep.equal([
      ['manual', 'menu', true],
    ]);
  });

  it('rejects a write the plan does not allow with the runtime’s LocalWriteError, across postMessage', async () => {
    const org = await startOrg(100);
    const client = track(device(`.device-errors-${Date.now()}`));
    await client.open();
    await client.installPlan(org.plan);
    let caught: unknown;
    try {
      await client.create('Account', { Name: 'Not allowed' });
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).name).to.equal('LocalWriteError');
    expect((caught as { code?: string }).code).to.equal('READ_ONLY_OBJECT');
    expect(await client.pendingChanges()).to.deep.equal([]);
  });

  it('a worker killed mid-sync, reopened and synced: nothing lost, nothing uploaded twice', async () => {
    const org = await startOrg(3000);
    const directory = `.device-kill-${Date.now()}`;
    const first = track(device(directory)) as WorkerDeviceClient;
    await first.open();
    await first.setSession(session(org));
    await first.installPlan(org.plan);
    expect((await first.sync('menu')).ok).to.equal(true);
    const [account] = await first.records('Account');
    const lastName = `Killed mid-sync ${Date.now()}`;
    const localId = await first.create('Contact', {
      LastName: lastName,
      Email: 'killed@example.com',
      AccountId: account!.Id,
    });

    // A plan whose Asset and Product2 download again from scratch: the sync uploads the new contact,
    // then spends its time downloading; the worker dies in the middle of that.
    const changed: SyncPlan = {
      ...org.plan,
      objects: org.plan.objects.map((o) =>
        o.name === 'Asset' || o.name === 'Product2'
          ? { ...o, fingerprint: otherFingerprint(o.fingerprint) }
          : o,
      ),
    };
    await first.installPlan(changed);
    const killed = new Promise<number>((resolve) => {
      first.subscribe((event) => {
        if (event.type === 'progress' && event.progress.phase === 'download' && event.progress.done >= 400) {
          first.terminate();
          resolve(event.progress.done);
        }
      });
    });
    void first.sync('menu').catch(() => undefined);
    expect(await killed).to.be.at.least(400);

    const second = track(device(directory));
    await second.open();
    expect((await second.pendingChanges()).map((c) => c.op)).to.deep.equal([]);
    const summary = await second.sync('menu');
    expect(summary.error).to.equal(undefined);
    expect(await second.pendingChanges()).to.deep.equal([]);
    const onServer = await query(org, `SELECT Id FROM Contact WHERE LastName = '${lastName}'`);
    expect(onServer.totalSize).to.equal(1);
    const expected = { ...org.scopeCounts, Contact: org.scopeCounts.Contact! + 1 };
    expect(await counts(second, org.plan)).to.deep.equal(expected);
    const contacts = await second.records('Contact');
    expect(contacts.filter((c) => c.LastName === lastName).map((c) => c.Id)).to.deep.equal([
      onServer.records[0]!.Id,
    ]);
    expect(await second.record('Contact', localId)).to.deep.include({ Id: onServer.records[0]!.Id });
  });

  it('a worker killed while its upload is on the wire: the reopened device finds the create, never sends it twice', async () => {
    const org = await startOrg(200);
    const directory = `.device-kill-upload-${Date.now()}`;
    const first = track(device(directory)) as WorkerDeviceClient;
    await first.open();
    await first.setSession(session(org));
    await first.installPlan(org.plan);
    expect((await first.sync('menu')).ok).to.equal(true);
    const [account] = await first.records('Account');
    const lastName = `Killed on the wire ${Date.now()}`;
    await first.create('Contact', { LastName: lastName, Email: 'wire@example.com', AccountId: account!.Id });
    // Every request now waits 1.5 s at the org: the worker dies after the create left, before its answer.
    await control(org, 'faults', { latencyMs: 1500 });
    const killed = new Promise<void>((resolve) => {
      first.subscribe((event) => {
        if (event.type === 'progress' && event.progress.phase === 'upload') {
          setTimeout(() => {
            first.terminate();
            resolve();
          }, 500);
        }
      });
    });
    void first.sync('menu').catch(() => undefined);
    await killed;
    // Let the org finish the request the dead worker sent.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await control(org, 'faults', { latencyMs: 0 });

    const second = track(device(directory));
    await second.open();
    const summary = await second.sync('menu');
    expect(summary.error).to.equal(undefined);
    expect(await second.pendingChanges()).to.deep.equal([]);
    const onServer = await query(org, `SELECT Id FROM Contact WHERE LastName = '${lastName}'`);
    expect(onServer.totalSize).to.equal(1);
    const held = (await second.records('Contact')).filter((c) => c.LastName === lastName);
    expect(held.map((c) => c.Id)).to.deep.equal([onServer.records[0]!.Id]);
  });

  it('a second tab waits for the database ("storeInUse") and opens it when the first tab closes', async () => {
    const org = await startOrg(100);
    const directory = `.device-two-tabs-${Date.now()}`;
    const first = track(device(directory));
    await first.open();
    await first.installPlan(org.plan);
    const second = track(device(directory));
    const heard: string[] = [];
    second.subscribe((event) => heard.push(event.type));
    let secondOpened = false;
    const opening = second.open().then((answer) => {
      secondOpened = true;
      return answer;
    });
    // The second worker asks for the database's lock and waits: it says so, and does not open.
    while (!heard.includes('storeInUse')) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(secondOpened).to.equal(false);
    await first.close();
    expect(await opening).to.deep.equal({ durable: true, storage: 'opfs' });
    expect((await second.plan())?.objects.map((o) => o.name)).to.deep.equal(
      org.plan.objects.map((o) => o.name),
    );
  });

  it('log out (wipe) deletes the database: the next worker finds nothing', async () => {
    const org = await startOrg(100);
    const directory = `.device-wipe-${Date.now()}`;
    const first = track(device(directory));
    await first.open();
    await first.setSession(session(org));
    await first.installPlan(org.plan);
    expect((await first.sync('menu')).ok).to.equal(true);
    expect((await first.records('Account')).length).to.equal(org.scopeCounts.Account);
    await first.wipe();
    expect(await first.session()).to.equal(null);
    expect(await first.records('Account')).to.deep.equal([]);
    await first.close();

    const second = track(device(directory));
    await second.open();
    expect(await second.plan()).to.equal(undefined);
    expect(await second.session()).to.equal(null);
    expect(await second.history()).to.deep.equal([]);
  });
});

/** Another valid fingerprint (64 hex digits, as the plan schema wants): the first digit changed. */
function otherFingerprint(fingerprint: string): string {
  return (fingerprint.startsWith('0') ? '1' : '0') + fingerprint.slice(1);
}
