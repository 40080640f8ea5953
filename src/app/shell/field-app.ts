import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OrgMetadata } from '../../compiler/org-metadata.ts';
import type { SyncPlan } from '../../compiler/plan.ts';
import type { AppConfig } from '../app-config.ts';
import '../auth/log-out-dialog.ts';
import { revokeToken } from '../auth/oauth-client.ts';
import { beginSignIn, readCallback, redirectUriOf } from '../auth/pending-sign-in.ts';
import '../auth/sign-in-screen.ts';
import { completeSignIn } from '../auth/sign-in.ts';
import type { DeviceClient, DeviceSession } from '../device/device-client.ts';
import type {
  EditRecordEvent,
  OpenRecordEvent,
  RecordSavedEvent,
  SyncRequestEvent,
} from '../records/events.ts';
import '../records/record-detail/record-detail.ts';
import '../records/record-form/record-form.ts';
import '../records/record-list/record-list.ts';
import '../settings/settings-page.ts';
import '../settings/synchronise-page.ts';
import { appControls, appTokens } from '../styles/shared.styles.ts';
import '../sync/sync-banner.ts';
import '../sync/sync-progress.ts';
import { progressText } from '../sync/sync-messages.ts';
import { SyncState } from '../sync/sync-state.ts';
import { SyncStateController } from '../sync/sync-state-controller.ts';
import { registerPeriodicSync, watchSyncTriggers } from '../sync/sync-triggers.ts';
import './app-header.ts';
import type { MenuToggleEvent } from './app-events.ts';
import './home-page.ts';
import './main-menu.ts';
import type { MenuPlace } from './main-menu.ts';
import { objectLabel, objectLabelPlural } from './object-labels.ts';
import { parseRoute, routeHash, type Route } from './route.ts';
import styles from './field-app.styles.ts';

type Phase = 'starting' | 'signedOut' | 'signingIn' | 'firstSync' | 'ready' | 'broken';

/**
 * @summary The field app: sign-in, the first sync at login, then the header (Menu, title, Offline,
 * sync activity), sync progress and outcome on every screen, the main menu, and the place the URL hash
 * names (home, record lists and records, Settings, Synchronise). Owns every sync the user asks for and
 * the ones that start by themselves (schedule, reconnect, return to the foreground), and announces sync
 * state changes in a live region.
 */
export class FieldApp extends LitElement {
  static override styles = [appTokens, appControls, styles];

  @property({ attribute: false }) accessor device: DeviceClient | undefined = undefined;
  @property({ attribute: false }) accessor config: AppConfig | undefined = undefined;
  /** Set when the app cannot start (app-config.json missing or wrong). */
  @property() accessor startProblem = '';

  @state() accessor phase: Phase = 'starting';
  @state() accessor route: Route = parseRoute(location.hash);
  @state() accessor menuOpen = false;
  @state() accessor plan: SyncPlan | undefined = undefined;
  /** The plan objects' describes the device keeps (labels, field types, picklists); {} until fetched. */
  @state() accessor metadata: OrgMetadata = {};
  @state() accessor session: DeviceSession | null = null;
  @state() accessor storage: { durable: boolean; storage: 'opfs' | 'memory' } | undefined = undefined;
  @state() accessor signInProblem = '';
  @state() accessor announcement = '';
  @state() accessor logOutPending: number | undefined = undefined;
  @state() accessor backgroundSync: 'registered' | 'unsupported' | 'denied' | '' = '';
  /** Fields a "New" prefills (a new line item of the work order shown: its WorkOrderId). */
  @state() accessor createDefaults: Readonly<Record<string, unknown>> = {};
  /** The device's data is open in another tab (one tab at a time holds the OPFS database). */
  @state() accessor storeInUse = false;

  #syncState: SyncState | undefined;
  readonly #sync = new SyncStateController(this);
  #stopTriggers: (() => void) | undefined;
  #stopWatchingMetadata: (() => void) | undefined;
  #lastAnnounced = '';

