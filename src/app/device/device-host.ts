/**
 * The device itself: a SyncEngine over a SyncStore, signed in as the user through FetchTransport, behind
 * the DeviceClient contract the screens use. The same class runs in the page (over MemoryStore: the config
 * tool's simulator, browsers without OPFS) and inside the device worker (over SQLite on OPFS), where
 * worker/device-worker.ts forwards its calls and events over postMessage.
 *
 * What it adds to the engine:
 * - the session (kept in the store, refreshed by the transport) and the published plan at sign-in: the
 *   scope the org assigns the user (docs/rollout.md), else the configured scope name;
 * - what started each sync (menu, settings, pull, schedule, reconnect, foreground), kept beside the
 *   engine's history in store meta (`syncTriggers`), since the engine only knows manual|scheduled;
 * - the plan objects' describes (store meta `describes`), for labels and typed inputs offline;
 * - one sync at a time per store across tabs (Web Locks), including scheduled ones: the host runs its own
 *   scheduler so every sync goes through the lock;
 * - why a sync failed, in the words the screens show (offline, session, apiLimit, server, busy).
 */

import type { OrgMetadata, SObjectDescribe } from '../../compiler/org-metadata.ts';
import { DEFAULT_API_VERSION } from '../../compiler/query-limits.ts';
import type { SyncPlan } from '../../compiler/plan.ts';
import {
  fetchLatestPublishedPlan,
  SyncEngine,
  systemClock,
  systemTimer,
  type Clock,
  type ConflictResolution,
  type SyncHistoryEntry,
  type SyncProgress,
  type SyncStore,
  type SyncSummary,
  type Timer,
  type Transport,
  type TransportRequest,
} from '../../runtime/index.ts';
import type { PlanChange } from '../../runtime/plan-change.ts';
import { readVersion, type PlanStore } from '../../runtime/published-plan-source.ts';
import { chooseVersionFor, fetchRolloutState } from '../../runtime/rollout-state.ts';
import { resolveScopeFor, type UserFacts } from '../../runtime/scope-assignment.ts';
import type { PublishedPlanOption } from '../../runtime/sync-engine.ts';
import { fetchUserFacts } from '../../runtime/user-facts.ts';
import { SalesforceApi } from '../../runtime/salesforce-api.ts';
import { SyncScheduler } from '../../runtime/scheduler.ts';
import { HISTORY_KEPT, PUBLISHED_VERSION_META } from '../../runtime/sync-engine.ts';
import { trimDescribe } from '../../compiler/trim-describe.ts';
import type {
  DeviceClient,
  DeviceEvent,
  DeviceSession,
  SyncFailureKind,
  SyncTrigger,
} from './device-client.ts';
import { FetchTransport } from './fetch-transport.ts';
import { webSyncLock, type SyncLock } from './sync-lock.ts';

/** Store meta keys the host owns (the engine's are userId, parameters, nextSyncAt, ...). */
export const SESSION_META = 'session';
export const SYNC_TRIGGERS_META = 'syncTriggers';
/** The published plan's version number, for people ("plan v3"). */
export const PUBLISHED_NUMBER_META = 'publishedPlanVersionNumber';
/** The plan objects' describes (OrgMetadata, trimmed to what the screens read). */
export const DESCRIBES_META = 'describes';
/**
 * The signed-in user's facts when the device follows the org's assignment for them (read at sign-in);
 * null or absent: it follows the configured scope name.
 */
export const FOLLOWED_USER_META = 'followedUser';

export interface DeviceHostOptions {
  /** Opens the store (again after a wipe). */
  readonly openStore: () => SyncStore | Promise<SyncStore>;
  /** Deletes the closed store's data for good (sign-out). */
  readonly deleteStore: () => void | Promise<void>;
  readonly storage: 'opfs' | 'memory';
  readonly durable: boolean;
  /**
   * Follow the plan published for this scope (installed at sign-in, checked before every sync) when the org
   * assigns the signed-in user no scope; with an assignment, the device follows that instead. Without a
   * scope name the device runs the plan it is given and follows nothing.
   */
  readonly scopeName?: string;
  /** Name of the cross-tab sync lock (one per store). */
  readonly lockName?: string;
  readonly lock?: SyncLock;
  /** Injected for tests; the global fetch otherwise. */
  readonly fetch?: typeof globalThis.fetch;
  /** A transport instead of FetchTransport (tests, the config tool's simulator with the admin's proxy). */
  readonly transport?: Transport;
  readonly clock?: Clock;
  readonly timer?: Timer;
  readonly pageSize?: number;
}

