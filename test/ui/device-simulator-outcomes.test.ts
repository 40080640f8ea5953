/**
 * The device simulator tells the truth about a sync: a failed one looks failed and says why (by the
 * runtime's failure reason), what the device kept and when it tries again; a serverWins conflict shows
 * the local change it dropped, in the summary and the history; a failed change offers Retry and Edit.
 * Real Chromium, the real engine, a real config server over the embedded demo org (see
 * web-test-runner.config.js); "offline" is a real fetch to a port nothing listens on.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/ui/components/device-simulator/device-simulator.ts';
import type { DeviceSimulator } from '../../src/ui/components/device-simulator/device-simulator.ts';
import { createProxyTransport } from '../../src/ui/org-proxy-client.ts';
import { ApiClient } from '../../src/ui/api-client.ts';
import { deep, deepAll, makeStore, shadow } from './fixtures.ts';

const api = new ApiClient();

async function technicianId(): Promise<string> {
  const session = await api.session();
  return session.users.filter((u) => u.id !== session.connectedUser.id).at(-1)!.id;
}

// The simulator's parts (records, outbox, history) are components of their own: look into them too.
function text(el: Element, selector: string): string {
  return deep(el, selector).textContent!.replace(/\s+/g, ' ').trim();
}

function texts(el: Element, selector: string): string[] {
  return deepAll(el, selector).map((n) => n.textContent!.replace(/\s+/g, ' ').trim());
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function sync(el: DeviceSimulator): Promise<void> {
  shadow<HTMLButtonElement>(el, '.toolbar button.brand').click();
  await el.updateComplete;
  await waitUntil(() => el.shadowRoot!.querySelector('[data-summary]'), 'no summary', { timeout: 60000 });
  await el.updateComplete;
}

function pendingRow(el: DeviceSimulator, seq: number): HTMLTableRowElement {
  return deep<HTMLTableRowElement>(el, `table[aria-label="Pending changes"] tr[data-seq="${seq}"]`);
}

describe('ss-device-simulator: outcomes of a sync', function () {
  this.timeout(90000);

  it('a sync that cannot reach the org looks failed: offline, what was kept, when it tries again', async () => {
    const port = await executeServerCommand<number, undefined>('closed-port');
    const el = await fixture<DeviceSimulator>(
      html`<ss-device-simulator
        .store=${makeStore()}
        .api=${api}
        .transportFactory=${() => createProxyTransport({ baseUrl: `http://127.0.0.1:${port}` })}
        user-id=${await technicianId()}
      ></ss-device-simulator>`,
    );
    shadow<HTMLButtonElement>(el, '.toolbar button:nth-of-type(2)').click(); // Install edited plan
    await el.updateComplete; // the install finished
    await el.device!.create('WorkOrder', { Subject: 'Made offline' });
    await sync(el);
    const plan = (await el.device!.plan())!;

    const summary = el.summary!;
    expect(summary.ok).to.equal(false);
    expect(summary.failure).to.equal('offline');
    expect(shadow(el, '.progress').dataset['state']).to.equal('failed');
    expect(text(el, '.progress label')).to.equal('Sync failed: offline');
    // The bar stays where the sync stopped (it stored nothing), not full.
    expect(shadow<HTMLProgressElement>(el, 'progress').value).to.equal(0);
    // The upload started (it announced its one change), no object's download did.
    expect(texts(el, '.steps li')).to.deep.equal([
      'Upload local changes: 0 / 1, stopped',
      ...plan.objects.map((o) => `${o.name}: not run`),
    ]);
    expect(plan.objects.length).to.equal(6);
    // Nowhere in the simulator, its parts included.
    const everything = [el, ...deepAll(el, '*').filter((n) => n.shadowRoot)]
      .map((n) => n.shadowRoot!.textContent)
      .join(' ');
    expect(everything).not.to.include('Sync finished');
    expect(everything).not.to.include('✓');

    expect(shadow(el, '[data-summary]').dataset['summary']).to.equal('failed');
    expect(text(el, '#summary-title')).to.match(/^Sync failed in [\d,]+ ms, 0 API calls$/);
    expect(shadow(el, '[data-failure]').getAttribute('role')).to.equal('alert');
    expect(text(el, '[data-failure-reason]')).to.equal(
      'Offline: the org could not be reached (no network, or the server is down).',
    );
    expect(text(el, '[data-failure-error]')).to.equal(summary.error);
    expect(summary.error).to.match(/ failed: TypeError: Failed to fetch$/);
    // The work order made offline: on the device, and its create still queued.
    expect(text(el, '[data-failure-kept]')).to.equal(
      'Kept on the device: 1 record and 1 pending change; nothing was lost.',
    );
    expect(text(el, '[data-failure-retry]')).to.equal(
      `Next try at ${new Date(summary.nextSyncAt!).toLocaleTimeString()} (in 30 s).`,
    );
    expect(texts(el, 'table[aria-label="Sync history"] tbody tr td:nth-child(3)')).to.deep.equal([
      `failed (offline): ${summary.error}`,
    ]);
    // The create was being sent when the network failed: kept, and checked before it is sent again.
    expect(texts(el, 'table[aria-label="Pending changes"] tbody tr td:nth-child(3)')).to.deep.equal([
      'sent, not confirmed: checked at the next sync',
    ]);
    await expect(el).to.be.accessible();
  });

  it('a local change dropped by serverWins is shown in the summary and the history', async () => {
    const el = await fixture<DeviceSimulator>(
      html`<ss-device-simulator
        .store=${makeStore()}
        .api=${api}
        user-id=${await technicianId()}
      ></ss-device-simulator>`,
    );
    await sync(el);
    const device = el.device!;
    const item = (await device.records('WorkOrderLineItem'))[0];
    expect(item, 'the technician has work order line items').to.not.equal(undefined);
    const id = String(item!.Id);
    const mine = `Device note ${Date.now()}`;
    const theirs = `Office note ${Date.now()}`;
    await device.update('WorkOrderLineItem', id, { Description: mine });
    // The office changes the same line item before the device syncs: serverWins drops the device's edit.
    const patch = await api.orgRequest({
      method: 'PATCH',
      url: `/services/data/v62.0/sobjects/WorkOrderLineItem/${id}`,
      body: { Description: theirs },
    });
    expect(patch.status).to.equal(204);
    await sync(el);

    expect(el.summary!.dropped).to.deep.equal([{ object: 'WorkOrderLineItem', recordId: id, op: 'update' }]);
    expect(text(el, '[data-dropped] p')).to.equal(
      "1 local change dropped: the server's version wins (serverWins).",
    );
    const dropped = `update WorkOrderLineItem ${id}`;
    expect(texts(el, '[data-dropped] li')).to.deep.equal([dropped]);
    expect(texts(el, 'table[aria-label="Sync history"] td[data-col="dropped"]')).to.deep.equal([
      dropped,
      'none',
    ]);
    expect((await device.record('WorkOrderLineItem', id))?.['Description']).to.equal(theirs);
  });

  it('a failed change offers Retry and Edit; the edited value uploads', async () => {
    const el = await fixture<DeviceSimulator>(
      html`<ss-device-simulator
        .store=${makeStore()}
        .api=${api}
        user-id=${await technicianId()}
      ></ss-device-simulator>`,
    );
    await sync(el);
    const device = el.device!;
    const id = String((await device.records('WorkOrder'))[0]!.Id);
    // A contact Id of the right shape that the org does not hold: the device cannot know, the org refuses it.
    // (A value the device can check, such as a Subject over 255 characters, is refused before it is queued.)
    const missingContact = '003000000000000';
    await device.update('WorkOrder', id, { ContactId: missingContact });
    await sync(el);
    const status = () =>
      // innerText: the error sits on its own line under the status.
      (pendingRow(el, 1).querySelector('td:nth-child(3)') as HTMLElement).innerText
        .replace(/\s+/g, ' ')
        .trim();
    expect(status()).to.equal('failed INVALID_CROSS_REFERENCE_KEY: invalid cross reference id');
    const buttons = () =>
      [...pendingRow(el, 1).querySelectorAll('button')].map((b) => b.getAttribute('aria-label'));
    expect(buttons()).to.deep.equal(['Retry change 1', 'Edit change 1', 'Undo change 1']);

    // Retry queues it again unchanged.
    deep<HTMLButtonElement>(el, 'button[aria-label="Retry change 1"]').click();
    await el.updateComplete;
    expect(status()).to.equal('pending');
    expect(buttons()).to.deep.equal(['Undo change 1']);
    expect(text(el, 'p[role="status"]')).to.include('Change 1 is queued again; it uploads at the next sync.');
    await sync(el);
    expect(status()).to.equal('failed INVALID_CROSS_REFERENCE_KEY: invalid cross reference id');

    // Edit puts the change in the offline edit form; the corrected value replaces it.
    deep<HTMLButtonElement>(el, 'button[aria-label="Edit change 1"]').click();
    await el.updateComplete;
    expect(deep<HTMLSelectElement>(el, '#view-object').value).to.equal('WorkOrder');
    expect(deep<HTMLSelectElement>(el, '#edit-record').value).to.equal(id);
    expect(deep<HTMLSelectElement>(el, '#edit-field').value).to.equal('ContactId');
    const value = deep<HTMLInputElement>(el, '#edit-value');
    expect(value.value).to.equal(missingContact);
    const fixed = String((await device.records('Contact'))[0]!.Id);
    value.value = fixed;
    value.dispatchEvent(new Event('input'));
    deep<HTMLButtonElement>(el, '.edit button').click();
    await el.updateComplete;
    expect(status()).to.equal('pending');
    expect(
      pendingRow(el, 1).querySelector('td:nth-child(2)')!.textContent!.replace(/\s+/g, ' ').trim(),
    ).to.equal(`update WorkOrder ${id} {"ContactId":"${fixed}"}`);
    choose(deep<HTMLSelectElement>(el, '#view-object'), 'WorkOrder');
    await sync(el);
    expect(text(el, '#pending-title')).to.equal('Pending changes (0)');
    expect((await device.record('WorkOrder', id))?.['ContactId']).to.equal(fixed);
  });
});
