import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { ApiClient } from '../../api-client.ts';
import type { PreviewObject, PreviewResponse } from '../../../org/api-types.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import { errorState, formatBytes, numberFormat, pendingState } from '../../styles/task-states.ts';
import styles from './preview-panel.styles.ts';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * @summary What the scope puts on one user's device, from the connected org: per object the records
 * selected (COUNT() per path), samples, payload estimate and API calls of a first sync and of a delta
 * sync where nothing changed; per day at the scope's schedules, and for N users against the org's
 * DailyApiRequests.
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 */
export default class PreviewPanel extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;
  @property({ attribute: false }) accessor api: ApiClient | undefined = undefined;
  /** The user previewed (`:userId`). */
  @property({ attribute: 'user-id' }) accessor userId = '';

  @state() accessor users = 1;
  @state() accessor sampleSize = 5;
  /** Store revision the shown result was computed from. */
  @state() accessor ranAt = -1;

  readonly #task = new Task(this, {
    autoRun: false,
    task: async ([scope, userId, users, sampleSize]: [unknown, string, number, number]) => {
      if (!this.api) throw new Error('Not connected to a syncscope server.');
      return this.api.preview({
        scope: scope as never,
        userId,
        users,
        sampleSize,
        parameters: this.store?.typedParameterValues() ?? {},
      });
    },
  });

  constructor() {
    super();
    new StoreController(this);
  }

  private handleRunClick(): void {
    if (!this.store) return;
    this.ranAt = this.store.revision;
    void this.#task.run([this.store.scope, this.userId, this.users, this.sampleSize]);
  }

  private handleNumberInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const value = Math.max(1, Math.floor(Number(input.value) || 1));
    if (input.name === 'users') this.users = value;
    else this.sampleSize = Math.min(50, value);
  }

  #objectRows(o: PreviewObject) {
    return html`<tr data-object=${o.name}>
      <th scope="row">${o.name}</th>
      <td class="number" data-col="count">
        <span data-count=${o.count}>${numberFormat.format(o.count)}</span
        >${o.limitReached ? html` <span class="badge warning">limit ${o.limit}</span>` : nothing}
        <ul class="paths">
          ${o.paths.map((p) => html`<li data-path=${p.label}>${p.label}: ${numberFormat.format(p.count)}</li>`)}
        </ul>
        ${
          o.droppedFields.length > 0
            ? html`<p class="weak" data-dropped>
                Left out (the user cannot read): ${o.droppedFields.join(', ')}
              </p>`
            : nothing
        }
      </td>
      <td class="number">${formatBytes(o.estimatedBytes)}</td>
      <td class="number">${o.firstSyncApiCalls}</td>
      <td class="number">${o.deltaNoChangeRequests}</td>
      <td class="number">
        ${o.syncEveryMinutes}
        min${o.reconcileEverySync ? html`<br /><span class="weak">reconciled</span>` : nothing}
      </td>
    </tr>`;
  }

  #samples(o: PreviewObject) {
    if (o.sample.length === 0) return nothing;
    return html`<details>
      <summary>${o.name}: ${o.sample.length} sample rows</summary>
      <div class="sample">
        <table class="table">
          <thead>
            <tr>
              ${o.fields.map((f) => html`<th scope="col">${f}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${o.sample.map(
              (r) =>
                html`<tr>
                  ${o.fields.map((f) => html`<td>${cell(r[f])}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>`;
  }

  #result(r: PreviewResponse) {
    const t = r.totals;
    const f = r.fleet;
    const stat = (name: string, value: string, key: string) =>
      html`<div class="stat" data-stat=${key}>
        <span class="value">${value}</span><span class="name">${name}</span>
      </div>`;
    return html`
      ${
        this.store && this.ranAt !== this.store.revision
          ? html`<p class="stale badge warning" role="status">
              The scope changed since this preview: run it again.
            </p>`
          : nothing
      }
      <div class="totals">
        ${stat('records on the device', numberFormat.format(t.records), 'records')}
        ${stat('first download', formatBytes(t.estimatedBytes), 'bytes')}
        ${stat('API calls, first sync', numberFormat.format(t.firstSyncApiCalls), 'first')}
        ${stat('API calls, sync with no changes', numberFormat.format(t.deltaNoChangeApiCalls), 'delta')}
        ${stat(`API calls per device per day (${t.syncsPerDay} syncs)`, numberFormat.format(t.apiCallsPerDevicePerDay), 'perDay')}
        ${stat(
          `API calls per day for ${f.users} users${f.dailyApiRequests ? ` of ${numberFormat.format(f.dailyApiRequests.max)}` : ''}`,
          `${numberFormat.format(f.apiCallsPerDay)}${f.percentOfDailyMax !== null ? ` (${f.percentOfDailyMax}%)` : ''}`,
          'fleet',
        )}
        ${f.maxUsers !== null ? stat('users the daily API limit allows', numberFormat.format(f.maxUsers), 'maxUsers') : nothing}
      </div>
      <table class="table" aria-label="Records per object">
        <thead>
          <tr>
            <th scope="col">Object</th>
            <th scope="col" class="number">Records</th>
            <th scope="col" class="number">Payload</th>
            <th scope="col" class="number">First-sync calls</th>
            <th scope="col" class="number">No-change requests</th>
            <th scope="col" class="number">Schedule</th>
          </tr>
        </thead>
        <tbody>
          ${r.objects.map((o) => this.#objectRows(o))}
        </tbody>
      </table>
      <p class="weak">
        Pages of ${r.assumptions.pageSize} records; ${r.assumptions.queriesPerComposite} queries per
        /composite call; ${r.assumptions.planCheckCallsPerSync} call per sync to check for a new plan;
        scheduler tick every ${r.assumptions.tickMinutes} min.
      </p>
      ${r.objects.map((o) => this.#samples(o))}
    `;
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    const errors = store.errorCount;
    return html`
      <div class="controls">
        <div>
          <label class="label" for="users">Users (devices)</label>
          <input
            id="users"
            name="users"
            class="input"
            type="number"
            min="1"
            .value=${String(this.users)}
            @input=${this.handleNumberInput}
          />
        </div>
        <div>
          <label class="label" for="sample">Sample rows</label>
          <input
            id="sample"
            name="sample"
            class="input"
            type="number"
            min="1"
            max="50"
            .value=${String(this.sampleSize)}
            @input=${this.handleNumberInput}
          />
        </div>
        <button
          type="button"
          class="button brand"
          ?disabled=${!this.userId || errors > 0 || !this.api}
          @click=${this.handleRunClick}
        >
          Run preview
        </button>
        ${errors ? html`<span class="weak">Fix the ${errors} errors first.</span>` : nothing}
        ${!this.userId ? html`<span class="weak">Choose a user first.</span>` : nothing}
      </div>
      ${this.#task.render({
        initial: () => html`<p class="weak">Counts come from the connected org, for the chosen user.</p>`,
        pending: () => pendingState('Counting records in the org…'),
        complete: (r) => this.#result(r),
        error: (e) => errorState(e),
      })}
    `;
  }
}
