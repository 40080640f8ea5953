import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OrgMetadata } from '../../compiler/org-metadata.ts';
import type { SyncPlan } from '../../compiler/plan.ts';
import type { DeviceClient } from '../device/device-client.ts';
import { appControls, appTokens } from '../styles/shared.styles.ts';
import { objectLabelPlural } from './object-labels.ts';
import { routeHash } from './route.ts';

/**
 * @summary Home: the record sets the plan puts on this device, each with how many records it holds,
 * opening its list. Re-counts when a sync stores records.
 */
export class HomePage extends LitElement {
  static override styles = [
    appTokens,
    appControls,
    css`
      :host {
        display: block;
      }
      main {
        max-width: 48rem;
        margin: 0 auto;
        padding: var(--ss-space-3) var(--ss-space-4);
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
        border: 1px solid var(--ss-border);
        border-radius: var(--ss-radius);
        background: var(--ss-surface);
      }
      li + li {
        border-top: 1px solid var(--ss-border);
      }
      a {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--ss-space-2);
        min-height: 56px;
        padding: 0 var(--ss-space-4);
        color: var(--ss-text);
        text-decoration: none;
        font-weight: 700;
      }
      a:focus-visible {
        outline: 2px solid var(--ss-brand);
        outline-offset: -2px;
      }
      .count {
        font-weight: 400;
      }
      h2 {
        margin: var(--ss-space-2) 0 var(--ss-space-3);
        font-size: 1rem;
        color: var(--ss-text-weak);
      }
    `,
  ];

  @property({ attribute: false }) accessor device: DeviceClient | undefined = undefined;
  @property({ attribute: false }) accessor plan: SyncPlan | undefined = undefined;
  /** Describes the device holds: object labels ("Work Orders") where known. */
  @property({ attribute: false }) accessor metadata: OrgMetadata | undefined = undefined;
  @state() accessor counts: ReadonlyMap<string, number> = new Map();
  #unsubscribe: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.#unsubscribe = this.device?.subscribe((event) => {
      if (event.type === 'changed' || event.type === 'syncEnded') void this.load();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  async load(): Promise<void> {
    if (!this.device) return;
    const status = await this.device.status();
    this.counts = new Map(status.objects.map((o) => [o.object, o.records]));
  }

  override render() {
    const objects = this.plan?.objects ?? [];
    if (objects.length === 0) return html`<main><p>No records on this device yet.</p></main>`;
    return html`<main>
      <h2>On this device</h2>
      <ul data-home-list>
        ${objects.map(
          (o) =>
            html`<li>
              <a href=${routeHash({ place: 'list', object: o.name })} data-object=${o.name}
                >${objectLabelPlural(o.name, this.metadata)}<span class="count weak"
                  >${this.counts.get(o.name) ?? 0}</span
                ></a
              >
            </li>`,
        )}
      </ul>
    </main>`;
  }
}

if (!customElements.get('ss-home-page')) customElements.define('ss-home-page', HomePage);

declare global {
  interface HTMLElementTagNameMap {
    'ss-home-page': HomePage;
  }
}
