import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/ui/components/preview-panel/preview-panel.ts';
import type { PreviewPanel } from '../../src/ui/components/preview-panel/preview-panel.ts';
import { ApiClient } from '../../src/ui/api-client.ts';
import type { SessionUser } from '../../src/org/api-types.ts';
import { makeStore, shadow } from './fixtures.ts';

// These tests talk to a real config server over the embedded demo org (web-test-runner.config.js proxies /api).
const api = new ApiClient();

/** COUNT() through the org proxy: an independent way to know what the preview must show. */
async function count(soql: string): Promise<number> {
  const response = await api.orgRequest({
    method: 'GET',
    url: `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`,
  });
  expect(response.status, JSON.stringify(response.body)).to.equal(200);
  return (response.body as { totalSize: number }).totalSize;
}

async function technician(): Promise<SessionUser> {
  const session = await api.session();
  // The demo technician by name: the org also has a dispatcher, who owns no work orders.
  const user = session.users.find((u) => u.username === 'tess.fielding@syncscope.example');
  if (!user) throw new Error('the demo org has no technician tess.fielding@syncscope.example');
  return user;
}

function rowCount(el: PreviewPanel, object: string): number {
  return Number(shadow(el, `tr[data-object="${object}"] [data-count]`).textContent!.replace(/[^0-9]/g, ''));
}

describe('ss-preview-panel (against the embedded org)', function () {
  // A real org behind a real server: the first call starts them, and the machine may be busy.
  this.timeout(60000);

  it('is accessible', async () => {
    const el = await fixture<PreviewPanel>(
      html`<ss-preview-panel
        .store=${makeStore()}
        .api=${api}
        user-id="0058e0000000004AAA"
      ></ss-preview-panel>`,
    );
    await expect(el).to.be.accessible();
  });

  it('lists the fields the user cannot read as left out of their device', async () => {
    const user = await technician();
    const store = makeStore();
    store.edit((s) => ({
      ...s,
      objects: {
        ...s.objects,
        Asset: { ...s.objects.Asset!, fields: [...s.objects.Asset!.fields, 'Price'] },
      },
    }));
    const el = await fixture<PreviewPanel>(
      html`<ss-preview-panel .store=${store} .api=${api} user-id=${user.id}></ss-preview-panel>`,
    );
    shadow<HTMLButtonElement>(el, 'button.brand').click();
    await waitUntil(
      () => el.shadowRoot!.querySelector('tr[data-object="Asset"], [data-state="error"]'),
      'no preview result',
      { timeout: 20000 },
    );
    expect(shadow(el, 'tr[data-object="Asset"] [data-dropped]').textContent!.trim()).to.equal(
      'Left out (the user cannot read): Price',
    );
    expect(el.shadowRoot!.querySelector('tr[data-object="WorkOrder"] [data-dropped]')).to.equal(null);
  });

  it('shows per-object record counts from the org for the chosen user', async () => {
    const user = await technician();
    const store = makeStore();
    const el = await fixture<PreviewPanel>(
      html`<ss-preview-panel .store=${store} .api=${api} user-id=${user.id}></ss-preview-panel>`,
    );
    shadow<HTMLButtonElement>(el, 'button.brand').click();
    await waitUntil(
      () => el.shadowRoot!.querySelector('tr[data-object="Product2"], [data-state="error"]'),
      'no preview result',
      {
        timeout: 20000,
      },
    );
    expect(el.shadowRoot!.querySelector('[data-state="error"]')?.textContent ?? '').to.equal('');

    const workOrderWhere = `OwnerId = '${user.id}' AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14`;
    const workOrders = Math.min(500, await count(`SELECT COUNT() FROM WorkOrder WHERE ${workOrderWhere}`));
    expect(workOrders).to.be.greaterThan(0);
    expect(rowCount(el, 'Product2')).to.equal(
      await count('SELECT COUNT() FROM Product2 WHERE IsActive = true'),
    );
    expect(rowCount(el, 'WorkOrder')).to.equal(workOrders);
    if (workOrders < 500) {
      expect(rowCount(el, 'WorkOrderLineItem')).to.equal(
        await count(
          `SELECT COUNT() FROM WorkOrderLineItem WHERE WorkOrderId IN (SELECT Id FROM WorkOrder WHERE ${workOrderWhere})`,
        ),
      );
    }
    const order = [...el.shadowRoot!.querySelectorAll('tbody tr[data-object]')].map((r) =>
      r.getAttribute('data-object'),
    );
    // Objects in plan (dependency) order.
    expect(order).to.deep.equal(store.plan!.objects.map((o) => o.name));
    const records = Number(shadow(el, '[data-stat="records"] .value').textContent!.replace(/[^0-9]/g, ''));
    expect(records).to.equal(order.reduce((n, o) => n + rowCount(el, o!), 0));
    await expect(el).to.be.accessible();
  });

  it('a scope with errors cannot be previewed', async () => {
    const store = makeStore();
    store.edit((s) => ({
      ...s,
      objects: { ...s.objects, Product2: { ...s.objects['Product2']!, where: 'IsActive = ' } },
    }));
    const el = await fixture<PreviewPanel>(
      html`<ss-preview-panel .store=${store} .api=${api} user-id="0058e0000000004AAA"></ss-preview-panel>`,
    );
    expect(shadow<HTMLButtonElement>(el, 'button.brand').disabled).to.equal(true);
    expect(shadow(el, '.controls .weak').textContent).to.equal('Fix the 1 errors first.');
  });
});
