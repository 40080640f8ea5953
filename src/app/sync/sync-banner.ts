import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { closeIcon } from '../shell/icons.ts';
import { appTokens } from '../styles/shared.styles.ts';
import type { SyncSnapshot } from './sync-state.ts';
import styles from './sync-banner.styles.ts';

/**
 * @summary How the last sync ended, until dismissed: "Sync complete. Next scheduled sync at 10:42
 * (in 30 min)", or a failure that says what happened, what was kept and when it tries again (red, never
 * looking like success). A new outcome shows again after a dismissal.
 */
export class SyncBanner extends LitElement {
  static override styles = [appTokens, styles];

  @property({ attribute: false }) accessor sync: SyncSnapshot | undefined = undefined;
  @state() accessor dismissed: string | undefined = undefined;

  override render() {
    const sync = this.sync;
    if (!sync?.outcome || sync.syncing || this.dismissed === `${sync.lastSyncAt}`) return nothing;
    const { ok, text } = sync.outcome;
    return html`<div class="banner ${ok ? 'ok' : 'failed'}" data-sync-outcome=${ok ? 'ok' : 'failed'}>
      <p>${text}</p>
      <button
        class="close"
        type="button"
        aria-label="Dismiss sync message"
        @click=${() => (this.dismissed = `${sync.lastSyncAt}`)}
      >
        ${closeIcon}
      </button>
    </div>`;
  }
}

if (!customElements.get('ss-sync-banner')) customElements.define('ss-sync-banner', SyncBanner);

declare global {
  interface HTMLElementTagNameMap {
    'ss-sync-banner': SyncBanner;
  }
}
