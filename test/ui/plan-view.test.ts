import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/ui/components/plan-view/plan-view.ts';
import type { PlanView } from '../../src/ui/components/plan-view/plan-view.ts';
import type { NoticeEvent } from '../../src/ui/events/events.ts';
import { setObjectProp } from '../../src/ui/state/scope-edits.ts';
import { makeStore, shadow } from './fixtures.ts';

describe('ss-plan-view', () => {
  it('is accessible', async () => {
    const el = await fixture<PlanView>(
      html`<ss-plan-view .store=${makeStore()} selected="Contact"></ss-plan-view>`,
    );
    await expect(el).to.be.accessible();
  });

  it('shows every template of an object, formatted, in plan order', async () => {
    const store = makeStore();
    const el = await fixture<PlanView>(
      html`<ss-plan-view .store=${store} selected="Product2"></ss-plan-view>`,
    );
    expect(
      [...el.shadowRoot!.querySelectorAll('details')].map((d) => d.getAttribute('data-object')),
    ).to.deep.equal(store.plan!.objects.map((o) => o.name));
    const product = store.plan!.objects.find((o) => o.name === 'Product2')!;
    const pres = [...el.shadowRoot!.querySelectorAll('pre[data-object="Product2"]')];
    expect(pres.map((p) => `${p.getAttribute('data-kind')} ${p.getAttribute('data-soql')}`)).to.deep.equal([
      `full ${product.queries.full[0]!.soql}`,
      `delta ${product.queries.delta[0]!.soql}`,
      `ids ${product.queries.ids[0]!.soql}`,
      'count SELECT COUNT() FROM Product2 WHERE IsActive = TRUE',
    ]);
    expect(pres[1]!.textContent).to.equal(
      [
        'SELECT Id, LastModifiedDate, Name, ProductCode, Family, IsActive',
        'FROM Product2',
        'WHERE (IsActive = TRUE)',
        '  AND LastModifiedDate > :watermark',
        'ORDER BY LastModifiedDate ASC, Id ASC',
      ].join('\n'),
    );
  });

  it('Copy puts the template, exactly as devices send it, on the clipboard', async () => {
    const store = makeStore();
    const el = await fixture<PlanView>(
      html`<ss-plan-view .store=${store} selected="Product2"></ss-plan-view>`,
    );
    const copied: string[] = [];
    const original = navigator.clipboard.writeText;
    navigator.clipboard.writeText = async (text: string) => void copied.push(text);
    try {
      setTimeout(() =>
        shadow<HTMLButtonElement>(el, 'button[aria-label="Copy Delta download SOQL of Product2"]').click(),
      );
      const notice = (await oneEvent(el, 'ss-notice')) as unknown as NoticeEvent;
      expect(notice.message).to.equal('SOQL copied to the clipboard.');
    } finally {
      navigator.clipboard.writeText = original;
    }
    expect(copied).to.deep.equal([
      store.plan!.objects.find((o) => o.name === 'Product2')!.queries.delta[0]!.soql,
    ]);
  });

  it('keeps the last plan, marked out of date, while the scope has errors', async () => {
    const store = makeStore();
    const el = await fixture<PlanView>(html`<ss-plan-view .store=${store}></ss-plan-view>`);
    const before = shadow(el, 'pre[data-object="Product2"][data-kind="full"]').dataset['soql'];
    store.edit((s) => setObjectProp(s, 'Product2', 'where', 'IsActive = '));
    await el.updateComplete;
    expect(shadow(el, '.stale').textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Out of date: the scope has 1 errors. This is the last plan that compiled.',
    );
    expect(shadow(el, 'pre[data-object="Product2"][data-kind="full"]').dataset['soql']).to.equal(before);
  });
});
