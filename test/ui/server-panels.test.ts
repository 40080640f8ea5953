import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/ui/components/diff-panel/diff-panel.ts';
import '../../src/ui/components/publish-panel/publish-panel.ts';
import '../../src/ui/components/why-panel/why-panel.ts';
import type { DiffPanel } from '../../src/ui/components/diff-panel/diff-panel.ts';
import type { PublishPanel } from '../../src/ui/components/publish-panel/publish-panel.ts';
import type { WhyPanel } from '../../src/ui/components/why-panel/why-panel.ts';
import { ApiClient } from '../../src/ui/api-client.ts';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { EXAMPLE_SCOPE, makeStore, shadow } from './fixtures.ts';

// A real config server over the embedded demo org answers /api (see web-test-runner.config.js).
const api = new ApiClient();

/** A scope name no other test publishes under. */
function uniqueScope(label: string): SyncScope {
  return { ...EXAMPLE_SCOPE, name: `${label} ${Date.now()} ${Math.random().toString(36).slice(2, 6)}` };
}

async function firstId(soql: string): Promise<string> {
  const response = await api.orgRequest({
    method: 'GET',
    url: `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`,
  });
  return (response.body as { records: { Id: string }[] }).records[0]!.Id;
}

async function userId(): Promise<string> {
  const session = await api.session();
  return session.users.find((u) => u.id !== session.connectedUser.id)!.id;
}

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('ss-publish-panel (against the embedded org)', function () {
  // A real org behind a real server: the first call starts them, and the machine may be busy.
  this.timeout(60000);

  it('is accessible', async () => {
    const el = await fixture<PublishPanel>(
      html`<ss-publish-panel .store=${makeStore(uniqueScope('A11y'))} .api=${api}></ss-publish-panel>`,
    );
    await waitUntil(() => !el.shadowRoot!.querySelector('[data-state="pending"]'), 'versions pending', {
      timeout: 15000,
    });
    await expect(el).to.be.accessible();
  });

  it('publishes versions with notes, lists them newest first, and restores one into the editor', async () => {
    const store = makeStore(uniqueScope('Publish'));
    const el = await fixture<PublishPanel>(
      html`<ss-publish-panel .store=${store} .api=${api}></ss-publish-panel>`,
    );
    await waitUntil(
      () => text(el.shadowRoot!.querySelector('p.weak')) === 'No version of this scope is published yet.',
      'no empty list',
      {
        timeout: 10000,
      },
    );
    const publish = shadow<HTMLButtonElement>(el, 'button[type="submit"]');
    expect(publish.disabled).to.equal(true);

    shadow(el, '#note').focus();
    await sendKeys({ type: 'First rollout' });
    await el.updateComplete;
    publish.click();
    await waitUntil(() => el.shadowRoot!.querySelector('tr[data-version="1"]'), 'version 1 not listed', {
      timeout: 10000,
    });

    store.edit((s) => ({
      ...s,
      objects: { ...s.objects, WorkOrder: { ...s.objects['WorkOrder']!, limit: 200 } },
    }));
    shadow(el, '#note').focus();
    await sendKeys({ type: 'Fewer work orders' });
    await el.updateComplete;
    publish.click();
    await waitUntil(() => el.shadowRoot!.querySelector('tr[data-version="2"]'), 'version 2 not listed', {
      timeout: 10000,
    });
    expect(
      [...el.shadowRoot!.querySelectorAll('table[aria-label="Published versions"] tbody tr')].map((r) =>
        text(r.querySelector('td')),
      ),
    ).to.deep.equal(['Fewer work orders', 'First rollout']);

    shadow<HTMLButtonElement>(el, 'button[aria-label="Restore version 1"]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('tr[data-version="3"]'), 'version 3 not listed', {
      timeout: 10000,
    });
    expect(store.scope.objects['WorkOrder']?.limit).to.equal(500);
    expect(text(el.shadowRoot!.querySelector('tr[data-version="3"] td'))).to.equal('Restored version 1');
    await expect(el).to.be.accessible();
  });
});

