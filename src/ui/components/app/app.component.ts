import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SyncScope } from '../../../compiler/scope.ts';
import type { SessionInfo, SObjectSummary } from '../../../org/api-types.ts';
import type { ApiClient } from '../../api-client.ts';
import type { JumpToPointerEvent, NoticeEvent, SelectObjectEvent } from '../../events/events.ts';
import { controlPointerFor, objectOfPointer } from '../../state/control-pointer.ts';
import { findByPointer, settle } from '../../state/deep-focus.ts';
import { objectsOf, pathsOf } from '../../state/scope-edits.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import '../diagnostic-list/diagnostic-list.ts';
import '../device-simulator/device-simulator.ts';
import '../diff-panel/diff-panel.ts';
import '../json-view/json-view.ts';
import '../object-editor/object-editor.ts';
import '../object-tree/object-tree.ts';
import '../parameter-editor/parameter-editor.ts';
import '../plan-view/plan-view.ts';
import '../preview-panel/preview-panel.ts';
import '../publish-panel/publish-panel.ts';
import '../scope-header/scope-header.ts';
import '../why-panel/why-panel.ts';
import styles from './app.styles.ts';

export const TABS = [
  ['object', 'Object'],
  ['json', 'JSON'],
  ['plan', 'Plan'],
  ['preview', 'Preview'],
  ['why', 'Why this record'],
  ['diff', 'Changes'],
  ['publish', 'Publish'],
  ['device', 'Device simulator'],
] as const;
export type TabId = (typeof TABS)[number][0];

/** Tabs that talk to the org for one user. */
const USER_TABS = new Set<TabId>(['preview', 'why', 'diff', 'device']);

/**
 * @summary The config tool: scope header, object tree, the editor and its views in tabs, and the problems
 * list. Owns navigation (selected object, tab, jump-to-control) and keeps the org's describes of every
 * object the scope names loaded into the store, so the in-browser compiler lints against the org.
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 */
export default class App extends LitElement {
  static override styles = [tokens, controls, styles];

  /** The scope being edited, with its live compile result. */
  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;
  /** The server's API; without it the tool edits and compiles offline. */
  @property({ attribute: false }) accessor api: ApiClient | undefined = undefined;

  @property() accessor selected = '';
  @property() accessor tab: TabId = 'object';
  @state() accessor session: SessionInfo | undefined = undefined;
  @state() accessor sobjects: readonly SObjectSummary[] = [];
  @state() accessor userId = '';
  @state() accessor notices: { id: number; message: string; variant: string }[] = [];

  /** Object names whose describe was asked for (answered or unknown), so each is fetched once. */
  #requested = new Set<string>();
  /** The user and objects whose permissions the store has (or are being fetched), so each is asked once. */
  #permissionsKey = '';
  #noticeId = 0;

  constructor() {
    super();
    new StoreController(this);
    this.addEventListener('ss-select-object', (e) => this.handleSelectObject(e));
    this.addEventListener('ss-jump-to-pointer', (e) => void this.handleJumpToPointer(e));
    this.addEventListener('ss-notice', (e) => this.handleNotice(e));
  }

  /** Loads who the server is connected to and the org's object list. Scope loading is the caller's. */
  async connect(): Promise<void> {
    if (!this.api) return;
    try {
      const [session, sobjects] = await Promise.all([this.api.session(), this.api.sobjects()]);
      this.session = session;
      this.sobjects = sobjects.sobjects;
      this.userId ||=
        session.users.find((u) => u.id !== session.connectedUser.id)?.id ?? session.connectedUser.id;
    } catch (error) {
      this.#notify(`Not connected to the org: ${(error as Error).message}`, 'error');
    }
    await this.loadMissingMetadata();
    await this.loadPermissions();
  }

