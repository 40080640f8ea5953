import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OrgMetadata } from '../../../compiler/org-metadata.ts';
import type { SyncPlan } from '../../../compiler/plan.ts';
import type { Conflict, ConflictResolution } from '../../../runtime/index.ts';
import { sameId } from '../../../runtime/records.ts';
import type { DeviceClient, DeviceEvent } from '../../device/device-client.ts';
import { appControls, appTokens } from '../../styles/shared.styles.ts';
import { DeviceWatch } from '../device-watch.ts';
import { ConflictResolvedEvent } from '../events.ts';
import { fieldInfos, objectLabel, type FieldInfo } from '../record-fields.ts';
import { formatValue, recordTitle } from '../record-view.ts';
import { recordStyles } from '../records.styles.ts';
import styles from './conflict-resolver.styles.ts';

type Side = 'mine' | 'theirs';

/** The resolution to send: one side for every field says so; otherwise field by field. */
export function resolutionOf(
  conflict: Conflict,
  choices: Readonly<Record<string, Side>>,
): ConflictResolution {
  const sides = conflict.fields.map((f) => choices[f.field] ?? 'mine');
  if (sides.every((s) => s === 'mine')) return 'mine';
  if (sides.every((s) => s === 'theirs')) return 'theirs';
  return Object.fromEntries(conflict.fields.map((f, i) => [f.field, sides[i]!]));
}

/**
 * @summary Changes the server refused because the record changed there too (conflict policy `manual`):
 * per field the user's value (Mine) and the server's (Theirs), chosen field by field or all at once, then
 * Resolve. The kept values upload on the next sync; Theirs drops the local change.
 *
 * @event ss-conflict-resolved - The device accepted a resolution (ConflictResolvedEvent: seq, object, recordId).
 *
 * @csspart conflict - Each conflict's card.
 */
export default class ConflictResolver extends LitElement {
  static override styles = [appTokens, appControls, recordStyles, styles];

  @property({ attribute: false }) accessor device: DeviceClient | undefined = undefined;
  @property({ attribute: false }) accessor plan: SyncPlan | undefined = undefined;
  @property({ attribute: false }) accessor metadata: OrgMetadata | undefined = undefined;
  /** Only this object's conflicts (all when empty). */
  @property() accessor object = '';
  /** Only this record's conflicts (all when empty). */
  @property({ attribute: 'record-id' }) accessor recordId = '';

