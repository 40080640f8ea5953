import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/ui/components/diagnostic-list/diagnostic-list.ts';
import type { DiagnosticList } from '../../src/ui/components/diagnostic-list/diagnostic-list.ts';
import type { JumpToPointerEvent } from '../../src/ui/events/events.ts';
import { setObjectProp } from '../../src/ui/state/scope-edits.ts';
import { makeStore, shadow } from './fixtures.ts';

function items(el: DiagnosticList): string[] {
  return [...el.shadowRoot!.querySelectorAll('li button')].map(
    (b) => `${b.getAttribute('data-code')} ${b.getAttribute('data-path')}`,
  );
}

describe('ss-diagnostic-list', () => {
  it('is accessible', async () => {
    const el = await fixture<DiagnosticList>(
      html`<ss-diagnostic-list .store=${makeStore()}></ss-diagnostic-list>`,
    );
    await expect(el).to.be.accessible();
  });

  it('lists errors first, counts each severity, and hides a severity on request', async () => {
    const store = makeStore();
    store.edit((s) => setObjectProp(s, 'Product2', 'where', 'IsActiv = true'));
    const el = await fixture<DiagnosticList>(html`<ss-diagnostic-list .store=${store}></ss-diagnostic-list>`);
    const all = items(el);
    expect(all[0]).to.equal('UNKNOWN_FIELD /objects/Product2/where');
    expect(all[1]).to.equal('TIME_DEPENDENT_FILTER /objects/WorkOrder/where');
    expect(all.slice(2).every((i) => i.startsWith('DEVICE_DRIVEN_PATH '))).to.equal(true);
    const toggles = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.toggle')];
    expect(
      toggles.map((t) => `${t.textContent!.replace(/\s+/g, ' ').trim()} ${t.getAttribute('aria-pressed')}`),
    ).to.deep.equal(['1 errors true', '1 warnings true', `${all.length - 2} info true`]);
    toggles[2]!.click();
    await el.updateComplete;
    expect(toggles[2]!.getAttribute('aria-pressed')).to.equal('false');
    expect(items(el)).to.deep.equal([
      'UNKNOWN_FIELD /objects/Product2/where',
      'TIME_DEPENDENT_FILTER /objects/WorkOrder/where',
    ]);
    await expect(el).to.be.accessible();
  });

  it('choosing a problem asks to jump to its pointer', async () => {
    const store = makeStore();
    store.edit((s) => setObjectProp(s, 'Product2', 'where', 'IsActiv = true'));
    const el = await fixture<DiagnosticList>(html`<ss-diagnostic-list .store=${store}></ss-diagnostic-list>`);
    setTimeout(() => shadow<HTMLButtonElement>(el, 'li button[data-code="UNKNOWN_FIELD"]').click());
    const event = (await oneEvent(el, 'ss-jump-to-pointer')) as unknown as JumpToPointerEvent;
    expect(event.pointer).to.equal('/objects/Product2/where');
    expect(event.composed).to.equal(true);
  });
});
