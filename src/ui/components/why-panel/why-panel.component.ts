import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { ApiClient } from '../../api-client.ts';
import type { WhyResponse } from '../../../org/api-types.ts';
import { JumpToPointerEvent } from '../../events/events.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import { errorState, pendingState } from '../../styles/task-states.ts';
import styles from './why-panel.styles.ts';

const ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

/**
 * @summary "Why is this record (not) on the device?": for a record Id and the chosen user, the path that
 * brings it in, or the conditions and paths that keep it out. Failed conditions jump to the `where`.
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 *
 * @event ss-jump-to-pointer - A user chose a failed condition.
 */
export default class WhyPanel extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;
  @property({ attribute: false }) accessor api: ApiClient | undefined = undefined;
  @property({ attribute: 'user-id' }) accessor userId = '';

  @state() accessor recordId = '';

  readonly #task = new Task(this, {
    autoRun: false,
    task: async ([scope, userId, recordId]: [unknown, string, string]) => {
      if (!this.api) throw new Error('Not connected to a syncscope server.');
      return this.api.why({
        scope: scope as never,
        userId,
        recordId,
        parameters: this.store?.typedParameterValues() ?? {},
      });
    },
  });

  constructor() {
    super();
    new StoreController(this);
  }

  private handleIdInput(event: Event): void {
    this.recordId = (event.target as HTMLInputElement).value.trim();
  }

  private handleSubmit(event: Event): void {
    event.preventDefault();
    if (!this.store || !ID.test(this.recordId)) return;
    void this.#task.run([this.store.scope, this.userId, this.recordId]);
  }

  private handleConditionClick(event: Event): void {
    this.dispatchEvent(
      new JumpToPointerEvent((event.currentTarget as HTMLButtonElement).dataset['path'] ?? ''),
    );
  }

  #result(r: WhyResponse) {
    return html`
      <p class="verdict" data-on-device=${String(r.onDevice)}>
        <span class=${r.onDevice ? 'yes' : 'no'}
          >${r.onDevice ? 'On the device.' : 'Not on the device.'}</span
        >
        ${r.summary}
      </p>
      ${r.object ? html`<p class="weak">${r.object}${r.recordName ? ` · ${r.recordName}` : ''} · ${r.exists ? 'exists' : 'does not exist or is deleted'}</p>` : nothing}
      ${
        r.paths.length
          ? html`<table class="table" aria-label="Paths">
              <thead>
                <tr>
                  <th scope="col">Path</th>
                  <th scope="col">Brings it in</th>
                  <th scope="col">Via</th>
                  <th scope="col">Why not</th>
                </tr>
              </thead>
              <tbody>
                ${r.paths.map(
                  (p) =>
                    html`<tr>
                      <th scope="row" class="mono">${p.label}</th>
                      <td>
                        ${p.matches ? html`<span class="yes">yes</span>` : html`<span class="no">no</span>`}
                      </td>
                      <td class="mono">${p.via.join(', ')}</td>
                      <td>${p.reason ?? ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : nothing
      }
      ${
        r.failedConditions.length
          ? html`<h3 class="section-title">Conditions it fails</h3>
              <ul>
                ${r.failedConditions.map(
                  (c) =>
                    html`<li>
                      <button
                        type="button"
                        class="link mono"
                        data-path=${c.path}
                        @click=${this.handleConditionClick}
                      >
                        ${c.condition}
                      </button>
                    </li>`,
                )}
              </ul>`
          : nothing
      }
      ${r.beyondLimit ? html`<p><span class="badge warning">beyond limit</span> Paths bring it in, but the object's limit leaves it out.</p>` : nothing}
    `;
  }

  override render() {
    if (!this.store) return nothing;
    const valid = ID.test(this.recordId);
    return html`
      <form @submit=${this.handleSubmit}>
        <div>
          <label class="label" for="record-id">Record Id</label>
          <input
            id="record-id"
            class="input mono"
            autocomplete="off"
            placeholder="15 or 18 characters"
            aria-invalid=${this.recordId !== '' && !valid ? 'true' : 'false'}
            .value=${this.recordId}
            @input=${this.handleIdInput}
          />
        </div>
        <button type="submit" class="button brand" ?disabled=${!valid || !this.userId || !this.api}>
          Explain
        </button>
      </form>
      ${this.#task.render({
        initial: () =>
          html`<p class="weak">
            Paste the Id of any record to see whether this user's device gets it, and why.
          </p>`,
        pending: () => pendingState('Asking the org…'),
        complete: (r) => this.#result(r),
        error: (e) => errorState(e),
      })}
    `;
  }
}
