import { LitElement, html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { SyncScope } from '../../../compiler/scope.ts';
import { NoticeEvent } from '../../events/events.ts';
import { emptyScope, setScopeProp } from '../../state/scope-edits.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { ariaInvalid, diagnosticHelp } from '../../styles/diagnostic-help.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import { parseJson } from '../json-view/json-locations.ts';
import { scopeToJson } from '../../state/scope-json.ts';
import styles from './scope-header.styles.ts';

/** `Field technician` -> `field-technician.scope.json`. */
export function scopeFileName(name: unknown): string {
  const base =
    typeof name === 'string'
      ? name
          .trim()
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')
      : '';
  return `${base || 'scope'}.scope.json`;
}

/**
 * @summary The scope's identity and defaults (name, schedule, watermark, overlap, API version) and the
 * file actions: start empty, open a JSON file, download it, save it to the server's scope file.
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 *
 * @event ss-notice - After a file action, or when a file could not be read.
 */
export default class ScopeHeader extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;
  /** Saves to the server's scope file; absent when no server is connected. */
  @property({ attribute: false }) accessor saveToServer: ((scope: SyncScope) => Promise<string>) | undefined =
    undefined;

  @query('.file-input') accessor fileInput!: HTMLInputElement;

  constructor() {
    super();
    new StoreController(this);
  }

  #set(key: string, value: unknown): void {
    this.store?.edit((s) => setScopeProp(s, key, value));
  }

  private handleTextChange(event: Event): void {
    const input = event.target as HTMLInputElement | HTMLSelectElement;
    this.#set(input.dataset['key'] as string, input.value.trim() === '' ? undefined : input.value);
  }

  private handleNameInput(event: Event): void {
    this.#set('name', (event.target as HTMLInputElement).value);
  }

  private handleNumberInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const raw = input.value.trim();
    this.#set(
      input.dataset['key'] as string,
      raw === '' ? undefined : Number.isFinite(Number(raw)) ? Number(raw) : raw,
    );
  }

  private handleNewClick(): void {
    this.store?.setScope(emptyScope(), 'load');
    this.dispatchEvent(new NoticeEvent('Started an empty scope. Add objects on the left.'));
  }

  private handleOpenClick(): void {
    this.fileInput.click();
  }

  private async handleFileChange(): Promise<void> {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = '';
    if (!file) return;
    const { value: parsed, problems } = parseJson(await file.text());
    const first = problems[0];
    if (first) {
      this.dispatchEvent(
        new NoticeEvent(
          `${file.name} is not valid JSON (line ${first.line}, column ${first.column}: ${first.message}); nothing was changed.`,
          'error',
        ),
      );
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      this.dispatchEvent(
        new NoticeEvent(`${file.name} does not hold a scope object; nothing was changed.`, 'error'),
      );
      return;
    }
    this.store?.setScope(parsed as SyncScope, 'load');
    this.dispatchEvent(new NoticeEvent(`Opened ${file.name}.`, 'success'));
  }

  private handleDownloadClick(): void {
    if (!this.store) return;
    const blob = new Blob([scopeToJson(this.store.scope)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = scopeFileName(this.store.scope.name);
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  private async handleSaveClick(): Promise<void> {
    if (!this.store || !this.saveToServer) return;
    try {
      const file = await this.saveToServer(this.store.scope);
      this.dispatchEvent(new NoticeEvent(`Saved to ${file}.`, 'success'));
    } catch (error) {
      this.dispatchEvent(new NoticeEvent(`Not saved: ${(error as Error).message}`, 'error'));
    }
  }

  #field(key: string, label: string, cls: string, body: (d: readonly unknown[]) => unknown) {
    const diagnostics = this.store!.diagnosticsAt(`/${key}`);
    return html`<div class=${cls}>
      <label class="label" for=${key}>${label}</label>
      ${body(diagnostics)} ${diagnosticHelp(`${key}-help`, diagnostics)}
    </div>`;
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    const scope = store.scope as Partial<SyncScope>;
    const attrs = (key: string) => {
      const d = store.diagnosticsAt(`/${key}`);
      return { invalid: ariaInvalid(d), describedBy: d.length ? `${key}-help` : undefined };
    };
    const num = (v: unknown) => (v === undefined ? '' : String(v));
    return html`
      <div class="bar">
        <div class="brand">
          <span class="logo" aria-hidden="true">S</span>
          <h1>Config tool<strong>syncscope</strong></h1>
        </div>
        ${this.#field(
          'name',
          'Scope name',
          'name',
          () =>
            html`<input
              id="name"
              class="input"
              data-key="name"
              data-pointer="/name"
              aria-invalid=${attrs('name').invalid}
              aria-describedby=${attrs('name').describedBy ?? nothing}
              .value=${live(typeof scope.name === 'string' ? scope.name : '')}
              @input=${this.handleNameInput}
            />`,
        )}
        ${this.#field(
          'syncEveryMinutes',
          'Sync every (min)',
          'small-field',
          () =>
            html`<input
              id="syncEveryMinutes"
              class="input"
              type="number"
              min="1"
              data-key="syncEveryMinutes"
              data-pointer="/syncEveryMinutes"
              placeholder="30"
              aria-invalid=${attrs('syncEveryMinutes').invalid}
              aria-describedby=${attrs('syncEveryMinutes').describedBy ?? nothing}
              .value=${live(num(scope.syncEveryMinutes))}
              @input=${this.handleNumberInput}
            />`,
        )}
        ${this.#field(
          'watermarkField',
          'Watermark',
          'small-field',
          () =>
            html`<select
              id="watermarkField"
              class="select"
              data-key="watermarkField"
              data-pointer="/watermarkField"
              aria-invalid=${attrs('watermarkField').invalid}
              aria-describedby=${attrs('watermarkField').describedBy ?? nothing}
              @change=${this.handleTextChange}
            >
              <option value="" ?selected=${scope.watermarkField === undefined}>
                LastModifiedDate (default)
              </option>
              <option value="LastModifiedDate" ?selected=${scope.watermarkField === 'LastModifiedDate'}>
                LastModifiedDate
              </option>
              <option value="SystemModstamp" ?selected=${scope.watermarkField === 'SystemModstamp'}>
                SystemModstamp
              </option>
            </select>`,
        )}
        ${this.#field(
          'overlapSeconds',
          'Overlap (s)',
          'small-field',
          () =>
            html`<input
              id="overlapSeconds"
              class="input"
              type="number"
              min="0"
              data-key="overlapSeconds"
              data-pointer="/overlapSeconds"
              placeholder="60"
              aria-invalid=${attrs('overlapSeconds').invalid}
              aria-describedby=${attrs('overlapSeconds').describedBy ?? nothing}
              .value=${live(num(scope.overlapSeconds))}
              @input=${this.handleNumberInput}
            />`,
        )}
        ${this.#field(
          'apiVersion',
          'API version',
          'small-field',
          () =>
            html`<input
              id="apiVersion"
              class="input"
              data-key="apiVersion"
              data-pointer="/apiVersion"
              placeholder="62.0"
              aria-invalid=${attrs('apiVersion').invalid}
              aria-describedby=${attrs('apiVersion').describedBy ?? nothing}
              .value=${live(typeof scope.apiVersion === 'string' ? scope.apiVersion : '')}
              @change=${this.handleTextChange}
            />`,
        )}
        <div class="actions">
          <button type="button" class="button" @click=${this.handleNewClick}>New</button>
          <button type="button" class="button" @click=${this.handleOpenClick}>Open file…</button>
          <input
            class="file-input"
            type="file"
            accept="application/json,.json"
            aria-label="Scope file to open"
            tabindex="-1"
            @change=${this.handleFileChange}
          />
          <button type="button" class="button" @click=${this.handleDownloadClick}>Download</button>
          ${this.saveToServer ? html`<button type="button" class="button brand" @click=${this.handleSaveClick}>Save</button>` : nothing}
        </div>
      </div>
    `;
  }
}
