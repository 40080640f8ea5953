/**
 * The shell hands the describes the device keeps to every screen: the list is titled with the object's
 * plural label, fields carry their labels, a picklist is a select of the describe's values, and the menu
 * and header use the labels. A real in-page device fetched the describes from the embedded org at
 * sign-in (through the test runner's /api proxy); real Chromium renders the real shell.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/app/shell/field-app.ts';
import type { FieldApp } from '../../src/app/shell/field-app.ts';
import { routeHash, type Route } from '../../src/app/shell/route.ts';
import type { DeviceClient } from '../../src/app/device/device-client.ts';
import { examplePlan, syncedDevice } from './support.ts';

let device: DeviceClient;
let app: FieldApp;

before(async function () {
  this.timeout(90000);
  device = await syncedDevice(examplePlan());
});

after(async () => {
  app?.remove();
  await device?.stopSchedule();
  await device?.close();
  history.replaceState(null, '', location.pathname + location.search);
});

/** Goes to `route` and waits until the shell and the screen it shows have rendered. */
async function go(route: Route, selector: string, ready: (el: Element) => boolean): Promise<Element> {
  location.hash = routeHash(route);
  for (let i = 0; i < 400; i++) {
    await app.updateComplete;
    const el = app.shadowRoot!.querySelector(selector);
    if (el && ready(el)) return el;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${selector} did not render for ${routeHash(route)}`);
}

describe('ss-field-app with the device describes', () => {
  it('titles lists, labels fields and offers picklists from the describes', async function () {
    this.timeout(60000);
    const metadata = await device.metadata();
    expect(Object.keys(metadata)).to.deep.equal([
      'Product2',
      'WorkOrder',
      'Account',
      'Asset',
      'Contact',
      'WorkOrderLineItem',
    ]);
    location.hash = '#/';
    app = await fixture<FieldApp>(
      html`<ss-field-app
        .device=${device}
        .config=${{
          instanceUrl: 'http://127.0.0.1',
          clientId: 'test',
          scopeName: 'field-technician',
          apiVersion: '62.0',
        }}
      ></ss-field-app>`,
    );
    await app.start();
    expect(app.phase).to.equal('ready');

    const list = await go({ place: 'list', object: 'WorkOrder' }, 'ss-record-list', (el) =>
      Boolean(el.shadowRoot?.querySelector('#title')),
    );
    expect(list.shadowRoot!.querySelector('#title')!.textContent!.trim()).to.equal('Work Orders');
    const header = app.shadowRoot!.querySelector('ss-app-header')!;
    await (header as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(header.shadowRoot!.textContent).to.contain('Work Orders');
    const menu = app.shadowRoot!.querySelector('ss-main-menu')!;
    expect(menu.places.map((p) => p.label)).to.deep.equal([
      'Home',
      'Products',
      'Work Orders',
      'Accounts',
      'Assets',
      'Contacts',
      'Work Order Line Items',
      'Settings',
    ]);

    const form = await go({ place: 'create', object: 'WorkOrder' }, 'ss-record-form', (el) =>
      Boolean(el.shadowRoot?.querySelector('[data-field="Status"]')),
    );
    const status = form.shadowRoot!.querySelector<HTMLSelectElement>('[data-field="Status"]')!;
    expect(status.tagName).to.equal('SELECT');
    expect([...status.options].map((o) => o.value)).to.deep.equal([
      '',
      'New',
      'In Progress',
      'On Hold',
      'Completed',
      'Closed',
      'Cannot Complete',
      'Canceled',
    ]);
    const startLabel = form.shadowRoot!.querySelector(
      `label[for="${form.shadowRoot!.querySelector('[data-field="StartDate"]')!.id}"]`,
    );
    expect(startLabel!.textContent!.trim()).to.equal('Start Date');
  });
});
