import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { appControls, appTokens } from '../styles/shared.styles.ts';
import { clockTime, plural } from '../sync/sync-messages.ts';
import type { SyncSnapshot } from '../sync/sync-state.ts';
import { MenuToggleEvent, SyncRequestEvent } from './app-events.ts';
import { closeIcon } from './icons.ts';
import styles from './main-menu.styles.ts';

export interface MenuPlace {
  readonly label: string;
  readonly href: string;
  readonly current: boolean;
}

/**
 * @summary The main menu (a modal side panel): the app's places, Settings, and as its last item the
 * "Sync now" button with the last sync time and the number of pending changes. Escape or the scrim
 * closes it; focus moves into it on open (the shell gives it back to the Menu button).
 * @event ss-menu-toggle - close requested
 * @event ss-sync-request - "Sync now" pressed (trigger "menu")
 */
export class MainMenu extends LitElement {
  static override styles = [appTokens, appControls, styles];

  @property({ type: Boolean, reflect: true }) accessor open = false;
  @property({ attribute: false }) accessor places: readonly MenuPlace[] = [];
  @property({ attribute: false }) accessor sync: SyncSnapshot | undefined = undefined;
  /** "Signed in as ..." line. */
  @property() accessor who = '';

  @query('nav') accessor panel: HTMLElement | null = null;

  override render() {
    if (!this.open) return nothing;
    const sync = this.sync;
    const last =
      sync?.lastSyncAt !== undefined
        ? `Last sync ${clockTime(sync.lastSyncAt)}${sync.lastSyncOk === false ? ' (failed)' : ''}`
        : 'Not synced yet';
    const pending = plural(sync?.pendingChanges ?? 0, 'pending change');
    return html`<div class="scrim" @click=${this.close}></div>
      <nav role="dialog" aria-modal="true" aria-label="Main menu" @keydown=${this.handleKeydown}>
        <div class="top">
          <h2>Menu</h2>
          <button class="close" type="button" aria-label="Close menu" @click=${this.close}>
            ${closeIcon}
          </button>
        </div>
        ${this.who ? html`<p class="who">${this.who}</p>` : nothing}
        <ul>
          ${this.places.map(
            (place) =>
              html`<li>
                <a href=${place.href} aria-current=${place.current ? 'page' : 'false'} @click=${this.close}
                  >${place.label}</a
                >
              </li>`,
          )}
        </ul>
        <div class="sync">
          <button
            class="button brand"
            type="button"
            data-action="sync-now"
            aria-describedby="menu-sync-state"
            ?disabled=${sync?.syncing ?? false}
            @click=${this.handleSyncNow}
          >
            ${sync?.syncing ? 'Syncing…' : 'Sync now'}
          </button>
          <p id="menu-sync-state" data-menu-sync-state>${last} · ${pending}</p>
        </div>
      </nav>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open) {
      this.panel?.querySelector<HTMLElement>('a, button:not(.close)')?.focus();
    }
  }

  private close = () => this.dispatchEvent(new MenuToggleEvent(false));

  private handleSyncNow = () => {
    this.dispatchEvent(new SyncRequestEvent('menu'));
    this.close();
  };

  private handleKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
      return;
    }
    if (event.key !== 'Tab' || !this.panel) return;
    // Keep focus inside the modal panel.
    const focusable = [...this.panel.querySelectorAll<HTMLElement>('a, button:not([disabled])')];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = this.shadowRoot?.activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first?.focus();
    }
  };
}

if (!customElements.get('ss-main-menu')) customElements.define('ss-main-menu', MainMenu);

declare global {
  interface HTMLElementTagNameMap {
    'ss-main-menu': MainMenu;
  }
}
