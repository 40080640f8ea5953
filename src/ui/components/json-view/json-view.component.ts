import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { SyncScope } from '../../../compiler/scope.ts';
import { fillBackdrop, splitByRanges } from '../where-editor/text-range.ts';
import type { TextRange } from '../where-editor/text-range.ts';
import type { ScopeChangeEvent, ScopeStore } from '../../state/scope-store.ts';
import { scopeToJson } from '../../state/scope-json.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import { parseJson, placeOfPointer } from './json-locations.ts';
import type { JsonParseProblem, ParsedJson } from './json-locations.ts';
import styles from './json-view.styles.ts';

/**
 * @summary The scope as raw JSON, kept in step with the form both ways: a form edit rewrites the text; text
 * that parses to an object replaces the scope at once (the form follows), text that does not parse is
 * kept as typed with its syntax errors located, and the form keeps the last good document meanwhile.
 * Compiler diagnostics (schema and semantic) are listed with their line and underlined in the text.
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 */
export default class JsonView extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;

  @state() accessor text = '';
  @state() accessor parsed: ParsedJson = { value: undefined, tree: undefined, problems: [] };

  @query('textarea') accessor textarea!: HTMLTextAreaElement;
  @query('.backdrop') accessor backdrop!: HTMLElement;

  #subscribed: ScopeStore | undefined;
  /** The text split at the problems' places, drawn into the backdrop after each render. */
  #runs: { text: string; marked: boolean }[] = [];
  readonly #onChange = (event: Event): void => {
    // Text the user typed stays as typed (their layout); a form edit or a loaded file rewrites it; a
    // compile result or a new describe only re-renders the problems.
    const origin = (event as ScopeChangeEvent).origin;
    if (origin === 'form' || origin === 'load') this.#resetText();
    else this.requestUpdate();
  };

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('store') && this.store !== this.#subscribed) {
      this.#subscribed?.removeEventListener('scope-change', this.#onChange);
      this.store?.addEventListener('scope-change', this.#onChange);
      this.#subscribed = this.store;
      this.#resetText();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#subscribed?.removeEventListener('scope-change', this.#onChange);
    this.#subscribed = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.store && !this.#subscribed) {
      this.store.addEventListener('scope-change', this.#onChange);
      this.#subscribed = this.store;
      this.#resetText();
    }
  }

  #resetText(): void {
    if (!this.store) return;
    this.text = scopeToJson(this.store.scope);
    this.parsed = parseJson(this.text);
  }

  private handleInput(event: InputEvent): void {
    this.text = (event.target as HTMLTextAreaElement).value;
    this.parsed = parseJson(this.text);
    const value = this.parsed.value;
    if (
      this.parsed.problems.length === 0 &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value)
    ) {
      this.store?.setScope(value as SyncScope, 'json');
    }
  }

  private handleScroll(): void {
    this.backdrop.scrollTop = this.textarea.scrollTop;
  }

  private handleProblemClick(event: Event): void {
    const { offset, length } = (event.currentTarget as HTMLButtonElement).dataset;
    const start = Number(offset);
    this.textarea.focus();
    this.textarea.setSelectionRange(start, start + Number(length));
    // Bring the selection into view: blur/focus scrolls a textarea to its caret in Chromium.
    const lineHeight = parseFloat(getComputedStyle(this.textarea).lineHeight) || 18;
    const line = this.text.slice(0, start).split('\n').length - 1;
    this.textarea.scrollTop = Math.max(0, line * lineHeight - this.textarea.clientHeight / 3);
  }

  #problemItem(
    severity: string,
    code: string,
    message: string,
    place: { offset: number; length: number; line: number; column: number } | undefined,
  ) {
    return html`<li class=${severity} data-code=${code}>
      <button
        type="button"
        data-offset=${place?.offset ?? 0}
        data-length=${place?.length ?? 0}
        @click=${this.handleProblemClick}
      >
        ${place ? `Line ${place.line}, column ${place.column}: ` : ''}<strong>${code}</strong> ${message}
      </button>
    </li>`;
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    const syntax: readonly JsonParseProblem[] = this.parsed.problems;
    const diagnostics = syntax.length ? [] : store.diagnostics;
    const places = diagnostics.map((d) => ({
      d,
      place: placeOfPointer(this.text, this.parsed.tree, d.path),
    }));
    const marks: TextRange[] = [
      ...syntax.map((p) => ({ start: p.offset, end: p.offset + p.length })),
      ...places
        .filter((p) => p.place && p.d.severity === 'error')
        .map((p) => ({ start: p.place!.offset, end: p.place!.offset + p.place!.length })),
    ];
    this.#runs = splitByRanges(this.text, marks);
    const errorCount = syntax.length + diagnostics.filter((d) => d.severity === 'error').length;
    return html`
      <p class="status" role="status">
        ${
          syntax.length
            ? html`<span class="badge error">Not valid JSON</span> The form keeps the last valid document
                until this parses.`
            : errorCount
              ? html`<span class="badge error">${errorCount} errors</span> Valid JSON; the scope has problems.`
              : html`<span class="badge success">Valid</span> The scope matches the schema and compiles.`
        }
      </p>
      <label class="label" for="json">Scope JSON</label>
      <div class="editor">
        <div class="backdrop" aria-hidden="true"></div>
        <textarea
          id="json"
          spellcheck="false"
          autocomplete="off"
          aria-invalid=${errorCount ? 'true' : 'false'}
          aria-describedby="json-problems"
          .value=${this.text}
          @input=${this.handleInput}
          @scroll=${this.handleScroll}
        ></textarea>
      </div>
      <ul class="problems" id="json-problems" aria-label="JSON problems">
        ${syntax.map((p) => this.#problemItem('error', p.code, p.message, p))}
        ${places.map(({ d, place }) => this.#problemItem(d.severity, d.code, d.message, place))}
      </ul>
    `;
  }

  override updated(): void {
    if (this.backdrop) fillBackdrop(this.backdrop, this.#runs);
    if (this.textarea && this.backdrop) this.backdrop.scrollTop = this.textarea.scrollTop;
  }
}
