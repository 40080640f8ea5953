import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OrgMetadata } from '../../../compiler/org-metadata.ts';
import type { SyncPlan } from '../../../compiler/plan.ts';
import type { SfRecord } from '../../../runtime/index.ts';
import type { DeviceClient } from '../../device/device-client.ts';
import { appControls, appTokens } from '../../styles/shared.styles.ts';
import { EditCancelledEvent, RecordSavedEvent } from '../events.ts';
import { parseControlValue, sameValue, toControlValue } from '../field-input.ts';
import { fieldInfos, isWritable, objectLabel, type FieldInfo } from '../record-fields.ts';
import { recordTitle } from '../record-view.ts';
import { recordStyles } from '../records.styles.ts';
import styles from './record-form.styles.ts';

/** What the device's LocalWriteError carries (it may arrive from a worker as a plain object). */
interface WriteErrorShape {
  readonly message?: string;
  readonly field?: string;
}

/**
 * @summary Edit a record, or create one, on a `readWrite` object: a typed control per writable field from
 * the describe (date, date and time, number, picklist, checkbox, lookup among the held records of the
 * referenced object, text with its maximum length). Values are checked before the change is queued; a
 * problem shows beside its field and nothing is queued. A saved change waits as pending until a sync.
 *
 * @event ss-record-saved - The change was queued on the device (RecordSavedEvent: object, recordId, op).
 * @event ss-edit-cancelled - Cancel pressed.
 *
 * @csspart form - The form.
 */
export default class RecordForm extends LitElement {
  static override styles = [appTokens, appControls, recordStyles, styles];

  @property({ attribute: false }) accessor device: DeviceClient | undefined = undefined;
  @property({ attribute: false }) accessor plan: SyncPlan | undefined = undefined;
  /** Describes of the plan's objects: control types, labels, picklists, lengths. Text controls without. */
  @property({ attribute: false }) accessor metadata: OrgMetadata | undefined = undefined;
  @property() accessor object = '';
  /** The record edited; empty (or undefined) to create one. */
  @property({ attribute: 'record-id' }) accessor recordId: string | undefined = '';
  /** Values a new record starts with (the parent of a related list). */
  @property({ attribute: false }) accessor defaults: Readonly<Record<string, unknown>> = {};

  @state() private accessor record: SfRecord | undefined = undefined;
  @state() private accessor lookups: ReadonlyMap<string, readonly SfRecord[]> = new Map();
  /** The object's held records, for field types when the describe is missing. */
  @state() private accessor sample: readonly SfRecord[] = [];
  @state() private accessor loaded = false;
  /** Per field: why its value cannot be queued. */
  @state() private accessor errors: Readonly<Record<string, string>> = {};
  @state() private accessor formError = '';
  @state() private accessor saving = false;

