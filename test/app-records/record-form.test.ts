import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/app/records/record-form/record-form.ts';
import type { RecordForm } from '../../src/app/records/record-form/record-form.ts';
import type { DeviceClient } from '../../src/app/device/device-client.ts';
import type { SyncPlan } from '../../src/compiler/plan.ts';
import type { RecordSavedEvent } from '../../src/app/records/events.ts';
import type { OutboxEntry, SfRecord } from '../../src/runtime/index.ts';
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
  // The demo scope's work orders plus a date and a number field, so every control type is on one form.
  plan = examplePlan(['SuggestedMaintenanceDate', 'Duration']);
  device = await syncedDevice(plan);
});

after(async () => {
  await device?.close();
});

afterEach(async () => {
  // Each test starts with an empty outbox.
  for (const change of await device.pendingChanges()) await device.undo(change.seq);
});

async function form(
  object: string,
  recordId = '',
  defaults: Record<string, unknown> = {},
): Promise<RecordForm> {
  const el = await fixture<RecordForm>(
    html`<ss-record-form
      .device=${device}
      .plan=${plan}
      .metadata=${ORG_METADATA}
      .defaults=${defaults}
      object=${object}
      record-id=${recordId}
    ></ss-record-form>`,
  );
  await el.reload();
  await el.updateComplete;
  return el;
}

async function aWorkOrder(): Promise<SfRecord> {
  return (await device.records('WorkOrder'))[0]!;
}

const control = <T extends HTMLElement = HTMLInputElement>(el: RecordForm, field: string): T =>
  inShadow<T>(el, `[data-field="${field}"]`);

async function typeInto(el: RecordForm, field: string, text: string, clear = true): Promise<void> {
  const input = control(el, field);
  input.focus();
  if (clear) {
    input.select?.();
    await sendKeys({ press: 'Backspace' });
  }
  await sendKeys({ type: text });
}

