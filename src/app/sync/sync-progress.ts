import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { appTokens } from '../styles/shared.styles.ts';
import { progressFraction, progressText } from './sync-messages.ts';
import type { SyncSnapshot } from './sync-state.ts';
import styles from './sync-progress.styles.ts';

/**
 * @summary While a sync runs: a bar (determinate once the phase's total is known) and what it is doing,
 * "Uploading 3 of 5" / "Downloading Work Orders: 120 of 480". Shown under the header on every screen,
 * so the technician keeps reading records meanwhile. Renders nothing when no sync runs.
 */
export class SyncProgressBar extends LitElement {
  static override styles = [appTokens, styles];

  @property({ attribute: false }) accessor sync: SyncSnapshot | undefined = undefined;

  override render() {
    if (!this.sync?.syncing) return nothing;
    const text = progressText(this.sync.progress);
    const fraction = progressFraction(this.sync.progress);
    return html`<div class="progress" data-sync="progress">
      <p class="text" data-progress-text>${text}</p>
      <div
        class="track"
        role="progressbar"
        aria-label="Sync progress"
        aria-valuetext=${text}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${fraction === undefined ? nothing : Math.round(fraction * 100)}
      >
        <div
          class="bar ${fraction === undefined ? 'indeterminate' : ''}"
          style=${fraction === undefined ? '' : `width: ${(fraction * 100).toFixed(1)}%`}
        ></div>
      </div>
    </div>`;
  }
}

if (!customElements.get('ss-sync-progress')) customElements.define('ss-sync-progress', SyncProgressBar);

declare global {
  interface HTMLElementTagNameMap {
    'ss-sync-progress': SyncProgressBar;
  }
}
