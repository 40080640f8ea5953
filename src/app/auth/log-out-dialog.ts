import { LitElement, css, html, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { appControls, appTokens } from '../styles/shared.styles.ts';

/**
 * @summary The warning before logging out (a modal <dialog>): logging out deletes the device's records,
 * and says how many changes would be lost when some are not uploaded yet.
 * @event ss-log-out-confirmed - "Log out" pressed in the dialog
 * @event ss-log-out-cancelled - Cancel or Escape
 */
export class LogOutDialog extends LitElement {
  static override styles = [
    appTokens,
    appControls,
    css`
      dialog {
        width: min(26rem, calc(100vw - 2rem));
        border: 0;
        border-radius: var(--ss-radius);
        padding: var(--ss-space-4);
        box-shadow: 0 2px 12px rgba(0, 0, 0, 0.3);
      }
      dialog::backdrop {
        background: rgba(8, 7, 7, 0.4);
      }
      h2 {
        margin: 0 0 var(--ss-space-2);
        font-size: 1.25rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: var(--ss-space-2);
        margin-top: var(--ss-space-4);
      }
      .warning {
        padding: var(--ss-space-2) var(--ss-space-3);
        border-left: 4px solid var(--ss-error);
        background: #fef1ee;
      }
    `,
  ];

  @property({ type: Boolean }) accessor open = false;
  @property({ type: Number }) accessor pendingChanges = 0;
  @query('dialog') accessor dialog: HTMLDialogElement | null = null;

  override render() {
    const n = this.pendingChanges;
    return html`<dialog aria-labelledby="log-out-title" @cancel=${this.cancel}>
      <h2 id="log-out-title">Log out?</h2>
      ${
        n > 0
          ? html`<p class="warning" data-log-out-warning>
              ${n} change${n === 1 ? ' has' : 's have'} not been uploaded yet. Logging out deletes
              ${n === 1 ? 'it' : 'them'} from this device. Sync first to keep ${n === 1 ? 'it' : 'them'}.
            </p>`
          : html`<p>Logging out deletes the records on this device. They download again when you sign in.</p>`
      }
      <div class="actions">
        <button class="button" type="button" data-action="cancel-log-out" @click=${this.cancel}>
          Cancel
        </button>
        <button class="button brand" type="button" data-action="confirm-log-out" @click=${this.confirm}>
          ${n > 0 ? 'Delete changes and log out' : 'Log out'}
        </button>
      </div>
    </dialog>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open') || !this.dialog) return;
    if (this.open && !this.dialog.open) this.dialog.showModal();
    if (!this.open && this.dialog.open) this.dialog.close();
  }

  private cancel = (event?: Event) => {
    event?.preventDefault();
    this.dispatchEvent(new Event('ss-log-out-cancelled', { bubbles: true, composed: true }));
  };

  private confirm = () =>
    this.dispatchEvent(new Event('ss-log-out-confirmed', { bubbles: true, composed: true }));
}

if (!customElements.get('ss-log-out-dialog')) customElements.define('ss-log-out-dialog', LogOutDialog);

declare global {
  interface HTMLElementTagNameMap {
    'ss-log-out-dialog': LogOutDialog;
  }
}
