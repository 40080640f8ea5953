import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { FieldDescribe } from '../../../compiler/org-metadata.ts';
import { itemIndexBelow } from '../../state/control-pointer.ts';
import { escapeSegment, fieldsOf, objectsOf, toggleField } from '../../state/scope-edits.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { ariaInvalid, diagnosticHelp } from '../../styles/diagnostic-help.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import styles from './field-picker.styles.ts';

/** Fields that every plan carries anyway: shown, but not offered. */
const ALWAYS_SYNCED = new Set(['Id']);

/**
 * @summary Chooses an object's `fields` from the org's describe: search by label, API name or type; shows
 * each field's type and, for references, what it points at. Without a describe, fields are typed by name.
 *
 * The search box is the control for `/objects/<name>/fields`; a diagnostic on one field
 * (`/objects/<name>/fields/3`) also marks that field's pill.
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 */
export default class FieldPicker extends LitElement {
  static override styles = [tokens, controls, styles];

  /** The store holding the scope. */
  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;
  /** The sObject whose fields are picked. */
  @property({ attribute: 'object-name' }) accessor objectName = '';

  @state() accessor query = '';

  constructor() {
    super();
    new StoreController(this);
  }

  get #pointer(): string {
    return `/objects/${escapeSegment(this.objectName)}/fields`;
  }

  #describeFields(): readonly FieldDescribe[] {
    return this.store?.metadata?.[this.objectName]?.fields ?? [];
  }

  #matches(): FieldDescribe[] {
    const q = this.query.trim().toLowerCase();
    return this.#describeFields().filter(
      (f) =>
        !ALWAYS_SYNCED.has(f.name) &&
        (q === '' ||
          f.name.toLowerCase().includes(q) ||
          f.label.toLowerCase().includes(q) ||
          f.type === q ||
          f.referenceTo.some((r) => r.toLowerCase().includes(q))),
    );
  }

  #toggle(field: string, selected: boolean): void {
    this.store?.edit((s) => toggleField(s, this.objectName, field, selected));
  }

  private handleSearchInput(event: InputEvent): void {
    this.query = (event.target as HTMLInputElement).value;
  }

  /** Enter adds the single match, or the name as typed when the describe does not know it. */
  private handleSearchKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const typed = this.query.trim();
    if (typed === '') return;
    const matches = this.#matches();
    const exact = matches.find((f) => f.name.toLowerCase() === typed.toLowerCase());
    const pick = exact ?? (matches.length === 1 ? matches[0] : undefined);
    if (pick) this.#toggle(pick.name, true);
    else if (matches.length === 0 && /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(typed)) {
      this.#toggle(typed, true);
    } else return;
    this.query = '';
  }

  private handleOptionChange(event: Event): void {
    const box = event.target as HTMLInputElement;
    this.#toggle(box.value, box.checked);
  }

  private handleRemoveClick(event: Event): void {
    const field = (event.currentTarget as HTMLButtonElement).dataset['field'];
    if (field) this.#toggle(field, false);
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    const selected = fieldsOf(objectsOf(store.scope)[this.objectName]);
    const selectedSet = new Set(selected);
    const diagnostics = store.diagnosticsAt(this.#pointer);
    const badItems = new Set(
      diagnostics.map((d) => itemIndexBelow(d.path, this.#pointer)).filter((i) => i !== undefined),
    );
    const hasDescribe = this.#describeFields().length > 0;
    const matches = this.#matches();
    const helpId = 'fields-help';
    return html`
      <label class="label" for="search">Fields (${selected.length} selected)</label>
      <input
        id="search"
        class="input"
        type="search"
        autocomplete="off"
        placeholder=${hasDescribe ? 'Search fields by label, API name or type' : 'Type a field API name, then Enter'}
        data-pointer=${this.#pointer}
        aria-invalid=${ariaInvalid(diagnostics)}
        aria-describedby=${diagnostics.length ? helpId : nothing}
        .value=${live(this.query)}
        @input=${this.handleSearchInput}
        @keydown=${this.handleSearchKeydown}
      />
      ${diagnosticHelp(helpId, diagnostics)}
      <ul class="pills" aria-label="Selected fields">
        ${selected.map(
          (f, i) =>
            html`<li class="pill ${badItems.has(i) ? 'invalid' : ''}" data-pointer=${`${this.#pointer}/${i}`}>
              ${f}<button
                type="button"
                data-field=${f}
                aria-label=${`Remove ${f}`}
                @click=${this.handleRemoveClick}
              >
                ×
              </button>
            </li>`,
        )}
      </ul>
      ${
        hasDescribe
          ? html`<ul class="options" aria-label="Available fields">
              ${matches.length === 0 ? html`<li class="empty">No field matches “${this.query}”.</li>` : nothing}
              ${matches.map(
                (f) =>
                  html`<li>
                    <label>
                      <input
                        type="checkbox"
                        .value=${f.name}
                        .checked=${live(selectedSet.has(f.name))}
                        @change=${this.handleOptionChange}
                      />
                      <span>${f.label} <span class="api-name">${f.name}</span></span>
                      <span class="type">
                        ${
                          f.type === 'reference'
                            ? html`<span class="ref" title="Reference field"
                                >→ ${f.referenceTo.join(', ')}</span
                              >`
                            : nothing
                        }
                        <span class="badge">${f.type}</span>
                      </span>
                    </label>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    `;
  }
}
