import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OrgMetadata } from '../../../compiler/org-metadata.ts';
import type { SyncPlan } from '../../../compiler/plan.ts';
import type { SfRecord } from '../../../runtime/index.ts';
import type { DeviceClient, DeviceEvent } from '../../device/device-client.ts';
import { appControls, appTokens } from '../../styles/shared.styles.ts';
import { concerns, DeviceWatch } from '../device-watch.ts';
import { EditRecordEvent, OpenRecordEvent } from '../events.ts';
import {
  fieldInfos,
  isWritable,
  keyFields,
  objectLabel,
  planObject,
  type FieldInfo,
} from '../record-fields.ts';
import {
  findHeld,
  formatValue,
  PENDING_LABELS,
  pendingStates,
  recordTitle,
  relatedLists,
  relatedRecords,
  type HeldRecords,
  type PendingState,
  type RelatedList,
} from '../record-view.ts';
import { recordStyles } from '../records.styles.ts';
import '../conflict-resolver/conflict-resolver.ts';
import styles from './record-detail.styles.ts';

/**
 * @summary One record as the device holds it (with the user's unsent changes on top): every synced field,
 * labelled from the describe (else its API name), lookups to held records as links, and its related records
 * along the plan's paths (a work order's line items, an account's contacts, assets and work orders). Shows
 * whether a change is pending, failed or in conflict, and on a conflict the resolver for it.
 *
 * @event ss-open-record - A lookup or a related record was chosen.
 * @event ss-edit-record - Edit pressed (readWrite objects), or New in a related list (with the parent set).
 *
 * @csspart fields - The list of fields.
 * @csspart related - Each related list.
 */
export default class RecordDetail extends LitElement {
  static override styles = [appTokens, appControls, recordStyles, styles];

  @property({ attribute: false }) accessor device: DeviceClient | undefined = undefined;
  @property({ attribute: false }) accessor plan: SyncPlan | undefined = undefined;
  /** Describes of the plan's objects, for labels and types; API names without it. */
  @property({ attribute: false }) accessor metadata: OrgMetadata | undefined = undefined;
  /** The record's object (sObject API name). */
  @property() accessor object = '';
  @property({ attribute: 'record-id' }) accessor recordId = '';

