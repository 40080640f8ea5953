import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { appTokens } from '../styles/shared.styles.ts';
import { clockTime } from '../sync/sync-messages.ts';
import type { SyncSnapshot } from '../sync/sync-state.ts';
import { MenuToggleEvent } from './app-events.ts';
import { menuIcon, offlineIcon, syncIcon } from './icons.ts';
import styles from './app-header.styles.ts';

/**
 * @summary The app bar: the "Menu" button, the current place's title, an "Offline" badge while the
 * browser has no network, and the sync activity icon (turning while a sync runs, red after a failure),
 * which opens Settings > Synchronise > History.
 * @event ss-menu-toggle - the Menu button was pressed
 */
export class AppHeader extends LitElement {
  static override styles = [appTokens, styles];

  /** The place's title ("Work Orders", "Settings"). */
  @property() accessor heading = '';
  @property({ attribute: false }) accessor sync: SyncSnapshot | undefined = undefined;
  /** Reflects the menu's state on the button (aria-expanded). */
  @property({ type: Boolean }) accessor menuOpen = false;

  override render() {
    const sync = this.sync;
    const state = sync?.syncing ? 'syncing' : sync?.lastSyncOk === false ? 'failed' : 'idle';
    const activityLabel =
      state === 'syncing'
        ? 'Sync status: syncing'
        : state === 'failed'
          ? 'Sync status: the last sync failed'
          : sync?.lastSyncAt !== undefined
            ? `Sync status: synced at ${clockTime(sync.lastSyncAt)}`
            : 'Sync status: not synced yet';
    return html`<header>
      <button
        class="icon-button"
        type="button"
        aria-label="Menu"
        aria-haspopup="dialog"
        aria-expanded=${this.menuOpen ? 'true' : 'false'}
        data-action="menu"
        @click=${() => this.dispatchEvent(new MenuToggleEvent(!this.menuOpen))}
      >
        ${menuIcon}
      </button>
      <h1>${this.heading}</h1>
      ${
        sync && !sync.online
          ? html`<span class="offline" data-indicator="offline">${offlineIcon}Offline</span>`
          : nothing
      }
      <a
        class="icon-button activity"
        data-state=${state}
        href="#/settings/synchronise/history"
        aria-label=${activityLabel}
        title=${activityLabel}
        >${syncIcon}</a
      >
    </header>`;
  }
}

if (!customElements.get('ss-app-header')) customElements.define('ss-app-header', AppHeader);

declare global {
  interface HTMLElementTagNameMap {
    'ss-app-header': AppHeader;
  }
}
