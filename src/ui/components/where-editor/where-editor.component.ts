import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { escapeSegment, objectsOf, setObjectProp } from '../../state/scope-edits.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { ariaInvalid, diagnosticHelp } from '../../styles/diagnostic-help.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import styles from './where-editor.styles.ts';
import { fillBackdrop, rangeOf, splitByRanges } from './text-range.ts';
import { suggest, wordAtCaret } from './where-suggestions.ts';
import type { Suggestion, WordAtCaret } from './where-suggestions.ts';

/**
 * @summary An object's `where`: a SOQL condition, checked by the compiler on every keystroke. Diagnostics
 * with a SOQL position underline the spot in the text; all of them are listed under the box. While typing
 * a name, fields of the object (and through relationships, `Account.Name`) and binds are offered: arrow
 * keys choose, Enter or Tab insert, Escape closes.
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 */
export default class WhereEditor extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;
  /** The sObject whose `where` is edited. */
  @property({ attribute: 'object-name' }) accessor objectName = '';

  @query('textarea') accessor textarea!: HTMLTextAreaElement;
  @query('.backdrop') accessor backdrop!: HTMLElement;

  /** Completions for the word at the caret, and which one is active. */
  @state() accessor suggestions: readonly Suggestion[] = [];
  @state() accessor active = 0;
  #word: WordAtCaret | undefined;
  /** The text split at the diagnostics' ranges, drawn into the backdrop after each render. */
  #runs: { text: string; marked: boolean }[] = [];
  /** Caret to restore after an inserted completion re-renders the text. */
  #caret: number | undefined;

  constructor() {
    super();
    new StoreController(this);
  }

  #parameters(): string[] {
    return Object.keys((this.store?.scope.parameters as Record<string, string> | undefined) ?? {});
  }

  #updateSuggestions(): void {
    const textarea = this.textarea;
    if (!textarea || textarea.selectionStart !== textarea.selectionEnd) {
      this.suggestions = [];
      return;
    }
    this.#word = wordAtCaret(textarea.value, textarea.selectionStart);
    this.suggestions = suggest(this.#word, this.objectName, this.store?.metadata, this.#parameters());
    this.active = 0;
  }

  #accept(suggestion: Suggestion): void {
    const word = this.#word;
    if (!word) return;
    const text = this.textarea.value;
    const end = word.start + word.word.length;
    const next = text.slice(0, word.start) + suggestion.insert + text.slice(end);
    this.#caret = word.start + suggestion.insert.length;
    this.suggestions = [];
    this.store?.edit((s) => setObjectProp(s, this.objectName, 'where', next));
    // A relationship (`Account.`) goes on to offer the next hop.
    if (suggestion.insert.endsWith('.')) void this.updateComplete.then(() => this.#updateSuggestions());
  }

  private handleKeydown(event: KeyboardEvent): void {
    if (this.suggestions.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const n = this.suggestions.length;
      this.active = (this.active + (event.key === 'ArrowDown' ? 1 : n - 1)) % n;
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      this.#accept(this.suggestions[this.active]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.suggestions = [];
    }
  }

  private handleCaretMove(event: Event): void {
    if (
      event instanceof KeyboardEvent &&
      ['ArrowDown', 'ArrowUp', 'Enter', 'Tab', 'Escape'].includes(event.key)
    )
      return;
    this.#updateSuggestions();
  }

  private handleBlur(): void {
    this.suggestions = [];
  }

  private handleOptionMousedown(event: MouseEvent): void {
    // Before the textarea's blur closes the list.
    event.preventDefault();
    const index = Number((event.currentTarget as HTMLElement).dataset['index']);
    const chosen = this.suggestions[index];
    if (chosen) this.#accept(chosen);
  }

  get #pointer(): string {
    return `/objects/${escapeSegment(this.objectName)}/where`;
  }

  #where(): string {
    const where = objectsOf(this.store?.scope)[this.objectName]?.where;
    return typeof where === 'string' ? where : '';
  }

  private handleInput(event: InputEvent): void {
    const value = (event.target as HTMLTextAreaElement).value;
    this.store?.edit((s) =>
      setObjectProp(s, this.objectName, 'where', value.trim() === '' ? undefined : value),
    );
  }

  private handleScroll(): void {
    this.backdrop.scrollTop = this.textarea.scrollTop;
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    const text = this.#where();
    const diagnostics = store.diagnosticsAt(this.#pointer);
    const ranges = diagnostics
      .filter((d) => d.severity !== 'info')
      .map((d) => rangeOf(d.position, text))
      .filter((r) => r !== undefined);
    const params = this.#parameters();
    this.#runs = splitByRanges(text, ranges);
    const helpId = 'where-help';
    return html`
      <label class="label" for="where">Filter (SOQL <code>WHERE</code> condition)</label>
      <div class="editor">
        <div class="backdrop" aria-hidden="true"></div>
        <textarea
          id="where"
          rows="3"
          spellcheck="false"
          autocomplete="off"
          placeholder="e.g. OwnerId = :userId AND Status != 'Closed'"
          data-pointer=${this.#pointer}
          aria-invalid=${ariaInvalid(diagnostics)}
          aria-describedby=${diagnostics.length ? helpId : 'where-hints'}
          aria-autocomplete="list"
          aria-controls="where-suggestions"
          aria-activedescendant=${this.suggestions.length ? `suggestion-${this.active}` : nothing}
          .value=${live(text)}
          @input=${this.handleInput}
          @keydown=${this.handleKeydown}
          @keyup=${this.handleCaretMove}
          @click=${this.handleCaretMove}
          @blur=${this.handleBlur}
          @scroll=${this.handleScroll}
        ></textarea>
        <ul
          id="where-suggestions"
          role="listbox"
          aria-label="Completions"
          ?hidden=${this.suggestions.length === 0}
        >
          ${this.suggestions.map(
            (sg, i) =>
              html`<li
                id=${`suggestion-${i}`}
                role="option"
                aria-selected=${i === this.active ? 'true' : 'false'}
                data-index=${i}
                @mousedown=${this.handleOptionMousedown}
              >
                <span class="insert">${sg.insert}</span><span class="detail">${sg.detail}</span>
              </li>`,
          )}
        </ul>
      </div>
      ${diagnosticHelp(helpId, diagnostics)}
      <div class="hints" id="where-hints">
        Binds: <code>:userId</code>${params.map((p) => html`, <code>:${p}</code>`)}. Records change scope over
        time with date literals such as <code>NEXT_N_DAYS:14</code>.
      </div>
    `;
  }

  override updated(): void {
    if (this.backdrop) fillBackdrop(this.backdrop, this.#runs);
    if (this.textarea && this.backdrop) this.backdrop.scrollTop = this.textarea.scrollTop;
    if (this.#caret !== undefined && this.textarea) {
      this.textarea.setSelectionRange(this.#caret, this.#caret);
      this.#caret = undefined;
    }
  }
}
