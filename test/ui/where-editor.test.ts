import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/ui/components/where-editor/where-editor.ts';
import type { WhereEditor } from '../../src/ui/components/where-editor/where-editor.ts';
import { makeStore, shadow } from './fixtures.ts';

async function typeInto(el: WhereEditor, text: string): Promise<HTMLTextAreaElement> {
  const textarea = shadow<HTMLTextAreaElement>(el, 'textarea');
  textarea.focus();
  textarea.select();
  await sendKeys({ type: text });
  await el.updateComplete;
  return textarea;
}

function helpLines(el: WhereEditor): string[] {
  return [...(el.shadowRoot?.querySelectorAll('#where-help li') ?? [])].map((li) =>
    li.textContent!.replace(/\s+/g, ' ').trim(),
  );
}

describe('ss-where-editor', () => {
  it('is accessible', async () => {
    const el = await fixture<WhereEditor>(
      html`<ss-where-editor .store=${makeStore()} object-name="WorkOrder"></ss-where-editor>`,
    );
    await expect(el).to.be.accessible();
  });

  it('shows the stored condition and its warnings with their place underlined', async () => {
    const el = await fixture<WhereEditor>(
      html`<ss-where-editor .store=${makeStore()} object-name="WorkOrder"></ss-where-editor>`,
    );
    expect(shadow<HTMLTextAreaElement>(el, 'textarea').value).to.equal(
      "OwnerId = :userId AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14",
    );
    expect(shadow(el, 'textarea').getAttribute('aria-invalid')).to.equal('false');
    expect(helpLines(el)).to.deep.equal([
      'warning TIME_DEPENDENT_FILTER: NEXT_N_DAYS:14 makes the scope change with time: records enter and leave without being modified, so WorkOrder is reconciled (an Id query of its whole scope) on every sync',
    ]);
    expect([...el.shadowRoot!.querySelectorAll('.backdrop mark')].map((m) => m.textContent)).to.deep.equal([
      'NEXT_N_DAYS:14',
    ]);
  });

  it('typing an unknown field shows UNKNOWN_FIELD at the where control, marking the field', async () => {
    const store = makeStore();
    const el = await fixture<WhereEditor>(
      html`<ss-where-editor .store=${store} object-name="Product2"></ss-where-editor>`,
    );
    const textarea = await typeInto(el, 'IsActiv = true');
    expect(store.scope.objects['Product2']?.where).to.equal('IsActiv = true');
    expect(helpLines(el)).to.deep.equal(['error UNKNOWN_FIELD: Product2 has no field IsActiv']);
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    expect(textarea.getAttribute('aria-describedby')).to.equal('where-help');
    expect(textarea.dataset['pointer']).to.equal('/objects/Product2/where');
    expect([...el.shadowRoot!.querySelectorAll('.backdrop mark')].map((m) => m.textContent)).to.deep.equal([
      'IsActiv',
    ]);
    // The backdrop holds exactly the text (and a zero-width end), so each mark sits under what it marks.
    expect(shadow(el, '.backdrop').textContent).to.equal('IsActiv = true\u200b');
    // The textarea keeps focus and caret through the re-render of every keystroke.
    expect(el.shadowRoot!.activeElement).to.equal(textarea);
    expect(textarea.selectionStart).to.equal('IsActiv = true'.length);
  });

  it('a condition that ends too early is a SOQL_SYNTAX error at its end; finishing it clears the error', async () => {
    const store = makeStore();
    const el = await fixture<WhereEditor>(
      html`<ss-where-editor .store=${store} object-name="Product2"></ss-where-editor>`,
    );
    const textarea = await typeInto(el, 'IsActive = ');
    expect(helpLines(el)).to.deep.equal([
      'error SOQL_SYNTAX: the condition ends too early (a value, a closing parenthesis or a clause is missing)',
    ]);
    expect(el.shadowRoot!.querySelectorAll('.backdrop mark').length).to.equal(1);
    await sendKeys({ type: 'false' });
    await el.updateComplete;
    expect(store.scope.objects['Product2']?.where).to.equal('IsActive = false');
    expect(helpLines(el)).to.deep.equal([]);
    expect(textarea.getAttribute('aria-invalid')).to.equal('false');
  });

  it('clearing the condition removes `where` from the object', async () => {
    const store = makeStore();
    const el = await fixture<WhereEditor>(
      html`<ss-where-editor .store=${store} object-name="Product2"></ss-where-editor>`,
    );
    await typeInto(el, ' ');
    expect(Object.keys(store.scope.objects['Product2']!)).to.deep.equal(['fields', 'syncEveryMinutes']);
  });

  it('offers fields of the object while typing a name; Tab inserts the chosen one', async () => {
    const store = makeStore();
    const el = await fixture<WhereEditor>(
      html`<ss-where-editor .store=${store} object-name="Product2"></ss-where-editor>`,
    );
    const textarea = await typeInto(el, 'IsAc');
    const options = () =>
      [...el.shadowRoot!.querySelectorAll('[role="option"]')].map(
        (o) => `${o.querySelector('.insert')!.textContent} ${o.querySelector('.detail')!.textContent}`,
      );
    expect(options()).to.deep.equal(['IsActive boolean']);
    expect(textarea.getAttribute('aria-activedescendant')).to.equal('suggestion-0');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(store.scope.objects['Product2']?.where).to.equal('IsActive');
    expect(textarea.selectionStart).to.equal('IsActive'.length);
    expect(options()).to.deep.equal([]);
    await sendKeys({ type: ' = true' });
    await el.updateComplete;
    expect(store.scope.objects['Product2']?.where).to.equal('IsActive = true');
  });

  it('goes through relationships, and offers binds after a colon', async () => {
    const store = makeStore();
    const el = await fixture<WhereEditor>(
      html`<ss-where-editor .store=${store} object-name="WorkOrder"></ss-where-editor>`,
    );
    await typeInto(el, 'Accou');
    const options = () =>
      [...el.shadowRoot!.querySelectorAll('[role="option"] .insert')].map((o) => o.textContent);
    expect(options()).to.deep.equal(['AccountId', 'Account.']);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await el.updateComplete;
    expect(store.scope.objects['WorkOrder']?.where).to.equal('Account.');
    await sendKeys({ type: 'Ind' });
    await el.updateComplete;
    expect(options()).to.deep.equal(['Account.Industry']);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: " = 'Energy' AND OwnerId = :u" });
    await el.updateComplete;
    expect(options()).to.deep.equal([':userId']);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(store.scope.objects['WorkOrder']?.where).to.equal(
      "Account.Industry = 'Energy' AND OwnerId = :userId",
    );
    // Escape closes without inserting; nothing is offered inside a string literal.
    await sendKeys({ type: " AND Status = 'Ne" });
    await el.updateComplete;
    expect(options()).to.deep.equal([]);
  });
});