  #loading = 0;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (['device', 'object', 'recordId', 'plan', 'metadata'].some((p) => changed.has(p))) void this.reload();
  }

  get #creating(): boolean {
    return !this.recordId;
  }

  /** The fields this form edits: updateable ones for an edit, createable ones for a create. */
  get fields(): FieldInfo[] {
    return fieldInfos(this.plan, this.metadata, this.object, this.sample).filter((f) =>
      this.#creating ? f.createable : f.updateable,
    );
  }

  #lookupObjects(): string[] {
    const inPlan = new Set(this.plan?.objects.map((o) => o.name));
    return [...new Set(this.fields.flatMap((f) => (f.type === 'reference' ? f.referenceTo : [])))].filter(
      (o) => inPlan.has(o),
    );
  }

  async reload(): Promise<void> {
    const device = this.device;
    if (!device || !this.object) return;
    const ticket = ++this.#loading;
    const objects = this.#lookupObjects();
    const withoutDescribe = !this.metadata?.[this.object];
    const [record, sample, ...lists] = await Promise.all([
      this.recordId ? device.record(this.object, this.recordId) : Promise.resolve(undefined),
      withoutDescribe ? device.records(this.object) : Promise.resolve([]),
      ...objects.map((o) => device.records(o)),
    ]);
    if (ticket !== this.#loading) return;
    this.record = record;
    this.sample = sample;
    this.lookups = new Map(objects.map((o, i) => [o, lists[i] ?? []]));
    this.errors = {};
    this.formError = '';
    this.loaded = true;
  }

  #initial(field: FieldInfo): unknown {
    return this.#creating ? this.defaults[field.name] : this.record?.[field.name];
  }

  #controlOf(field: FieldInfo): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null {
    return this.renderRoot.querySelector(`[data-field="${field.name}"]`);
  }

  #read(field: FieldInfo) {
    const control = this.#controlOf(field);
    if (!control) return parseControlValue(field, { value: '' });
    return parseControlValue(field, {
      value: control.value,
      checked: control instanceof HTMLInputElement ? control.checked : false,
      badInput: control.validity.badInput,
    });
  }

  private handleBlur(event: Event): void {
    const name = (event.target as HTMLElement).dataset['field'];
    const field = this.fields.find((f) => f.name === name);
    if (!field) return;
    const parsed = this.#read(field);
    const { [field.name]: _dropped, ...rest } = this.errors;
    this.errors = parsed.ok ? rest : { ...rest, [field.name]: parsed.message };
  }

  #submitting: Promise<void> = Promise.resolve();

  /** Settles when the last Save has been checked and, if valid, queued (or refused) on the device. */
  get submitted(): Promise<void> {
    return this.#submitting;
  }

  private handleSubmit(event: Event): void {
    event.preventDefault();
    this.#submitting = this.#submit();
  }

  async #submit(): Promise<void> {
    const device = this.device;
    if (!device || this.saving) return;
    const values: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    for (const field of this.fields) {
      const parsed = this.#read(field);
      if (!parsed.ok) errors[field.name] = parsed.message;
      else if (
        this.#creating ? parsed.value !== null : !sameValue(field, this.record?.[field.name], parsed.value)
      )
        values[field.name] = parsed.value;
    }
    this.errors = errors;
    this.formError = '';
    if (Object.keys(errors).length) {
      await this.updateComplete;
      const first = this.fields.find((f) => errors[f.name]);
      if (first) this.#controlOf(first)?.focus();
      return;
    }
    if (!this.#creating && Object.keys(values).length === 0) {
      this.formError = 'Nothing changed.';
      return;
    }
    this.saving = true;
    try {
      if (this.#creating) {
        const id = await device.create(this.object, values);
        this.dispatchEvent(new RecordSavedEvent(this.object, id, 'create'));
      } else {
        const id = this.record?.Id ?? this.recordId ?? '';
        await device.update(this.object, id, values);
        this.dispatchEvent(new RecordSavedEvent(this.object, id, 'update'));
      }
      this.formError = '';
    } catch (error) {
      // The device refused it (LocalWriteError): say so beside the field it names, else above the buttons.
      const shape = error as WriteErrorShape;
      const message = shape.message ?? String(error);
      if (shape.field && this.fields.some((f) => f.name === shape.field))
        this.errors = { [shape.field]: message };
      else this.formError = message;
    } finally {
      this.saving = false;
    }
  }

  private handleCancel(): void {
    this.dispatchEvent(new EditCancelledEvent(this.object, this.recordId || undefined));
  }

  #describedBy(field: FieldInfo): string | typeof nothing {
    return this.errors[field.name] ? `${field.name}-error` : nothing;
  }

  #control(field: FieldInfo) {
    const id = `f-${field.name}`;
    const initial = this.#initial(field);
    const invalid = this.errors[field.name] ? 'true' : 'false';
    const common = {
      id,
      invalid,
      describedBy: this.#describedBy(field),
    };
    if (field.type === 'boolean')
      return html`<label class="checkbox" for=${id}>
        <input
          id=${id}
          type="checkbox"
          data-field=${field.name}
          .checked=${initial === true}
          aria-invalid=${invalid}
          aria-describedby=${common.describedBy}
        />
        ${field.label}
      </label>`;
    const label = html`<label class="label" for=${id}
      >${field.required ? html`<abbr class="required" title="required">*</abbr>` : nothing}${field.label}</label
    >`;
    const value = toControlValue(field, initial);
    // A lookup is a choice among held records when the device holds its object (else its Id as text).
    const held = field.type === 'reference' && field.referenceTo.some((o) => this.lookups.has(o));
    if (field.type === 'picklist' || held) {
      const options =
        field.type === 'picklist'
          ? field.picklistValues.map((p) => ({ value: p.value, label: p.label }))
          : field.referenceTo.flatMap((o) =>
              (this.lookups.get(o) ?? []).map((r) => ({ value: r.Id, label: recordTitle(this.plan, o, r) })),
            );
      // A value the list does not offer (inactive picklist value, a record not held) stays selectable.
      if (value !== '' && !options.some((o) => o.value === value)) options.unshift({ value, label: value });
      return html`${label}<select
          id=${id}
          class="input"
          data-field=${field.name}
          ?required=${field.required}
          aria-invalid=${invalid}
          aria-describedby=${common.describedBy}
          @blur=${this.handleBlur}
        >
          <option value="" ?selected=${value === ''}>
            ${field.required ? '-- Choose --' : '-- None --'}
          </option>
          ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
        </select>`;
    }
    if (field.type === 'textarea')
      return html`${label}<textarea
          id=${id}
          class="input"
          data-field=${field.name}
          maxlength=${field.length || nothing}
          ?required=${field.required}
          aria-invalid=${invalid}
          aria-describedby=${common.describedBy}
          .value=${value}
          @blur=${this.handleBlur}
        ></textarea>`;
    const type = inputType(field);
    const step =
      field.type === 'int'
        ? '1'
        : type === 'number'
          ? field.scale
            ? String(10 ** -field.scale)
            : 'any'
          : nothing;
    return html`${label}<input
        id=${id}
        class="input"
        type=${type}
        data-field=${field.name}
        step=${step}
        inputmode=${type === 'number' ? (field.type === 'int' ? 'numeric' : 'decimal') : nothing}
        maxlength=${
          type === 'text' || type === 'email' || type === 'tel' || type === 'url'
            ? field.length || nothing
            : nothing
        }
        ?required=${field.required}
        aria-invalid=${invalid}
        aria-describedby=${common.describedBy}
        .value=${value}
        @blur=${this.handleBlur}
      />`;
  }

  override render() {
    if (!isWritable(this.plan, this.object))
      return html`<p class="empty" role="alert">
        ${objectLabel(this.metadata, this.object, true)} are read-only here.
      </p>`;
    if (!this.loaded) return html`<p class="empty">Loading…</p>`;
    const label = objectLabel(this.metadata, this.object);
    if (!this.#creating && !this.record)
      return html`<p class="empty" role="alert">This ${label} is not on this device (any more).</p>`;
    const heading = this.#creating
      ? `New ${label}`
      : `Edit ${label} ${recordTitle(this.plan, this.object, this.record!)}`;
    return html`<form part="form" novalidate aria-labelledby="form-title" @submit=${this.handleSubmit}>
      <h2 id="form-title">${heading}</h2>
      <div class="fields">
        ${this.fields.map(
          (f) =>
            html`<div class="control" data-control=${f.name}>
              ${this.#control(f)}
              ${
                this.errors[f.name]
                  ? html`<p class="field-error" id="${f.name}-error">${this.errors[f.name]}</p>`
                  : nothing
              }
            </div>`,
        )}
      </div>
      ${this.formError ? html`<p class="error-text form-error" role="alert">${this.formError}</p>` : nothing}
      <div class="actions">
        <button class="button" type="button" @click=${this.handleCancel}>Cancel</button>
        <button class="button brand" type="submit" ?disabled=${this.saving}>Save</button>
      </div>
    </form>`;
  }
}

function inputType(field: FieldInfo): string {
  switch (field.type) {
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime-local';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return 'number';
    case 'email':
      return 'email';
    case 'phone':
      return 'tel';
    case 'url':
      return 'url';
    default:
      return 'text';
  }
}
