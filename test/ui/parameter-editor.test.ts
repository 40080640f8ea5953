import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/ui/components/parameter-editor/parameter-editor.ts';
import type { ParameterEditor } from '../../src/ui/components/parameter-editor/parameter-editor.ts';
import { setObjectProp } from '../../src/ui/state/scope-edits.ts';
import { makeStore, shadow } from './fixtures.ts';

describe('ss-parameter-editor', () => {
  it('is accessible', async () => {
    const store = makeStore();
    store.edit((s) => ({ ...s, parameters: { region: 'string' } }));
    const el = await fixture<ParameterEditor>(
      html`<ss-parameter-editor .store=${store}></ss-parameter-editor>`,
    );
    await expect(el).to.be.accessible();
  });

  it('declares, types and removes parameters; their diagnostics show at the name', async () => {
    const store = makeStore();
    store.edit((s) => setObjectProp(s, 'Product2', 'where', 'Family = :family'));
    expect(store.diagnosticsAt('/objects/Product2/where').map((d) => d.code)).to.deep.equal([
      'UNKNOWN_PARAMETER',
    ]);
    const el = await fixture<ParameterEditor>(
      html`<ss-parameter-editor .store=${store}></ss-parameter-editor>`,
    );

    shadow(el, '#p-new').focus();
    await sendKeys({ type: 'family' });
    await el.updateComplete;
    shadow<HTMLButtonElement>(el, '.row:last-child button').click();
    await el.updateComplete;
    expect(store.scope.parameters).to.deep.equal({ family: 'string' });
    expect(store.diagnosticsAt('/objects/Product2/where')).to.deep.equal([]);

    // Declared but unused: the warning sits at the parameter's name.
    shadow(el, '#p-new').focus();
    await sendKeys({ type: 'minimum' });
    await el.updateComplete;
    shadow<HTMLButtonElement>(el, '.row:last-child button').click();
    await el.updateComplete;
    const type = shadow<HTMLSelectElement>(el, '#p-1-type');
    type.value = 'integer';
    type.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(store.scope.parameters).to.deep.equal({ family: 'string', minimum: 'integer' });
    expect(store.diagnosticsAt('/parameters/minimum').map((d) => `${d.code} ${d.severity}`)).to.deep.equal([
      'UNUSED_PARAMETER warning',
    ]);
    expect(shadow(el, '#p-1-name').dataset['pointer']).to.equal('/parameters/minimum');
    expect(shadow(el, '#p-1-help').textContent!.replace(/\s+/g, ' ').trim()).to.match(
      /^warning UNUSED_PARAMETER: /,
    );

    // Test values go to previews and the simulator typed as declared.
    shadow(el, '#p-1-value').focus();
    await sendKeys({ type: '5' });
    shadow(el, '#p-0-value').focus();
    await sendKeys({ type: 'Mechanical' });
    expect(store.typedParameterValues()).to.deep.equal({ family: 'Mechanical', minimum: 5 });

    shadow<HTMLButtonElement>(el, 'button[aria-label="Remove parameter family"]').click();
    await el.updateComplete;
    expect(store.scope.parameters).to.deep.equal({ minimum: 'integer' });
    expect(store.diagnosticsAt('/objects/Product2/where').map((d) => d.code)).to.deep.equal([
      'UNKNOWN_PARAMETER',
    ]);
  });
});
