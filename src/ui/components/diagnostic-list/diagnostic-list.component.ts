import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { JumpToPointerEvent } from '../../events/events.ts';
import { fromPointer } from '../../state/json-pointer.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import styles from './diagnostic-list.styles.ts';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** `/objects/WorkOrder/childOf/0/field` -> `WorkOrder › childOf › 0 › field`; '' -> `scope`. */
export function describePointer(pointer: string): string {
  const s = fromPointer(pointer);
  if (s[0] === 'objects') s.shift();
  return s.length ? s.join(' › ') : 'scope';
}

/**
 * @summary Every diagnostic of the current scope, errors first; choosing one jumps to its control.
 *
 * @event ss-jump-to-pointer - A user chose a diagnostic: focus the control for its pointer.
 */
export default class DiagnosticList extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;

  constructor() {
    super();
    new StoreController(this);
  }

  private handleItemClick(event: Event): void {
    const pointer = (event.currentTarget as HTMLButtonElement).dataset['path'] ?? '';
    this.dispatchEvent(new JumpToPointerEvent(pointer));
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    // Stable sort: severity, then the compiler's own order (which follows the document).
    const list = [...store.diagnostics].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
    const count = (s: keyof typeof ORDER) => list.filter((d) => d.severity === s).length;
    return html`
      <div class="summary">
        <h2 id="title">Problems</h2>
        <span class="badge ${count('error') ? 'error' : ''}">${count('error')} errors</span>
        <span class="badge ${count('warning') ? 'warning' : ''}">${count('warning')} warnings</span>
        <span class="badge">${count('info')} info</span>
      </div>
      ${
        list.length === 0
          ? html`<p class="ok" role="status">No problems: the scope compiles.</p>`
          : html`<ul aria-labelledby="title">
              ${list.map(
                (d) =>
                  html`<li>
                    <button
                      type="button"
                      data-path=${d.path}
                      data-code=${d.code}
                      @click=${this.handleItemClick}
                    >
                      <span class="badge ${d.severity}">${d.severity}</span>
                      <span>
                        <span class="code">${d.code}</span> ${d.message}
                        <span class="where">${describePointer(d.path)}</span>
                      </span>
                    </button>
                  </li>`,
              )}
            </ul>`
      }
    `;
  }
}
