import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { appControls, appTokens } from '../styles/shared.styles.ts';
import styles from './sign-in-screen.styles.ts';

/**
 * @summary The first screen: "Sign in with Salesforce" (OAuth 2.0 authorization code + PKCE at the
 * org's login page). After a revoked session it says the device's data and pending changes are kept.
 * @event ss-sign-in - the button was pressed (the shell redirects to the org's authorize page)
 */
export class SignInScreen extends LitElement {
  static override styles = [appTokens, appControls, styles];

  /** The org's host, shown under the button so the technician knows where they sign in. */
  @property() accessor orgHost = '';
  /** Why the last attempt failed (the token endpoint's answer, a mismatched state, ...). */
  @property() accessor problem = '';
  /** Set when the session expired: changes wait on the device (a count). */
  @property({ type: Number }) accessor keptChanges: number | undefined = undefined;
  @property({ type: Boolean }) accessor busy = false;

  override render() {
    return html`<main>
      <div class="brand-mark" aria-hidden="true">ss</div>
      <h1>syncscope Field</h1>
      <p class="weak">Your work orders, accounts and assets on this device, online or off.</p>
      ${
        this.keptChanges !== undefined
          ? html`<p class="notice" role="status" data-sign-in="expired">
              Your session has expired. Sign in again to continue syncing.
              ${
                this.keptChanges === 0
                  ? 'Your records stay on this device.'
                  : `Your ${this.keptChanges} pending change${this.keptChanges === 1 ? ' is' : 's are'} kept on this device and upload after you sign in.`
              }
            </p>`
          : nothing
      }
      ${this.problem ? html`<p class="problem" role="alert" data-sign-in="problem">${this.problem}</p>` : nothing}
      <button
        class="button brand"
        type="button"
        data-action="sign-in"
        ?disabled=${this.busy}
        @click=${() => this.dispatchEvent(new Event('ss-sign-in', { bubbles: true, composed: true }))}
      >
        ${this.busy ? 'Signing in…' : 'Sign in with Salesforce'}
      </button>
      ${this.orgHost ? html`<p class="org weak">Org: ${this.orgHost}</p>` : nothing}
    </main>`;
  }
}

if (!customElements.get('ss-sign-in-screen')) customElements.define('ss-sign-in-screen', SignInScreen);

declare global {
  interface HTMLElementTagNameMap {
    'ss-sign-in-screen': SignInScreen;
  }
}
