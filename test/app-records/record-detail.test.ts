import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/app/records/record-detail/record-detail.ts';
import type { RecordDetail } from '../../src/app/records/record-detail/record-detail.ts';
import type { DeviceClient } from '../../src/app/device/device-client.ts';
import type { SyncPlan } from '../../src/compiler/plan.ts';
import type { EditRecordEvent, OpenRecordEvent } from '../../src/app/records/events.ts';
import type { SfRecord } from '../../src/runtime/index.ts';
import {
  allInShadow,
  examplePlan,
  expectAccessible,
  inShadow,
  ORG_METADATA,
  syncedDevice,
} from './support.ts';

let device: DeviceClient;
let plan: SyncPlan;

before(async function () {
  this.timeout(90000);
  plan = examplePlan();
  device = await syncedDevice(plan);
});

after(async () => {
  await device?.close();
});

async function detail(object: string, id: string, metadata = ORG_METADATA): Promise<RecordDetail> {
  const el = await fixture<RecordDetail>(
    html`<ss-record-detail
      .device=${device}
      .plan=${plan}
      .metadata=${metadata}
      object=${object}
      record-id=${id}
    ></ss-record-detail>`,
  );
  await el.reload();
  await el.updateComplete;
  return el;
}

const fieldRows = (el: RecordDetail): [string, string][] =>
  allInShadow(el, '.field').map((f) => [
    f.querySelector('dt')!.textContent!.trim(),
    f.querySelector('dd')!.textContent!.trim(),
  ]);

const relatedIds = (el: RecordDetail, object: string, field: string): string[] =>
  allInShadow(el, `.related[data-object="${object}"][data-field="${field}"] button.row`).map(
    (b) => b.dataset['id']!,
  );

const held = (records: SfRecord[], field: string, id: string): string[] =>
  records.filter((r) => r[field] === id).map((r) => r.Id);

/** A work order with line items, and an account with contacts and assets (the demo org has them). */
async function richRecords(): Promise<{ workOrder: SfRecord; account: SfRecord }> {
  const lines = await device.records('WorkOrderLineItem');
  const workOrders = await device.records('WorkOrder');
  const workOrder = workOrders.find((w) => lines.some((l) => l['WorkOrderId'] === w.Id))!;
  const contacts = await device.records('Contact');
  const assets = await device.records('Asset');
  const account = (await device.records('Account')).find(
    (a) => contacts.some((c) => c['AccountId'] === a.Id) && assets.some((s) => s['AccountId'] === a.Id),
  )!;
  expect(workOrder, 'a work order with line items').not.to.equal(undefined);
  expect(account, 'an account with contacts and assets').not.to.equal(undefined);
  return { workOrder, account };
}

