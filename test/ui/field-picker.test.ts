import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/ui/components/field-picker/field-picker.ts';
import type { FieldPicker } from '../../src/ui/components/field-picker/field-picker.ts';
import { makeStore, shadow } from './fixtures.ts';

function optionTexts(el: FieldPicker): string[] {
  return [...el.shadowRoot!.querySelectorAll('.options label')].map((l) =>
    l.textContent!.replace(/\s+/g, ' ').trim(),
  );
}

describe('ss-field-picker', () => {
  it('is accessible', async () => {
    const el = await fixture<FieldPicker>(
      html`<ss-field-picker .store=${makeStore()} object-name="Account"></ss-field-picker>`,
    );
    await expect(el).to.be.accessible();
  });

  it('searches the describe by label, API name or type, showing types and reference targets', async () => {
    const el = await fixture<FieldPicker>(
      html`<ss-field-picker .store=${makeStore()} object-name="Account"></ss-field-picker>`,
    );
    shadow(el, '#search').focus();
    await sendKeys({ type: 'phone' });
    await el.updateComplete;
    expect(optionTexts(el)).to.deep.equal(['Account Phone Phone phone', 'Account Fax Fax phone']);
    const search = shadow<HTMLInputElement>(el, '#search');
    search.select();
    await sendKeys({ type: 'owner' });
    await el.updateComplete;
    expect(optionTexts(el)).to.deep.equal(['Owner ID OwnerId → User reference']);
  });

  it('checking a field adds it to the scope, the pill removes it', async () => {
    const store = makeStore();
    const el = await fixture<FieldPicker>(
      html`<ss-field-picker .store=${store} object-name="Account"></ss-field-picker>`,
    );
    shadow(el, '#search').focus();
    await sendKeys({ type: 'Fax' });
    await el.updateComplete;
    const box = shadow<HTMLInputElement>(el, '.options input[type="checkbox"]');
    box.click();
    await el.updateComplete;
    expect(store.scope.objects['Account']?.fields).to.deep.equal([
      'Name',
      'Phone',
      'BillingStreet',
      'BillingCity',
      'Fax',
    ]);
    expect(shadow(el, '#search').previousElementSibling!.textContent).to.equal('Fields (5 selected)');
    shadow<HTMLButtonElement>(el, 'button[aria-label="Remove Phone"]').click();
    await el.updateComplete;
    expect(store.scope.objects['Account']?.fields).to.deep.equal([
      'Name',
      'BillingStreet',
      'BillingCity',
      'Fax',
    ]);
  });

  it('Enter adds the single match', async () => {
    const store = makeStore();
    const el = await fixture<FieldPicker>(
      html`<ss-field-picker .store=${store} object-name="Account"></ss-field-picker>`,
    );
    shadow(el, '#search').focus();
    await sendKeys({ type: 'website' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(store.scope.objects['Account']?.fields).to.deep.equal([
      'Name',
      'Phone',
      'BillingStreet',
      'BillingCity',
      'Website',
    ]);
    expect(shadow<HTMLInputElement>(el, '#search').value).to.equal('');
  });

  it('marks an unknown field and shows the error at the picker', async () => {
    const store = makeStore();
    store.edit((s) => ({
      ...s,
      objects: { ...s.objects, Account: { ...s.objects['Account']!, fields: ['Name', 'Nmae'] } },
    }));
    const el = await fixture<FieldPicker>(
      html`<ss-field-picker .store=${store} object-name="Account"></ss-field-picker>`,
    );
    expect(shadow(el, '#search').getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(el, '#fields-help').textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'error UNKNOWN_FIELD: Account has no field Nmae',
    );
    expect(
      [...el.shadowRoot!.querySelectorAll('.pill.invalid')].map((p) => p.getAttribute('data-pointer')),
    ).to.deep.equal(['/objects/Account/fields/1']);
  });
});
