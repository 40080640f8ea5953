import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { SyncTrigger } from '../../../app/device/device-client.ts';
import { triggerLabel } from '../../../app/settings/history-tab.ts';
import type { SyncHistoryEntry, SyncSummary } from '../../../runtime/index.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import { FAILURE_TITLE } from '../device-simulator/sync-outcome-text.ts';
import styles from './simulator-history.styles.ts';

export type HistoryRow = SyncHistoryEntry & { readonly triggeredBy?: SyncTrigger };

/** "update Contact 003…": a local change a serverWins conflict dropped, for people. */
export function droppedText(d: SyncSummary['dropped'][number]): string {
  return `${d.op} ${d.object} ${d.recordId}`;
}

/**
 * @summary The simulated device's sync history, newest first: when each sync started, what started it
 * (named as the field app's History names it), its result and failure reason, API calls, records
 * downloaded, and the local changes a `serverWins` conflict dropped.
 *
 * No slots.
 *
 * @csspart table - The history table.
 */
export default class SimulatorHistory extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor entries: readonly HistoryRow[] = [];

  override render() {
    const history = this.entries;
    return html`<section aria-labelledby="history-title">
      <h3 class="section-title" id="history-title">Sync history</h3>
      ${
        history.length === 0
          ? html`<p class="weak">No sync yet.</p>`
          : html`<table class="table" part="table" aria-label="Sync history">
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">Result</th>
                  <th scope="col" class="number">API calls</th>
                  <th scope="col" class="number">Downloaded</th>
                  <th scope="col">Dropped local changes</th>
                </tr>
              </thead>
              <tbody>
                ${history.map(
                  (h) =>
                    html`<tr>
                      <td>${new Date(h.startedAt).toLocaleTimeString()}</td>
                      <td>${triggerLabel(h)}</td>
                      <td>
                        ${
                          h.ok
                            ? html`<span class="ok">ok</span>`
                            : html`<span class="failed"
                                >failed (${FAILURE_TITLE[h.failure ?? 'permanent']}): ${h.error ?? ''}</span
                              >`
                        }
                      </td>
                      <td class="number">${h.apiCalls}</td>
                      <td class="number">${Object.values(h.counts).reduce((n, c) => n + c.downloaded, 0)}</td>
                      <td data-col="dropped">
                        ${h.dropped.length ? h.dropped.map((d) => html`<div class="mono">${droppedText(d)}</div>`) : 'none'}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  }
}