describe('ss-diff-panel (against the embedded org)', function () {
  // A real org behind a real server: the first call starts them, and the machine may be busy.
  this.timeout(60000);

  it('is accessible', async () => {
    const el = await fixture<DiffPanel>(
      html`<ss-diff-panel .store=${makeStore()} .api=${api} user-id="0058e0000000004AAA"></ss-diff-panel>`,
    );
    await expect(el).to.be.accessible();
  });

  it('compares with the published version: what changes, and what devices download again', async () => {
    const scope = uniqueScope('Diff');
    const store = makeStore(scope);
    const el = await fixture<DiffPanel>(
      html`<ss-diff-panel .store=${store} .api=${api} user-id=${await userId()}></ss-diff-panel>`,
    );
    const run = async (): Promise<void> => {
      const before = el.shadowRoot!.querySelector('table');
      shadow<HTMLButtonElement>(el, 'button.brand').click();
      await waitUntil(
        () => {
          const table = el.shadowRoot!.querySelector('table');
          return (table && table !== before) || el.shadowRoot!.querySelector('[data-state="error"]');
        },
        'no diff',
        { timeout: 20000 },
      );
      expect(text(el.shadowRoot!.querySelector('[data-state="error"]'))).to.equal('');
    };
    await run();
    expect(text(el.shadowRoot!.querySelector('p.published'))).to.equal(
      'This scope was never published: everything is new.',
    );
    expect(
      [...el.shadowRoot!.querySelectorAll('tbody tr')].map((r) => text(r.querySelector('td'))),
    ).to.deep.equal(store.plan!.objects.map(() => 'added'));

    await api.publish({ scope, note: 'baseline' });
    store.edit((s) => ({
      ...s,
      objects: { ...s.objects, Product2: { ...s.objects['Product2']!, where: 'IsActive = false' } },
    }));
    await run();
    const row = (name: string) =>
      [...el.shadowRoot!.querySelectorAll(`tr[data-object="${name}"] td`)].map((td) => text(td));
    expect(row('Product2')[0]).to.equal('changed');
    expect(row('Product2')[5]).to.equal('download again');
    expect(row('WorkOrder')[0]).to.equal('unchanged');
    expect(row('WorkOrder')[5]).to.equal('keep');
  });
});

describe('ss-why-panel (against the embedded org)', function () {
  // A real org behind a real server: the first call starts them, and the machine may be busy.
  this.timeout(60000);

  it('is accessible', async () => {
    const el = await fixture<WhyPanel>(
      html`<ss-why-panel .store=${makeStore()} .api=${api} user-id="0058e0000000004AAA"></ss-why-panel>`,
    );
    await expect(el).to.be.accessible();
  });

  it('explains why a record is, or is not, on the device', async () => {
    const store = makeStore();
    const el = await fixture<WhyPanel>(
      html`<ss-why-panel .store=${store} .api=${api} user-id=${await userId()}></ss-why-panel>`,
    );
    const ask = async (id: string): Promise<void> => {
      const input = shadow<HTMLInputElement>(el, '#record-id');
      input.focus();
      input.select();
      await sendKeys({ type: id });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await waitUntil(
        () => el.shadowRoot!.querySelector('[data-on-device], [data-state="error"]'),
        'no answer',
        { timeout: 10000 },
      );
    };
    await ask(await firstId('SELECT Id FROM Product2 WHERE IsActive = true ORDER BY Id LIMIT 1'));
    expect(shadow(el, '[data-on-device]').dataset['onDevice']).to.equal('true');
    await ask(await firstId('SELECT Id FROM Product2 WHERE IsActive = false ORDER BY Id LIMIT 1'));
    await waitUntil(() => shadow(el, '[data-on-device]').dataset['onDevice'] === 'false');
    const failed = [...el.shadowRoot!.querySelectorAll('button[data-path]')];
    expect(failed.map((b) => `${b.getAttribute('data-path')} ${text(b)}`)).to.deep.equal([
      '/objects/Product2/where IsActive = true',
    ]);
    await expect(el).to.be.accessible();
  });
});