describe('ss-record-detail (a real in-page device synced against the embedded org)', function () {
  this.timeout(60000);

  it('shows every synced field with its describe label, lookups by the held record’s name', async () => {
    const { workOrder } = await richRecords();
    const el = await detail('WorkOrder', workOrder.Id);
    const describe = ORG_METADATA['WorkOrder']!;
    const account = (await device.records('Account')).find((a) => a.Id === workOrder['AccountId']);
    const po = plan.objects.find((o) => o.name === 'WorkOrder')!;
    expect(fieldRows(el).map(([label]) => label)).to.deep.equal(
      po.fields.map((f) => describe.fields.find((d) => d.name === f)!.label),
    );
    const rows = new Map(fieldRows(el));
    expect(rows.get('Work Order Number')).to.equal(workOrder['WorkOrderNumber']);
    expect(rows.get('Subject')).to.equal(workOrder['Subject']);
    expect(rows.get('Status')).to.equal(workOrder['Status']);
    expect(rows.get('Account ID')).to.equal(account ? account['Name'] : workOrder['AccountId']);
    expect(inShadow(el, 'h2').textContent!.trim()).to.equal(workOrder['WorkOrderNumber']);
    expect(inShadow(el, '.object-label').textContent).to.equal('Work Order');

    // The account lookup opens the account.
    if (account) {
      const opened = oneEvent(el, 'ss-open-record');
      inShadow(el, '.field[data-field="AccountId"] button.link').click();
      const event = (await opened) as unknown as OpenRecordEvent;
      expect([event.object, event.recordId]).to.deep.equal(['Account', account.Id]);
    }
  });

  it('without a describe, labels are the API names', async () => {
    const { workOrder } = await richRecords();
    const el = await detail('WorkOrder', workOrder.Id, {});
    expect(fieldRows(el).map(([label]) => label)).to.deep.equal([
      ...plan.objects.find((o) => o.name === 'WorkOrder')!.fields,
    ]);
    expect(inShadow(el, '.object-label').textContent).to.equal('WorkOrder');
  });

  it('a work order shows exactly its line items, navigable', async () => {
    const { workOrder } = await richRecords();
    const el = await detail('WorkOrder', workOrder.Id);
    const lines = await device.records('WorkOrderLineItem');
    const expected = held(lines, 'WorkOrderId', workOrder.Id);
    expect(expected.length).to.be.greaterThan(0);
    expect(relatedIds(el, 'WorkOrderLineItem', 'WorkOrderId')).to.deep.equal(expected);
    expect(inShadow(el, '.related[data-object="WorkOrderLineItem"] h4').textContent!.trim()).to.equal(
      `Work Order Line Items (${expected.length})`,
    );
    const opened = oneEvent(el, 'ss-open-record');
    inShadow(el, `.related[data-object="WorkOrderLineItem"] button.row[data-id="${expected[0]}"]`).click();
    const event = (await opened) as unknown as OpenRecordEvent;
    expect([event.object, event.recordId]).to.deep.equal(['WorkOrderLineItem', expected[0]]);

    // New line item for this work order: the parent is set.
    const edit = oneEvent(el, 'ss-edit-record');
    inShadow(el, '.related[data-object="WorkOrderLineItem"] .related-head button').click();
    const request = (await edit) as unknown as EditRecordEvent;
    expect([request.object, request.recordId, request.defaults]).to.deep.equal([
      'WorkOrderLineItem',
      undefined,
      { WorkOrderId: workOrder.Id },
    ]);
  });

  it('an account shows exactly its contacts, assets and work orders', async () => {
    const { account } = await richRecords();
    const el = await detail('Account', account.Id);
    expect(
      allInShadow(el, '.related').map((r) => `${r.dataset['object']}.${r.dataset['field']}`),
    ).to.deep.equal(['WorkOrder.AccountId', 'Asset.AccountId', 'Contact.AccountId']);
    expect(relatedIds(el, 'Contact', 'AccountId')).to.deep.equal(
      held(await device.records('Contact'), 'AccountId', account.Id),
    );
    expect(relatedIds(el, 'Asset', 'AccountId')).to.deep.equal(
      held(await device.records('Asset'), 'AccountId', account.Id),
    );
    expect(relatedIds(el, 'WorkOrder', 'AccountId')).to.deep.equal(
      held(await device.records('WorkOrder'), 'AccountId', account.Id),
    );
    // Account is read-only in the plan: no Edit.
    expect(el.shadowRoot!.querySelector('button[aria-label="Edit Account"]')).to.equal(null);
    await expectAccessible(el);
  });

  it('asks the device for its related records by its Id, never for every record of an object', async () => {
    const { account } = await richRecords();
    const calls: string[] = [];
    // The same device, noting each call (the screen must not read 20,000 work orders to show ten).
    const noting = new Proxy(device, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (key !== 'subscribe') calls.push(`${String(key)}(${args.map(String).join(', ')})`);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const el = await fixture<RecordDetail>(
      html`<ss-record-detail
        .device=${noting}
        .plan=${plan}
        .metadata=${ORG_METADATA}
        object="Account"
        record-id=${account.Id}
      ></ss-record-detail>`,
    );
    await el.updateComplete;
    calls.length = 0;
    await el.reload();
    await el.updateComplete;
    expect(calls.filter((c) => c.startsWith('records('))).to.deep.equal([]);
    expect(calls.filter((c) => c.startsWith('relatedRecords('))).to.deep.equal([
      `relatedRecords(WorkOrder, AccountId, ${account.Id})`,
      `relatedRecords(Asset, AccountId, ${account.Id})`,
      `relatedRecords(Contact, AccountId, ${account.Id})`,
    ]);
    expect(relatedIds(el, 'Contact', 'AccountId')).to.deep.equal(
      held(await device.records('Contact'), 'AccountId', account.Id),
    );
  });

  it('a local edit shows at once, marked pending', async () => {
    const { workOrder } = await richRecords();
    const el = await detail('WorkOrder', workOrder.Id);
    expect(el.shadowRoot!.querySelector('[data-pending]')).to.equal(null);
    await device.update('WorkOrder', workOrder.Id, { Subject: 'Replace the pump seal' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
    expect(new Map(fieldRows(el)).get('Subject')).to.equal('Replace the pump seal');
    expect(inShadow(el, '[data-pending]').textContent).to.equal('Pending upload');
    await expectAccessible(el);
    const change = (await device.pendingChanges()).find((c) => c.recordId === workOrder.Id)!;
    await device.undo(change.seq);
  });

  it('fits 360 px without sideways scrolling; every button is at least 44 px high', async () => {
    await setViewport({ width: 360, height: 740 });
    try {
      const { account } = await richRecords();
      const el = await detail('Account', account.Id);
      await expectAccessible(el);
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
      for (const button of allInShadow(el, 'button'))
        expect(button.getBoundingClientRect().height, button.textContent!).to.be.at.least(44);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