function choose(el: RecordForm, field: string, value: string): void {
  const select = control<HTMLSelectElement>(el, field);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function save(el: RecordForm): Promise<void> {
  inShadow<HTMLButtonElement>(el, 'button[type="submit"]').click();
  await el.submitted;
  await el.updateComplete;
}

const queued = (changes: OutboxEntry[]) =>
  changes.map((c) => ({
    object: c.object,
    op: c.op,
    recordId: c.recordId,
    fields: c.fields,
    status: c.status,
  }));

describe('ss-record-form (a real in-page device synced against the embedded org)', function () {
  this.timeout(60000);

  it('offers a typed control per writable field, from the describe', async () => {
    const workOrder = await aWorkOrder();
    const el = await form('WorkOrder', workOrder.Id);
    // WorkOrderNumber is not updateable; OwnerId's objects (User, Group) are not on the device.
    expect(el.fields.map((f) => f.name)).to.deep.equal([
      'AccountId',
      'ContactId',
      'Subject',
      'Status',
      'Priority',
      'StartDate',
      'OwnerId',
      'SuggestedMaintenanceDate',
      'Duration',
    ]);
    const kinds = Object.fromEntries(
      allInShadow<HTMLInputElement>(el, '[data-field]').map((c) => [
        c.dataset['field'],
        `${c.localName}:${c.type}`,
      ]),
    );
    expect(kinds).to.deep.equal({
      AccountId: 'select:select-one',
      ContactId: 'select:select-one',
      Subject: 'input:text',
      Status: 'select:select-one',
      Priority: 'select:select-one',
      StartDate: 'input:datetime-local',
      OwnerId: 'input:text',
      SuggestedMaintenanceDate: 'input:date',
      Duration: 'input:number',
    });
    expect(control(el, 'Subject').maxLength).to.equal(255);
    expect(control(el, 'Subject').value).to.equal(workOrder['Subject']);
    expect([...control<HTMLSelectElement>(el, 'Status').options].map((o) => o.value)).to.deep.equal([
      '',
      'New',
      'In Progress',
      'On Hold',
      'Completed',
      'Closed',
      'Cannot Complete',
      'Canceled',
    ]);
    expect(control<HTMLSelectElement>(el, 'Status').value).to.equal(workOrder['Status']);
    // Lookups: a choice among the accounts the device holds.
    const accounts = await device.records('Account');
    expect([...control<HTMLSelectElement>(el, 'AccountId').options].map((o) => o.value)).to.deep.equal([
      '',
      ...accounts.map((a) => a.Id),
    ]);
    expect(control<HTMLSelectElement>(el, 'AccountId').value).to.equal(workOrder['AccountId'] ?? '');
    // Date and time in the device's time zone.
    const start = new Date(Date.parse(String(workOrder['StartDate']).replace(/(\d\d)(\d\d)$/, '$1:$2')));
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(control(el, 'StartDate').value).to.equal(
      `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}T${pad(start.getHours())}:${pad(start.getMinutes())}`,
    );
    for (const label of allInShadow(el, 'label')) expect(label.textContent!.trim()).not.to.equal('');
  });

  it('without a describe: API names as labels, types from the held values and the plan’s paths', async () => {
    const workOrder = await aWorkOrder();
    const el = await fixture<RecordForm>(
      html`<ss-record-form
        .device=${device}
        .plan=${plan}
        .metadata=${{}}
        object="WorkOrder"
        .recordId=${workOrder.Id}
      ></ss-record-form>`,
    );
    await el.reload();
    await el.updateComplete;
    const kind = (field: string): string => {
      const c = control(el, field);
      return `${c.localName}:${c.type}`;
    };
    expect([kind('StartDate'), kind('AccountId'), kind('ContactId'), kind('Subject')]).to.deep.equal([
      'input:datetime-local',
      'select:select-one',
      'select:select-one',
      'input:text',
    ]);
    expect(inShadow(el, 'label[for="f-StartDate"]').textContent!.trim()).to.equal('StartDate');
  });

  it('an undefined record Id (a shell route for New) is a create', async () => {
    const el = await fixture<RecordForm>(
      html`<ss-record-form
        .device=${device}
        .plan=${plan}
        .metadata=${ORG_METADATA}
        object="WorkOrder"
        .recordId=${undefined}
      ></ss-record-form>`,
    );
    await el.reload();
    await el.updateComplete;
    expect(inShadow(el, 'h2').textContent).to.equal('New Work Order');
  });

  it('refuses a bad date with the message by the field, and queues nothing', async () => {
    const workOrder = await aWorkOrder();
    const el = await form('WorkOrder', workOrder.Id);
    await typeInto(el, 'Subject', 'Check the valve');
    // February 30th, typed into the date control (month, day, year in the en-US order).
    const date = control(el, 'SuggestedMaintenanceDate');
    date.focus();
    await sendKeys({ type: '02302026' });
    expect(date.validity.badInput).to.equal(true);
    await save(el);
    const error = inShadow(el, '#SuggestedMaintenanceDate-error');
    expect(error.textContent).to.equal('Enter a valid date (YYYY-MM-DD).');
    expect(date.getAttribute('aria-invalid')).to.equal('true');
    expect(date.getAttribute('aria-describedby')).to.equal('SuggestedMaintenanceDate-error');
    expect(error.closest('[data-control]')!.getAttribute('data-control')).to.equal(
      'SuggestedMaintenanceDate',
    );
    expect(el.shadowRoot!.activeElement).to.equal(date);
    expect(allInShadow(el, '.field-error').length).to.equal(1);
    expect(await device.pendingChanges()).to.deep.equal([]);
  });

  it('refuses a malformed number and a malformed Id, each by its field; nothing queued', async () => {
    const workOrder = await aWorkOrder();
    const el = await form('WorkOrder', workOrder.Id);
    await typeInto(el, 'Duration', '1e');
    await typeInto(el, 'OwnerId', 'not-an-id');
    await save(el);
    expect(allInShadow(el, '.field-error').map((e) => [e.id, e.textContent])).to.deep.equal([
      ['OwnerId-error', 'Enter a valid record Id (15 or 18 letters and digits).'],
      ['Duration-error', 'Enter a number.'],
    ]);
    expect(await device.pendingChanges()).to.deep.equal([]);
  });

  it('queues a valid edit with exactly the changed fields, which then shows as pending', async () => {
    const workOrder = await aWorkOrder();
    const el = await form('WorkOrder', workOrder.Id);
    await typeInto(el, 'Subject', 'Check the valve');
    choose(el, 'Status', workOrder['Status'] === 'On Hold' ? 'In Progress' : 'On Hold');
    const date = control(el, 'SuggestedMaintenanceDate');
    date.focus();
    await sendKeys({ type: '03012026' });
    await typeInto(el, 'Duration', '2.5');
    const saved = oneEvent(el, 'ss-record-saved');
    await save(el);
    const event = (await saved) as unknown as RecordSavedEvent;
    expect([event.object, event.recordId, event.op]).to.deep.equal(['WorkOrder', workOrder.Id, 'update']);
    expect(allInShadow(el, '.field-error')).to.deep.equal([]);
    expect(queued(await device.pendingChanges())).to.deep.equal([
      {
        object: 'WorkOrder',
        op: 'update',
        recordId: workOrder.Id,
        fields: {
          Subject: 'Check the valve',
          Status: workOrder['Status'] === 'On Hold' ? 'In Progress' : 'On Hold',
          SuggestedMaintenanceDate: '2026-03-01',
          Duration: 2.5,
        },
        status: 'pending',
      },
    ]);
    expect((await device.record('WorkOrder', workOrder.Id))!['Subject']).to.equal('Check the valve');
  });

  it('creates a contact: a missing last name is refused by the field, then the create is queued exactly', async () => {
    const account = (await device.records('Account'))[0]!;
    const el = await form('Contact', '', { AccountId: account.Id });
    expect(inShadow(el, 'h2').textContent).to.equal('New Contact');
    expect(control<HTMLSelectElement>(el, 'AccountId').value).to.equal(account.Id);
    await typeInto(el, 'Email', 'ana.field@example.com');
    await save(el);
    expect(allInShadow(el, '.field-error').map((e) => [e.id, e.textContent])).to.deep.equal([
      ['LastName-error', 'Complete this field.'],
    ]);
    expect(await device.pendingChanges()).to.deep.equal([]);

    await typeInto(el, 'LastName', 'Field');
    await typeInto(el, 'FirstName', 'Ana');
    const saved = oneEvent(el, 'ss-record-saved');
    await save(el);
    const event = (await saved) as unknown as RecordSavedEvent;
    expect(queued(await device.pendingChanges())).to.deep.equal([
      {
        object: 'Contact',
        op: 'create',
        recordId: event.recordId,
        fields: {
          FirstName: 'Ana',
          LastName: 'Field',
          Email: 'ana.field@example.com',
          AccountId: account.Id,
        },
        status: 'pending',
      },
    ]);
    expect(event.op).to.equal('create');
  });

  it('a refusal by the device shows too (the record left the device while the form was open); nothing queued', async () => {
    const account = (await device.records('Account'))[0]!;
    const id = await device.create('Contact', { LastName: 'Gone', AccountId: account.Id });
    const el = await form('Contact', id);
    const [create] = await device.pendingChanges();
    await device.undo(create!.seq);
    await typeInto(el, 'LastName', 'Still gone');
    await save(el);
    expect(inShadow(el, '.form-error').textContent).to.equal(`Contact ${id} is not on this device`);
    expect(await device.pendingChanges()).to.deep.equal([]);
  });

  it('is accessible and fits 360 px; every control is at least 44 px high', async () => {
    await setViewport({ width: 360, height: 740 });
    try {
      const el = await form('WorkOrder', (await aWorkOrder()).Id);
      await save(el); // nothing changed: says so
      expect(inShadow(el, '.form-error').textContent).to.equal('Nothing changed.');
      await expectAccessible(el);
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
      for (const c of allInShadow(el, '.input, button'))
        expect(c.getBoundingClientRect().height, c.dataset['field'] ?? c.textContent!).to.be.at.least(44);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
