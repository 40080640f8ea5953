import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createMemoryDevice } from '../../../app/device/create-memory-device.ts';
import type { DeviceClient, DeviceEvent, DeviceSession } from '../../../app/device/device-client.ts';
import { localSyncLock } from '../../../app/device/sync-lock.ts';
import { plural } from '../../../app/sync/sync-messages.ts';
import type { OrgMetadata } from '../../../compiler/org-metadata.ts';
import type { SyncPlan } from '../../../compiler/plan.ts';
import type { OutboxEntry, SfRecord, SyncSummary, Transport } from '../../../runtime/index.ts';
import type { ApiClient } from '../../api-client.ts';
import type { OutboxActionEvent, SaveOfflineEvent } from '../../events/events.ts';
import { createProxyTransport } from '../../org-proxy-client.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import { numberFormat } from '../../styles/task-states.ts';
import '../simulator-history/simulator-history.ts';
import { droppedText, type HistoryRow } from '../simulator-history/simulator-history.component.ts';
import '../simulator-outbox/simulator-outbox.ts';
import '../simulator-records/simulator-records.ts';
import styles from './device-simulator.styles.ts';
import { SyncProgressModel } from './sync-progress-model.ts';
import { delayInWords, FAILURE_SENTENCE, FAILURE_TITLE } from './sync-outcome-text.ts';

/** What the simulator shows of its device, read after every change (the device answers asynchronously). */
interface DeviceView {
  readonly plan: SyncPlan | undefined;
  readonly records: Readonly<Record<string, readonly SfRecord[]>>;
  readonly pending: readonly OutboxEntry[];
  readonly conflicts: number;
  readonly history: readonly HistoryRow[];
  readonly metadata: OrgMetadata;
}

function time(ms: number | undefined): string {
  return ms === undefined ? '—' : new Date(ms).toLocaleTimeString();
}

/**
 * The simulated technician. The proxy transport carries the config server's own org connection, so this
 * session only names the user (`:userId` of the plan's queries) and holds no token.
 */
function simulatedSession(userId: string, userName: string): DeviceSession {
  return {
    instanceUrl: '',
    accessToken: '',
    clientId: 'syncscope-config-tool',
    userId,
    username: userName || userId,
    ...(userName ? { displayName: userName } : {}),
  };
}

/**
 * @summary A technician's device, simulated in the page: the field app's own device (createDevice, the
 * in-page DeviceHost over MemoryStore: the same engine, progress events, history and outbox the app
 * runs), talking to the org through the server's proxy (the page never holds the token). Sync now with a
 * progress bar by phase and object, the summary, when the next scheduled sync is due (and, when asked,
 * scheduled syncs that run by themselves), the local records and offline edits, the outbox and its
 * conflicts, and the sync history.
 *
 * Composed of `ss-simulator-records`, `ss-simulator-outbox` (which embeds the field app's
 * `ss-conflict-resolver`) and `ss-simulator-history`.
 *
 * No slots.
 *
 * @csspart toolbar - Sync now, the plan installs, Reset device and the schedule switch.
 * @csspart progress - The progress bar and its steps (while and after a sync).
 * @csspart summary - The last sync's summary card.
 */
