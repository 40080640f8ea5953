import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { ApiClient } from '../../api-client.ts';
import type { DiffResponse } from '../../../org/api-types.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import { errorState, numberFormat, pendingState } from '../../styles/task-states.ts';
import styles from './diff-panel.styles.ts';

/**
 * @summary "What changes if I publish?": the edited scope against the latest published version, per object:
 * added / removed / changed, records the chosen user's device gains and loses, and which objects devices
 * must download again.
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 */
export default class DiffPanel extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;
  @property({ attribute: false }) accessor api: ApiClient | undefined = undefined;
  @property({ attribute: 'user-id' }) accessor userId = '';

  readonly #task = new Task(this, {
    autoRun: false,
    task: async ([scope, userId]: [unknown, string]) => {
      if (!this.api) throw new Error('Not connected to a syncscope server.');
      return this.api.diff({
        scope: scope as never,
        userId,
        parameters: this.store?.typedParameterValues() ?? {},
      });
    },
  });

  constructor() {
    super();
    new StoreController(this);
  }

  private handleRunClick(): void {
    if (this.store) void this.#task.run([this.store.scope, this.userId]);
  }

  #result(r: DiffResponse) {
    return html`
      <p class="published">
        ${
          r.published
            ? html`Compared with version ${r.published.versionNumber} (${r.published.note}), published
              ${new Date(r.published.publishedAt).toLocaleString()}${r.published.publishedBy ? ` by ${r.published.publishedBy}` : ''}.`
            : 'This scope was never published: everything is new.'
        }
        ${r.identical ? html`<span class="badge success">identical plan</span>` : nothing}
      </p>
      <table class="table" aria-label="Changes per object">
        <thead>
          <tr>
            <th scope="col">Object</th>
            <th scope="col">Change</th>
            <th scope="col" class="number">Before</th>
            <th scope="col" class="number">After</th>
            <th scope="col" class="number">Gained</th>
            <th scope="col" class="number">Lost</th>
            <th scope="col">Devices</th>
          </tr>
        </thead>
        <tbody>
          ${r.objects.map(
            (o) =>
              html`<tr data-object=${o.name}>
                <th scope="row">${o.name}</th>
                <td>
                  <span
                    class="badge ${o.change === 'unchanged' ? '' : o.change === 'removed' ? 'error' : 'brand'}"
                    >${o.change}</span
                  >
                </td>
                <td class="number">${numberFormat.format(o.before)}</td>
                <td class="number">${numberFormat.format(o.after)}</td>
                <td class="number gain">
                  +${numberFormat.format(o.gained)}
                  ${o.gainedIds.length ? html`<div class="ids">${o.gainedIds.join(' ')}</div>` : nothing}
                </td>
                <td class="number loss">
                  −${numberFormat.format(o.lost)}
                  ${o.lostIds.length ? html`<div class="ids">${o.lostIds.join(' ')}</div>` : nothing}
                </td>
                <td>${o.redownload ? html`<span class="badge warning">download again</span>` : 'keep'}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  override render() {
    if (!this.store) return nothing;
    const errors = this.store.errorCount;
    return html`
      <p>
        <button
          type="button"
          class="button brand"
          ?disabled=${!this.userId || errors > 0 || !this.api}
          @click=${this.handleRunClick}
        >
          Compare with published
        </button>
        ${errors ? html`<span class="weak">Fix the ${errors} errors first.</span>` : nothing}
      </p>
      ${this.#task.render({
        initial: () =>
          html`<p class="weak">Shows what devices gain, lose and re-download if this scope is published.</p>`,
        pending: () => pendingState('Comparing record sets in the org…'),
        complete: (r) => this.#result(r),
        error: (e) => errorState(e),
      })}
    `;
  }
}