type HistoryRow = SyncHistoryEntry & { readonly triggeredBy?: SyncTrigger };

export class DeviceHost implements DeviceClient {
  readonly #options: DeviceHostOptions;
  readonly #clock: Clock;
  readonly #lock: SyncLock;
  readonly #listeners = new Set<(event: DeviceEvent) => void>();
  readonly #transport: Transport;
  readonly #scheduler: SyncScheduler;
  #store: SyncStore | undefined;
  #engine: SyncEngine | undefined;
  #opening: Promise<{ durable: boolean; storage: 'opfs' | 'memory' }> | undefined;
  #running: Promise<SyncSummary> | null = null;
  #progress: SyncProgress | undefined;
  /** What went wrong in the running sync's requests, to name its failure. */
  #failure: SyncFailureKind | undefined;

  constructor(options: DeviceHostOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#lock = options.lock ?? webSyncLock();
    const fetchTransport =
      options.transport ??
      new FetchTransport({
        session: () => this.#store?.getMeta<DeviceSession | null>(SESSION_META) ?? null,
        onSession: (session) => {
          this.#store?.setMeta(SESSION_META, session);
          this.#emit({ type: 'session', session });
        },
        onSessionExpired: () => {
          this.#failure = 'session';
          this.#emit({ type: 'sessionExpired' });
        },
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
    this.#transport = this.#watching(fetchTransport);
    this.#scheduler = new SyncScheduler(
      options.timer ?? systemTimer,
      this.#clock,
      () => this.#engine?.nextSyncAt,
      () => this.sync('schedule'),
    );
  }

  open(): Promise<{ durable: boolean; storage: 'opfs' | 'memory' }> {
    this.#opening ??= (async () => {
      await this.#openEngine();
      return { durable: this.#options.durable, storage: this.#options.storage };
    })();
    return this.#opening;
  }

