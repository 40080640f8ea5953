import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/ui/components/scope-header/scope-header.ts';
import type { ScopeHeader } from '../../src/ui/components/scope-header/scope-header.ts';
import { scopeFileName } from '../../src/ui/components/scope-header/scope-header.component.ts';
import type { NoticeEvent } from '../../src/ui/events/events.ts';
import { EXAMPLE_SCOPE, makeStore, shadow } from './fixtures.ts';

function openFile(el: ScopeHeader, name: string, text: string): void {
  const input = shadow<HTMLInputElement>(el, '.file-input');
  const transfer = new DataTransfer();
  transfer.items.add(new File([text], name, { type: 'application/json' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

describe('ss-scope-header', () => {
  it('is accessible', async () => {
    const el = await fixture<ScopeHeader>(html`<ss-scope-header .store=${makeStore()}></ss-scope-header>`);
    await expect(el).to.be.accessible();
  });

  it('edits the scope name and defaults, with their diagnostics at the control', async () => {
    const store = makeStore();
    const el = await fixture<ScopeHeader>(html`<ss-scope-header .store=${store}></ss-scope-header>`);
    const every = shadow<HTMLInputElement>(el, '#syncEveryMinutes');
    every.focus();
    every.select();
    await sendKeys({ type: '0' });
    await el.updateComplete;
    expect(store.scope.syncEveryMinutes).to.equal(0);
    const diagnostics = store.diagnosticsAt('/syncEveryMinutes');
    expect(diagnostics.length).to.equal(1);
    expect(every.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(el, '#syncEveryMinutes-help').textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      `error ${diagnostics[0]!.code}: ${diagnostics[0]!.message}`,
    );
    const name = shadow<HTMLInputElement>(el, '#name');
    name.focus();
    name.select();
    await sendKeys({ type: 'Night shift' });
    expect(store.scope.name).to.equal('Night shift');
    expect(scopeFileName(store.scope.name)).to.equal('night-shift.scope.json');
  });

  it('New starts an empty scope', async () => {
    const store = makeStore();
    const el = await fixture<ScopeHeader>(html`<ss-scope-header .store=${store}></ss-scope-header>`);
    setTimeout(() =>
      [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.actions button')]
        .find((b) => b.textContent!.trim() === 'New')!
        .click(),
    );
    await oneEvent(el, 'ss-notice');
    expect(store.scope).to.deep.equal({
      scopeVersion: 1,
      name: 'New scope',
      apiVersion: '62.0',
      syncEveryMinutes: 30,
      objects: {},
    });
  });

  it('opens a scope file, and refuses one that is not JSON without losing the current scope', async () => {
    const store = makeStore({ ...EXAMPLE_SCOPE, name: 'Current' });
    const el = await fixture<ScopeHeader>(html`<ss-scope-header .store=${store}></ss-scope-header>`);
    openFile(el, 'broken.json', '{ "scopeVersion": 1, ');
    let notice = (await oneEvent(el, 'ss-notice')) as unknown as NoticeEvent;
    expect(notice.variant).to.equal('error');
    expect(notice.message).to.equal(
      'broken.json is not valid JSON (line 1, column 22: a property name in double quotes is expected); nothing was changed.',
    );
    expect(store.scope.name).to.equal('Current');

    openFile(el, 'other.scope.json', JSON.stringify({ ...EXAMPLE_SCOPE, name: 'From file' }));
    notice = (await oneEvent(el, 'ss-notice')) as unknown as NoticeEvent;
    expect(notice.message).to.equal('Opened other.scope.json.');
    expect(store.scope.name).to.equal('From file');
    await el.updateComplete;
    expect(shadow<HTMLInputElement>(el, '#name').value).to.equal('From file');
  });
});
