import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
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
 * @summary Every diagnostic of the current scope, errors first; choosing one jumps to its control. The
 * counts are toggles that show or hide a severity.
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 *
 * @event ss-jump-to-pointer - A user chose a diagnostic: focus the control for its pointer.
 */
export default class DiagnosticList extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;

  /** Severities the user chose to hide. */
  @state() accessor hiddenSeverities: ReadonlySet<keyof typeof ORDER> = new Set();

  private handleToggleClick(event: Event): void {
    const severity = (event.currentTarget as HTMLButtonElement).dataset['severity'] as keyof typeof ORDER;
    const next = new Set(this.hiddenSeverities);
    if (next.has(severity)) next.delete(severity);
    else next.add(severity);
    this.hiddenSeverities = next;
  }

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
        ${(['error', 'warning', 'info'] as const).map(
          (severity) =>
            html`<button
              type="button"
              class="toggle badge ${count(severity) && !this.hiddenSeverities.has(severity) && severity !== 'info' ? severity : ''}"
              data-severity=${severity}
              aria-pressed=${this.hiddenSeverities.has(severity) ? 'false' : 'true'}
              title=${this.hiddenSeverities.has(severity) ? `Show ${severity}s` : `Hide ${severity}s`}
              @click=${this.handleToggleClick}
            >
              ${count(severity)} ${severity === 'info' ? 'info' : `${severity}s`}
            </button>`,
        )}
      </div>
      ${
        list.length === 0
          ? html`<p class="ok" role="status">No problems: the scope compiles.</p>`
          : html`<ul aria-labelledby="title">
              ${list
                .filter((d) => !this.hiddenSeverities.has(d.severity))
                .map(
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