  /**
   * Fetches the preview user's permission sets for the scope's objects, so the compiler warns about what
   * that user cannot read or edit (FIELD_NOT_READABLE, ...) with the other diagnostics.
   */
  async loadPermissions(): Promise<void> {
    const store = this.store;
    if (!this.api || !store || !this.userId) return;
    const names = Object.keys(objectsOf(store.scope))
      .filter((n) => /^[A-Za-z][A-Za-z0-9_]*$/.test(n))
      .sort();
    const key = `${this.userId} ${names.join(',')}`;
    if (key === this.#permissionsKey) return;
    this.#permissionsKey = key;
    try {
      const { permissions } = await this.api.permissions(this.userId, names);
      if (this.#permissionsKey === key) store.setPermissions(permissions);
    } catch (error) {
      // Not asked again until the user or the objects change (a retry per render would loop on notices).
      this.#notify(`Could not load the user's permissions: ${(error as Error).message}`, 'error');
    }
  }

  /** Fetches describes of objects the scope names (objects and path targets) that the store lacks. */
  async loadMissingMetadata(): Promise<void> {
    const store = this.store;
    if (!this.api || !store) return;
    const objects = objectsOf(store.scope);
    const names = new Set(Object.keys(objects));
    for (const o of Object.values(objects)) {
      for (const kind of ['childOf', 'referencedBy'] as const)
        for (const p of pathsOf(o, kind)) if (p.object) names.add(p.object);
    }
    const missing = [...names].filter((n) => !this.#requested.has(n) && /^[A-Za-z][A-Za-z0-9_]*$/.test(n));
    if (missing.length === 0) return;
    for (const n of missing) this.#requested.add(n);
    try {
      const { metadata } = await this.api.metadata(missing);
      store.setMetadata({ ...(store.metadata ?? {}), ...metadata });
    } catch (error) {
      for (const n of missing) this.#requested.delete(n);
      this.#notify(`Could not load the org's describe: ${(error as Error).message}`, 'error');
    }
  }

  override willUpdate(): void {
    // Keep a selection while there are objects.
    const names = Object.keys(objectsOf(this.store?.scope));
    if (names.length && !names.includes(this.selected)) this.selected = names[0] as string;
  }

  override updated(): void {
    if (this.api) {
      void this.loadMissingMetadata();
      void this.loadPermissions();
    }
  }

  private handleSelectObject(event: SelectObjectEvent): void {
    this.selected = event.objectName;
    if (this.tab !== 'plan') this.tab = 'object';
  }

  /** Shows the control a pointer names and focuses it (the diagnostics list's "jump to"). */
  private async handleJumpToPointer(event: JumpToPointerEvent): Promise<void> {
    await this.jumpTo(event.pointer);
  }

  async jumpTo(pointer: string): Promise<boolean> {
    const object = objectOfPointer(pointer);
    if (object !== undefined && object in objectsOf(this.store?.scope)) {
      this.selected = object;
      this.tab = 'object';
    }
    await this.updateComplete;
    await settle(this.renderRoot as ShadowRoot);
    // The control itself, else the nearest control above it (a field's pill, then the field picker...).
    let target = controlPointerFor(pointer);
    for (const candidate of [pointer, target]) {
      const el = findByPointer(this.renderRoot as ShadowRoot, candidate);
      if (el) {
        el.focus();
        el.scrollIntoView?.({ block: 'center' });
        return true;
      }
    }
    while (target.includes('/')) {
      target = target.slice(0, target.lastIndexOf('/'));
      const el = target && findByPointer(this.renderRoot as ShadowRoot, target);
      if (el) {
        el.focus();
        return true;
      }
    }
    return false;
  }

  private handleNotice(event: NoticeEvent): void {
    this.#notify(event.message, event.variant);
  }

  #notify(message: string, variant: string): void {
    const id = ++this.#noticeId;
    this.notices = [...this.notices, { id, message, variant }];
    setTimeout(
      () => (this.notices = this.notices.filter((n) => n.id !== id)),
      variant === 'error' ? 8000 : 3500,
    );
  }

  private handleTabClick(event: Event): void {
    this.tab = (event.currentTarget as HTMLButtonElement).dataset['tab'] as TabId;
  }

  private handleTabKeydown(event: KeyboardEvent): void {
    const i = TABS.findIndex(([id]) => id === this.tab);
    let next = i;
    if (event.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else return;
    event.preventDefault();
    this.tab = TABS[next]![0];
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus(),
    );
  }

  private handleUserChange(event: Event): void {
    this.userId = (event.target as HTMLSelectElement).value;
  }

  #saveToServer = async (scope: SyncScope): Promise<string> => {
    if (!this.api) throw new Error('Not connected to a syncscope server.');
    return (await this.api.saveScope({ scope })).file;
  };

  /**
   * The simulated device outlives tab switches (its records, outbox and history are its state), so the
   * element is kept and only moved in and out of the panel.
   */
  #simulator: HTMLElementTagNameMap['ss-device-simulator'] | undefined;

  #panel() {
    const store = this.store!;
    switch (this.tab) {
      case 'object':
        return html`<ss-object-editor .store=${store} object-name=${this.selected}></ss-object-editor>`;
      case 'json':
        return html`<ss-json-view .store=${store}></ss-json-view>`;
      case 'plan':
        return html`<ss-plan-view .store=${store} selected=${this.selected}></ss-plan-view>`;
      case 'preview':
        return html`<ss-preview-panel
          .store=${store}
          .api=${this.api}
          user-id=${this.userId}
        ></ss-preview-panel>`;
      case 'why':
        return html`<ss-why-panel .store=${store} .api=${this.api} user-id=${this.userId}></ss-why-panel>`;
      case 'diff':
        return html`<ss-diff-panel .store=${store} .api=${this.api} user-id=${this.userId}></ss-diff-panel>`;
      case 'publish':
        return html`<ss-publish-panel .store=${store} .api=${this.api}></ss-publish-panel>`;
      case 'device': {
        const simulator = (this.#simulator ??= document.createElement('ss-device-simulator'));
        simulator.store = store;
        simulator.api = this.api;
        simulator.userId = this.userId;
        simulator.userName = this.session?.users.find((u) => u.id === this.userId)?.name ?? '';
        return simulator;
      }
    }
  }

  #userBar() {
    const users = this.session?.users ?? [];
    if (!USER_TABS.has(this.tab)) return nothing;
    return html`<div class="user-bar">
      <div>
        <label class="label" for="user">Device of user (<code>:userId</code>)</label>
        <select id="user" class="select" @change=${this.handleUserChange}>
          ${users.length === 0 ? html`<option value="">No users (not connected)</option>` : nothing}
          ${users.map((u) => html`<option value=${u.id} ?selected=${u.id === this.userId}>${u.name} (${u.username})</option>`)}
        </select>
      </div>
    </div>`;
  }

