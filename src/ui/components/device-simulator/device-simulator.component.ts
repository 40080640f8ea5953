import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SyncPlan } from '../../../compiler/plan.ts';
import { MemoryStore, SyncEngine } from '../../../runtime/index.ts';
import type { OutboxEntry, SyncSummary, Transport } from '../../../runtime/index.ts';
import { createProxyTransport } from '../../org-proxy-client.ts';
import type { ApiClient } from '../../api-client.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import { numberFormat } from '../../styles/task-states.ts';
import styles from './device-simulator.styles.ts';
import { SyncProgressModel } from './sync-progress-model.ts';
import { delayInWords, FAILURE_SENTENCE, FAILURE_TITLE, plural } from './sync-outcome-text.ts';

const SYSTEM_FIELDS = new Set([
  'Id',
  'LastModifiedDate',
  'SystemModstamp',
  'CreatedDate',
  'CreatedById',
  'LastModifiedById',
]);

function time(ms: number | undefined): string {
  return ms === undefined ? '—' : new Date(ms).toLocaleTimeString();
}

/** "update Contact 003…": a local change a serverWins conflict dropped, for people. */
function droppedText(d: SyncSummary['dropped'][number]): string {
  return `${d.op} ${d.object} ${d.recordId}`;
}

function cell(value: unknown): string {
  return value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}

