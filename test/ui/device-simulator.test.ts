import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/ui/components/device-simulator/device-simulator.ts';
import type { DeviceSimulator } from '../../src/ui/components/device-simulator/device-simulator.ts';
import type { ConflictResolver } from '../../src/app/records/conflict-resolver/conflict-resolver.ts';
import { ApiClient } from '../../src/ui/api-client.ts';
import type { SessionUser } from '../../src/org/api-types.ts';
import { deep, deepAll, makeStore, shadow } from './fixtures.ts';

// A real config server over the embedded demo org answers /api (see web-test-runner.config.js).
const api = new ApiClient();

async function count(soql: string): Promise<number> {
  const response = await api.orgRequest({
    method: 'GET',
    url: `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`,
  });
  return (response.body as { totalSize: number }).totalSize;
}

async function technician(): Promise<SessionUser> {
  const session = await api.session();
  return session.users.filter((u) => u.id !== session.connectedUser.id).at(-1)!;
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function syncAndWait(el: DeviceSimulator): Promise<string[]> {
  // Record what the progress area says while the sync runs.
  const seen: string[] = [];
  const observer = new MutationObserver(() => {
    const running = el.shadowRoot!.querySelector('[data-state="syncing"] label');
    const text = running?.textContent?.trim();
    if (text && seen.at(-1) !== text) seen.push(text);
  });
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
  shadow<HTMLButtonElement>(el, '.toolbar button.brand').click();
  await el.updateComplete;
  expect(el.shadowRoot!.querySelector('[data-summary]')).to.equal(null);
  await waitUntil(() => el.shadowRoot!.querySelector('[data-summary]'), 'no summary', { timeout: 60000 });
  observer.disconnect();
  return seen;
}

function summaryRow(el: DeviceSimulator, object: string, col: string): number {
  return Number(
    shadow(el, `[data-summary] tr[data-object="${object}"] td[data-col="${col}"]`).textContent!.trim(),
  );
}

describe('ss-device-simulator (against the embedded org)', function () {
  // A real org behind a real server: the first call starts them, and the machine may be busy.
  this.timeout(60000);

  it('is accessible', async () => {
    const el = await fixture<DeviceSimulator>(
      html`<ss-device-simulator
        .store=${makeStore()}
        .api=${api}
        user-id="0058e0000000004AAA"
      ></ss-device-simulator>`,
    );
    await expect(el).to.be.accessible();
  });

  it('Sync now shows progress by phase and object, then the summary and when the next sync is due', async () => {
    const user = await technician();
    const store = makeStore();
    const el = await fixture<DeviceSimulator>(
      html`<ss-device-simulator .store=${store} .api=${api} user-id=${user.id}></ss-device-simulator>`,
    );
    const seen = await syncAndWait(el);

    expect(seen[0]).to.match(/^(Starting…|Uploading changes: 0( of 0)?)$/);
    // WorkOrder has a limit and a relative date: the runtime brings it in by reconciliation.
    expect(
      seen.some((t) => /^Reconciling WorkOrder: \d+( of \d+)?$/.test(t)),
      seen.join(' | '),
    ).to.equal(true);
    expect(
      seen.some((t) => /^Downloading Product2: \d+( of \d+)?$/.test(t)),
      seen.join(' | '),
    ).to.equal(true);

    expect(shadow(el, '[data-summary]').dataset['summary']).to.equal('ok');
    expect(shadow(el, '#summary-title').textContent).to.match(
      /^\s*Sync complete\s+in [\d,]+ ms, \d+ API calls\s*$/,
    );
    const device = el.device!;
    for (const o of store.plan!.objects) {
      const held = (await device.records(o.name)).length;
      expect(summaryRow(el, o.name, 'records'), o.name).to.equal(held);
      expect(summaryRow(el, o.name, 'downloaded'), o.name).to.equal(held);
    }
    const where = `OwnerId = '${user.id}' AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14`;
    expect(summaryRow(el, 'WorkOrder', 'records')).to.equal(
      Math.min(500, await count(`SELECT COUNT() FROM WorkOrder WHERE ${where}`)),
    );
    expect(summaryRow(el, 'Product2', 'records')).to.equal(
      await count('SELECT COUNT() FROM Product2 WHERE IsActive = true'),
    );

    const progress = shadow<HTMLProgressElement>(el, 'progress');
    expect(progress.value).to.equal(100);
    expect(
      [...el.shadowRoot!.querySelectorAll('.steps li')].map((li) => li.getAttribute('data-state')),
    ).to.deep.equal(Array(store.plan!.objects.length + 1).fill('done'));
    expect(shadow(el, '[data-next-sync]').textContent).to.equal(
      new Date((await device.status()).nextSyncAt!).toLocaleTimeString(),
    );
    expect(deep(el, 'table[aria-label="Sync history"] tbody').children.length).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('an offline edit waits in pending changes and uploads first on the next sync', async () => {
    const user = await technician();
    const el = await fixture<DeviceSimulator>(
      html`<ss-device-simulator .store=${makeStore()} .api=${api} user-id=${user.id}></ss-device-simulator>`,
    );
    await syncAndWait(el);
    const id = String((await el.device!.records('WorkOrder'))[0]!.Id);
    const subject = `Changed offline ${Date.now()}`;
    choose(deep<HTMLSelectElement>(el, '#view-object'), 'WorkOrder');
    await el.updateComplete;
    choose(deep<HTMLSelectElement>(el, '#edit-record'), id);
    await el.updateComplete;
    choose(deep<HTMLSelectElement>(el, '#edit-field'), 'Subject');
    await el.updateComplete;
    const value = deep<HTMLInputElement>(el, '#edit-value');
    value.value = subject;
    value.dispatchEvent(new Event('input'));
    deep<HTMLButtonElement>(el, '.edit button').click();
    await el.updateComplete;
    const pending = deepAll(el, 'table[aria-label="Pending changes"] tbody tr').map((r) =>
      r
        .textContent!.replace(/\s+/g, ' ')
        .trim()
        .replace(/ Undo$/, ''),
    );
    expect(pending).to.deep.equal([`1 update WorkOrder ${id} {"Subject":"${subject}"} pending`]);

    await syncAndWait(el);
    expect(summaryRow(el, 'WorkOrder', 'records')).to.be.greaterThan(0);
    expect(shadow(el, '[data-summary] tr[data-object="WorkOrder"] td').textContent!.trim()).to.equal('1');
    expect(deep(el, '#pending-title').textContent).to.equal('Pending changes (0)');
    expect(
      await count(`SELECT COUNT() FROM WorkOrder WHERE Id = '${id}' AND Subject = '${subject}'`),
    ).to.equal(1);
  });

  it('a change the server made meanwhile becomes a conflict (manual policy) that the user resolves', async () => {
    const user = await technician();
    const el = await fixture<DeviceSimulator>(
      html`<ss-device-simulator .store=${makeStore()} .api=${api} user-id=${user.id}></ss-device-simulator>`,
    );
    await syncAndWait(el);
    const device = el.device!;
    const contact = (await device.records('Contact'))[0]!;
    const id = String(contact.Id);
    await device.update('Contact', id, { Phone: '+1 555 0100' });
    // Someone changes the same record in the org before the device syncs.
    const patch = await api.orgRequest({
      method: 'PATCH',
      url: `/services/data/v62.0/sobjects/Contact/${id}`,
      body: { Phone: '+1 555 0199' },
    });
    expect(patch.status).to.equal(204);
    await syncAndWait(el);
    const title = deep(el, '#conflicts-title');
    expect(title.textContent).to.equal('Conflicts (1)');
    // The field app's conflict resolver, reading the device's conflicts: Mine and Theirs per field.
    const resolver = deep<ConflictResolver>(el, 'ss-conflict-resolver');
    await resolver.reload();
    await resolver.updateComplete;
    const cards = deepAll(resolver, 'section.conflict');
    expect(cards.length).to.equal(1);
    expect((await device.conflicts()).map((c) => [c.seq, c.recordId])).to.deep.equal([
      [Number(cards[0]!.dataset['seq']), id],
    ]);
    const rows = [...cards[0]!.querySelectorAll<HTMLElement>('fieldset')].map((f) => [
      f.dataset['field'],
      ...[...f.querySelectorAll('.value')].map((v) => v.textContent!.trim()),
    ]);
    expect(rows).to.deep.equal([['Phone', '+1 555 0100', '+1 555 0199']]);
    deep<HTMLButtonElement>(resolver, 'button[data-side="theirs"]').click();
    await resolver.updateComplete;
    const resolved = oneEvent(resolver, 'ss-conflict-resolved');
    deep<HTMLButtonElement>(resolver, 'section.conflict button.brand').click();
    await resolved;
    await el.updateComplete;
    expect(deepAll(el, '#conflicts-title')).to.deep.equal([]);
    expect((await device.record('Contact', id))?.['Phone']).to.equal('+1 555 0199');
    expect(await device.pendingChanges()).to.deep.equal([]);
  });
});
