import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/ui/components/json-view/json-view.ts';
import '../../src/ui/components/object-editor/object-editor.ts';
import type { JsonView } from '../../src/ui/components/json-view/json-view.ts';
import type { ObjectEditor } from '../../src/ui/components/object-editor/object-editor.ts';
import { settle } from '../../src/ui/state/deep-focus.ts';
import { EXAMPLE_SCOPE, makeStore, shadow } from './fixtures.ts';

async function setup() {
  const store = makeStore();
  const host = await fixture<HTMLDivElement>(
    html`<div>
      <ss-object-editor .store=${store} object-name="WorkOrder"></ss-object-editor>
      <ss-json-view .store=${store}></ss-json-view>
    </div>`,
  );
  const form = host.querySelector('ss-object-editor') as ObjectEditor;
  const json = host.querySelector('ss-json-view') as JsonView;
  const textarea = shadow<HTMLTextAreaElement>(json, 'textarea');
  return { store, host, form, json, textarea };
}

/** Selects `needle` (its first occurrence) in the JSON text, so typed keys replace it. */
function selectText(textarea: HTMLTextAreaElement, needle: string): void {
  const at = textarea.value.indexOf(needle);
  if (at < 0) throw new Error(`${needle} is not in the JSON text`);
  textarea.focus();
  textarea.setSelectionRange(at, at + needle.length);
}

function problems(json: JsonView): string[] {
  return [...json.shadowRoot!.querySelectorAll('#json-problems li')].map((li) =>
    li.textContent!.replace(/\s+/g, ' ').trim(),
  );
}

describe('ss-json-view', () => {
  it('is accessible', async () => {
    const el = await fixture<JsonView>(html`<ss-json-view .store=${makeStore()}></ss-json-view>`);
    await expect(el).to.be.accessible();
  });

  it('shows the scope as pretty JSON', async () => {
    const { textarea } = await setup();
    expect(textarea.value).to.equal(JSON.stringify(EXAMPLE_SCOPE, null, 2) + '\n');
  });

  it('a form edit rewrites the JSON text', async () => {
    const { store, form, json, textarea } = await setup();
    await settle(form.shadowRoot!);
    const limit = shadow<HTMLInputElement>(form, '#limit');
    limit.focus();
    limit.select();
    await sendKeys({ type: '250' });
    await json.updateComplete;
    expect(store.scope.objects['WorkOrder']?.limit).to.equal(250);
    expect(JSON.parse(textarea.value)).to.deep.equal(store.scope);
    expect(textarea.value).to.contain('"limit": 250,');
  });

  it('typing in the JSON updates the form at once', async () => {
    const { store, form, json, textarea } = await setup();
    selectText(textarea, "Status != 'Closed'");
    await sendKeys({ type: "Status = 'New'" });
    await json.updateComplete;
    await settle(form.shadowRoot!);
    expect(store.scope.objects['WorkOrder']?.where).to.equal(
      "OwnerId = :userId AND Status = 'New' AND StartDate = NEXT_N_DAYS:14",
    );
    const where = form.shadowRoot!.querySelector('ss-where-editor')!;
    expect(shadow<HTMLTextAreaElement>(where, 'textarea').value).to.equal(
      "OwnerId = :userId AND Status = 'New' AND StartDate = NEXT_N_DAYS:14",
    );
    // The text stays as typed (the JSON view does not reformat under the caret).
    expect(json.shadowRoot!.activeElement).to.equal(textarea);
  });

  it('text that is not JSON shows where; the form keeps the last good scope until it parses', async () => {
    const { store, json, textarea } = await setup();
    selectText(textarea, '"limit": 500,');
    await sendKeys({ type: '"limit": 100' });
    await json.updateComplete;
    expect(problems(json)).to.deep.equal(['Line 23, column 7: JSON_SYNTAX a comma is expected']);
    expect(shadow(json, '.status').textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Not valid JSON The form keeps the last valid document until this parses.',
    );
    expect(store.scope.objects['WorkOrder']?.limit).to.equal(500);
    await sendKeys({ type: ',' });
    await json.updateComplete;
    expect(store.scope.objects['WorkOrder']?.limit).to.equal(100);
    expect(problems(json).filter((p) => p.includes('JSON_SYNTAX'))).to.deep.equal([]);
  });

  it('schema and compiler problems are listed at their line, and a click selects the spot', async () => {
    const { json, textarea } = await setup();
    selectText(textarea, '"limit": 500');
    await sendKeys({ type: '"limit": 0' });
    await json.updateComplete;
    const lines = problems(json).filter(
      (p) => !p.includes('DEVICE_DRIVEN_PATH') && !p.includes('TIME_DEPENDENT_FILTER'),
    );
    expect(lines).to.deep.equal([
      'Line 22, column 7: LIMIT_OUT_OF_RANGE limit must be between 1 and 50000 (the Briefcase maximum)',
    ]);
    const button = [...json.shadowRoot!.querySelectorAll<HTMLButtonElement>('#json-problems button')].find(
      (b) => b.textContent!.includes('Line 22'),
    )!;
    button.click();
    expect(textarea.value.slice(textarea.selectionStart, textarea.selectionEnd)).to.equal('"limit": 0');
  });
});