/**
 * @summary A technician's device, simulated in the page: the real sync engine (src/runtime) with an
 * in-memory store, talking to the org through the server's proxy (the page never holds the token).
 * Sync now with a progress bar by phase and object, the summary, when the next scheduled sync is due,
 * the local records, offline edits and the pending changes they queue, conflicts and the sync history.
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

  @state() accessor syncing = false;
  @state() accessor progress: SyncProgressModel | undefined = undefined;
  @state() accessor summary: SyncSummary | undefined = undefined;
  @state() accessor message = '';
  @state() accessor viewObject = '';
  @state() accessor editRecord = '';
  @state() accessor editField = '';
  @state() accessor editValue = '';
  /** Bumped after anything changes the device, to re-read it. */
  @state() accessor deviceRevision = 0;

  #engine: SyncEngine | undefined;
  #planSource = '';

  constructor() {
    super();
    new StoreController(this);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('userId') && changed.get('userId') !== undefined) this.#reset();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#engine?.stop();
  }

  /** The engine, for tests and the app: undefined until a plan is installed. */
  get engine(): SyncEngine | undefined {
    return this.#engine;
  }

  #reset(): void {
    this.#engine?.stop();
    this.#engine = undefined;
    this.summary = undefined;
    this.progress = undefined;
    this.message = '';
    this.deviceRevision++;
  }

  #install(plan: SyncPlan, source: string): void {
    if (this.#engine) {
      // The admin's own scope being edited: a renamed scope replaces the simulated device's data.
      const change = this.#engine.setPlan(plan, { allowScopeChange: true });
      this.message =
        `Installed the ${source}: ` +
        (change.redownload.length
          ? `${change.redownload.join(', ')} download again`
          : 'nothing to download again') +
        (change.removed.length ? `; ${change.removed.join(', ')} removed from the device` : '') +
        '.';
    } else {
      this.#engine = new SyncEngine({
        transport: this.transportFactory(),
        store: new MemoryStore(),
        plan,
        userId: this.userId,
        parameters: this.store?.typedParameterValues() ?? {},
      });
      this.message = `Installed the ${source} on a new device for this user.`;
    }
    this.#planSource = source;
    this.deviceRevision++;
  }

  private handleInstallEditedClick(): void {
    const plan = this.store?.plan;
    if (plan) this.#install(plan, 'edited plan');
  }

  private async handleInstallPublishedClick(): Promise<void> {
    const name = this.store?.scope.name;
    if (!this.api || typeof name !== 'string') return;
    try {
      const { versions } = await this.api.versions(name);
      const latest = versions[0];
      if (!latest) {
        this.message = `No version of “${name}” is published yet.`;
        return;
      }
      const detail = await this.api.version(latest.versionId);
      this.#install(detail.plan, `published plan v${latest.versionNumber}`);
    } catch (error) {
      this.message = `Could not fetch the published plan: ${(error as Error).message}`;
    }
  }

  private handleResetClick(): void {
    this.#reset();
  }

  private async handleSyncClick(): Promise<void> {
    if (!this.#engine) this.handleInstallEditedClick();
    const engine = this.#engine;
    if (!engine || this.syncing) return;
    this.syncing = true;
    this.summary = undefined;
    const model = new SyncProgressModel(engine.plan.objects.map((o) => o.name));
    this.progress = model;
    const off = engine.on('progress', (event) => {
      model.apply(event);
      this.requestUpdate();
    });
    try {
      this.summary = await engine.syncNow();
      model.finish(this.summary.ok);
    } finally {
      off();
      this.syncing = false;
      this.deviceRevision++;
    }
  }

  private handleViewChange(event: Event): void {
    this.viewObject = (event.target as HTMLSelectElement).value;
    this.editRecord = '';
    this.editField = '';
  }

  private handleEditInput(event: Event): void {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    const key = target.name as 'editRecord' | 'editField' | 'editValue';
    this[key] = target.value;
    if (key === 'editField' || key === 'editRecord') {
      const current = this.#engine?.record(this.viewObject, this.editRecord)?.[this.editField];
      this.editValue = cell(current);
    }
  }

  private handleSaveOfflineClick(): void {
    if (!this.#engine || !this.editRecord || !this.editField) return;
    try {
      this.#engine.update(this.viewObject, this.editRecord, {
        [this.editField]: this.editValue === '' ? null : this.editValue,
      });
      this.message = `Changed ${this.viewObject}.${this.editField} on the device; it uploads first on the next sync.`;
    } catch (error) {
      this.message = (error as Error).message;
    }
    this.deviceRevision++;
  }

  private handleUndoClick(event: Event): void {
    const seq = Number((event.currentTarget as HTMLButtonElement).dataset['seq']);
    this.#engine?.undo(seq);
    this.deviceRevision++;
  }

  private handleRetryClick(event: Event): void {
    const seq = Number((event.currentTarget as HTMLButtonElement).dataset['seq']);
    try {
      this.#engine?.retry(seq);
      this.message = `Change ${seq} is queued again; it uploads at the next sync.`;
    } catch (error) {
      this.message = (error as Error).message;
    }
    this.deviceRevision++;
  }

  /** Fills the offline edit form with the failed change's record, first field and value, to fix it. */
  private handleEditChangeClick(event: Event): void {
    const seq = Number((event.currentTarget as HTMLButtonElement).dataset['seq']);
    const change = this.#engine?.pendingChanges().find((c) => c.seq === seq);
    if (!change) return;
    const [field, value] = Object.entries(change.fields)[0] ?? ['', undefined];
    this.viewObject = change.object;
    this.editRecord = change.recordId;
    this.editField = field;
    this.editValue = cell(value);
    this.message = `Editing change ${seq}: correct the value and Save offline; it is sent again at the next sync.`;
  }

  private handleResolveClick(event: Event): void {
    const button = event.currentTarget as HTMLButtonElement;
    this.#engine?.resolveConflict(
      Number(button.dataset['seq']),
      button.dataset['resolution'] as 'mine' | 'theirs',
    );
    this.deviceRevision++;
  }

  #progress() {
    const p = this.progress;
    if (!p) return nothing;
    const failed = p.outcome === 'failed';
    const reason = this.summary?.failure ?? 'permanent';
    return html`<div class="progress" data-state=${this.syncing ? 'syncing' : failed ? 'failed' : 'done'}>
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

  #summary(s: SyncSummary) {
    const minutes =
      s.nextSyncAt !== undefined ? Math.max(0, Math.round((s.nextSyncAt - s.endedAt) / 60000)) : undefined;
    return html`<section class="card" aria-labelledby="summary-title" data-summary=${s.ok ? 'ok' : 'failed'}>
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
                <td class="number" data-col="records">${this.#engine?.records(object).length ?? 0}</td>
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
    const records = (this.#engine?.plan.objects ?? []).reduce(
      (n, o) => n + (this.#engine?.records(o.name).length ?? 0),
      0,
    );
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

  #local(engine: SyncEngine) {
    const plan = engine.plan;
    const object = plan.objects.find((o) => o.name === this.viewObject) ?? plan.objects[0];
    if (!object) return nothing;
    const records = engine.records(object.name);
    const columns = object.fields.filter((f) => !SYSTEM_FIELDS.has(f)).slice(0, 4);
    const editable = object.upload.access === 'readWrite';
    const fields = (object.upload.updateableFields ?? object.fields).filter((f) => !SYSTEM_FIELDS.has(f));
    return html`<section aria-labelledby="local-title">
      <h3 class="section-title" id="local-title">On the device</h3>
      <label class="label" for="view-object">Object</label>
      <select id="view-object" class="select" @change=${this.handleViewChange}>
        ${plan.objects.map(
          (o) =>
            html`<option value=${o.name} ?selected=${o.name === object.name}>
              ${o.name} (${engine.records(o.name).length})
            </option>`,
        )}
      </select>
      <div class="records" tabindex="0" role="region" aria-label=${`${object.name} records`}>
        <table class="table" aria-label=${`${object.name} records on the device`}>
          <thead>
            <tr>
              <th scope="col">Id</th>
              ${columns.map((c) => html`<th scope="col">${c}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${records.slice(0, 50).map(
              (r) =>
                html`<tr>
                  <td class="mono">${r.Id}</td>
                  ${columns.map((c) => html`<td>${cell(r[c])}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        editable
          ? html`<div class="edit">
              <div>
                <label class="label" for="edit-record">Record</label>
                <select id="edit-record" name="editRecord" class="select" @change=${this.handleEditInput}>
                  <option value="">Choose…</option>
                  ${records.slice(0, 200).map((r) => html`<option value=${String(r.Id)} ?selected=${r.Id === this.editRecord}>${String(r.Id)}</option>`)}
                </select>
              </div>
              <div>
                <label class="label" for="edit-field">Field</label>
                <select id="edit-field" name="editField" class="select" @change=${this.handleEditInput}>
                  <option value="">Choose…</option>
                  ${fields.map((f) => html`<option value=${f} ?selected=${f === this.editField}>${f}</option>`)}
                </select>
              </div>
              <span></span>
              <div>
                <label class="label" for="edit-value">New value</label>
                <input
                  id="edit-value"
                  name="editValue"
                  class="input"
                  .value=${this.editValue}
                  @input=${this.handleEditInput}
                />
              </div>
              <span></span>
              <button
                type="button"
                class="button"
                ?disabled=${!this.editRecord || !this.editField}
                @click=${this.handleSaveOfflineClick}
              >
                Save offline
              </button>
            </div>`
          : html`<p class="weak">${object.name} is read only on devices.</p>`
      }
    </section>`;
  }

  #pending(engine: SyncEngine) {
    const changes = engine.pendingChanges();
    return html`<section aria-labelledby="pending-title">
      <h3 class="section-title" id="pending-title">Pending changes (${changes.length})</h3>
      ${
        changes.length === 0
          ? html`<p class="weak">Nothing waiting to upload.</p>`
          : html`<table class="table" aria-label="Pending changes">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Change</th>
                  <th scope="col">Status</th>
                  <th scope="col"><span class="assistive-text">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                ${changes.map(
                  (c) =>
                    html`<tr data-seq=${c.seq}>
                      <td>${c.seq}</td>
                      <td>
                        ${c.op} ${c.object} <span class="mono">${c.recordId}</span>
                        <span class="mono">${JSON.stringify(c.fields)}</span>
                      </td>
                      <td>
                        ${
                          // Listed only between syncs: in flight then means the last sync was cut off
                          // while sending it; the next sync checks whether the org got it.
                          c.status === 'inFlight' ? 'sent, not confirmed: checked at the next sync' : c.status
                        }${c.error ? html`<br /><span class="failed">${c.error.code}: ${c.error.message}</span>` : nothing}
                      </td>
                      <td>
                        ${c.status === 'failed' ? this.#failedActions(c) : nothing}
                        ${
                          c.status === 'inFlight'
                            ? nothing
                            : html`<button
                                type="button"
                                class="button small"
                                data-seq=${c.seq}
                                aria-label=${`Undo change ${c.seq}`}
                                @click=${this.handleUndoClick}
                              >
                                Undo
                              </button>`
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  }

  #failedActions(c: OutboxEntry) {
    return html`<button
        type="button"
        class="button small"
        data-seq=${c.seq}
        aria-label=${`Retry change ${c.seq}`}
        @click=${this.handleRetryClick}
      >
        Retry
      </button>
      ${
        c.op === 'delete' || Object.keys(c.fields).length === 0
          ? nothing
          : html`<button
              type="button"
              class="button small"
              data-seq=${c.seq}
              aria-label=${`Edit change ${c.seq}`}
              @click=${this.handleEditChangeClick}
            >
              Edit
            </button>`
      }`;
  }

  #conflicts(engine: SyncEngine) {
    const conflicts = engine.conflicts();
    if (conflicts.length === 0) return nothing;
    return html`<section aria-labelledby="conflicts-title">
      <h3 class="section-title" id="conflicts-title">Conflicts (${conflicts.length})</h3>
      ${conflicts.map(
        (c) =>
          html`<div class="card">
            <p>
              ${c.object} <span class="mono">${c.recordId}</span> changed on the server after this device
              edited it.
            </p>
            <table class="table" aria-label=${`Conflict on ${c.recordId}`}>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Mine</th>
                  <th scope="col">Theirs</th>
                </tr>
              </thead>
              <tbody>
                ${c.fields.map(
                  (f) =>
                    html`<tr>
                      <th scope="row">${f.field}</th>
                      <td>${cell(f.mine)}</td>
                      <td>${cell(f.theirs)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            <button
              type="button"
              class="button small"
              data-seq=${c.seq}
              data-resolution="mine"
              @click=${this.handleResolveClick}
            >
              Keep mine
            </button>
            <button
              type="button"
              class="button small"
              data-seq=${c.seq}
              data-resolution="theirs"
              @click=${this.handleResolveClick}
            >
              Take theirs
            </button>
          </div>`,
      )}
    </section>`;
  }

  #history(engine: SyncEngine) {
    const history = engine.history(10);
    return html`<section aria-labelledby="history-title">
      <h3 class="section-title" id="history-title">Sync history</h3>
      ${
        history.length === 0
          ? html`<p class="weak">No sync yet.</p>`
          : html`<table class="table" aria-label="Sync history">
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
                      <td>${time(h.startedAt)}</td>
                      <td>${h.trigger}</td>
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

  override render() {
    const store = this.store;
    if (!store) return nothing;
    const engine = this.#engine;
    const installed = engine?.store.getPlan();
    const edited = store.plan;
    return html`
      <div class="toolbar">
        <button
          type="button"
          class="button brand"
          ?disabled=${this.syncing || !this.userId || (!engine && !edited)}
          @click=${this.handleSyncClick}
        >
          Sync now
        </button>
        <button
          type="button"
          class="button"
          ?disabled=${this.syncing || !edited}
          @click=${this.handleInstallEditedClick}
        >
          Install edited plan
        </button>
        <button
          type="button"
          class="button"
          ?disabled=${this.syncing || !this.api}
          @click=${this.handleInstallPublishedClick}
        >
          Install latest published plan
        </button>
        <button
          type="button"
          class="button destructive"
          ?disabled=${this.syncing || !engine}
          @click=${this.handleResetClick}
        >
          Reset device
        </button>
      </div>
      <p class="weak" role="status">
        ${
          engine
            ? html`Device of ${this.userName || this.userId} runs the ${this.#planSource} (scope hash
                <span class="mono">${installed?.scopeHash.slice(0, 12)}</span>)${
                  edited && installed && edited.scopeHash !== installed.scopeHash
                    ? html` · <span class="badge warning">the edited plan differs</span>`
                    : nothing
                }.`
            : edited
              ? 'No device yet: Sync now installs the edited plan on a new device for this user.'
              : 'The scope has errors: fix them, or install the latest published plan.'
        }
        ${this.message ? html`<br />${this.message}` : nothing}
      </p>
      ${this.#progress()} ${this.summary ? this.#summary(this.summary) : nothing}
      ${
        engine && !this.syncing
          ? html`<div class="grid">${this.#local(engine)} ${this.#pending(engine)}</div>
              ${this.#conflicts(engine)} ${this.#history(engine)}`
          : nothing
      }
    `;
  }
}
