import { LitElement, html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { escapeSegment, objectsOf, setObjectProp } from '../../state/scope-edits.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { ariaInvalid, diagnosticHelp } from '../../styles/diagnostic-help.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import styles from './where-editor.styles.ts';
import { rangeOf, splitByRanges } from './text-range.ts';

/**
 * @summary An object's `where`: a SOQL condition, checked by the compiler on every keystroke. Diagnostics
 * with a SOQL position underline the spot in the text; all of them are listed under the box.
 */
export default class WhereEditor extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;
  /** The sObject whose `where` is edited. */
  @property({ attribute: 'object-name' }) accessor objectName = '';

  @query('textarea') accessor textarea!: HTMLTextAreaElement;
  @query('.backdrop') accessor backdrop!: HTMLElement;

  constructor() {
    super();
    new StoreController(this);
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
    const params = Object.keys((store.scope.parameters as Record<string, string> | undefined) ?? {});
    const helpId = 'where-help';
    return html`
      <label class="label" for="where">Filter (SOQL <code>WHERE</code> condition)</label>
      <div class="editor">
        <div class="backdrop" aria-hidden="true">
          ${splitByRanges(text, ranges).map((run) => (run.marked ? html`<mark>${run.text}</mark>` : run.text))}
        </div>
        <textarea
          id="where"
          rows="3"
          spellcheck="false"
          autocomplete="off"
          placeholder="e.g. OwnerId = :userId AND Status != 'Closed'"
          data-pointer=${this.#pointer}
          aria-invalid=${ariaInvalid(diagnostics)}
          aria-describedby=${diagnostics.length ? helpId : 'where-hints'}
          .value=${live(text)}
          @input=${this.handleInput}
          @scroll=${this.handleScroll}
        ></textarea>
      </div>
      ${diagnosticHelp(helpId, diagnostics)}
      <div class="hints" id="where-hints">
        Binds: <code>:userId</code>${params.map((p) => html`, <code>:${p}</code>`)}. Records change scope over
        time with date literals such as <code>NEXT_N_DAYS:14</code>.
      </div>
    `;
  }

  override updated(): void {
    if (this.textarea && this.backdrop) this.backdrop.scrollTop = this.textarea.scrollTop;
  }
}
