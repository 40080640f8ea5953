import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/app/records/conflict-resolver/conflict-resolver.ts';
import type { ConflictResolver } from '../../src/app/records/conflict-resolver/conflict-resolver.ts';
import '../../src/app/records/record-detail/record-detail.ts';
import type { RecordDetail } from '../../src/app/records/record-detail/record-detail.ts';
import type { DeviceClient } from '../../src/app/device/device-client.ts';
import type { SyncPlan } from '../../src/compiler/plan.ts';
import type { ConflictResolvedEvent } from '../../src/app/records/events.ts';
import {
  allInShadow,
  api,
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

async function orgContact(id: string): Promise<Record<string, unknown>> {
  const response = await api.orgRequest({
    method: 'GET',
    url: `/services/data/v62.0/sobjects/Contact/${id}?fields=Phone,Email,FirstName`,
  });
  return response.body as Record<string, unknown>;
}

/** A contact edited on the device (Phone, Email) and meanwhile on the server (the same two): a conflict. */
async function conflictOn(index: number, mine: Record<string, string>, theirs: Record<string, string>) {
  const contact = (await device.records('Contact')).at(index)!;
  await device.update('Contact', contact.Id, mine);
  const patch = await api.orgRequest({
    method: 'PATCH',
    url: `/services/data/v62.0/sobjects/Contact/${contact.Id}`,
    body: theirs,
  });
  expect(patch.status).to.equal(204);
  const summary = await device.sync('menu');
  expect(summary.ok, summary.error).to.equal(true);
  const conflicts = await device.conflicts();
  expect(conflicts.map((c) => c.recordId)).to.deep.equal([contact.Id]);
  return contact;
}

async function resolver(recordId = ''): Promise<ConflictResolver> {
  const el = await fixture<ConflictResolver>(
    html`<ss-conflict-resolver
      .device=${device}
      .plan=${plan}
      .metadata=${ORG_METADATA}
      record-id=${recordId}
    ></ss-conflict-resolver>`,
  );
  await el.reload();
  await el.updateComplete;
  return el;
}

const choices = (el: ConflictResolver): [string, string, string][] =>
  allInShadow(el, 'fieldset').map((f) => {
    const [mine, theirs] = [...f.querySelectorAll('.value')].map((v) => v.textContent!.trim());
    return [f.querySelector('legend')!.textContent!.trim(), mine!, theirs!];
  });

describe('ss-conflict-resolver (a real conflict: the device and the embedded org changed one contact)', function () {
  this.timeout(90000);

  it('shows Mine and Theirs per field; a per-field choice resolves through the device and uploads on the next sync', async () => {
    const contact = await conflictOn(
      -1,
      { Phone: '+1 555 0101', Email: 'mine@example.com' },
      { Phone: '+1 555 0202', Email: 'theirs@example.com' },
    );
    const el = await resolver(contact.Id);
    expect(choices(el)).to.deep.equal([
      ['Business Phone', '+1 555 0101', '+1 555 0202'],
      ['Email', 'mine@example.com', 'theirs@example.com'],
    ]);
    await expectAccessible(el);
    for (const target of allInShadow(el, 'button, label.choice'))
      expect(target.getBoundingClientRect().height, target.textContent!).to.be.at.least(44);

    // Keep my phone, their email.
    const theirEmail = inShadow<HTMLInputElement>(el, 'fieldset[data-field="Email"] input[value="theirs"]');
    theirEmail.click();
    await el.updateComplete;
    const resolved = oneEvent(el, 'ss-conflict-resolved');
    inShadow<HTMLButtonElement>(el, 'button.brand').click();
    const event = (await resolved) as unknown as ConflictResolvedEvent;
    expect([event.object, event.recordId]).to.deep.equal(['Contact', contact.Id]);
    await el.updateComplete;
    expect(inShadow(el, '[role="status"]').textContent).to.equal(
      'Resolved: your kept values upload on the next sync.',
    );
    expect(allInShadow(el, '.conflict')).to.deep.equal([]);
    expect(await device.conflicts()).to.deep.equal([]);
    const pending = await device.pendingChanges();
    expect(pending.map((c) => [c.op, c.recordId, c.fields, c.status])).to.deep.equal([
      ['update', contact.Id, { Phone: '+1 555 0101' }, 'pending'],
    ]);

    const summary = await device.sync('menu');
    expect(summary.ok, summary.error).to.equal(true);
    expect(await device.pendingChanges()).to.deep.equal([]);
    const org = await orgContact(contact.Id);
    expect([org['Phone'], org['Email']]).to.deep.equal(['+1 555 0101', 'theirs@example.com']);
  });

  it('"All theirs" drops the local change; the record detail offers the resolver in place', async () => {
    const contact = await conflictOn(-2, { Phone: '+1 555 0303' }, { Phone: '+1 555 0404' });
    const detail = await fixture<RecordDetail>(
      html`<ss-record-detail
        .device=${device}
        .plan=${plan}
        .metadata=${ORG_METADATA}
        object="Contact"
        record-id=${contact.Id}
      ></ss-record-detail>`,
    );
    await detail.reload();
    await detail.updateComplete;
    expect(inShadow(detail, '[data-pending]').textContent).to.equal('Conflict');
    const el = inShadow<ConflictResolver>(detail, 'ss-conflict-resolver');
    await el.reload();
    await el.updateComplete;
    expect(choices(el)).to.deep.equal([['Business Phone', '+1 555 0303', '+1 555 0404']]);
    inShadow<HTMLButtonElement>(el, 'button[data-side="theirs"]').click();
    await el.updateComplete;
    expect(inShadow<HTMLInputElement>(el, 'input[value="theirs"]').checked).to.equal(true);
    const resolved = oneEvent(el, 'ss-conflict-resolved');
    inShadow<HTMLButtonElement>(el, 'button.brand').click();
    await resolved;
    expect(await device.pendingChanges()).to.deep.equal([]);
    expect((await device.record('Contact', contact.Id))!['Phone']).to.equal('+1 555 0404');
  });
});
