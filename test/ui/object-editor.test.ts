import { expect, fixture, html } from '@open-wc/testing';
import '../../src/ui/components/object-editor/object-editor.ts';
import type { ObjectEditor } from '../../src/ui/components/object-editor/object-editor.ts';
import { settle } from '../../src/ui/state/deep-focus.ts';
import { setObjectProp } from '../../src/ui/state/scope-edits.ts';
import { makeStore, shadow } from './fixtures.ts';

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('ss-object-editor', () => {
  it('is accessible', async () => {
    const el = await fixture<ObjectEditor>(
      html`<ss-object-editor .store=${makeStore()} object-name="Contact"></ss-object-editor>`,
    );
    await settle(el.shadowRoot!);
    await expect(el).to.be.accessible();
  });

  it('sets access and conflict policy; conflict on a read-only object is an error at the conflict control', async () => {
    const store = makeStore();
    store.edit((s) => setObjectProp(s, 'Product2', 'conflict', 'serverWins'));
    const el = await fixture<ObjectEditor>(
      html`<ss-object-editor .store=${store} object-name="Product2"></ss-object-editor>`,
    );
    const conflict = shadow<HTMLSelectElement>(el, '#conflict');
    const errors = store.diagnosticsAt('/objects/Product2/conflict');
    expect(errors.map((d) => d.code)).to.deep.equal(['CONFLICT_ON_READ_ONLY']);
    expect(conflict.getAttribute('aria-invalid')).to.equal('true');
    expect(conflict.disabled).to.equal(false);
    expect(shadow(el, '#conflict-help').textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      `error CONFLICT_ON_READ_ONLY: ${errors[0]!.message}`,
    );

    choose(shadow<HTMLSelectElement>(el, '#access'), 'readWrite');
    await el.updateComplete;
    expect(store.scope.objects['Product2']).to.include({ access: 'readWrite', conflict: 'serverWins' });
    expect(store.diagnosticsAt('/objects/Product2/conflict')).to.deep.equal([]);
    choose(shadow<HTMLSelectElement>(el, '#access'), '');
    await el.updateComplete;
    expect(store.scope.objects['Product2']?.access).to.equal(undefined);
  });

  it('limit out of range shows at the limit control', async () => {
    const store = makeStore();
    const el = await fixture<ObjectEditor>(
      html`<ss-object-editor .store=${store} object-name="WorkOrder"></ss-object-editor>`,
    );
    const limit = shadow<HTMLInputElement>(el, '#limit');
    limit.value = '60000';
    limit.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(store.scope.objects['WorkOrder']?.limit).to.equal(60000);
    expect(store.diagnosticsAt('/objects/WorkOrder/limit').map((d) => d.code)).to.deep.equal([
      'LIMIT_OUT_OF_RANGE',
    ]);
    expect(limit.getAttribute('aria-invalid')).to.equal('true');
  });

  it('removes an object only on the second click', async () => {
    const store = makeStore();
    const el = await fixture<ObjectEditor>(
      html`<ss-object-editor .store=${store} object-name="Asset"></ss-object-editor>`,
    );
    const button = shadow<HTMLButtonElement>(el, 'header button.destructive');
    button.click();
    await el.updateComplete;
    expect(button.textContent!.trim()).to.equal('Confirm: remove Asset');
    expect(Object.keys(store.scope.objects)).to.include('Asset');
    button.click();
    await el.updateComplete;
    expect(Object.keys(store.scope.objects)).to.not.include('Asset');
    expect(shadow(el, '.empty').textContent).to.equal('Choose an object in the tree, or add one.');
  });
});
