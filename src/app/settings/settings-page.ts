import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { DeviceSession } from '../device/device-client.ts';
import { LogOutRequestEvent } from '../shell/app-events.ts';
import { appControls, appTokens } from '../styles/shared.styles.ts';
import styles from './settings.styles.ts';

/**
 * @summary Settings: "Synchronise" (Sync now, Pending Changes, Schedule, History), who is signed in
 * and "Log out", where the data lives (durable OPFS storage, or a warning when only memory is
 * available), and whether the browser syncs in the background.
 * @event ss-log-out-request - Log out pressed (the shell warns about pending changes first)
 */
export class SettingsPage extends LitElement {
  static override styles = [appTokens, appControls, styles];

  @property({ attribute: false }) accessor session: DeviceSession | null = null;
  /** From device.open(). */
  @property({ attribute: false }) accessor storage:
    { durable: boolean; storage: 'opfs' | 'memory' } | undefined = undefined;
  /** What registerPeriodicSync answered. */
  @property() accessor backgroundSync: 'registered' | 'unsupported' | 'denied' | '' = '';

  override render() {
    const session = this.session;
    return html`<main>
      <ul class="rows">
        <li><a href="#/settings/synchronise/pending" data-place="synchronise">Synchronise</a></li>
      </ul>
      <h2>Account</h2>
      <ul class="rows">
        <li class="text">
          ${
            session
              ? html`Signed in as <strong>${session.displayName ?? session.username}</strong><br /><span
                    class="weak"
                    >${session.username} · ${hostOf(session.instanceUrl)}</span
                  >`
              : 'Not signed in'
          }
        </li>
        <li class="text">
          <button
            class="button destructive"
            type="button"
            data-action="log-out"
            @click=${() => this.dispatchEvent(new LogOutRequestEvent())}
          >
            Log out
          </button>
          <p class="weak">Logging out deletes this device's records and any changes not yet uploaded.</p>
        </li>
      </ul>
      <h2>This device</h2>
      <ul class="rows">
        <li class="text" data-storage=${this.storage?.storage ?? 'unknown'}>
          ${
            this.storage === undefined
              ? 'Opening the local store…'
              : this.storage.durable
                ? 'Records are stored on this device (SQLite in the browser’s private file system) and stay available offline and after a restart.'
                : html`<strong class="error-text">This browser cannot keep records on the device</strong> (no
                    Origin Private File System for workers): records last only while this page is open.`
          }
        </li>
        ${
          this.backgroundSync
            ? html`<li class="text" data-background-sync=${this.backgroundSync}>
                ${
                  this.backgroundSync === 'registered'
                    ? 'Background sync is on: the browser may sync while the app is closed.'
                    : 'Syncs run while the app is open (on schedule, when the network returns and when you come back to the app).'
                }
              </li>`
            : nothing
        }
      </ul>
    </main>`;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

if (!customElements.get('ss-settings-page')) customElements.define('ss-settings-page', SettingsPage);

declare global {
  interface HTMLElementTagNameMap {
    'ss-settings-page': SettingsPage;
  }
}