export default class DeviceSimulator extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;
  @property({ attribute: false }) accessor api: ApiClient | undefined = undefined;
  /** The device's user (`:userId`); a new user is a new device. */
  @property({ attribute: 'user-id' }) accessor userId = '';
  /** The user's name, for people (the Id otherwise). */
  @property({ attribute: 'user-name' }) accessor userName = '';
  /** How the device reaches the org; the server's proxy by default. */
  @property({ attribute: false }) accessor transportFactory: () => Transport = () => createProxyTransport();
  /**
   * Makes the simulated device: the field app's in-page device (createDevice({ storage: 'memory' })
   * without its worker branch, which the config tool does not bundle). Tests give it a clock and timer.
   */
  @property({ attribute: false }) accessor deviceFactory: (transport: Transport) => DeviceClient = (
    transport,
  ) =>
    createMemoryDevice({
      transport,
      // This device's MemoryStore lives in this page alone: no other tab or device shares its syncs.
      lock: localSyncLock(),
    });
  /** Let the device's scheduler run due syncs by itself, as the field app does while it is open. */
  @property({ type: Boolean, attribute: 'run-schedule' }) accessor runSchedule = false;

  @state() accessor syncing = false;
  /** An install or a local change is being applied: the toolbar waits for it. */
  @state() accessor busy = false;
  @state() accessor progress: SyncProgressModel | undefined = undefined;
  @state() accessor summary: SyncSummary | undefined = undefined;
  @state() accessor message = '';
  @state() accessor view: DeviceView | undefined = undefined;

  #device: DeviceClient | undefined;
  #unsubscribe: (() => void) | undefined;
  #planSource = '';
  /** Device work in progress (installs, local changes, re-reads): `updateComplete` waits for it. */
  readonly #work = new Set<Promise<unknown>>();

  constructor() {
    super();
    new StoreController(this);
    this.addEventListener('ss-save-offline', (event) => this.#track(this.#saveOffline(event)));
    this.addEventListener('ss-outbox-action', (event) => this.#track(this.#outboxAction(event)));
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('userId') && changed.get('userId') !== undefined) this.#reset();
    if (changed.has('runSchedule')) this.#applySchedule();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#applySchedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The config tool moves this element out of the page on a tab switch: the device and its data stay.
    void this.#device?.stopSchedule();
  }

  /** Also waits for the device work the last interaction started (not for a running sync). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.#work.size) {
      await Promise.allSettled([...this.#work]);
      done = (await super.getUpdateComplete()) && done;
    }
    // No render root before the element was first connected.
    const root = this.renderRoot as ParentNode | undefined;
    const parts = root?.querySelectorAll<LitElement>(
      'ss-simulator-records, ss-simulator-outbox, ss-simulator-history',
    );
    await Promise.all([...(parts ?? [])].map((part) => part.updateComplete));
    return done;
  }

  /** The simulated device (the field app's DeviceClient): undefined until a plan is installed. */
  get device(): DeviceClient | undefined {
    return this.#device;
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#work.add(work);
    void work.finally(() => this.#work.delete(work)).catch(() => undefined);
    return work;
  }

  /** Starts or stops the device's scheduler; only with a plan (a device without one has nothing due). */
  #applySchedule(): void {
    const device = this.#device;
    if (!device) return;
    const run = this.runSchedule && this.isConnected && this.view?.plan !== undefined;
    void this.#track(run ? device.startSchedule() : device.stopSchedule());
  }

  #reset(): void {
    const device = this.#device;
    this.#unsubscribe?.();
    this.#device = undefined;
    this.#unsubscribe = undefined;
    void device?.close();
    this.summary = undefined;
    this.progress = undefined;
    this.syncing = false;
    this.message = '';
    this.view = undefined;
  }

  async #newDevice(): Promise<DeviceClient> {
    const device = this.deviceFactory(this.transportFactory());
    await device.open();
    await device.setSession(simulatedSession(this.userId, this.userName));
    this.#device = device;
    this.#unsubscribe = device.subscribe((event) => this.#onDeviceEvent(event));
    return device;
  }

  async #install(plan: SyncPlan, source: string): Promise<void> {
    this.busy = true;
    try {
      const existing = this.#device;
      const device = existing ?? (await this.#newDevice());
      await device.setParameters(this.store?.typedParameterValues() ?? {});
      // The admin's own scope being edited: a renamed scope replaces the simulated device's data.
      const change = await device.installPlan(plan, undefined, { allowScopeChange: true });
      this.message = existing
        ? `Installed the ${source}: ` +
          (change.redownload.length
            ? `${change.redownload.join(', ')} download again`
            : 'nothing to download again') +
          (change.removed.length ? `; ${change.removed.join(', ')} removed from the device` : '') +
          '.'
        : `Installed the ${source} on a new device for this user.`;
      this.#planSource = source;
      await this.#refresh();
      this.#applySchedule();
    } catch (error) {
      this.message = `Could not install the ${source}: ${(error as Error).message}`;
    } finally {
      this.busy = false;
    }
  }

  /** Re-reads what the device holds (after a sync, an install, a local change). */
  async #refresh(): Promise<void> {
    const device = this.#device;
    if (!device) return;
    const plan = await device.plan();
    const [pending, conflicts, history, metadata, records] = await Promise.all([
      device.pendingChanges(),
      device.conflicts(),
      device.history(10),
      device.metadata(),
      Promise.all((plan?.objects ?? []).map(async (o) => [o.name, await device.records(o.name)] as const)),
    ]);
    if (device !== this.#device) return; // reset meanwhile
    this.view = {
      plan,
      records: Object.fromEntries(records),
      pending,
      conflicts: conflicts.length,
      history,
      metadata,
    };
  }

  /** Syncs started here or by the device's scheduler alike: progress, then the summary. */
  #onDeviceEvent(event: DeviceEvent): void {
    switch (event.type) {
      case 'syncStarted':
        if (!this.syncing) this.#startProgress();
        break;
      case 'progress':
        this.progress?.apply(event.progress);
        this.requestUpdate();
        break;
      case 'syncEnded':
        void this.#ended(event.summary);
        break;
      case 'changed':
        // A local change (a conflict resolved in the resolver, an edit): show it. A sync re-reads at its end.
        if (!this.syncing) void this.#track(this.#refresh());
        break;
      default:
        break;
    }
  }

  #startProgress(): void {
    this.syncing = true;
    this.summary = undefined;
    this.progress = new SyncProgressModel(this.view?.plan?.objects.map((o) => o.name) ?? []);
  }

  async #ended(summary: SyncSummary): Promise<void> {
    this.progress?.finish(summary.ok);
    try {
      await this.#refresh();
    } finally {
      this.summary = summary;
      this.syncing = false;
    }
  }

  private handleInstallEditedClick(): void {
    const plan = this.store?.plan;
    if (plan) void this.#track(this.#install(plan, 'edited plan'));
  }

  private async handleInstallPublishedClick(): Promise<void> {
    const name = this.store?.scope.name;
    if (!this.api || typeof name !== 'string') return;
    // Busy from the click: a Sync now meanwhile would install the edited plan instead.
    this.busy = true;
    try {
      const { versions } = await this.api.versions(name);
      const latest = versions[0];
      if (!latest) {
        this.message = `No version of “${name}” is published yet.`;
        return;
      }
      const detail = await this.api.version(latest.versionId);
      await this.#track(this.#install(detail.plan, `published plan v${latest.versionNumber}`));
    } catch (error) {
      this.message = `Could not fetch the published plan: ${(error as Error).message}`;
    } finally {
      this.busy = false;
    }
  }

  private handleResetClick(): void {
    this.#reset();
  }

  private handleScheduleChange(event: Event): void {
    this.runSchedule = (event.target as HTMLInputElement).checked;
  }

  private async handleSyncClick(): Promise<void> {
    if (this.syncing || this.busy) return;
    // Cleared at once: what is on screen from now on is this sync's.
    this.#startProgress();
    if (!this.#device) {
      const plan = this.store?.plan;
      if (plan) await this.#track(this.#install(plan, 'edited plan'));
    }
    const device = this.#device;
    if (!device || !this.view?.plan) {
      this.syncing = false;
      this.progress = undefined;
      return;
    }
    // Objects known now (the first install happened above).
    this.progress = new SyncProgressModel(this.view.plan.objects.map((o) => o.name));
    try {
      await device.sync('menu');
    } catch (error) {
      // The device could not even start (closed by a reset meanwhile): no summary will come.
      this.message = `Could not sync: ${(error as Error).message}`;
      this.syncing = false;
    }
  }

  async #saveOffline(event: SaveOfflineEvent): Promise<void> {
    const device = this.#device;
    if (!device) return;
    try {
      await device.update(event.object, event.recordId, event.fields);
      const field = Object.keys(event.fields)[0] ?? '';
      this.message = `Changed ${event.object}.${field} on the device; it uploads first on the next sync.`;
    } catch (error) {
      this.message = (error as Error).message;
    }
    await this.#refresh();
  }

  async #outboxAction(event: OutboxActionEvent): Promise<void> {
    const device = this.#device;
    if (!device) return;
    const seq = event.seq;
    try {
      if (event.action === 'undo') await device.undo(seq);
      if (event.action === 'retry') {
        await device.retry(seq);
        this.message = `Change ${seq} is queued again; it uploads at the next sync.`;
      }
      if (event.action === 'edit') {
        const change = this.view?.pending.find((c) => c.seq === seq);
        if (!change) return;
        this.renderRoot.querySelector('ss-simulator-records')?.edit(change);
        this.message = `Editing change ${seq}: correct the value and Save offline; it is sent again at the next sync.`;
        return;
      }
    } catch (error) {
      this.message = (error as Error).message;
    }
    await this.#refresh();
  }

  #progressBar() {
    const p = this.progress;
    if (!p) return nothing;
    const failed = p.outcome === 'failed';
    const reason = this.summary?.failure ?? 'permanent';
    return html`<div
      class="progress"
      part="progress"
      data-state=${this.syncing ? 'syncing' : failed ? 'failed' : 'done'}
    >
      <label class=${failed ? 'label failed' : 'label'} for="sync-progress"
        >${this.syncing ? p.text : failed ? `Sync failed: ${FAILURE_TITLE[reason]}` : 'Sync finished'}</label
      >
      <progress id="sync-progress" max="100" .value=${Math.round(p.fraction * 100)}></progress>
      <ol class="steps" aria-label="Sync steps">
        ${p.steps.map(
          (s) =>
            html`<li data-step=${s.key} data-state=${s.state}>
              ${s.label}:
              ${
                s.state === 'waiting'
                  ? 'waiting'
                  : s.state === 'skipped'
                    ? 'not run'
                    : `${s.done}${s.total !== undefined && s.total >= s.done ? ` / ${s.total}` : ''}${
                        s.state === 'done' ? ' ✓' : s.state === 'stopped' ? ', stopped' : '…'
                      }`
              }
            </li>`,
        )}
      </ol>
    </div>`;
  }

  #recordCount(object: string): number {
    return this.view?.records[object]?.length ?? 0;
  }

  #summary(s: SyncSummary) {
    const minutes =
      s.nextSyncAt !== undefined ? Math.max(0, Math.round((s.nextSyncAt - s.endedAt) / 60000)) : undefined;
    return html`<section
      class="card"
      part="summary"
      aria-labelledby="summary-title"
      data-summary=${s.ok ? 'ok' : 'failed'}
    >
      <h3 class="card-title" id="summary-title">
        <span class=${s.ok ? 'ok' : 'failed'}>${s.ok ? 'Sync complete' : 'Sync failed'}</span>
        in ${numberFormat.format(s.endedAt - s.startedAt)} ms, ${s.apiCalls} API calls
      </h3>
      ${s.ok ? nothing : this.#failure(s)}
      <table class="table" aria-label="Sync summary per object">
        <thead>
          <tr>
            <th scope="col">Object</th>
            <th scope="col" class="number">Uploaded</th>
            <th scope="col" class="number">Downloaded</th>
            <th scope="col" class="number">Removed</th>
            <th scope="col" class="number">On device</th>
          </tr>
        </thead>
        <tbody>
          ${Object.entries(s.counts).map(
            ([object, c]) =>
              html`<tr data-object=${object}>
                <th scope="row">${object}</th>
                <td class="number">
                  ${c.uploaded}${c.uploadFailed ? html` <span class="failed">(${c.uploadFailed} failed)</span>` : nothing}
                </td>
                <td class="number" data-col="downloaded">${c.downloaded}</td>
                <td class="number">${c.removed}</td>
                <td class="number" data-col="records">${this.#recordCount(object)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        s.dropped.length
          ? html`<div data-dropped>
              <p class="failed">
                ${plural(s.dropped.length, 'local change')} dropped: the server's version wins (serverWins).
              </p>
              <ul aria-label="Dropped local changes">
                ${s.dropped.map((d) => html`<li class="mono">${droppedText(d)}</li>`)}
              </ul>
            </div>`
          : nothing
      }
      <p>
        Pending changes: ${s.pendingChanges} · conflicts: ${s.conflicts} · next scheduled sync due
        <strong data-next-sync>${time(s.nextSyncAt)}</strong
        >${minutes !== undefined ? ` (in ${minutes} min)` : ''}
      </p>
      ${
        s.errors.length
          ? html`<ul class="help">
              ${s.errors.map((e) => html`<li class="error">${e}</li>`)}
            </ul>`
          : nothing
      }
    </section>`;
  }

  /** What happened, what the device kept, and when it tries again. */
  #failure(s: SyncSummary) {
    const reason = s.failure ?? 'permanent';
    const records = (this.view?.plan?.objects ?? []).reduce((n, o) => n + this.#recordCount(o.name), 0);
    const next =
      s.nextSyncAt === undefined
        ? ''
        : `${reason === 'permanent' ? 'Next scheduled sync' : 'Next try'} at ${time(s.nextSyncAt)} (in ${delayInWords(s.nextSyncAt - s.endedAt)}).`;
    return html`<div role="alert" data-failure=${reason}>
      <p class="failed" data-failure-reason>${FAILURE_SENTENCE[reason]}</p>
      ${s.error ? html`<p class="mono" data-failure-error>${s.error}</p>` : nothing}
      <p data-failure-kept>
        Kept on the device: ${plural(records, 'record')} and ${plural(s.pendingChanges, 'pending change')};
        nothing was lost.
      </p>
      <p data-failure-retry>${next}</p>
    </div>`;
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    const device = this.#device;
    const view = this.view;
    const installed = view?.plan;
    const edited = store.plan;
    const waiting = this.syncing || this.busy;
    return html`
      <div class="toolbar" part="toolbar">
        <button
          type="button"
          class="button brand"
          ?disabled=${waiting || !this.userId || (!device && !edited)}
          @click=${this.handleSyncClick}
        >
          Sync now
        </button>
        <button
          type="button"
          class="button"
          ?disabled=${waiting || !edited}
          @click=${this.handleInstallEditedClick}
        >
          Install edited plan
        </button>
        <button
          type="button"
          class="button"
          ?disabled=${waiting || !this.api}
          @click=${this.handleInstallPublishedClick}
        >
          Install latest published plan
        </button>
        <button
          type="button"
          class="button destructive"
          ?disabled=${waiting || !device}
          @click=${this.handleResetClick}
        >
          Reset device
        </button>
        <label class="schedule">
          <input type="checkbox" .checked=${this.runSchedule} @change=${this.handleScheduleChange} />
          Run scheduled syncs
        </label>
      </div>
      <p class="weak" role="status">
        ${
          device && installed
            ? html`Device of ${this.userName || this.userId} runs the ${this.#planSource} (scope hash
                <span class="mono">${installed.scopeHash.slice(0, 12)}</span>)${
                  edited && edited.scopeHash !== installed.scopeHash
                    ? html` · <span class="badge warning">the edited plan differs</span>`
                    : nothing
                }.`
            : edited
              ? 'No device yet: Sync now installs the edited plan on a new device for this user.'
              : 'The scope has errors: fix them, or install the latest published plan.'
        }
        ${this.message ? html`<br />${this.message}` : nothing}
      </p>
      ${this.#progressBar()} ${this.summary ? this.#summary(this.summary) : nothing}
      ${
        device && view && !this.syncing
          ? html`<div class="grid">
                <ss-simulator-records .plan=${view.plan} .records=${view.records}></ss-simulator-records>
                <ss-simulator-outbox
                  .device=${device}
                  .plan=${view.plan}
                  .metadata=${view.metadata}
                  .pending=${view.pending}
                  .conflicts=${view.conflicts}
                ></ss-simulator-outbox>
              </div>
              <ss-simulator-history .entries=${view.history}></ss-simulator-history>`
          : nothing
      }
    `;
  }
}
