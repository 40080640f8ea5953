import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OutboxEntry } from '../../runtime/index.ts';
import type { DeviceClient } from '../device/device-client.ts';
import { objectLabel } from '../shell/object-labels.ts';
import { routeHash } from '../shell/route.ts';
import { appControls, appTokens } from '../styles/shared.styles.ts';
import { clockTime } from '../sync/sync-messages.ts';
import styles from './synchronise-tabs.styles.ts';

const OPS: Readonly<Record<OutboxEntry['op'], string>> = { create: 'New', update: 'Edit', delete: 'Delete' };
const STATUS: Readonly<Record<OutboxEntry['status'], string>> = {
  pending: 'Waiting to upload',
  // Sent, answer not had (a dropped connection, an expired session): the next sync asks the org before sending again.
  inFlight: 'Sent, not confirmed yet: checked at the next sync',
  failed: 'Upload failed',
  conflict: 'Conflict',
};

/**
 * @summary Settings > Synchronise > Pending Changes: every local change waiting in the outbox, oldest
 * first, with its status and the server's error; Retry (a failed change goes in the next sync), Undo
 * (drops the change and restores the record as last synced) and Edit (the record's form). A conflict
 * links to its record, where Mine and Theirs are resolved.
 */
export class PendingChangesTab extends LitElement {
  static override styles = [appTokens, appControls, styles];

  @property({ attribute: false }) accessor device: DeviceClient | undefined = undefined;
  @state() accessor entries: readonly OutboxEntry[] | undefined = undefined;
  @state() accessor problem = '';
  #unsubscribe: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.#unsubscribe = this.device?.subscribe((event) => {
      if (event.type === 'changed' || event.type === 'syncEnded') void this.load();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  async load(): Promise<void> {
    if (!this.device) return;
    this.entries = await this.device.pendingChanges();
  }

  override render() {
    if (this.entries === undefined) return html`<p class="empty">Loading…</p>`;
    if (this.entries.length === 0)
      return html`<p class="empty" data-pending="none">No pending changes: everything is uploaded.</p>`;
    return html`${this.problem ? html`<p class="error-text" role="alert">${this.problem}</p>` : nothing}
      <ul class="items" data-pending-list>
        ${this.entries.map((entry) => this.renderEntry(entry))}
      </ul>`;
  }

  private renderEntry(entry: OutboxEntry) {
    const fields = Object.keys(entry.fields);
    const statusClass = entry.status === 'failed' || entry.status === 'conflict' ? entry.status : 'pending';
    return html`<li data-seq=${entry.seq} data-status=${entry.status}>
      <div class="head">
        <span>${OPS[entry.op]} · ${objectLabel(entry.object)}</span>
        <span class="badge ${statusClass}">${STATUS[entry.status]}</span>
      </div>
      <p class="line weak">
        ${entry.recordId} · changed
        ${clockTime(entry.changedAt)}${entry.attempts > 0 ? ` · ${entry.attempts} attempt(s)` : ''}
      </p>
      ${fields.length > 0 && entry.op !== 'delete' ? html`<p class="line">Fields: ${fields.join(', ')}</p>` : nothing}
      ${
        entry.error
          ? html`<p class="line error-text" data-change-error>${entry.error.code}: ${entry.error.message}</p>`
          : nothing
      }
      <div class="actions">
        ${
          entry.status === 'failed'
            ? html`<button
                class="button"
                type="button"
                data-action="retry"
                @click=${() => this.act(() => this.device!.retry(entry.seq))}
              >
                Retry
              </button>`
            : nothing
        }
        ${
          entry.status === 'conflict'
            ? html`<a
                class="button"
                href=${routeHash({ place: 'record', object: entry.object, id: entry.recordId, edit: false })}
                >Resolve</a
              >`
            : nothing
        }
        ${
          entry.op !== 'delete' && entry.status !== 'inFlight'
            ? html`<a
                class="button"
                data-action="edit"
                href=${routeHash({ place: 'record', object: entry.object, id: entry.recordId, edit: true })}
                >Edit</a
              >`
            : nothing
        }
        ${
          entry.status !== 'inFlight'
            ? html`<button
                class="button destructive"
                type="button"
                data-action="undo"
                @click=${() => this.act(() => this.device!.undo(entry.seq))}
              >
                Undo
              </button>`
            : nothing
        }
      </div>
    </li>`;
  }

  private async act(action: () => Promise<void>): Promise<void> {
    this.problem = '';
    try {
      await action();
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
    await this.load();
  }
}

if (!customElements.get('ss-pending-changes-tab'))
  customElements.define('ss-pending-changes-tab', PendingChangesTab);

declare global {
  interface HTMLElementTagNameMap {
    'ss-pending-changes-tab': PendingChangesTab;
  }
}