  @state() private accessor record: SfRecord | undefined = undefined;
  @state() private accessor loaded = false;
  @state() private accessor pending: PendingState | undefined = undefined;
  @state() private accessor held: HeldRecords = new Map();
  @state() private accessor error = '';

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
    if (['device', 'object', 'recordId', 'plan', 'metadata'].some((p) => changed.has(p))) void this.reload();
  }

  private handleDeviceEvent(event: DeviceEvent): void {
    if (concerns(event, this.#objectsShown())) void this.reload();
  }

  #fields(): FieldInfo[] {
    return fieldInfos(this.plan, this.metadata, this.object, this.record ? [this.record] : []);
  }

  #related(): RelatedList[] {
    return relatedLists(this.plan, this.object);
  }

  /** The record's object, the objects its lookups show and its related lists' objects. */
  #objectsShown(): string[] {
    const inPlan = new Set(this.plan?.objects.map((o) => o.name));
    const lookups = this.#fields().flatMap((f) => (f.type === 'reference' ? f.referenceTo : []));
    return [...new Set([this.object, ...lookups, ...this.#related().map((r) => r.object)])].filter((o) =>
      inPlan.has(o),
    );
  }

  /**
   * Reads the record, the outbox, its related records (the device's store queried by this record's Id,
   * never every record of a child object) and the records its lookups and its related rows' lookups
   * name (each by Id), from the device again.
   */
  async reload(): Promise<void> {
    const device = this.device;
    if (!device || !this.object || !this.recordId) return;
    const ticket = ++this.#loading;
    try {
      const [record, changes] = await Promise.all([
        device.record(this.object, this.recordId),
        device.pendingChanges(),
      ]);
      const inPlan = new Set(this.plan?.objects.map((o) => o.name));
      const lists = record ? this.#related().filter((l) => inPlan.has(l.object)) : [];
      const related = await Promise.all(
        lists.map((l) => device.relatedRecords(l.object, l.field, record!.Id)),
      );
      const held = new Map<string, SfRecord[]>();
      const hold = (object: string, found: readonly SfRecord[]) => {
        const mine = held.get(object) ?? [];
        for (const r of found) if (!mine.some((m) => m.Id === r.Id)) mine.push(r);
        held.set(object, mine);
      };
      if (record) hold(this.object, [record]);
      lists.forEach((l, i) => hold(l.object, related[i] ?? []));
      // The records the lookups name: this record's, and those of the related rows' key fields.
      const named = new Map<string, Set<string>>();
      const name = (object: string, records: readonly SfRecord[], fields: readonly FieldInfo[]) => {
        for (const f of fields)
          if (f.type === 'reference')
            for (const r of records)
              if (typeof r[f.name] === 'string')
                for (const target of f.referenceTo.filter((t) => inPlan.has(t)))
                  named.set(target, (named.get(target) ?? new Set()).add(r[f.name] as string));
      };
      if (record) name(this.object, [record], fieldInfos(this.plan, this.metadata, this.object, [record]));
      lists.forEach((l, i) => {
        const keys = new Set(keyFields(this.plan, l.object));
        const infos = fieldInfos(this.plan, this.metadata, l.object, related[i] ?? []);
        name(
          l.object,
          related[i] ?? [],
          infos.filter((f) => keys.has(f.name)),
        );
      });
      const lookups = [...named].flatMap(([object, ids]) =>
        [...ids].filter((id) => !held.get(object)?.some((r) => r.Id === id)).map((id) => ({ object, id })),
      );
      const found = await Promise.all(lookups.map(({ object, id }) => device.record(object, id)));
      lookups.forEach(({ object }, i) => hold(object, found[i] ? [found[i]] : []));
      if (ticket !== this.#loading) return;
      this.record = record;
      this.held = held;
      this.pending = record ? pendingStates(changes, this.object).get(record.Id) : undefined;
      this.error = '';
    } catch (error) {
      if (ticket === this.#loading) this.error = `Could not read this record: ${(error as Error).message}`;
    } finally {
      if (ticket === this.#loading) this.loaded = true;
    }
  }

  private handleOpen(event: Event): void {
    const { object, id } = (event.currentTarget as HTMLElement).dataset;
    if (object && id) this.dispatchEvent(new OpenRecordEvent(object, id));
  }

  private handleEdit(): void {
    this.dispatchEvent(new EditRecordEvent(this.object, this.record?.Id ?? this.recordId));
  }

  private handleNewRelated(event: Event): void {
    const { object, field } = (event.currentTarget as HTMLElement).dataset;
    if (object && field && this.record)
      this.dispatchEvent(new EditRecordEvent(object, undefined, { [field]: this.record.Id }));
  }

  #value(field: FieldInfo, record: SfRecord) {
    const value = record[field.name];
    if (field.type === 'reference' && typeof value === 'string') {
      const found = findHeld(this.held, field.referenceTo, value);
      if (found)
        return html`<button
          class="link"
          type="button"
          data-object=${found[0]}
          data-id=${found[1].Id}
          @click=${this.handleOpen}
        >
          ${recordTitle(this.plan, found[0], found[1])}
        </button>`;
    }
    const text = formatValue(this.plan, field, value, this.held);
    return text === '' ? html`<span class="assistive-text">empty</span>` : text;
  }

  #relatedList(list: RelatedList, record: SfRecord) {
    // The related records the store answered (held also has records of the object that lookups name).
    const records = relatedRecords(this.held.get(list.object) ?? [], list.field, record.Id);
    const plural = objectLabel(this.metadata, list.object, true);
    const fieldLabel = fieldInfos(this.plan, this.metadata, list.object).find(
      (f) => f.name === list.field,
    )?.label;
    const headingId = `related-${list.object}-${list.field}`;
    const keys = keyFields(this.plan, list.object);
    const infos = fieldInfos(this.plan, this.metadata, list.object, this.held.get(list.object) ?? []);
    const canCreate =
      isWritable(this.plan, list.object) && infos.find((f) => f.name === list.field)?.createable === true;
    // Two lists of one object (Contacts by AccountId and by ReportsToId) are told apart by the field.
    const twice = this.#related().filter((r) => r.object === list.object).length > 1;
    return html`<div class="related" part="related" data-object=${list.object} data-field=${list.field}>
      <div class="related-head">
        <h4 id=${headingId}>${plural}${twice ? ` (${fieldLabel ?? list.field})` : ''} (${records.length})</h4>
        ${
          canCreate
            ? html`<button
                class="button"
                type="button"
                data-object=${list.object}
                data-field=${list.field}
                aria-label="New ${objectLabel(this.metadata, list.object)} for ${recordTitle(
                  this.plan,
                  this.object,
                  record,
                )}"
                @click=${this.handleNewRelated}
              >
                New
              </button>`
            : nothing
        }
      </div>
      ${
        records.length
          ? html`<ul class="rows" aria-labelledby=${headingId}>
              ${records.map(
                (r) =>
                  html`<li>
                    <button
                      class="row"
                      type="button"
                      data-object=${list.object}
                      data-id=${r.Id}
                      @click=${this.handleOpen}
                    >
                      <span class="row-text">
                        <span class="row-title">${recordTitle(this.plan, list.object, r)}</span>
                        <span class="row-meta"
                          >${keys
                            .map((k) => infos.find((f) => f.name === k))
                            .filter((f): f is FieldInfo => f !== undefined)
                            .map((f) => formatValue(this.plan, f, r[f.name], this.held))
                            .filter((v) => v !== '')
                            .map((v) => html`<span>${v}</span>`)}</span
                        >
                      </span>
                    </button>
                  </li>`,
              )}
            </ul>`
          : html`<p class="empty">None on this device.</p>`
      }
    </div>`;
  }

  override render() {
    if (this.error) return html`<p class="error-text" role="alert">${this.error}</p>`;
    if (!this.loaded) return html`<p class="empty">Loading…</p>`;
    const record = this.record;
    const label = objectLabel(this.metadata, this.object);
    if (!record || !planObject(this.plan, this.object))
      return html`<p class="empty" role="alert">This ${label} is not on this device (any more).</p>`;
    const fields = this.#fields();
    const editable = isWritable(this.plan, this.object) && fields.some((f) => f.updateable);
    const related = this.#related();
    return html`
      <header>
        <p class="object-label">${label}</p>
        <div class="toolbar">
          <h2 class="grow" id="title">${recordTitle(this.plan, this.object, record)}</h2>
          ${
            this.pending
              ? html`<span class="badge ${this.pending}" data-pending=${this.pending}
                  >${PENDING_LABELS[this.pending]}</span
                >`
              : nothing
          }
          ${
            editable
              ? html`<button
                  class="button brand"
                  type="button"
                  aria-label="Edit ${label}"
                  @click=${this.handleEdit}
                >
                  Edit
                </button>`
              : nothing
          }
        </div>
      </header>
      ${
        this.pending === 'conflict'
          ? html`<ss-conflict-resolver
              .device=${this.device}
              .plan=${this.plan}
              .metadata=${this.metadata}
              object=${this.object}
              record-id=${record.Id}
            ></ss-conflict-resolver>`
          : nothing
      }
      <section aria-labelledby="details-title">
        <h3 id="details-title">Details</h3>
        <dl part="fields">
          ${fields.map(
            (f) =>
              html`<div class="field" data-field=${f.name}>
                <dt>${f.label}</dt>
                <dd>${this.#value(f, record)}</dd>
              </div>`,
          )}
        </dl>
      </section>
      ${
        related.length
          ? html`<section aria-labelledby="related-title">
              <h3 id="related-title">Related</h3>
              ${related.map((list) => this.#relatedList(list, record))}
            </section>`
          : nothing
      }
    `;
  }
}
