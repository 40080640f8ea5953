import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/ui/components/app/app.ts';
import type { App } from '../../src/ui/components/app/app.ts';
import { settle } from '../../src/ui/state/deep-focus.ts';
import { makeStore, shadow } from './fixtures.ts';

/** The focused element, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('ss-app', () => {
  it('is accessible', async () => {
    const el = await fixture<App>(html`<ss-app .store=${makeStore()}></ss-app>`);
    await settle(el.shadowRoot!);
    await expect(el).to.be.accessible();
  });

  it('a diagnostic in the list jumps to its control: selects the object and focuses the control', async () => {
    const store = makeStore();
    store.edit((s) => ({
      ...s,
      objects: { ...s.objects, Product2: { ...s.objects['Product2']!, where: 'IsActiv = true' } },
    }));
    const el = await fixture<App>(html`<ss-app .store=${store} selected="WorkOrder"></ss-app>`);
    await settle(el.shadowRoot!);
    const list = shadow(el, 'ss-diagnostic-list');
    const item = shadow<HTMLButtonElement>(list, 'button[data-code="UNKNOWN_FIELD"]');
    expect(item.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'error UNKNOWN_FIELD Product2 has no field IsActiv Product2 › where',
    );
    item.click();
    await new Promise((r) => setTimeout(r, 50));
    await settle(el.shadowRoot!);
    expect(el.selected).to.equal('Product2');
    const focused = deepActive() as HTMLElement;
    expect(focused.dataset['pointer']).to.equal('/objects/Product2/where');
    // Fixing it right there clears the problem everywhere.
    (focused as HTMLTextAreaElement).select();
    await sendKeys({ type: 'IsActive = true' });
    await settle(el.shadowRoot!);
    expect(list.shadowRoot!.querySelector('button[data-code="UNKNOWN_FIELD"]')).to.equal(null);
  });

  it('the tabs switch views, with arrow keys too', async () => {
    const el = await fixture<App>(html`<ss-app .store=${makeStore()}></ss-app>`);
    shadow(el, '#tab-object').focus();
    await sendKeys({ press: 'ArrowRight' });
    await settle(el.shadowRoot!);
    expect(el.tab).to.equal('json');
    expect(el.shadowRoot!.querySelector('[role="tabpanel"] ss-json-view')).to.not.equal(null);
    await sendKeys({ press: 'ArrowRight' });
    await settle(el.shadowRoot!);
    expect(el.shadowRoot!.querySelector('[role="tabpanel"] ss-plan-view')).to.not.equal(null);
  });

  it('prints the compile time of the last edit (measured, not asserted)', async () => {
    const el = await fixture<App>(html`<ss-app .store=${makeStore()}></ss-app>`);
    const ms = Number(shadow(el, '[data-compile-ms]').dataset['compileMs']);
    expect(Number.isFinite(ms)).to.equal(true);
  });
});
