import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/app/records/record-list/record-list.ts';
import type { RecordList } from '../../src/app/records/record-list/record-list.ts';
import type { DeviceClient } from '../../src/app/device/device-client.ts';
import type { SyncPlan } from '../../src/compiler/plan.ts';
import type { OpenRecordEvent, SyncRequestEvent } from '../../src/app/records/events.ts';
import { PULL_THRESHOLD_PX } from '../../src/app/records/pull-to-refresh.ts';
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

async function list(object: string): Promise<RecordList> {
  const el = await fixture<RecordList>(
    html`<ss-record-list
      style="height: 600px"
      .device=${device}
      .plan=${plan}
      .metadata=${ORG_METADATA}
      object=${object}
    ></ss-record-list>`,
  );
  await el.reload();
  await el.updateComplete;
  return el;
}

const rowIds = (el: RecordList): string[] => allInShadow(el, 'button.row').map((b) => b.dataset['id']!);
const rowTitles = (el: RecordList): string[] =>
  allInShadow(el, 'button.row .row-title').map((t) => t.textContent!.trim());

function touch(target: Element, x: number, y: number): Touch {
  return new Touch({ identifier: 1, target, clientX: x, clientY: y });
}

function dispatchTouch(target: Element, type: string, touches: Touch[]): void {
  target.dispatchEvent(
    new TouchEvent(type, {
      touches: type === 'touchend' ? [] : touches,
      changedTouches: touches,
      bubbles: true,
      composed: true,
      cancelable: true,
    }),
  );
}

/** A finger on the first row, dragged down by `distance` px in steps, then lifted. */
async function touchPull(el: RecordList, distance: number): Promise<void> {
  const row = inShadow(el, 'button.row');
  const box = row.getBoundingClientRect();
  const x = box.left + 20;
  const y = box.top + 10;
  dispatchTouch(row, 'touchstart', [touch(row, x, y)]);
  for (let step = 1; step <= 5; step++) {
    dispatchTouch(row, 'touchmove', [touch(row, x, y + (distance * step) / 5)]);
    await el.updateComplete;
  }
  dispatchTouch(row, 'touchend', [touch(row, x, y + distance)]);
  await el.updateComplete;
}

function countRequests(el: RecordList): SyncRequestEvent[] {
  const seen: SyncRequestEvent[] = [];
  el.addEventListener('ss-sync-request', (e) => seen.push(e));
  return seen;
}

