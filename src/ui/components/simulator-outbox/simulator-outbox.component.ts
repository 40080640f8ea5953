import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import '../../../app/records/conflict-resolver/conflict-resolver.ts';
import type { DeviceClient } from '../../../app/device/device-client.ts';
import type { OrgMetadata } from '../../../compiler/org-metadata.ts';
import type { SyncPlan } from '../../../compiler/plan.ts';
import type { OutboxEntry } from '../../../runtime/index.ts';
import { OutboxActionEvent } from '../../events/events.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import styles from './simulator-outbox.styles.ts';

/**
 * @summary The simulated device's outbox: each local change waiting to upload with its status and the
 * org's error, Retry and Edit on a failed one, Undo on any not in flight; then the conflicts (policy
 * `manual`), resolved with the field app's own conflict resolver (Mine and Theirs per field), which
 * talks to the device directly.
 *
 * No slots.
 *
 * @event ss-outbox-action - Retry, Undo or Edit was pressed (OutboxActionEvent: action, seq).
 * @event ss-conflict-resolved - From the conflict resolver: the device accepted a resolution.
 *
 * @csspart pending - The pending changes table.
 * @csspart conflicts - The conflicts section (only while there are conflicts).
 */
export default class SimulatorOutbox extends LitElement {
  static override styles = [tokens, controls, styles];

  /** The device, for the conflict resolver. */
  @property({ attribute: false }) accessor device: DeviceClient | undefined = undefined;
  @property({ attribute: false }) accessor plan: SyncPlan | undefined = undefined;
  /** Describes of the plan's objects (field labels and types in the conflict resolver). */
  @property({ attribute: false }) accessor metadata: OrgMetadata | undefined = undefined;
  @property({ attribute: false }) accessor pending: readonly OutboxEntry[] = [];
  /** How many changes are in conflict (the resolver reads them from the device). */
  @property({ type: Number }) accessor conflicts = 0;

  private handleActionClick(event: Event): void {
    const button = event.currentTarget as HTMLButtonElement;
    this.dispatchEvent(
      new OutboxActionEvent(
        button.dataset['action'] as 'retry' | 'undo' | 'edit',
        Number(button.dataset['seq']),
      ),
    );
  }

  #actionButton(change: OutboxEntry, action: 'retry' | 'undo' | 'edit', label: string) {
    return html`<button
      type="button"
      class="button small"
      data-seq=${change.seq}
      data-action=${action}
      aria-label=${`${label} change ${change.seq}`}
      @click=${this.handleActionClick}
    >
      ${label}
    </button>`;
  }

  #pending() {
    const changes = this.pending;
    return html`<section aria-labelledby="pending-title">
      <h3 class="section-title" id="pending-title">Pending changes (${changes.length})</h3>
      ${
        changes.length === 0
          ? html`<p class="weak">Nothing waiting to upload.</p>`
          : html`<table class="table" part="pending" aria-label="Pending changes">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Change</th>
                  <th scope="col">Status</th>
                  <th scope="col"><span class="assistive-text">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                ${changes.map(
                  (c) =>
                    html`<tr data-seq=${c.seq}>
                      <td>${c.seq}</td>
                      <td>
                        ${c.op} ${c.object} <span class="mono">${c.recordId}</span>
                        <span class="mono">${JSON.stringify(c.fields)}</span>
                      </td>
                      <td>
                        ${
                          // Listed only between syncs: in flight then means the last sync was cut off
                          // while sending it; the next sync checks whether the org got it.
                          c.status === 'inFlight' ? 'sent, not confirmed: checked at the next sync' : c.status
                        }${c.error ? html`<br /><span class="failed">${c.error.code}: ${c.error.message}</span>` : nothing}
                      </td>
                      <td>
                        ${c.status === 'failed' ? this.#actionButton(c, 'retry', 'Retry') : nothing}
                        ${
                          c.status === 'failed' && c.op !== 'delete' && Object.keys(c.fields).length > 0
                            ? this.#actionButton(c, 'edit', 'Edit')
                            : nothing
                        }
                        ${c.status === 'inFlight' ? nothing : this.#actionButton(c, 'undo', 'Undo')}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  }

  override render() {
    return html`${this.#pending()}
    ${
      this.conflicts > 0
        ? html`<section part="conflicts" aria-labelledby="conflicts-title">
            <h3 class="section-title" id="conflicts-title">Conflicts (${this.conflicts})</h3>
            <ss-conflict-resolver
              .device=${this.device}
              .plan=${this.plan}
              .metadata=${this.metadata}
            ></ss-conflict-resolver>
          </section>`
        : nothing
    }`;
  }
}
