import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SyncPlan } from '../../compiler/plan.ts';
import type { DeviceClient } from '../device/device-client.ts';
import { objectLabelPlural } from '../shell/object-labels.ts';
import { appControls, appTokens } from '../styles/shared.styles.ts';
import { clockTime, nextSyncText, relativeMinutes } from '../sync/sync-messages.ts';
import styles from './synchronise-tabs.styles.ts';

interface ScheduleRow {
  readonly object: string;
  readonly everyMinutes: number;
  readonly lastAt: number | null;
  readonly nextAt: number | null;
  readonly records: number;
}

/** When each object is next due: its last download plus its interval (now, before the first one). */
export function scheduleRows(
  plan: SyncPlan,
  objects: readonly { object: string; downloadedAt: number | null; records: number }[],
): ScheduleRow[] {
  return plan.objects.map((o) => {
    const state = objects.find((s) => s.object === o.name);
    const lastAt = state?.downloadedAt ?? null;
    return {
      object: o.name,
      everyMinutes: o.syncEveryMinutes,
      lastAt,
      nextAt: lastAt === null ? null : lastAt + o.syncEveryMinutes * 60_000,
      records: state?.records ?? 0,
    };
  });
}

/**
 * @summary Settings > Synchronise > Schedule: how often each record set is checked, when it was last
 * downloaded and when it is next due, and the next scheduled sync overall.
 */
export class ScheduleTab extends LitElement {
  static override styles = [appTokens, appControls, styles];

  @property({ attribute: false }) accessor device: DeviceClient | undefined = undefined;
  @property({ attribute: false }) accessor now: () => number = Date.now;
  @state() accessor rows: readonly ScheduleRow[] | undefined = undefined;
  @state() accessor nextSyncAt: number | undefined = undefined;
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
    const [plan, status] = await Promise.all([this.device.plan(), this.device.status()]);
    this.nextSyncAt = status.nextSyncAt;
    this.rows = plan ? scheduleRows(plan, status.objects) : [];
  }

  override render() {
    if (this.rows === undefined) return html`<p class="empty">Loading…</p>`;
    const now = this.now();
    return html`<p data-next-sync>${nextSyncText(this.nextSyncAt, now)}</p>
      <ul class="items" data-schedule-list>
        ${this.rows.map(
          (row) =>
            html`<li data-object=${row.object}>
              <div class="head">
                <span>${objectLabelPlural(row.object)}</span><span class="weak">${row.records} held</span>
              </div>
              <dl>
                <dt>Every</dt>
                <dd>${row.everyMinutes} min</dd>
                <dt>Last</dt>
                <dd>${row.lastAt === null ? 'not downloaded yet' : clockTime(row.lastAt)}</dd>
                <dt>Next due</dt>
                <dd data-next-due>
                  ${row.nextAt === null ? 'at the next sync' : `${clockTime(row.nextAt)} (${relativeMinutes(row.nextAt, now)})`}
                </dd>
              </dl>
            </li>`,
        )}
      </ul>`;
  }
}

if (!customElements.get('ss-schedule-tab')) customElements.define('ss-schedule-tab', ScheduleTab);

declare global {
  interface HTMLElementTagNameMap {
    'ss-schedule-tab': ScheduleTab;
  }
}