describe('ss-record-list (a real in-page device synced against the embedded org)', function () {
  this.timeout(60000);

  it('lists exactly the records the device holds, titled by name and with key fields', async () => {
    for (const object of ['WorkOrder', 'Account', 'Contact', 'Product2']) {
      const el = await list(object);
      const records = await device.records(object);
      expect(records.length, object).to.be.greaterThan(0);
      expect(rowIds(el), object).to.deep.equal(records.map((r) => r.Id));
      expect(inShadow(el, '.count').textContent!.trim()).to.equal(
        `${records.length} ${ORG_METADATA[object]!.labelPlural}`,
      );
    }
    const workOrders = await device.records('WorkOrder');
    const el = await list('WorkOrder');
    expect(rowTitles(el)).to.deep.equal(workOrders.map((r) => r['WorkOrderNumber']));
    // Key fields: Subject and Status under the number.
    const first = workOrders[0]!;
    expect(allInShadow(el, 'button.row .row-meta')[0]!.textContent).to.equal(
      `${first['Subject'] as string}${first['Status'] as string}`,
    );
    const contacts = await device.records('Contact');
    expect(rowTitles(await list('Contact'))).to.deep.equal(
      contacts.map((c) => [c['FirstName'], c['LastName']].filter(Boolean).join(' ')),
    );
  });

  it('search keeps exactly the rows whose shown text contains every typed term', async () => {
    const el = await list('Account');
    const accounts = await device.records('Account');
    const name = accounts[1]!['Name'] as string;
    const term = name.split(' ')[0]!.toLowerCase();
    inShadow<HTMLInputElement>(el, '#search').focus();
    await sendKeys({ type: term });
    await el.updateComplete;
    const expected = accounts
      .filter((a) =>
        [a['Name'], a['Phone'], a['BillingCity']].some(
          (v) => typeof v === 'string' && v.toLowerCase().includes(term),
        ),
      )
      .map((a) => a.Id);
    expect(expected.length).to.be.greaterThan(0);
    expect(rowIds(el)).to.deep.equal(expected);
    expect(inShadow(el, '.count').textContent!.trim()).to.equal(
      `${expected.length} of ${accounts.length} Accounts`,
    );

    // Two terms: both must match (the exact name and a term no account has).
    el.search = `${name} zzzz-no-such`;
    await el.updateComplete;
    expect(rowIds(el)).to.deep.equal([]);
    expect(inShadow(el, '.empty').textContent!.trim()).to.equal(`No Accounts match “${name} zzzz-no-such”.`);
  });

  it('a row opens its record', async () => {
    const el = await list('WorkOrder');
    const rows = allInShadow(el, 'button.row');
    const opened = oneEvent(el, 'ss-open-record');
    rows[1]!.click();
    const event = (await opened) as unknown as OpenRecordEvent;
    expect([event.object, event.recordId]).to.deep.equal(['WorkOrder', rows[1]!.dataset['id']]);
  });

  it('pull-to-refresh by touch past the threshold asks for exactly one sync (pull); short of it none', async () => {
    const el = await list('WorkOrder');
    const requests = countRequests(el);
    await touchPull(el, PULL_THRESHOLD_PX / 2);
    expect(requests.length).to.equal(0);
    await touchPull(el, PULL_THRESHOLD_PX + 40);
    expect(requests.map((r) => r.trigger)).to.deep.equal(['pull']);
  });

  it('shows the spinner affordance while pulling: "Pull to refresh", then "Release to refresh" past the threshold', async () => {
    const el = await list('WorkOrder');
    const row = inShadow(el, 'button.row');
    const box = row.getBoundingClientRect();
    dispatchTouch(row, 'touchstart', [touch(row, box.left + 20, box.top + 10)]);
    dispatchTouch(row, 'touchmove', [touch(row, box.left + 20, box.top + 10 + PULL_THRESHOLD_PX / 2)]);
    await el.updateComplete;
    expect(inShadow(el, '.pull').dataset['state']).to.equal('pulling');
    expect(inShadow(el, '.pull').textContent!.trim()).to.equal('Pull to refresh');
    dispatchTouch(row, 'touchmove', [touch(row, box.left + 20, box.top + 10 + PULL_THRESHOLD_PX + 10)]);
    await el.updateComplete;
    expect(inShadow(el, '.pull').dataset['state']).to.equal('armed');
    expect(inShadow(el, '.pull').textContent!.trim()).to.equal('Release to refresh');
    dispatchTouch(row, 'touchcancel', []);
    await el.updateComplete;
    expect(inShadow(el, '.pull').dataset['state']).to.equal('idle');
  });

  it('pull-to-refresh with the mouse (real pointer events) past the threshold asks once; short of it none, and no row opens', async () => {
    const el = await list('WorkOrder');
    const requests = countRequests(el);
    const opened: Event[] = [];
    el.addEventListener('ss-open-record', (e) => opened.push(e));
    const box = inShadow(el, 'button.row').getBoundingClientRect();
    const x = Math.round(box.left + 20);
    const y = Math.round(box.top + 10);
    const drag = async (distance: number): Promise<void> => {
      await sendMouse({ type: 'move', position: [x, y] });
      await sendMouse({ type: 'down' });
      for (let step = 1; step <= 4; step++)
        await sendMouse({ type: 'move', position: [x, y + Math.round((distance * step) / 4)] });
      await sendMouse({ type: 'up' });
      await el.updateComplete;
    };
    await drag(PULL_THRESHOLD_PX / 2);
    expect(requests.length).to.equal(0);
    await drag(PULL_THRESHOLD_PX + 40);
    expect(requests.map((r) => r.trigger)).to.deep.equal(['pull']);
    expect(opened.length).to.equal(0);
  });

  it('the Refresh button asks for the same sync by keyboard, and the spinner turns until the sync ends', async () => {
    const el = await list('WorkOrder');
    let finish!: () => void;
    const requests: SyncRequestEvent[] = [];
    el.addEventListener('ss-sync-request', (e) => {
      requests.push(e);
      e.respondWith(new Promise<void>((resolve) => (finish = resolve)));
    });
    const refresh = inShadow<HTMLButtonElement>(el, 'button[aria-label="Refresh Work Orders (sync now)"]');
    refresh.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(requests.map((r) => r.trigger)).to.deep.equal(['pull']);
    expect(inShadow(el, '.pull').dataset['state']).to.equal('refreshing');
    expect(inShadow(el, '.pull').textContent!.trim()).to.equal('Syncing…');
    // The list stays readable meanwhile.
    expect(rowIds(el)).to.deep.equal((await device.records('WorkOrder')).map((r) => r.Id));
    finish();
    await requests[0]!.response;
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
    expect(inShadow(el, '.pull').dataset['state']).to.equal('idle');
  });

  it('while a sync runs (started anywhere) the spinner turns and the rows stay readable; then it re-reads', async () => {
    const el = await list('WorkOrder');
    const before = rowIds(el);
    const sync = device.sync('menu');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
    expect(inShadow(el, '.pull').dataset['state']).to.equal('refreshing');
    expect(rowIds(el)).to.deep.equal(before);
    const summary = await sync;
    expect(summary.ok, summary.error).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
    expect(inShadow(el, '.pull').dataset['state']).to.equal('idle');
    expect(rowIds(el)).to.deep.equal((await device.records('WorkOrder')).map((r) => r.Id));
  });

  it('re-reads itself on the device\'s "changed" (a local create shows at once, pending)', async () => {
    const el = await list('Contact');
    const before = rowIds(el);
    const accountId = (await device.records('Account'))[0]!.Id;
    const id = await device.create('Contact', {
      LastName: 'Zed',
      Email: 'zed@example.com',
      AccountId: accountId,
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
    expect(before).not.to.include(id);
    expect(rowIds(el)).to.deep.equal((await device.records('Contact')).map((r) => r.Id));
    expect(rowIds(el)).to.include(id);
    expect(inShadow(el, `button.row[data-id="${id}"] .badge`).textContent).to.equal('Pending upload');
    const pending = await device.pendingChanges();
    await device.undo(pending.find((p) => p.recordId === id)!.seq);
  });

  it('is accessible and fits 360 px without sideways scrolling; every button is at least 44 px high', async () => {
    await setViewport({ width: 360, height: 740 });
    try {
      const el = await list('WorkOrder');
      await expectAccessible(el);
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
      for (const button of allInShadow(el, 'button'))
        expect(button.getBoundingClientRect().height, button.textContent!).to.be.at.least(44);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
