import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ParameterType } from '../../../compiler/scope.ts';
import { escapeSegment, setScopeProp } from '../../state/scope-edits.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { ariaInvalid, diagnosticHelp } from '../../styles/diagnostic-help.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import styles from './parameter-editor.styles.ts';

const TYPES: readonly ParameterType[] = ['string', 'id', 'boolean', 'integer', 'double', 'date', 'datetime'];
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/**
 * @summary The scope's bind parameters (`:name` in a `where`, the device supplies the value): name and SOQL
 * type, and a test value used by the preview, why, changes and the device simulator.
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 */
export default class ParameterEditor extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;

  @state() accessor newName = '';

  constructor() {
    super();
    new StoreController(this);
  }

  #declared(): [string, string][] {
    const parameters = this.store?.scope.parameters;
    return parameters && typeof parameters === 'object'
      ? Object.entries(parameters as Record<string, string>)
      : [];
  }

  #write(entries: [string, string][]): void {
    this.store?.edit((s) =>
      setScopeProp(s, 'parameters', entries.length ? Object.fromEntries(entries) : undefined),
    );
  }

  private handleRename(event: Event): void {
    const input = event.target as HTMLInputElement;
    const old = input.dataset['name'] as string;
    const name = input.value.trim();
    if (name === old || name === '') return;
    this.#write(this.#declared().map(([n, t]) => [n === old ? name : n, t]));
  }

  private handleTypeChange(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const name = select.dataset['name'] as string;
    this.#write(this.#declared().map(([n, t]) => [n, n === name ? select.value : t]));
  }

  private handleValueInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.store?.setParameterValue(input.dataset['name'] as string, input.value);
  }

  private handleRemoveClick(event: Event): void {
    const name = (event.currentTarget as HTMLButtonElement).dataset['name'];
    this.#write(this.#declared().filter(([n]) => n !== name));
  }

  private handleNewNameInput(event: Event): void {
    this.newName = (event.target as HTMLInputElement).value.trim();
  }

  private handleAddClick(): void {
    if (!NAME.test(this.newName) || this.#declared().some(([n]) => n === this.newName)) return;
    this.#write([...this.#declared(), [this.newName, 'string']]);
    this.newName = '';
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    const declared = this.#declared();
    const addDiagnostics = store.diagnosticsAt('/parameters');
    return html`
      <h2 id="parameters-title">Parameters (${declared.length})</h2>
      ${declared.length === 0 ? html`<p class="empty">None. Declare one to use <code>:name</code> in a filter.</p>` : nothing}
      ${declared.map(([name, type], i) => {
        const pointer = `/parameters/${escapeSegment(name)}`;
        const diagnostics = store.diagnosticsAt(pointer);
        return html`<div class="row">
          <div>
            <label class="label" for=${`p-${i}-name`}>Name</label>
            <input
              id=${`p-${i}-name`}
              class="input mono"
              data-name=${name}
              data-pointer=${pointer}
              aria-invalid=${ariaInvalid(diagnostics)}
              aria-describedby=${diagnostics.length ? `p-${i}-help` : nothing}
              .value=${live(name)}
              @change=${this.handleRename}
            />
          </div>
          <div>
            <label class="label" for=${`p-${i}-type`}>Type</label>
            <select id=${`p-${i}-type`} class="select" data-name=${name} @change=${this.handleTypeChange}>
              ${TYPES.map((t) => html`<option value=${t} ?selected=${t === type}>${t}</option>`)}
              ${TYPES.includes(type as ParameterType) ? nothing : html`<option value=${type} selected>${type}</option>`}
            </select>
          </div>
          <div class="wide">
            <div style="flex:1">
              <label class="label" for=${`p-${i}-value`}>Test value (preview, simulator)</label>
              <input
                id=${`p-${i}-value`}
                class="input"
                data-name=${name}
                .value=${live(store.parameterValues[name] ?? '')}
                @input=${this.handleValueInput}
              />
            </div>
            <button
              type="button"
              class="button destructive small"
              style="align-self:end"
              data-name=${name}
              aria-label=${`Remove parameter ${name}`}
              @click=${this.handleRemoveClick}
            >
              Remove
            </button>
          </div>
          ${diagnosticHelp(`p-${i}-help`, diagnostics)}
        </div>`;
      })}
      <div class="row">
        <div>
          <label class="label" for="p-new">New parameter</label>
          <input
            id="p-new"
            class="input mono"
            placeholder="e.g. region"
            data-pointer="/parameters"
            aria-invalid=${ariaInvalid(addDiagnostics)}
            aria-describedby=${addDiagnostics.length ? 'p-new-help' : nothing}
            .value=${live(this.newName)}
            @input=${this.handleNewNameInput}
          />
        </div>
        <button
          type="button"
          class="button"
          style="align-self:end"
          ?disabled=${!NAME.test(this.newName)}
          @click=${this.handleAddClick}
        >
          Add
        </button>
        ${diagnosticHelp('p-new-help', addDiagnostics)}
      </div>
    `;
  }
}
