import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { OrgMetadata } from '../../../compiler/org-metadata.ts';
import type { SyncPlan } from '../../../compiler/plan.ts';
import type { SfRecord } from '../../../runtime/index.ts';
import type { DeviceClient, DeviceEvent } from '../../device/device-client.ts';
import { appControls, appTokens } from '../../styles/shared.styles.ts';
import { concerns, DeviceWatch } from '../device-watch.ts';
import { EditRecordEvent, OpenRecordEvent, SyncRequestEvent } from '../events.ts';
import { PullToRefresh } from '../pull-to-refresh.ts';
import { fieldInfos, isWritable, keyFields, objectLabel, type FieldInfo } from '../record-fields.ts';
import {
  formatValue,
  matchesSearch,
  PENDING_LABELS,
  pendingStates,
  recordTitle,
  type HeldRecords,
  type PendingState,
} from '../record-view.ts';
import { recordStyles } from '../records.styles.ts';
import styles from './record-list.styles.ts';

interface Row {
  readonly id: string;
  readonly title: string;
  readonly meta: readonly string[];
  readonly pending: PendingState | undefined;
}

/**
 * @summary The records of one plan object the device holds, by name and key fields, with a search box,
 * pull-to-refresh (touch, mouse or pen drag down at the top of the list) and a Refresh button for the same
 * by keyboard. While a sync runs the list stays readable and re-reads itself on the device's 'changed'.
 *
 * @event ss-open-record - A row was chosen (OpenRecordEvent: object, recordId).
 * @event ss-sync-request - Pull-to-refresh released past the threshold, or Refresh pressed (trigger 'pull').
 *   The handler starts the sync and passes it to `event.respondWith(promise)`; the spinner turns until it ends.
 * @event ss-edit-record - "New" pressed on a readWrite object (EditRecordEvent with recordId undefined).
 *
 * @csspart scroller - The scrolling list (give the host a height to scroll inside it).
 * @csspart row - Each record's button.
 */
export default class RecordList extends LitElement {
  static override styles = [appTokens, appControls, recordStyles, styles];

  @property({ attribute: false }) accessor device: DeviceClient | undefined = undefined;
  /** The plan the device runs (which fields it holds, which objects it may write). */
  @property({ attribute: false }) accessor plan: SyncPlan | undefined = undefined;
  /** Describes of the plan's objects, for labels and lookups; API names without it. */
  @property({ attribute: false }) accessor metadata: OrgMetadata | undefined = undefined;
  /** The plan object listed (sObject API name). */
  @property() accessor object = '';
  /** The search box's text. */
  @property() accessor search = '';

  @state() private accessor rows: readonly Row[] = [];
  @state() private accessor loaded = false;
  @state() private accessor refreshing = false;
  @state() private accessor error = '';

  @query('.scroller') accessor scroller!: HTMLElement;

