import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SyncHistoryEntry } from '../../runtime/index.ts';
import type { DeviceClient, SyncTrigger } from '../device/device-client.ts';
import { objectLabelPlural } from '../shell/object-labels.ts';
import { appControls, appTokens } from '../styles/shared.styles.ts';
import { clockTime } from '../sync/sync-messages.ts';
import styles from './synchronise-tabs.styles.ts';

type HistoryEntry = SyncHistoryEntry & { readonly triggeredBy?: SyncTrigger };

const TRIGGERS: Readonly<Record<SyncTrigger, string>> = {
  signIn: 'Sign-in',
  menu: 'Sync now (menu)',
  settings: 'Sync now (Settings)',
  pull: 'Pull to refresh',
  schedule: 'Schedule',
  reconnect: 'Network back',
  foreground: 'App reopened',
};

/** "Menu", "Schedule", ...: what started a sync, as History names it. */
export function triggerLabel(entry: HistoryEntry): string {
  if (entry.triggeredBy) return TRIGGERS[entry.triggeredBy];
  return entry.trigger === 'scheduled'
    ? 'Schedule'
    : entry.trigger === 'planChange'
      ? 'New plan'
      : 'Sync now';
}

/** "1.4 s", "2 min 5 s". */
export function durationText(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/**
 * @summary Settings > Synchronise > History: each sync, newest first: when, what started it, how long
 * it took, uploaded / downloaded / removed per object, API calls, errors, and the local changes a
 * `serverWins` conflict dropped.
 */
export class HistoryTab extends LitElement {
  static override styles = [appTokens, appControls, styles];

  @property({ attribute: false }) accessor device: DeviceClient | undefined = undefined;
  @state() accessor entries: readonly HistoryEntry[] | undefined = undefined;
  #unsubscribe: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.#unsubscribe = this.device?.subscribe((event) => {
      if (event.type === 'syncEnded') void this.load();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  async load(): Promise<void> {
    if (!this.device) return;
    this.entries = await this.device.history(30);
  }

  override render() {
    if (this.entries === undefined) return html`<p class="empty">Loading…</p>`;
    if (this.entries.length === 0) return html`<p class="empty">No sync yet.</p>`;
    return html`<ul class="items" data-history-list>
      ${this.entries.map((entry) => this.renderEntry(entry))}
    </ul>`;
  }

  private renderEntry(entry: HistoryEntry) {
    const counts = Object.entries(entry.counts).filter(
      ([, c]) => c.uploaded + c.uploadFailed + c.conflicts + c.downloaded + c.removed > 0,
    );
    const day = new Date(entry.startedAt).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
    return html`<li
      data-history-trigger=${entry.triggeredBy ?? entry.trigger}
      data-ok=${entry.ok ? 'true' : 'false'}
    >
      <div class="head">
        <span>${day} ${clockTime(entry.startedAt)} · ${triggerLabel(entry)}</span>
        <span class="badge ${entry.ok ? 'ok' : 'failed'}">${entry.ok ? 'Complete' : 'Failed'}</span>
      </div>
      <p class="line weak">${durationText(entry.endedAt - entry.startedAt)} · ${entry.apiCalls} API calls</p>
      ${
        counts.length === 0
          ? html`<p class="line">Nothing changed.</p>`
          : html`<ul class="counts">
              ${counts.map(
                ([object, c]) =>
                  html`<li data-counts=${object}>
                    ${objectLabelPlural(object)}: ${c.uploaded} uploaded, ${c.downloaded} downloaded,
                    ${c.removed}
                    removed${
                      c.uploadFailed ? `, ${c.uploadFailed} failed` : ''
                    }${c.conflicts ? `, ${c.conflicts} conflicts` : ''}
                  </li>`,
              )}
            </ul>`
      }
      ${entry.error ? html`<p class="line error-text">${entry.error}</p>` : nothing}
      ${entry.errors.filter((e) => e !== entry.error).map((e) => html`<p class="line error-text">${e}</p>`)}
      ${Object.entries(entry.counts)
        .filter(([, c]) => (c.fieldsLeftOut?.length ?? 0) > 0)
        .map(
          ([object, c]) =>
            html`<p class="line weak" data-fields-left-out=${object}>
              ${objectLabelPlural(object)}: ${c.fieldsLeftOut!.join(', ')} left out (not readable by this
              user)
            </p>`,
        )}
      ${
        entry.dropped.length > 0
          ? html`<p class="line" data-dropped>
              Replaced by the server's version (serverWins):
              ${entry.dropped.map((d) => `${objectLabelPlural(d.object)} ${d.recordId} (${d.op})`).join(', ')}
            </p>`
          : nothing
      }
    </li>`;
  }
}

if (!customElements.get('ss-history-tab')) customElements.define('ss-history-tab', HistoryTab);

declare global {
  interface HTMLElementTagNameMap {
    'ss-history-tab': HistoryTab;
  }
}