  constructor() {
    super();
    this.addEventListener('ss-sync-request', (e) => this.handleSyncRequest(e));
    this.addEventListener('ss-menu-toggle', (e) => this.handleMenuToggle(e));
    this.addEventListener('ss-log-out-request', () => void this.handleLogOutRequest());
    this.addEventListener('ss-log-out-cancelled', () => (this.logOutPending = undefined));
    this.addEventListener('ss-log-out-confirmed', () => void this.logOut());
    this.addEventListener('ss-sign-in', () => void this.signIn());
    this.addEventListener('ss-open-record', (e) => this.go(openRoute(e)));
    this.addEventListener('ss-edit-record', (e) => {
      this.createDefaults = e.defaults;
      this.go(editRoute(e));
    });
    this.addEventListener('ss-record-saved', (e: RecordSavedEvent) =>
      this.go({ place: 'record', object: e.object, id: e.recordId, edit: false }),
    );
    this.addEventListener('ss-edit-cancelled', () => history.back());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
    this.#stopTriggers?.();
    this.#stopWatchingMetadata?.();
    this.#stopWatchingMetadata = undefined;
    this.#syncState?.stop();
  }

  /** Opens the device and decides the first screen: finishing a sign-in, signed in already, or sign-in. */
  async start(): Promise<void> {
    const device = this.device;
    const config = this.config;
    if (!device || !config) {
      this.phase = 'broken';
      return;
    }
    const stopWatchingStore = device.subscribe((event) => {
      // 'storeInUse' (another tab holds the OPFS database): compared as a string, older devices never send it.
      if ((event as { type: string }).type === 'storeInUse') this.storeInUse = true;
    });
    this.storage = await device.open();
    this.storeInUse = false;
    stopWatchingStore();
    this.#syncState = new SyncState(device);
    this.#sync.state = this.#syncState;
    this.#syncState.addEventListener('change', () => this.#announce());
    await this.#syncState.start();
    // A sync may have fetched describes missing since an offline sign-in, or a new plan's.
    this.#stopWatchingMetadata ??= device.subscribe((event) => {
      if (event.type === 'syncEnded') void this.#loadMetadata();
    });

    const callback = readCallback(new URL(location.href));
    if (callback.kind !== 'none') {
      // Forget ?code=&state= at once: a reload must not send the code twice.
      history.replaceState(null, '', `${redirectUriOf(location)}#/`);
    }
    if (callback.kind === 'error') this.signInProblem = callback.message;
    if (callback.kind === 'code') {
      this.phase = 'signingIn';
      try {
        const signedIn = await completeSignIn(callback, device, config);
        this.session = signedIn.session;
        this.#syncState.clearSessionExpired();
        this.plan = await device.plan();
        await this.#loadMetadata();
        await this.#firstSync();
        return;
      } catch (error) {
        this.signInProblem = `Sign-in did not finish: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    this.session = await device.session();
    this.plan = await device.plan();
    await this.#loadMetadata();
    if (this.session && this.plan) {
      await this.#enterApp();
    } else {
      this.phase = 'signedOut';
    }
  }

  /** Re-reads the describes; the same ones keep their identity, so an open form is not reloaded. */
  async #loadMetadata(): Promise<void> {
    if (!this.device) return;
    const metadata = await this.device.metadata();
    if (JSON.stringify(metadata) !== JSON.stringify(this.metadata)) this.metadata = metadata;
  }

  /** The first sync at login, with its progress on its own screen (as Axsy runs it). */
  async #firstSync(): Promise<void> {
    this.phase = 'firstSync';
    await this.device!.sync('signIn');
    await this.#enterApp();
  }

  async #enterApp(): Promise<void> {
    this.phase = 'ready';
    const device = this.device!;
    await device.startSchedule();
    await this.#syncState!.refresh();
    this.#stopTriggers ??= watchSyncTriggers({ device, state: this.#syncState! });
    if (this.plan)
      void registerPeriodicSync(this.plan.syncEveryMinutes).then((r) => (this.backgroundSync = r));
  }

  async signIn(): Promise<void> {
    if (!this.config) return;
    this.signInProblem = '';
    const url = await beginSignIn(this.config, redirectUriOf(location));
    location.assign(url);
  }

  override render() {
    switch (this.phase) {
      case 'starting':
      case 'signingIn':
        return html`<p class="placeholder" role="status" data-opening>
          ${
            this.phase === 'signingIn'
              ? 'Signing in…'
              : this.storeInUse
                ? 'The app is open in another tab or window. Close it there to continue here; your records and changes are safe.'
                : 'Opening…'
          }
        </p>`;
      case 'broken':
        return html`<div class="problem card" role="alert">
          <p><strong>The app cannot start.</strong></p>
          <p>${this.startProblem || 'No device or configuration.'}</p>
        </div>`;
      case 'signedOut':
        return html`<ss-sign-in-screen
            .orgHost=${this.config ? new URL(this.config.instanceUrl).host : ''}
            .problem=${this.signInProblem}
          ></ss-sign-in-screen
          >${this.renderLiveRegion()}`;
      case 'firstSync':
        return html`<div class="first-sync">
            <h2>Getting your records ready</h2>
            <p class="weak">The first sync downloads what you need to work offline.</p>
            <ss-sync-progress .sync=${this.#sync.snapshot}></ss-sync-progress>
          </div>
          ${this.renderLiveRegion()}`;
      case 'ready':
        return this.renderApp();
    }
  }

  private renderApp() {
    const sync = this.#sync.snapshot;
    return html`<div class="top">
        <ss-app-header
          .heading=${headingOf(this.route, this.metadata)}
          .sync=${sync}
          .menuOpen=${this.menuOpen}
        ></ss-app-header>
        <ss-sync-progress .sync=${sync}></ss-sync-progress>
      </div>
      ${
        sync?.sessionExpired
          ? html`<div class="expired" role="alert" data-session="expired">
              <p>
                Your session has expired. Your records and ${sync.pendingChanges} pending
                change${sync.pendingChanges === 1 ? ' are' : 's are'} kept on this device.
              </p>
              <button
                class="button brand"
                type="button"
                data-action="sign-in-again"
                @click=${() => void this.signIn()}
              >
                Sign in again
              </button>
            </div>`
          : nothing
      }
      <ss-sync-banner .sync=${sync}></ss-sync-banner>
      <div class="content">${this.renderPlace()}</div>
      <ss-main-menu
        .open=${this.menuOpen}
        .places=${this.places()}
        .sync=${sync}
        .who=${this.session ? `Signed in as ${this.session.displayName ?? this.session.username}` : ''}
      ></ss-main-menu>
      <ss-log-out-dialog
        .open=${this.logOutPending !== undefined}
        .pendingChanges=${this.logOutPending ?? 0}
      ></ss-log-out-dialog>
      ${this.renderLiveRegion()}`;
  }

  private renderPlace() {
    const route = this.route;
    switch (route.place) {
      case 'home':
        return html`<ss-home-page
          .device=${this.device}
          .plan=${this.plan}
          .metadata=${this.metadata}
        ></ss-home-page>`;
      case 'list':
        return html`<ss-record-list
          .device=${this.device}
          .plan=${this.plan}
          .metadata=${this.metadata}
          .object=${route.object}
        ></ss-record-list>`;
      case 'record':
      case 'create':
        return this.renderRecord(route);
      case 'settings':
        return html`<ss-settings-page
          .session=${this.session}
          .storage=${this.storage}
          .backgroundSync=${this.backgroundSync}
        ></ss-settings-page>`;
      case 'synchronise':
        return html`<ss-synchronise-page
          .device=${this.device}
          .sync=${this.#sync.snapshot}
          .tab=${route.tab}
        ></ss-synchronise-page>`;
    }
  }

  /** A record's screen: its detail, or its form (edit, create) from the records part. */
  private renderRecord(route: Extract<Route, { place: 'record' | 'create' }>) {
    const editing = route.place === 'create' || route.edit;
    if (editing) {
      return html`<ss-record-form
        .device=${this.device}
        .plan=${this.plan}
        .metadata=${this.metadata}
        .object=${route.object}
        .recordId=${route.place === 'record' ? route.id : undefined}
      ></ss-record-form>`;
    }
    return html`<ss-record-detail
      .device=${this.device}
      .plan=${this.plan}
      .metadata=${this.metadata}
      .object=${route.object}
      .recordId=${route.id}
    ></ss-record-detail>`;
  }

  private renderLiveRegion() {
    return html`<div class="assistive-text" role="status" aria-live="polite" data-live-region>
      ${this.announcement}
    </div>`;
  }

  private places(): MenuPlace[] {
    const route = this.route;
    const current = routeHash(route);
    const places: MenuPlace[] = [{ label: 'Home', href: '#/', current: route.place === 'home' }];
    for (const object of this.plan?.objects ?? []) {
      const href = routeHash({ place: 'list', object: object.name });
      places.push({ label: objectLabelPlural(object.name, this.metadata), href, current: current === href });
    }
    places.push({
      label: 'Settings',
      href: '#/settings',
      current: route.place === 'settings' || route.place === 'synchronise',
    });
    return places;
  }

  /**
   * Announces sync start, the outcome and a lost session once each (not every progress step, not the
   * outcome's relative time moving on, not a stored outcome read after a reload).
   */
  #announce(): void {
    const sync = this.#sync.snapshot;
    if (!sync) return;
    let text = '';
    let key = '';
    if (sync.sessionExpired) text = key = 'Your session has expired. Sign in again; your changes are kept.';
    else if (sync.syncing)
      text = key = sync.progress?.phase === 'upload' ? progressText(sync.progress) : 'Sync started.';
    else if (sync.outcome && !sync.outcomeRestored) {
      text = sync.outcome.text;
      key = `outcome of the sync ended at ${sync.lastSyncAt}`;
    }
    if (text && key !== this.#lastAnnounced) {
      this.#lastAnnounced = key;
      this.announcement = text;
    }
  }

  private handleSyncRequest(event: SyncRequestEvent): void {
    if (!this.device) return;
    event.respondWith(this.device.sync(event.trigger));
  }

  private handleMenuToggle(event: MenuToggleEvent): void {
    const wasOpen = this.menuOpen;
    this.menuOpen = event.open;
    if (wasOpen && !event.open) {
      // Give focus back to the Menu button.
      void this.updateComplete.then(() =>
        this.renderRoot
          .querySelector('ss-app-header')
          ?.shadowRoot?.querySelector<HTMLElement>('[data-action="menu"]')
          ?.focus(),
      );
    }
  }

  private async handleLogOutRequest(): Promise<void> {
    if (!this.device) return;
    this.logOutPending = (await this.device.pendingChanges()).length;
  }

  /** Revokes the refresh token (best effort) and deletes everything on the device. */
  async logOut(): Promise<void> {
    const device = this.device;
    if (!device) return;
    this.logOutPending = undefined;
    this.#stopTriggers?.();
    this.#stopTriggers = undefined;
    await device.stopSchedule();
    const session = await device.session();
    if (session) void revokeToken(session.instanceUrl, session.refreshToken ?? session.accessToken);
    await device.wipe();
    await device.setSession(null);
    this.session = null;
    this.plan = undefined;
    this.metadata = {};
    this.menuOpen = false;
    history.replaceState(null, '', `${redirectUriOf(location)}#/`);
    this.route = { place: 'home' };
    this.phase = 'signedOut';
    await this.#syncState?.refresh();
  }

  private go(route: Route): void {
    location.hash = routeHash(route);
  }

  #onHashChange = () => {
    this.route = parseRoute(location.hash);
    this.menuOpen = false;
  };
}

function openRoute(event: OpenRecordEvent): Route {
  return { place: 'record', object: event.object, id: event.recordId, edit: false };
}

function editRoute(event: EditRecordEvent): Route {
  return event.recordId === undefined
    ? { place: 'create', object: event.object }
    : { place: 'record', object: event.object, id: event.recordId, edit: true };
}

function headingOf(route: Route, metadata: OrgMetadata): string {
  switch (route.place) {
    case 'home':
      return 'syncscope Field';
    case 'list':
      return objectLabelPlural(route.object, metadata);
    case 'record':
      return objectLabel(route.object, metadata);
    case 'create':
      return `New ${objectLabel(route.object, metadata)}`;
    case 'settings':
      return 'Settings';
    case 'synchronise':
      return 'Synchronise';
  }
}

if (!customElements.get('ss-field-app')) customElements.define('ss-field-app', FieldApp);

declare global {
  interface HTMLElementTagNameMap {
    'ss-field-app': FieldApp;
  }
}
