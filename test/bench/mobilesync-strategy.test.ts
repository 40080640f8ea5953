/**
 * The MobileSync baseline of `npm run bench` (bench/lib/mobilesync-strategy.ts) against the embedded
 * org: it must store exactly the scope, cost one REST call per target (no /composite), pick up a change
 * with its timestamp filter, and remove a ghost by re-reading Ids. The bench's ratios are only honest if
 * the baseline does what MobileSync does.
 */

import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceTable } from '../../bench/lib/device-table.ts';
import { MobileSyncDevice } from '../../bench/lib/mobilesync-strategy.ts';
import { scopeOnServer } from '../../bench/lib/scope-oracle.ts';
import { controlOf, examplePlan, START } from '../../bench/lib/technician-org.ts';
import { startOrg, type RunningOrg } from '../../src/emulator/index.ts';

describe('MobileSync baseline strategy', () => {
  let org: RunningOrg;
  let conn: Connection;
  let control: ReturnType<typeof controlOf>;
  const plan = examplePlan();
  const table = new DeviceTable(':memory:');
  let device: MobileSyncDevice;

  const apiCalls = async () => ((await control('stats', undefined, 'GET')) as { apiCalls: number }).apiCalls;
  const deviceScope = () =>
    Object.fromEntries(plan.objects.map((o) => [o.name, table.list(o.name)] as const));

  let userId: string;
  const create = async (object: string, fields: Record<string, unknown>) =>
    ((await conn.sobject(object).create(fields)) as { id: string }).id;

  // One record of each scope object, stamped at the frozen START (whole seconds, as Salesforce stamps).
  beforeAll(async () => {
    org = await startOrg({ seed: 'none', now: new Date(START) });
    userId = org.userId;
    conn = new Connection({ instanceUrl: org.url, accessToken: org.token, version: '62.0' });
    control = controlOf(conn, org.url);
    device = new MobileSyncDevice(conn, table, plan, userId);
    const account = await create('Account', { Name: 'Harbor Dairy' });
    const contact = await create('Contact', {
      LastName: 'Berg',
      Email: 'berg@customer.example',
      AccountId: account,
    });
    await create('Asset', { Name: 'Chiller 200', AccountId: account });
    await create('Asset', { Name: 'Boiler 300', AccountId: account });
    await create('Product2', { Name: 'Valve A1', IsActive: true });
    const workOrder = await create('WorkOrder', {
      Subject: 'Annual maintenance',
      OwnerId: userId,
      AccountId: account,
      ContactId: contact,
      StartDate: new Date(Date.parse(START) + 2 * 86_400_000).toISOString(),
    });
    await create('WorkOrderLineItem', { WorkOrderId: workOrder, Description: 'Filter' });
  });
  afterAll(async () => {
    table.close();
    await org.close();
  });

  it('first sync stores exactly the scope, one call per target page and no composite', async () => {
    await control('stats', undefined, 'DELETE');
    expect(await device.syncDown()).toBe(8);
    const stats = (await control('stats', undefined, 'GET')) as {
      apiCalls: number;
      byPath: Record<string, number>;
    };
    // Product2, WorkOrder, Account (one chunk), Asset (one chunk), Contact (two paths), WorkOrderLineItem.
    expect(stats.apiCalls).toBe(7);
    expect(Object.keys(stats.byPath).some((path) => path.includes('composite'))).toBe(false);
    expect(deviceScope()).toEqual(await scopeOnServer(conn, plan, userId));
  });

  it('reSync sends every target again and stores only what changed', async () => {
    const asset = table.list('Asset')[0]!;
    await control('clock', { advanceSeconds: 60 });
    await conn.sobject('Asset').update({ Id: asset.Id, Status: 'Obsolete' });
    await control('stats', undefined, 'DELETE');
    expect(await device.reSync()).toBe(1);
    expect(await apiCalls()).toBe(7);
    expect(table.list('Asset').find((a) => a.Id === asset.Id)?.Status).toBe('Obsolete');
  });

  it('ghost cleanup re-reads every Id and removes what left the scope', async () => {
    const asset = table.list('Asset')[1]!;
    await conn.sobject('Asset').destroy(asset.Id);
    await control('stats', undefined, 'DELETE');
    expect(await device.cleanResyncGhosts()).toBe(1);
    expect(await apiCalls()).toBe(7);
    expect(table.ids('Asset')).not.toContain(asset.Id);
    expect(deviceScope()).toEqual(await scopeOnServer(conn, plan, userId));
  });

  it('syncUp sends one request per record, a child after its new parent', async () => {
    const account = table.ids('Account')[0]!;
    await control('stats', undefined, 'DELETE');
    const created = await device.syncUp([
      {
        kind: 'create',
        object: 'WorkOrder',
        key: 'wo',
        fields: { Subject: 'Baseline visit', OwnerId: userId, AccountId: account },
      },
      {
        kind: 'create',
        object: 'WorkOrderLineItem',
        key: 'li',
        fields: { Description: 'Baseline part' },
        refs: { WorkOrderId: 'wo' },
      },
      { kind: 'update', object: 'Account', id: account, fields: { Phone: '+33 4 00 00 00 01' } },
    ]);
    expect(await apiCalls()).toBe(3);
    const item = await conn.sobject('WorkOrderLineItem').retrieve(created.get('li')!);
    expect((item as unknown as { WorkOrderId: string }).WorkOrderId).toBe(created.get('wo'));
  });
});
