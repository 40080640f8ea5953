import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { PlanObject, QueryTemplate, SyncPlan } from '../../../compiler/plan.ts';
import { NoticeEvent, SelectObjectEvent } from '../../events/events.ts';
import { formatSoql } from '../../state/soql-format.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import styles from './plan-view.styles.ts';

/** Puts text on the clipboard; falls back to a hidden textarea where the Clipboard API is refused. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/**
 * @summary The compiled plan, per object in dependency order: its fields, schedule, upload policy and every
 * SOQL template (first download, delta, reconciliation, children of new parents / records newly
 * referenced), formatted for reading and copyable exactly as devices send them (before binding).
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 *
 * @event ss-notice - After a copy.
 * @event ss-select-object - "Edit" on an object.
 */
export default class PlanView extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;
  /** The object to open (the one selected in the tree). */
  @property() accessor selected = '';

  /** The last plan that compiled, kept on screen (marked stale) while the scope has errors. */
  #lastPlan: SyncPlan | undefined;

  constructor() {
    super();
    new StoreController(this);
  }

  private async handleCopyClick(event: Event): Promise<void> {
    const soql = (event.currentTarget as HTMLButtonElement).dataset['soql'] ?? '';
    await copyText(soql);
    this.dispatchEvent(new NoticeEvent('SOQL copied to the clipboard.', 'success'));
  }

  private handleEditClick(event: Event): void {
    const name = (event.currentTarget as HTMLButtonElement).dataset['name'];
    if (name) this.dispatchEvent(new SelectObjectEvent(name));
  }

  #template(object: string, kind: string, title: string, union: readonly QueryTemplate[]) {
    return union.map(
      (t, i) =>
        html`<div class="template">
          <div class="template-head">
            <h4>${title}${union.length > 1 ? ` (${i + 1} of ${union.length})` : ''}</h4>
            ${t.binds.length ? html`<span class="weak mono">${t.binds.map((b) => `:${b.replace(/^param:/, '')}`).join(' ')}</span>` : nothing}
            <button
              type="button"
              class="button small"
              data-soql=${t.soql}
              aria-label=${`Copy ${title} SOQL of ${object}`}
              @click=${this.handleCopyClick}
            >
              Copy
            </button>
          </div>
          <pre data-object=${object} data-kind=${kind} data-index=${i} data-soql=${t.soql}>
${formatSoql(t.soql)}</pre>
        </div>`,
    );
  }

  #object(o: PlanObject) {
    const upload =
      o.upload.access === 'readWrite' ? `read and write, ${o.upload.conflict ?? 'clientWins'}` : 'read only';
    return html`<details ?open=${o.name === this.selected} data-object=${o.name}>
      <summary>
        ${o.name}
        <span class="badge">${o.fields.length} fields</span>
        <span class="badge">every ${o.syncEveryMinutes} min</span>
        ${o.upload.access === 'readWrite' ? html`<span class="badge brand">read/write</span>` : nothing}
        ${o.reconcileEverySync ? html`<span class="badge warning">reconciled every sync</span>` : nothing}
      </summary>
      <div class="body">
        <dl>
          <dt>Fields</dt>
          <dd class="mono">${o.fields.join(', ')}</dd>
          <dt>Depends on</dt>
          <dd>${o.dependsOn.length ? o.dependsOn.join(', ') : 'nothing (root)'}</dd>
          <dt>Upload</dt>
          <dd>${upload}${o.upload.externalIdField ? `, upsert on ${o.upload.externalIdField}` : ''}</dd>
          ${
            o.limit !== undefined
              ? html`<dt>Limit</dt>
                  <dd>${o.limit}${o.orderBy ? ` by ${o.orderBy}` : ''}</dd>`
              : nothing
          }
          ${
            o.reconcileReason
              ? html`<dt>Reconciled every sync</dt>
                  <dd>${o.reconcileReason}</dd>`
              : nothing
          }
          <dt>Fingerprint</dt>
          <dd class="mono">${o.fingerprint.slice(0, 16)}</dd>
        </dl>
        <button type="button" class="button small" data-name=${o.name} @click=${this.handleEditClick}>
          Edit ${o.name}
        </button>
        ${this.#template(o.name, 'full', 'First download', o.queries.full)}
        ${this.#template(o.name, 'delta', 'Delta download', o.queries.delta)}
        ${this.#template(o.name, 'ids', 'Reconciliation (Ids in scope)', o.queries.ids)}
        ${this.#template(o.name, 'count', 'Daily check (counts in scope)', o.queries.count ?? [])}
        ${o.paths.map((p) =>
          p.kind === 'childOf'
            ? this.#template(
                o.name,
                `childOf:${p.object}.${p.field}`,
                `Children of new ${p.object} records`,
                [p.byParentIds],
              )
            : p.kind === 'referencedBy'
              ? this.#template(
                  o.name,
                  `referencedBy:${p.object}.${p.field}`,
                  `Records newly referenced by ${p.object}.${p.field}`,
                  [p.byIds],
                )
              : nothing,
        )}
      </div>
    </details>`;
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    if (store.plan) this.#lastPlan = store.plan;
    const plan = store.plan ?? this.#lastPlan;
    if (!plan) return html`<p class="weak">The plan appears once the scope compiles without errors.</p>`;
    return html`
      ${
        store.plan
          ? nothing
          : html`<p class="stale badge warning" role="status">
              Out of date: the scope has ${store.errorCount} errors. This is the last plan that compiled.
            </p>`
      }
      <p class="weak">
        Plan v${plan.planVersion} · API ${plan.apiVersion} · watermark ${plan.watermarkField} −
        ${plan.overlapSeconds}s · every ${plan.syncEveryMinutes} min · scope hash
        <span class="mono">${plan.scopeHash.slice(0, 12)}</span>
      </p>
      ${plan.objects.map((o) => this.#object(o))}
    `;
  }
}