  async #openEngine(): Promise<void> {
    const store = await this.#options.openStore();
    this.#store = store;
    this.#startEngine(store);
  }

  /** The engine over the store, following the user's assignment when sign-in found one. */
  #startEngine(store: SyncStore): SyncEngine {
    const followed = store.getMeta<UserFacts | null>(FOLLOWED_USER_META) ?? null;
    const publishedPlan: PublishedPlanOption | undefined = followed
      ? { assignedTo: followed }
      : this.#options.scopeName
        ? { scopeName: this.#options.scopeName }
        : undefined;
    const engine = new SyncEngine({
      transport: this.#transport,
      store,
      clock: this.#clock,
      ...(this.#options.timer ? { timer: this.#options.timer } : {}),
      ...(this.#options.pageSize ? { pageSize: this.#options.pageSize } : {}),
      ...(publishedPlan ? { publishedPlan } : {}),
    });
    engine.on('progress', (progress) => this.#onProgress(progress));
    this.#engine = engine;
    return engine;
  }

  async #ready(): Promise<{ engine: SyncEngine; store: SyncStore }> {
    await this.open();
    if (!this.#engine || !this.#store) throw new Error('the device is closed');
    return { engine: this.#engine, store: this.#store };
  }

  // Session and plan -------------------------------------------------------------------------------------

  async session(): Promise<DeviceSession | null> {
    const { store } = await this.#ready();
    return store.getMeta<DeviceSession | null>(SESSION_META) ?? null;
  }

  /**
   * Signs the device in (or out with null). Reads the user's facts and the org's assignments: when a scope
   * (or a draft under test) is assigned to the user, the device follows it; otherwise the configured scope
   * name, as before assignments existed. Installs the plan when it is new; when that fails (offline), the
   * first sync checks again and says why.
   */
  async setSession(session: DeviceSession | null): Promise<void> {
    const { store } = await this.#ready();
    store.transaction(() => {
      store.setMeta(SESSION_META, session);
      if (session) store.setMeta('userId', session.userId);
    });
    if (!session) return;
    const installed = await this.#followAssignment(session.userId);
    if (!installed && this.#options.scopeName) await this.#installPublishedPlan(this.#options.scopeName);
    await this.#fetchDescribes();
  }

  /**
   * Decides what the device follows for this user and restarts the engine when that changed. Returns true
   * when it follows an assignment (whose plan it then installs, if the device holds no other scope's
   * data: that swap is the sync's, which uploads first). Offline: the device keeps what it followed.
   */
  async #followAssignment(userId: string): Promise<boolean> {
    // Only a device that follows published plans (the field app, configured with a scope name) follows
    // assignments; one given its plan directly (the config tool's simulator, tests) keeps that plan.
    if (!this.#options.scopeName) return false;
    const { store } = await this.#ready();
    const org = this.#planStore(store);
    let facts: UserFacts | null;
    let choice: ReturnType<typeof chooseVersionFor>;
    try {
      facts = await fetchUserFacts(org, userId);
      const state = await fetchRolloutState(org);
      choice = chooseVersionFor(state, facts);
      // Nothing assigned to the user and no draft for them: the configured scope.
      const assigned = choice.version !== null || resolveScopeFor(facts, state.assignments) !== null;
      if (!assigned) facts = null;
    } catch {
      return store.getMeta<UserFacts | null>(FOLLOWED_USER_META) != null;
    }
    const before = JSON.stringify(store.getMeta<UserFacts | null>(FOLLOWED_USER_META) ?? null);
    if (JSON.stringify(facts) !== before) {
      store.setMeta(FOLLOWED_USER_META, facts);
      await this.#running?.catch(() => undefined);
      this.#startEngine(store);
    }
    if (!facts) return false;
    const version = choice.version;
    const held = store.getPlan();
    if (
      version &&
      version.versionId !== store.getMeta<string | null>(PUBLISHED_VERSION_META) &&
      (!held || held.scopeName === version.scopeName)
    ) {
      try {
        const { plan } = await readVersion(org, version.versionId);
        await this.installPlan(plan, { id: version.versionId, number: version.versionNumber });
      } catch {
        // Offline, or the plan does not fit this device: the next sync's check reports it.
      }
    }
    return true;
  }

  /** The org's published plans and assignments, read through the device's transport. */
  #planStore(store: SyncStore): PlanStore {
    const apiVersion = store.getPlan()?.apiVersion ?? DEFAULT_API_VERSION;
    const api = new SalesforceApi(this.#transport, apiVersion, this.#options.pageSize);
    return { apiVersion, transport: { request: (request) => api.call(request, 'published plan check') } };
  }

  async #installPublishedPlan(scopeName: string): Promise<void> {
    const { store } = await this.#ready();
    const known = store.getMeta<string | null>(PUBLISHED_VERSION_META) ?? undefined;
    try {
      const latest = await fetchLatestPublishedPlan(this.#planStore(store), scopeName, known);
      if (latest?.plan) {
        await this.installPlan(latest.plan, {
          id: latest.version.versionId,
          number: latest.version.versionNumber,
        });
      }
    } catch {
      // Offline at sign-in, or the plan does not fit this device: the next sync's check reports it.
    }
  }

  async metadata(): Promise<OrgMetadata> {
    const { store } = await this.#ready();
    return store.getMeta<OrgMetadata>(DESCRIBES_META) ?? {};
  }

  /**
   * Fetches the describes of the plan's objects the device does not hold yet (`refetch`: again, for
   * objects a new plan changed) and drops those of objects the plan no longer has. Best effort: offline or
   * refused, the screens keep what they have (API names, plain text inputs) and the next sync tries again.
   */
  async #fetchDescribes(refetch: readonly string[] = []): Promise<void> {
    const { store } = await this.#ready();
    const plan = store.getPlan();
    if (!plan || !store.getMeta<DeviceSession | null>(SESSION_META)) return;
    const held = store.getMeta<OrgMetadata>(DESCRIBES_META) ?? {};
    const names = plan.objects.map((o) => o.name);
    const describes: Record<string, SObjectDescribe> = {};
    for (const name of names) if (held[name] && !refetch.includes(name)) describes[name] = held[name];
    const api = new SalesforceApi(this.#transport, plan.apiVersion, this.#options.pageSize);
    const fetched: string[] = [];
    for (const name of names.filter((n) => !describes[n])) {
      try {
        const raw = await api.call<Parameters<typeof trimDescribe>[0]>(
          {
            method: 'GET',
            url: `/services/data/v${plan.apiVersion}/sobjects/${encodeURIComponent(name)}/describe`,
          },
          `describe ${name}`,
        );
        describes[name] = trimDescribe(raw);
        fetched.push(name);
      } catch {
        // Offline or refused: keep the old describe if there was one; the next sync asks again.
        if (held[name]) describes[name] = held[name];
      }
    }
    const dropped = Object.keys(held).filter((name) => !names.includes(name));
    if (fetched.length === 0 && dropped.length === 0) return;
    store.setMeta(DESCRIBES_META, describes);
  }

  async plan(): Promise<SyncPlan | undefined> {
    const { store } = await this.#ready();
    return store.getPlan() ?? undefined;
  }

  async installPlan(
    plan: SyncPlan,
    publishedVersion?: { id: string; number: number },
    options: { readonly allowScopeChange?: boolean } = {},
  ): Promise<PlanChange> {
    const { engine, store } = await this.#ready();
    const change = store.transaction(() => {
      const installed = engine.setPlan(plan, options);
      if (publishedVersion) {
        store.setMeta(PUBLISHED_VERSION_META, publishedVersion.id);
        store.setMeta(PUBLISHED_NUMBER_META, publishedVersion.number);
      }
      return installed;
    });
    // Lists re-read: every object of the new plan (a first install has nothing "changed") and removed ones.
    this.#emit({ type: 'changed', objects: [...plan.objects.map((o) => o.name), ...change.removed] });
    await this.#fetchDescribes(change.redownload);
    return change;
  }

  async setParameters(parameters: Readonly<Record<string, unknown>>): Promise<void> {
    const { store } = await this.#ready();
    store.setMeta('parameters', parameters);
  }

  // Syncing ----------------------------------------------------------------------------------------------

  sync(trigger: SyncTrigger): Promise<SyncSummary> {
    this.#running ??= this.#runSync(trigger).finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #runSync(trigger: SyncTrigger): Promise<SyncSummary> {
    const { engine, store } = await this.#ready();
    this.#failure = undefined;
    this.#progress = undefined;
    this.#touched.clear();
    this.#emit({ type: 'syncStarted', trigger });
    const startedAt = this.#clock.now();
    const locked = await this.#lock.run(this.#options.lockName ?? 'syncscope-device-sync', () =>
      engine.sync({ trigger: engineTrigger(trigger) }),
    );
    let summary: SyncSummary;
    let failure: SyncFailureKind | undefined;
    if (locked.busy) {
      summary = busySummary(startedAt, this.#clock.now(), engine);
      failure = 'busy';
    } else {
      summary = locked.value;
      this.#rememberTrigger(store, summary, trigger);
      failure = summary.ok ? undefined : (this.#failure ?? failureFromMessage(summary.error));
    }
    this.#progress = undefined;
    this.#scheduler.rearm();
    const objects = new Set(this.#touched);
    for (const [object, counts] of Object.entries(summary.counts)) {
      if (counts.downloaded || counts.removed || counts.uploaded || counts.conflicts) objects.add(object);
    }
    if (summary.planInstalled) {
      for (const object of [...summary.planInstalled.redownload, ...summary.planInstalled.removed])
        objects.add(object);
    }
    // Describes missing since an offline sign-in, or of objects a newly installed plan changed; fetched
    // before 'syncEnded' so the screens that re-read them then see them.
    // Only after a sync that worked: a failed one (offline, session refused) would just fail again.
    if (!locked.busy && summary.ok) await this.#fetchDescribes(summary.planInstalled?.redownload ?? []);
    if (objects.size) this.#emit({ type: 'changed', objects: [...objects].sort() });
    this.#emit({ type: 'syncEnded', summary, ...(failure ? { failure } : {}) });
    return summary;
  }

  /** Objects whose records a running sync stored (a 'changed' event when it moves on to another). */
  readonly #touched = new Set<string>();

  #onProgress(progress: SyncProgress): void {
    const previous = this.#progress?.object;
    if (previous && previous !== progress.object && this.#progress?.phase !== 'upload') {
      this.#emit({ type: 'changed', objects: [previous] });
    }
    if (progress.object && progress.phase !== 'upload') this.#touched.add(progress.object);
    this.#progress = progress;
    this.#emit({ type: 'progress', progress });
  }

  #rememberTrigger(store: SyncStore, summary: SyncSummary, trigger: SyncTrigger): void {
    const [entry] = store.listHistory(1);
    // The engine writes no history when it could not start (no plan); then there is nothing to label.
    if (entry?.id === undefined || entry.startedAt !== summary.startedAt || entry.endedAt !== summary.endedAt)
      return;
    const triggers = store.getMeta<[number, SyncTrigger][]>(SYNC_TRIGGERS_META) ?? [];
    triggers.push([entry.id, trigger]);
    store.setMeta(SYNC_TRIGGERS_META, triggers.slice(-HISTORY_KEPT));
  }

  async startSchedule(): Promise<void> {
    await this.#ready();
    this.#scheduler.start();
  }

  async stopSchedule(): Promise<void> {
    this.#scheduler.stop();
  }

  // Local data -------------------------------------------------------------------------------------------

  async records(object: string) {
    return (await this.#ready()).engine.records(object);
  }
  async record(object: string, id: string) {
    return (await this.#ready()).engine.record(object, id);
  }
  async relatedRecords(object: string, field: string, id: string) {
    return (await this.#ready()).engine.relatedRecords(object, field, id);
  }
  async create(object: string, fields: Readonly<Record<string, unknown>>): Promise<string> {
    const id = (await this.#ready()).engine.create(object, fields);
    this.#emit({ type: 'changed', objects: [object] });
    return id;
  }
  async update(object: string, id: string, fields: Readonly<Record<string, unknown>>): Promise<void> {
    (await this.#ready()).engine.update(object, id, fields);
    this.#emit({ type: 'changed', objects: [object] });
  }
  async delete(object: string, id: string): Promise<void> {
    (await this.#ready()).engine.delete(object, id);
    this.#emit({ type: 'changed', objects: [object] });
  }
  async pendingChanges() {
    return (await this.#ready()).engine.pendingChanges();
  }
  async undo(seq: number): Promise<void> {
    const { engine } = await this.#ready();
    const object = engine.pendingChanges().find((c) => c.seq === seq)?.object;
    engine.undo(seq);
    if (object) this.#emit({ type: 'changed', objects: [object] });
  }
  async retry(seq: number): Promise<void> {
    (await this.#ready()).engine.retry(seq);
  }
  async conflicts() {
    return (await this.#ready()).engine.conflicts();
  }
  async resolveConflict(seq: number, resolution: ConflictResolution): Promise<void> {
    const { engine } = await this.#ready();
    const object = engine.pendingChanges().find((c) => c.seq === seq)?.object;
    engine.resolveConflict(seq, resolution);
    if (object) this.#emit({ type: 'changed', objects: [object] });
  }

  async history(limit?: number): Promise<HistoryRow[]> {
    const { engine, store } = await this.#ready();
    const triggers = new Map(store.getMeta<[number, SyncTrigger][]>(SYNC_TRIGGERS_META) ?? []);
    return engine.history(limit).map((entry) => {
      const triggeredBy = entry.id === undefined ? undefined : triggers.get(entry.id);
      return triggeredBy ? { ...entry, triggeredBy } : entry;
    });
  }

  async status() {
    const { engine } = await this.#ready();
    return {
      ...engine.status(),
      syncing: this.#running !== null,
      ...(this.#progress ? { progress: this.#progress } : {}),
    };
  }

  subscribe(listener: (event: DeviceEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event: DeviceEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A failing screen must not break a sync.
      }
    }
  }

  // Sign-out and shutdown --------------------------------------------------------------------------------

  /** Deletes the device's data: the store is closed, deleted and opened again empty. */
  async wipe(): Promise<void> {
    const { store } = await this.#ready();
    this.#scheduler.stop();
    await this.#running?.catch(() => undefined);
    const objects = store.getPlan()?.objects.map((o) => o.name) ?? store.listObjects();
    this.#engine = undefined;
    this.#store = undefined;
    store.close();
    await this.#options.deleteStore();
    await this.#openEngine();
    this.#emit({ type: 'changed', objects });
  }

  async close(): Promise<void> {
    this.#scheduler.stop();
    await this.#running?.catch(() => undefined);
    this.#store?.close();
    this.#engine = undefined;
    this.#store = undefined;
    this.#opening = Promise.reject(new Error('the device is closed'));
    this.#opening.catch(() => undefined);
  }

  /** The transport, noting why its requests fail (the engine's summary only has a sentence). */
  #watching(transport: Transport): Transport {
    const noteFailure = (error: unknown): void => {
      this.#failure = failureOfRequest(error) ?? this.#failure;
    };
    return {
      get instanceUrl() {
        return transport.instanceUrl;
      },
      async request<R>(request: TransportRequest): Promise<R> {
        try {
          return await transport.request<R>(request);
        } catch (error) {
          noteFailure(error);
          throw error;
        }
      },
      ...(transport.refreshSession ? { refreshSession: () => transport.refreshSession!() } : {}),
    };
  }
}

/** Sign-in, Menu, Settings and pull sync everything (the user asked); schedule, reconnect, foreground only what is due. */
export function engineTrigger(trigger: SyncTrigger): 'manual' | 'scheduled' {
  return trigger === 'signIn' || trigger === 'menu' || trigger === 'settings' || trigger === 'pull'
    ? 'manual'
    : 'scheduled';
}

function failureOfRequest(error: unknown): SyncFailureKind | undefined {
  if (error instanceof TypeError) return 'offline'; // fetch's "Failed to fetch" / "Load failed"
  const shape = (typeof error === 'object' && error !== null ? error : {}) as {
    errorCode?: string;
    statusCode?: number;
  };
  if (shape.errorCode === 'REQUEST_LIMIT_EXCEEDED') return 'apiLimit';
  if (shape.statusCode === 401 || shape.errorCode === 'INVALID_SESSION_ID') return 'session';
  if (shape.statusCode !== undefined && shape.statusCode >= 500) return 'server';
  return undefined;
}

function failureFromMessage(message: string | undefined): SyncFailureKind {
  const text = message ?? '';
  if (/INVALID_SESSION_ID|could not be refreshed|not signed in/.test(text)) return 'session';
  if (/REQUEST_LIMIT_EXCEEDED/.test(text)) return 'apiLimit';
  if (/Failed to fetch|Load failed|NetworkError/i.test(text)) return 'offline';
  if (/ERROR_HTTP_5\d\d|SERVER_UNAVAILABLE/.test(text)) return 'server';
  return 'other';
}

function busySummary(startedAt: number, endedAt: number, engine: SyncEngine): SyncSummary {
  const changes = engine.pendingChanges();
  const nextSyncAt = engine.nextSyncAt;
  return {
    ok: false,
    trigger: 'manual',
    startedAt,
    endedAt,
    apiCalls: 0,
    counts: {},
    errors: ['another tab is syncing this device; this one waits for it'],
    dropped: [],
    pendingChanges: changes.filter((c) => c.status !== 'conflict').length,
    conflicts: changes.filter((c) => c.status === 'conflict').length,
    error: 'another tab is syncing this device; this one waits for it',
    ...(nextSyncAt !== undefined ? { nextSyncAt } : {}),
  };
}