  readonly #pull = new PullToRefresh(this, {
    scroller: () => this.scroller,
    onRefresh: () => this.refresh(),
  });
  #loading = 0;

  constructor() {
    super();
    new DeviceWatch(
      this,
      () => this.device,
      (event) => this.handleDeviceEvent(event),
    );
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('device') || changed.has('object') || changed.has('plan') || changed.has('metadata'))
      void this.reload();
  }

  private handleDeviceEvent(event: DeviceEvent): void {
    if (event.type === 'syncStarted') this.refreshing = true;
    else if (event.type === 'syncEnded') this.refreshing = false;
    else if (concerns(event, this.#watched())) void this.reload();
  }

  /** The object listed and the ones its key fields look up (their titles show in the rows). */
  #watched(): string[] {
    return [this.object, ...this.#lookupObjects(this.#keyFieldInfos())];
  }

  #keyFieldInfos(sample: readonly SfRecord[] = []): FieldInfo[] {
    const infos = fieldInfos(this.plan, this.metadata, this.object, sample);
    return keyFields(this.plan, this.object).flatMap((name) => infos.filter((f) => f.name === name));
  }

  #lookupObjects(fields: readonly FieldInfo[]): string[] {
    const held = new Set(this.plan?.objects.map((o) => o.name));
    return [...new Set(fields.flatMap((f) => (f.type === 'reference' ? f.referenceTo : [])))].filter((o) =>
      held.has(o),
    );
  }

  /** Reads the object's records (and the outbox, for pending badges) from the device again. */
  async reload(): Promise<void> {
    const device = this.device;
    const object = this.object;
    if (!device || !object) return;
    const ticket = ++this.#loading;
    try {
      const keys = this.#keyFieldInfos();
      const lookups = this.#lookupObjects(keys);
      const [records, changes, ...lookupRecords] = await Promise.all([
        device.records(object),
        device.pendingChanges(),
        ...lookups.map((o) => device.records(o)),
      ]);
      if (ticket !== this.#loading) return; // a newer read is under way
      const held: HeldRecords = new Map(lookups.map((o, i) => [o, lookupRecords[i] ?? []]));
      const states = pendingStates(changes, object);
      // Typed by the held values where the describe is missing (dates read as dates).
      const typedKeys = this.metadata?.[object] ? keys : this.#keyFieldInfos(records);
      this.rows = records.map((record) => this.#row(record, typedKeys, held, states));
      this.error = '';
    } catch (error) {
      if (ticket === this.#loading)
        this.error = `Could not read ${object} records: ${(error as Error).message}`;
    } finally {
      if (ticket === this.#loading) this.loaded = true;
    }
  }

  #row(
    record: SfRecord,
    keys: readonly FieldInfo[],
    held: HeldRecords,
    states: Map<string, PendingState>,
  ): Row {
    return {
      id: record.Id,
      title: recordTitle(this.plan, this.object, record),
      meta: keys.map((f) => formatValue(this.plan, f, record[f.name], held)).filter((v) => v !== ''),
      pending: states.get(record.Id),
    };
  }

  /** The rows the search keeps, in the device's order. */
  get visibleRows(): readonly Row[] {
    return this.rows.filter((row) => matchesSearch(this.search, [row.title, ...row.meta]));
  }

  /** Asks for a sync (trigger 'pull') and spins until the handler's sync ends. */
  refresh(): void {
    const request = new SyncRequestEvent('pull');
    this.dispatchEvent(request);
    const response = request.response;
    if (!response) return;
    this.refreshing = true;
    void response
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = false;
        void this.reload();
      });
  }

  private handleSearchInput(event: Event): void {
    this.search = (event.target as HTMLInputElement).value;
  }

  private handleRowClick(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset['id'];
    if (id) this.dispatchEvent(new OpenRecordEvent(this.object, id));
  }

  private handleNewClick(): void {
    this.dispatchEvent(new EditRecordEvent(this.object, undefined));
  }

  #pullState(): 'idle' | 'pulling' | 'armed' | 'refreshing' {
    if (this.refreshing) return 'refreshing';
    if (this.#pull.distance > 0) return this.#pull.armed ? 'armed' : 'pulling';
    return 'idle';
  }

  override render() {
    const plural = objectLabel(this.metadata, this.object, true);
    const rows = this.visibleRows;
    const pullState = this.#pullState();
    const pullText = {
      idle: '',
      pulling: 'Pull to refresh',
      armed: 'Release to refresh',
      refreshing: 'Syncing…',
    }[pullState];
    const turn = Math.min(this.#pull.distance / this.#pull.threshold, 1);
    return html`
      <div class="top">
        <div class="toolbar">
          <h2 class="grow" id="title">${plural}</h2>
          <button
            class="button"
            type="button"
            aria-label="Refresh ${plural} (sync now)"
            ?aria-busy=${this.refreshing}
            @click=${this.refresh}
          >
            Refresh
          </button>
          ${
            isWritable(this.plan, this.object)
              ? html`<button
                  class="button brand"
                  type="button"
                  aria-label="New ${objectLabel(this.metadata, this.object)}"
                  @click=${this.handleNewClick}
                >
                  New
                </button>`
              : nothing
          }
        </div>
        <label class="label" for="search">Search ${plural}</label>
        <input
          id="search"
          class="input"
          type="search"
          autocomplete="off"
          .value=${this.search}
          @input=${this.handleSearchInput}
        />
        <p class="count weak" role="status" aria-live="polite">
          ${
            this.loaded
              ? this.search.trim()
                ? `${rows.length} of ${this.rows.length} ${plural}`
                : `${this.rows.length} ${plural}`
              : ''
          }
        </p>
        ${this.error ? html`<p class="error-text" role="alert">${this.error}</p>` : nothing}
      </div>
      <div class="scroller" part="scroller" aria-labelledby="title" role="region">
        <div
          class="pull"
          data-state=${pullState}
          style=${pullState === 'pulling' || pullState === 'armed' ? `height: ${this.#pull.offset}px` : ''}
          aria-hidden=${pullState === 'refreshing' ? 'false' : 'true'}
        >
          <span
            class="spinner"
            style=${pullState === 'refreshing' ? '' : `transform: rotate(${turn * 270}deg)`}
          ></span>
          <span>${pullText}</span>
        </div>
        ${
          rows.length
            ? html`<ul class="rows" aria-labelledby="title">
                ${rows.map(
                  (row) =>
                    html`<li>
                      <button
                        class="row"
                        part="row"
                        type="button"
                        data-id=${row.id}
                        @click=${this.handleRowClick}
                      >
                        <span class="row-text">
                          <span class="row-title">${row.title}</span>
                          ${
                            row.meta.length
                              ? html`<span class="row-meta"
                                  >${row.meta.map((m) => html`<span>${m}</span>`)}</span
                                >`
                              : nothing
                          }
                        </span>
                        ${
                          row.pending
                            ? html`<span class="badge ${row.pending}">${PENDING_LABELS[row.pending]}</span>`
                            : nothing
                        }
                      </button>
                    </li>`,
                )}
              </ul>`
            : html`<p class="empty">
                ${
                  !this.loaded
                    ? 'Loading…'
                    : this.rows.length
                      ? `No ${plural} match “${this.search.trim()}”.`
                      : `No ${plural} on this device yet. Pull down or press Refresh to sync.`
                }
              </p>`
        }
      </div>
    `;
  }
}
