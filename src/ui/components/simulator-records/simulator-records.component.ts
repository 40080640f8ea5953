import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SyncPlan } from '../../../compiler/plan.ts';
import type { OutboxEntry, SfRecord } from '../../../runtime/index.ts';
import { SaveOfflineEvent } from '../../events/events.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import { cellText } from '../device-simulator/cell-text.ts';
import styles from './simulator-records.styles.ts';

const SYSTEM_FIELDS = new Set([
  'Id',
  'LastModifiedDate',
  'SystemModstamp',
  'CreatedDate',
  'CreatedById',
  'LastModifiedById',
]);

/**
 * @summary The simulated device's records: one plan object at a time (its first 50 records, four
 * columns), and on `readWrite` objects an offline edit (record, field, new value) that the device queues
 * until the next sync. Presentational: the records come in as a property, the edit goes out as an event.
 *
 * No slots.
 *
 * @event ss-save-offline - Save offline was pressed (SaveOfflineEvent: object, recordId, fields; an empty
 * value is sent as null).
 *
 * @csspart records - The scrolling records table.
 * @csspart edit - The offline edit form (readWrite objects only).
 */
export default class SimulatorRecords extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor plan: SyncPlan | undefined = undefined;
  /** The device's records by object (every object of the plan). */
  @property({ attribute: false }) accessor records: Readonly<Record<string, readonly SfRecord[]>> = {};

  @state() accessor viewObject = '';
  @state() accessor editRecord = '';
  @state() accessor editField = '';
  @state() accessor editValue = '';

  /** Puts a queued change in the edit form (its record, first field and value), to correct it. */
  edit(change: OutboxEntry): void {
    const [field, value] = Object.entries(change.fields)[0] ?? ['', undefined];
    this.viewObject = change.object;
    this.editRecord = change.recordId;
    this.editField = field;
    this.editValue = cellText(value);
  }

  /** The object shown: the one picked, else the plan's first. */
  #shown() {
    return this.plan?.objects.find((o) => o.name === this.viewObject) ?? this.plan?.objects[0];
  }

  #current(): unknown {
    const object = this.#shown()?.name ?? '';
    return this.records[object]?.find((r) => r.Id === this.editRecord)?.[this.editField];
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
    if (key === 'editField' || key === 'editRecord') this.editValue = cellText(this.#current());
  }

  private handleSaveOfflineClick(): void {
    const object = this.#shown();
    if (!object || !this.editRecord || !this.editField) return;
    this.dispatchEvent(
      new SaveOfflineEvent(object.name, this.editRecord, {
        [this.editField]: this.editValue === '' ? null : this.editValue,
      }),
    );
  }

  override render() {
    const plan = this.plan;
    const object = this.#shown();
    if (!plan || !object) return nothing;
    const records = this.records[object.name] ?? [];
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
              ${o.name} (${this.records[o.name]?.length ?? 0})
            </option>`,
        )}
      </select>
      <div class="records" part="records" tabindex="0" role="region" aria-label=${`${object.name} records`}>
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
                  ${columns.map((c) => html`<td>${cellText(r[c])}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        editable
          ? html`<div class="edit" part="edit">
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
}