  override render() {
    const store = this.store;
    if (!store) return html`<p role="status">Loading…</p>`;
    const s = this.session;
    return html`
      <ss-scope-header
        .store=${store}
        .saveToServer=${this.api && s?.scopeFile ? this.#saveToServer : undefined}
      ></ss-scope-header>
      <div class="main">
        <nav class="column card" aria-label="Scope objects">
          <ss-object-tree
            .store=${store}
            selected=${this.selected}
            .available=${this.sobjects}
          ></ss-object-tree>
          <hr />
          <ss-parameter-editor .store=${store}></ss-parameter-editor>
        </nav>
        <main class="column card">
          <div role="tablist" aria-label="Views" @keydown=${this.handleTabKeydown}>
            ${TABS.map(
              ([id, label]) =>
                html`<button
                  type="button"
                  role="tab"
                  id=${`tab-${id}`}
                  data-tab=${id}
                  aria-selected=${id === this.tab ? 'true' : 'false'}
                  aria-controls="panel"
                  tabindex=${id === this.tab ? '0' : '-1'}
                  @click=${this.handleTabClick}
                >
                  ${label}
                </button>`,
            )}
          </div>
          <section id="panel" role="tabpanel" aria-labelledby=${`tab-${this.tab}`}>
            ${this.#userBar()} ${this.#panel()}
          </section>
        </main>
        <aside class="column card" aria-label="Problems">
          <ss-diagnostic-list .store=${store}></ss-diagnostic-list>
        </aside>
      </div>
      <footer>
        <span data-compile-ms=${store.lastCompileMs.toFixed(2)} role="status">
          ${store.compiling ? 'Checking…' : `Compiled in ${store.lastCompileMs.toFixed(1)} ms`}
        </span>
        <span>${Object.keys(objectsOf(store.scope)).length} objects</span>
        <span>
          ${
            s
              ? `Org: ${s.orgKind === 'embedded' ? 'embedded demo org' : s.instanceHost} · API ${s.apiVersion} · ${s.connectedUser.username}`
              : this.api
                ? 'Connecting…'
                : 'Offline: editing and compiling only'
          }
        </span>
        ${s?.dailyApiRequests ? html`<span>API requests left today: ${s.dailyApiRequests.remaining} of ${s.dailyApiRequests.max}</span>` : nothing}
      </footer>
      <div class="notices" role="status" aria-live="polite">
        ${this.notices.map((n) => html`<div class="notice ${n.variant}">${n.message}</div>`)}
      </div>
    `;
  }
}
