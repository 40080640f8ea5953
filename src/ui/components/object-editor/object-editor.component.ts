import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ScopeObject } from '../../../compiler/scope.ts';
import { escapeSegment, objectsOf, removeObject, setObjectProp } from '../../state/scope-edits.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { ariaInvalid, diagnosticHelp } from '../../styles/diagnostic-help.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import '../field-picker/field-picker.ts';
import '../path-editor/path-editor.ts';
import '../where-editor/where-editor.ts';
import styles from './object-editor.styles.ts';

type NumberKey = 'limit' | 'syncEveryMinutes';

/**
 * @summary Everything about one object of the scope: its fields, which records (paths, filter, order,
 * limit) and what the device may do with them (access, conflict policy, schedule, external Id).
 * Every control carries the JSON Pointer it edits as `data-pointer` and shows the diagnostics at it.
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 */
export default class ObjectEditor extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;
  /** The sObject being edited. */
  @property({ attribute: 'object-name' }) accessor objectName = '';

  /** True between the first and second click of "Remove object" (no modal dialogs in this tool). */
  @state() accessor confirmingRemove = false;

  constructor() {
    super();
    new StoreController(this);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('objectName')) this.confirmingRemove = false;
  }

  #pointer(key: string): string {
    return `/objects/${escapeSegment(this.objectName)}/${key}`;
  }

  #set(key: string, value: unknown): void {
    this.store?.edit((s) => setObjectProp(s, this.objectName, key, value));
  }

  private handleTextChange(event: Event): void {
    const input = event.target as HTMLInputElement | HTMLSelectElement;
    const value = input.value.trim();
    this.#set(input.dataset['key'] as string, value === '' ? undefined : value);
  }

  /** Numbers are written as numbers when they parse, else as typed so the schema check can say why. */
  private handleNumberInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const raw = input.value.trim();
    const key = input.dataset['key'] as NumberKey;
    this.#set(key, raw === '' ? undefined : Number.isFinite(Number(raw)) ? Number(raw) : raw);
  }

  private handleRemoveClick(): void {
    if (!this.confirmingRemove) {
      this.confirmingRemove = true;
      return;
    }
    const name = this.objectName;
    this.confirmingRemove = false;
    this.store?.edit((s) => removeObject(s, name));
  }

  #textInput(key: 'orderBy', label: string, placeholder: string, value: string) {
    const diagnostics = this.store!.diagnosticsAt(this.#pointer(key));
    return html`<div>
      <label class="label" for=${key}>${label}</label>
      <input
        id=${key}
        class="input mono"
        data-key=${key}
        data-pointer=${this.#pointer(key)}
        placeholder=${placeholder}
        aria-invalid=${ariaInvalid(diagnostics)}
        aria-describedby=${diagnostics.length ? `${key}-help` : nothing}
        .value=${live(value)}
        @change=${this.handleTextChange}
      />
      ${diagnosticHelp(`${key}-help`, diagnostics)}
    </div>`;
  }

  #numberInput(key: NumberKey, label: string, value: unknown, min: number, max: number, placeholder: string) {
    const diagnostics = this.store!.diagnosticsAt(this.#pointer(key));
    return html`<div>
      <label class="label" for=${key}>${label}</label>
      <input
        id=${key}
        class="input"
        type="number"
        inputmode="numeric"
        min=${min}
        max=${max}
        data-key=${key}
        data-pointer=${this.#pointer(key)}
        placeholder=${placeholder}
        aria-invalid=${ariaInvalid(diagnostics)}
        aria-describedby=${diagnostics.length ? `${key}-help` : nothing}
        .value=${live(value === undefined ? '' : String(value))}
        @input=${this.handleNumberInput}
      />
      ${diagnosticHelp(`${key}-help`, diagnostics)}
    </div>`;
  }

  #select(
    key: 'access' | 'conflict' | 'externalIdField',
    label: string,
    value: string,
    options: [string, string][],
    disabled = false,
  ) {
    const diagnostics = this.store!.diagnosticsAt(this.#pointer(key));
    return html`<div>
      <label class="label" for=${key}>${label}</label>
      <select
        id=${key}
        class="select"
        data-key=${key}
        data-pointer=${this.#pointer(key)}
        ?disabled=${disabled && diagnostics.length === 0}
        aria-invalid=${ariaInvalid(diagnostics)}
        aria-describedby=${diagnostics.length ? `${key}-help` : nothing}
        @change=${this.handleTextChange}
      >
        ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
        ${value !== '' && !options.some(([v]) => v === value) ? html`<option value=${value} selected>${value}</option>` : nothing}
      </select>
      ${diagnosticHelp(`${key}-help`, diagnostics)}
    </div>`;
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    const object = objectsOf(store.scope)[this.objectName] as Partial<ScopeObject> | undefined;
    if (!object) return html`<p class="empty">Choose an object in the tree, or add one.</p>`;
    const describe = store.metadata?.[this.objectName];
    const objectDiagnostics = store.diagnosticsAt(`/objects/${escapeSegment(this.objectName)}`);
    const access = typeof object.access === 'string' ? object.access : '';
    const conflict = typeof object.conflict === 'string' ? object.conflict : '';
    const scopeEvery = typeof store.scope.syncEveryMinutes === 'number' ? store.scope.syncEveryMinutes : 30;
    const externalIds = (describe?.fields ?? [])
      .filter((f) => f.externalId)
      .map((f): [string, string] => [f.name, `${f.label} (${f.name})`]);
    return html`
      <header>
        <h2
          tabindex="-1"
          data-pointer=${`/objects/${escapeSegment(this.objectName)}`}
          aria-describedby=${objectDiagnostics.length ? 'object-help' : nothing}
        >
          ${this.objectName}
        </h2>
        ${describe ? html`<span class="label-text">${describe.label}</span>` : html`<span class="badge warning">not in the org's describe</span>`}
        <span class="spacer"></span>
        ${
          this.confirmingRemove
            ? html`<span role="alert" class="weak"
                >Paths of other objects that use ${this.objectName} stay, and show as errors.</span
              >`
            : nothing
        }
        <button type="button" class="button destructive" @click=${this.handleRemoveClick}>
          ${this.confirmingRemove ? `Confirm: remove ${this.objectName}` : 'Remove object'}
        </button>
      </header>
      ${diagnosticHelp('object-help', objectDiagnostics)}

      <h3 class="section-title">Fields</h3>
      <ss-field-picker .store=${store} object-name=${this.objectName}></ss-field-picker>

      <h3 class="section-title">Which records</h3>
      <ss-path-editor .store=${store} object-name=${this.objectName}></ss-path-editor>
      <ss-where-editor .store=${store} object-name=${this.objectName}></ss-where-editor>
      <div class="grid">
        ${this.#textInput('orderBy', 'Order by', 'e.g. StartDate ASC', typeof object.orderBy === 'string' ? object.orderBy : '')}
        ${this.#numberInput('limit', 'Limit (records per device)', object.limit, 1, 50000, 'no limit')}
      </div>

      <h3 class="section-title">On the device</h3>
      <div class="grid">
        ${this.#select('access', 'Access', access, [
          ['', 'Read only (default)'],
          ['readWrite', 'Read and write'],
        ])}
        ${this.#select(
          'conflict',
          'When the server changed it too',
          conflict,
          [
            ['', access === 'readWrite' ? 'Client wins (default)' : 'Not applicable (read only)'],
            ['clientWins', 'Client wins: changed fields overwrite'],
            ['serverWins', 'Server wins: drop and report'],
            ['manual', 'Manual: the user resolves'],
          ],
          access !== 'readWrite',
        )}
        ${this.#numberInput('syncEveryMinutes', 'Sync every (minutes)', object.syncEveryMinutes, 1, 10080, `${scopeEvery} (scope default)`)}
        ${this.#select(
          'externalIdField',
          'External Id for creates',
          typeof object.externalIdField === 'string' ? object.externalIdField : '',
          [['', externalIds.length ? 'None' : 'None (no external-Id field)'], ...externalIds],
        )}
      </div>
    `;
  }
}
