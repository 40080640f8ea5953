import { LitElement, html } from 'lit';
import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DeviceClient } from '../device/device-client.ts';
import { SyncRequestEvent } from '../shell/app-events.ts';
import { routeHash, type SynchroniseTab } from '../shell/route.ts';
import { appControls, appTokens } from '../styles/shared.styles.ts';
import { clockTime, nextSyncText, plural } from '../sync/sync-messages.ts';
import type { SyncSnapshot } from '../sync/sync-state.ts';
import './history-tab.ts';
import './pending-changes-tab.ts';
import './schedule-tab.ts';
import styles from './settings.styles.ts';

const TABS: readonly (readonly [SynchroniseTab, string])[] = [
  ['pending', 'Pending Changes'],
  ['schedule', 'Schedule'],
  ['history', 'History'],
];

/**
 * @summary Settings > Synchronise: "Sync now", the last and next sync, the scope the device runs (the one
 * the org assigns the user, or the app's configured one), and the tabs Pending Changes,
 * Schedule and History (the selected tab is in the URL, so Back and reloads keep it). Tabs follow the
 * ARIA tabs pattern: arrow keys move between them.
 * @event ss-sync-request - "Sync now" pressed (trigger "settings")
 */
export class SynchronisePage extends LitElement {
  static override styles = [appTokens, appControls, styles];

  @property({ attribute: false }) accessor device: DeviceClient | undefined = undefined;
  @property({ attribute: false }) accessor sync: SyncSnapshot | undefined = undefined;
  @property() accessor tab: SynchroniseTab = 'pending';
  /** The installed plan's scope name; re-read when a sync ended (it may have moved the device). */
  @state() private accessor scopeName: string | undefined = undefined;

  override updated(changed: PropertyValues<this>): void {
    const before = changed.get('sync') as SyncSnapshot | undefined;
    if (changed.has('device') || (changed.has('sync') && before?.lastSyncAt !== this.sync?.lastSyncAt))
      void this.readScope();
  }

  private async readScope(): Promise<void> {
    try {
      this.scopeName = (await this.device?.plan())?.scopeName;
    } catch {
      // The device is closed (signing out): nothing to show.
    }
  }

  override render() {
    const sync = this.sync;
    return html`<main>
      <div class="sync-now">
        <button
          class="button brand"
          type="button"
          data-action="settings-sync-now"
          ?disabled=${sync?.syncing ?? false}
          @click=${() => this.dispatchEvent(new SyncRequestEvent('settings'))}
        >
          ${sync?.syncing ? 'Syncing…' : 'Sync now'}
        </button>
        <p data-last-sync>
          ${
            sync?.lastSyncAt !== undefined
              ? `Last sync ${clockTime(sync.lastSyncAt)}${sync.lastSyncOk === false ? ' (failed)' : ''}`
              : 'Not synced yet'
          }
          · ${plural(sync?.pendingChanges ?? 0, 'pending change')}
        </p>
        <p class="weak">${nextSyncText(sync?.nextSyncAt, sync?.now ?? Date.now())}</p>
        ${this.scopeName ? html`<p class="weak" data-scope>Scope: ${this.scopeName}</p>` : ''}
      </div>
      <div role="tablist" aria-label="Synchronise" @keydown=${this.handleTabKeys}>
        ${TABS.map(
          ([id, label]) =>
            html`<button
              role="tab"
              id="tab-${id}"
              type="button"
              aria-selected=${this.tab === id ? 'true' : 'false'}
              aria-controls="panel-${id}"
              tabindex=${this.tab === id ? '0' : '-1'}
              @click=${() => this.select(id)}
            >
              ${label}
            </button>`,
        )}
      </div>
      <div role="tabpanel" id="panel-${this.tab}" aria-labelledby="tab-${this.tab}" tabindex="0">
        ${
          this.tab === 'pending'
            ? html`<ss-pending-changes-tab .device=${this.device}></ss-pending-changes-tab>`
            : this.tab === 'schedule'
              ? html`<ss-schedule-tab
                  .device=${this.device}
                  .now=${
                    /* a new function on each tick of the sync state: the relative times move on */
                    () => sync?.now ?? Date.now()
                  }
                ></ss-schedule-tab>`
              : html`<ss-history-tab .device=${this.device}></ss-history-tab>`
        }
      </div>
    </main>`;
  }

  private select(tab: SynchroniseTab): void {
    this.tab = tab;
    history.replaceState(null, '', routeHash({ place: 'synchronise', tab }));
  }

  private handleTabKeys = (event: KeyboardEvent) => {
    const index = TABS.findIndex(([id]) => id === this.tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length]![0];
    this.select(next);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  };
}

if (!customElements.get('ss-synchronise-page')) customElements.define('ss-synchronise-page', SynchronisePage);

declare global {
  interface HTMLElementTagNameMap {
    'ss-synchronise-page': SynchronisePage;
  }
}