  @state() private accessor conflicts: readonly Conflict[] = [];
  /** Per conflict seq, per field: the side chosen. */
  @state() private accessor choices: ReadonlyMap<number, Readonly<Record<string, Side>>> = new Map();
  @state() private accessor message = '';
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
    if (['device', 'object', 'recordId'].some((p) => changed.has(p))) void this.reload();
  }

  private handleDeviceEvent(event: DeviceEvent): void {
    if (event.type === 'changed' || event.type === 'syncEnded') void this.reload();
  }

  async reload(): Promise<void> {
    const device = this.device;
    if (!device) return;
    const ticket = ++this.#loading;
    const all = await device.conflicts();
    if (ticket !== this.#loading) return;
    this.conflicts = all.filter(
      (c) =>
        (!this.object || c.object === this.object) && (!this.recordId || sameId(c.recordId, this.recordId)),
    );
  }

  #choice(conflict: Conflict, field: string): Side {
    return this.choices.get(conflict.seq)?.[field] ?? 'mine';
  }

  #choose(seq: number, update: Readonly<Record<string, Side>>): void {
    const next = new Map(this.choices);
    next.set(seq, { ...(next.get(seq) ?? {}), ...update });
    this.choices = next;
  }

  private handleChoice(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.#choose(Number(input.dataset['seq']), { [input.dataset['field']!]: input.value as Side });
  }

  private handleAll(event: Event): void {
    const button = event.currentTarget as HTMLButtonElement;
    const conflict = this.conflicts.find((c) => c.seq === Number(button.dataset['seq']));
    const side = button.dataset['side'] as Side;
    if (conflict) this.#choose(conflict.seq, Object.fromEntries(conflict.fields.map((f) => [f.field, side])));
  }

  private async handleResolve(event: Event): Promise<void> {
    const seq = Number((event.currentTarget as HTMLButtonElement).dataset['seq']);
    const conflict = this.conflicts.find((c) => c.seq === seq);
    if (!conflict || !this.device) return;
    const resolution =
      conflict.fields.length === 0
        ? (this.choices.get(seq)?.['*'] ?? 'mine') // a delete: the whole record
        : resolutionOf(conflict, this.choices.get(seq) ?? {});
    try {
      await this.device.resolveConflict(seq, resolution);
      this.error = '';
      this.conflicts = this.conflicts.filter((c) => c.seq !== seq);
      this.message =
        resolution === 'theirs'
          ? 'Resolved: the server’s version is kept.'
          : 'Resolved: your kept values upload on the next sync.';
      this.dispatchEvent(new ConflictResolvedEvent(seq, conflict.object, conflict.recordId));
      await this.reload();
    } catch (error) {
      this.error = `Could not resolve: ${(error as Error).message}`;
    }
  }

  #title(conflict: Conflict): string {
    const record = conflict.theirs ?? { Id: conflict.recordId, ...conflict.mine };
    return recordTitle(this.plan, conflict.object, record);
  }

  #fieldSet(conflict: Conflict, info: FieldInfo, mine: unknown, theirs: unknown) {
    const name = `c${conflict.seq}-${info.name}`;
    const chosen = this.#choice(conflict, info.name);
    const shown = (v: unknown): string => formatValue(this.plan, info, v) || '(empty)';
    return html`<fieldset data-field=${info.name}>
      <legend>${info.label}</legend>
      <div class="choices">
        ${(['mine', 'theirs'] as const).map(
          (side) =>
            html`<label class="choice">
              <input
                type="radio"
                name=${name}
                value=${side}
                data-seq=${conflict.seq}
                data-field=${info.name}
                .checked=${chosen === side}
                @change=${this.handleChoice}
              />
              <span>
                <span class="which">${side === 'mine' ? 'Mine' : 'Theirs'}</span>
                <span class="value">${shown(side === 'mine' ? mine : theirs)}</span>
              </span>
            </label>`,
        )}
      </div>
    </fieldset>`;
  }

  #card(conflict: Conflict) {
    const infos = fieldInfos(this.plan, this.metadata, conflict.object);
    const info = (field: string): FieldInfo =>
      infos.find((f) => f.name === field) ?? {
        name: field,
        label: field,
        type: 'string',
        length: 0,
        required: false,
        picklistValues: [],
        referenceTo: [],
        scale: undefined,
        createable: false,
        updateable: false,
      };
    const titleId = `conflict-${conflict.seq}`;
    const label = objectLabel(this.metadata, conflict.object);
    return html`<section class="conflict" part="conflict" aria-labelledby=${titleId} data-seq=${conflict.seq}>
      <h3 id=${titleId}>Conflict: ${label} ${this.#title(conflict)}</h3>
      <p>
        ${
          conflict.op === 'delete'
            ? `You deleted this ${label}, and it changed on the server since you saw it.`
            : conflict.theirs
              ? `This ${label} changed on the server after you edited it. Choose which value to keep for each field.`
              : `This ${label} was deleted on the server after you edited it.`
        }
      </p>
      ${conflict.fields.map((f) => this.#fieldSet(conflict, info(f.field), f.mine, f.theirs))}
      <div class="toolbar">
        ${
          conflict.fields.length
            ? html`<button
                  class="button"
                  type="button"
                  data-seq=${conflict.seq}
                  data-side="mine"
                  @click=${this.handleAll}
                >
                  All mine
                </button>
                <button
                  class="button"
                  type="button"
                  data-seq=${conflict.seq}
                  data-side="theirs"
                  @click=${this.handleAll}
                >
                  All theirs
                </button>`
            : html`${(['mine', 'theirs'] as const).map(
                (side) =>
                  html`<label class="choice">
                    <input
                      type="radio"
                      name="c${conflict.seq}-*"
                      value=${side}
                      data-seq=${conflict.seq}
                      data-field="*"
                      .checked=${(this.choices.get(conflict.seq)?.['*'] ?? 'mine') === side}
                      @change=${this.handleChoice}
                    />
                    <span>${side === 'mine' ? 'Mine: delete it' : 'Theirs: keep the server’s record'}</span>
                  </label>`,
              )}`
        }
        <button class="button brand" type="button" data-seq=${conflict.seq} @click=${this.handleResolve}>
          Resolve
        </button>
      </div>
    </section>`;
  }

  override render() {
    return html`
      ${this.conflicts.map((c) => this.#card(c))}
      <p class="weak" role="status" aria-live="polite">${this.message}</p>
      ${this.error ? html`<p class="error-text" role="alert">${this.error}</p>` : nothing}
    `;
  }
}
