/**
 * The device sync engine: one object per device database. Local writes go to the outbox at once; `sync()`
 * runs one Delta Sync (upload, then download, then a history record); `start()` keeps syncing on schedule.
 *
 * ```ts
 * const engine = new SyncEngine({ transport: connection, store: new SqliteStore('device.sqlite'), plan, userId });
 * engine.on('progress', (p) => bar.update(p.done, p));
 * const summary = await engine.syncNow();
 * ```
 */

import type { SyncPlan } from '../compiler/plan.ts';
import { DEFAULT_API_VERSION } from '../compiler/query-limits.ts';
import { listConflicts, resolveConflict, type Conflict, type ConflictResolution } from './conflicts.ts';
import { downloadAsUser, prepareUserPlan } from './download/download-as-user.ts';
import { systemClock, systemTimer, type Clock, type Timer } from './effects.ts';
import { Emitter } from './emitter.ts';
import { LocalChanges } from './local-changes.ts';
import { viewRecord, viewRecords, viewRecordsWhere } from './local-view.ts';
import { installPlan, PlanError, type InstallPlanOptions, type PlanChange } from './plan-change.ts';
import type { PlanInstalled, SyncProgress, SyncSummary } from './progress.ts';
import { fetchAssignedPlan, NoAssignedScopeError } from './assigned-plan-source.ts';
import { fetchLatestPublishedPlan, type PlanTransport } from './published-plan-source.ts';
import type { UserFacts } from './scope-assignment.ts';
import { completeScopeSwap, type ScopeSwap } from './scope-swap.ts';
import type { SfRecord } from './records.ts';
import { SalesforceApi } from './salesforce-api.ts';
import { BACKOFF_BASE_MS, computeNextSyncAt, SyncScheduler } from './scheduler.ts';
import type { SyncContext } from './sync-context.ts';
import { newSyncTallies } from './sync-tallies.ts';
import { rememberSecretsOf, type TokenHolder } from '../shared/redact.ts';
import { redact, syncFailureOf, type FailureKind, type FailureReason } from './sync-errors.ts';
import { SyncLockBusyError, type ReleaseSyncLock, type SyncLock } from './sync-lock.ts';
import type { ObjectSyncState, OutboxEntry, SyncHistoryEntry, SyncStore } from './store/sync-store.ts';
import type { Transport } from './transport.ts';
import { upload } from './upload/upload.ts';

/** Sync history entries kept on the device (a month of syncs every 30 minutes). */
export const HISTORY_KEPT = 1500;

export interface SyncEngineOptions {
  readonly transport: Transport;
  readonly store: SyncStore;
  /** A plan to install (else the one the store holds). */
  readonly plan?: SyncPlan;
  /** The running user's Id for `:userId` (remembered in the store). */
  readonly userId?: string;
  /** Values of the plan's declared parameters (remembered in the store). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly clock?: Clock;
  readonly timer?: Timer;
  /** Query page size hint (Sforce-Query-Options batchSize, 200..2000). */
  readonly pageSize?: number;
  /**
   * Follow the plan the config tool published for this scope: every sync first asks the org for the
   * latest published version (one API call when nothing changed) and installs a new one before uploading.
   */
  readonly publishedPlan?: PublishedPlanOption;
  /**
   * Let a plan of another scope replace the installed one's data (given or published). Without it such a
   * plan is refused (ScopeChangeError), so a wrong file never purges a device silently.
   */
  readonly allowScopeChange?: boolean;
  /**
   * Keeps other processes or tabs from syncing the same store at once (sync-lock.ts): taken before a sync
   * reads the outbox, released after it wrote its history. Without it only this engine's syncs share.
   */
  readonly lock?: SyncLock;
}

export type PublishedPlanOption =
  | {
      /** The scope's name as published (the ContentVersion title is `syncscope:<name>`). */
      readonly scopeName: string;
      /** REST API version for the check while the device has no plan yet (then the plan's). */
      readonly apiVersion?: string;
    }
  | {
      /**
       * Follow whatever the org assigns this user (docs/rollout.md): a newer version of the same scope is
       * installed before uploading; a move to another scope uploads pending changes first, then swaps.
       */
      readonly assignedTo: UserFacts;
      readonly apiVersion?: string;
    };

/** How the published-plan option is named in messages. */
function followedName(option: PublishedPlanOption): string {
  return 'scopeName' in option
    ? `the scope "${option.scopeName}"`
    : `the scope assigned to ${option.assignedTo.username}`;
}

/** Store meta key: the ContentVersion Id of the published plan the device runs. */
export const PUBLISHED_VERSION_META = 'publishedPlanVersionId';

export interface SyncEngineEvents extends Record<string, unknown> {
  progress: SyncProgress;
  summary: SyncSummary;
}

export interface DeviceStatus {
  readonly lastSync?: SyncHistoryEntry;
  readonly nextSyncAt?: number;
  readonly pendingChanges: number;
  readonly failedChanges: number;
  readonly conflicts: number;
  readonly objects: readonly (ObjectSyncState & { readonly records: number })[];
}

export class SyncEngine {
  readonly #store: SyncStore;
  readonly #transport: Transport;
  readonly #clock: Clock;
  readonly #emitter = new Emitter<SyncEngineEvents>();
  readonly #changes: LocalChanges;
  readonly #scheduler: SyncScheduler;
  readonly #pageSize: number | undefined;
  readonly #publishedPlan: PublishedPlanOption | undefined;
  readonly #allowScopeChange: boolean;
  readonly #lock: SyncLock | undefined;
  #running: Promise<SyncSummary> | null = null;

  constructor(options: SyncEngineOptions) {
    this.#store = options.store;
    this.#transport = options.transport;
    // A jsforce Connection carries its tokens: keep them out of every error and history entry.
    rememberSecretsOf(options.transport as TokenHolder);
    this.#clock = options.clock ?? systemClock;
    this.#pageSize = options.pageSize;
    this.#publishedPlan = options.publishedPlan;
    this.#allowScopeChange = options.allowScopeChange ?? false;
    this.#lock = options.lock;
    if (options.plan) this.setPlan(options.plan);
    if (options.userId !== undefined) this.#store.setMeta('userId', options.userId);
    if (options.parameters !== undefined) this.#store.setMeta('parameters', options.parameters);
    this.#changes = new LocalChanges(this.#store, () => this.plan, this.#clock);
    this.#scheduler = new SyncScheduler(
      options.timer ?? systemTimer,
      this.#clock,
      () => this.nextSyncAt,
      () => this.sync({ trigger: 'scheduled' }),
    );
  }

  get plan(): SyncPlan {
    const plan = this.#store.getPlan();
    if (!plan) throw new PlanError('no sync plan on this device yet: install one with setPlan()');
    return plan;
  }

  get store(): SyncStore {
    return this.#store;
  }

  /** Installs a new plan: changed objects are downloaded again at the next sync, removed ones purged. */
  setPlan(plan: SyncPlan, options: InstallPlanOptions = {}): PlanChange {
    const change = installPlan(this.#store, plan, {
      allowScopeChange: options.allowScopeChange ?? this.#allowScopeChange,
    });
    // A plan set by hand is not the published one: the next check installs the published plan again.
    this.#store.setMeta(PUBLISHED_VERSION_META, null);
    return change;
  }

  on<K extends keyof SyncEngineEvents>(
    event: K,
    listener: (payload: SyncEngineEvents[K]) => void,
  ): () => void {
    return this.#emitter.on(event, listener);
  }

  // Local data and writes -------------------------------------------------------------------------------

  records(object: string): SfRecord[] {
    return viewRecords(this.#store, object);
  }
  record(object: string, id: string): SfRecord | undefined {
    return viewRecord(this.#store, object, this.#store.resolveId(id) ?? id);
  }
  /** The records of `object` whose lookup `field` names `id`, without reading every record of `object`. */
  relatedRecords(object: string, field: string, id: string): SfRecord[] {
    return viewRecordsWhere(this.#store, object, field, id);
  }
  create(object: string, fields: Readonly<Record<string, unknown>>): string {
    return this.#changes.create(object, fields);
  }
  update(object: string, id: string, fields: Readonly<Record<string, unknown>>): void {
    this.#changes.update(object, this.#store.resolveId(id) ?? id, fields);
  }
  delete(object: string, id: string): void {
    this.#changes.delete(object, this.#store.resolveId(id) ?? id);
  }
  undo(seq: number): void {
    this.#changes.undo(seq);
  }
  retry(seq: number): void {
    this.#changes.retry(seq);
  }
  pendingChanges(): OutboxEntry[] {
    return this.#store.listChanges();
  }
  conflicts(): Conflict[] {
    return listConflicts(this.#store);
  }
  resolveConflict(seq: number, resolution: ConflictResolution): void {
    resolveConflict(this.#store, this.plan, seq, resolution);
  }
  history(limit?: number): SyncHistoryEntry[] {
    return this.#store.listHistory(limit);
  }

  // Syncing --------------------------------------------------------------------------------------------

  /** Runs one sync now; a call while one runs shares it. Resolves with the summary (never rejects). */
  sync(options: { trigger?: 'manual' | 'scheduled' } = {}): Promise<SyncSummary> {
    if (!this.#running) {
      this.#running = this.#lockedSync(options.trigger ?? 'manual').finally(() => {
        this.#running = null;
      });
    }
    return this.#running;
  }

  /** The "Sync now" button: every object, whatever its interval. */
  syncNow(): Promise<SyncSummary> {
    return this.sync({ trigger: 'manual' });
  }

  start(): void {
    this.#scheduler.start();
  }
  stop(): void {
    this.#scheduler.stop();
  }

  /** When the next scheduled sync is due (ms), known after every sync. */
  get nextSyncAt(): number | undefined {
    return this.#store.getMeta<number>('nextSyncAt');
  }

  status(): DeviceStatus {
    const changes = this.#store.listChanges();
    const plan = this.#store.getPlan();
    return {
      lastSync: this.#store.listHistory(1)[0],
      nextSyncAt: this.nextSyncAt,
      pendingChanges: changes.filter((c) => c.status === 'pending' || c.status === 'inFlight').length,
      failedChanges: changes.filter((c) => c.status === 'failed').length,
      conflicts: changes.filter((c) => c.status === 'conflict').length,
      objects: (plan?.objects ?? []).flatMap((o) => {
        const state = this.#store.getObjectState(o.name);
        return state ? [{ ...state, records: this.#store.listRecordIds(o.name).length }] : [];
      }),
    };
  }

  /**
   * Asks the org for the latest published plan of the scope and installs it when it is newer than the one
   * the device runs (fingerprints decide what is downloaded again). A device that already has a plan keeps
   * syncing with it when the check fails or the published plan cannot be used here.
   */
  async #checkPublishedPlan(option: PublishedPlanOption): Promise<PlanCheck> {
    const installedPlan = this.#store.getPlan();
    const apiVersion = installedPlan?.apiVersion ?? option.apiVersion ?? DEFAULT_API_VERSION;
    const api = new SalesforceApi(this.#transport, apiVersion, this.#pageSize);
    const transport: PlanTransport = {
      request: (request) => api.call(request, 'published plan check'),
    };
    const known = this.#store.getMeta<string | null>(PUBLISHED_VERSION_META) ?? undefined;
    const errors: string[] = [];
    try {
      const latest =
        'scopeName' in option
          ? await fetchLatestPublishedPlan({ transport, apiVersion }, option.scopeName, known)
          : await fetchAssignedPlan({ transport, apiVersion }, option.assignedTo, known);
      if (!latest || !latest.plan) return { apiCalls: api.apiCalls, errors };
      const reason = 'reason' in latest ? latest.reason : undefined;
      if ('assignedTo' in option && installedPlan && installedPlan.scopeName !== latest.plan.scopeName)
        // The org moved the user to another scope: upload first, then swap (#runSync, scope-swap.ts).
        return {
          apiCalls: api.apiCalls,
          errors,
          swap: { plan: latest.plan, version: latest.version, reason: reason ?? '' },
        };
      const change = this.setPlan(latest.plan);
      this.#store.setMeta(PUBLISHED_VERSION_META, latest.version.versionId);
      const installed: PlanInstalled = {
        versionId: latest.version.versionId,
        versionNumber: latest.version.versionNumber,
        ...change,
        ...(reason !== undefined ? { reason } : {}),
      };
      return { apiCalls: api.apiCalls, errors, installed };
    } catch (caught) {
      const message = redact(caught instanceof Error ? caught.message : String(caught));
      // Nothing assigned: the message says what the admin should do, as it stands.
      const error =
        caught instanceof NoAssignedScopeError
          ? message
          : `the published plan of ${'scopeName' in option ? `"${option.scopeName}"` : followedName(option)} could not be ${caught instanceof PlanError ? 'used' : 'read'}: ${message}`;
      if (!installedPlan) return { apiCalls: api.apiCalls, errors, failed: error };
      errors.push(`${error}; this sync used the plan already on the device`);
      return { apiCalls: api.apiCalls, errors };
    }
  }

  /** Runs the sync holding the lock; a lock that cannot be had ends in a summary that says why. */
  async #lockedSync(trigger: 'manual' | 'scheduled'): Promise<SyncSummary> {
    let release: ReleaseSyncLock | undefined;
    if (this.#lock) {
      try {
        release = await this.#lock.acquire();
      } catch (caught) {
        return this.#notRun(trigger, caught);
      }
    }
    try {
      return await this.#runSync(trigger);
    } finally {
      try {
        await release?.();
      } catch {
        // A lock that cannot be given back expires on its own (a lease) or with its holder (Web Locks).
      }
    }
  }

  /**
   * The summary of a sync that did not run because the lock was not had: nothing was read or sent, so
   * nothing goes to the history; the next scheduled try comes after the backoff's first step.
   */
  #notRun(trigger: 'manual' | 'scheduled', caught: unknown): SyncSummary {
    const now = this.#clock.now();
    const error = redact(
      caught instanceof SyncLockBusyError
        ? caught.message
        : `could not take the sync lock: ${caught instanceof Error ? caught.message : String(caught)}`,
    );
    const changes = this.#store.listChanges();
    const summary: SyncSummary = {
      ...emptySummary(trigger, now),
      errors: [error],
      error,
      ...(caught instanceof SyncLockBusyError ? { blockedBy: caught.holder } : {}),
      pendingChanges: changes.filter((c) => c.status !== 'conflict').length,
      conflicts: changes.filter((c) => c.status === 'conflict').length,
      nextSyncAt: now + BACKOFF_BASE_MS,
    };
    this.#emitter.emit('summary', summary);
    this.#scheduler.rearm(now + BACKOFF_BASE_MS);
    return summary;
  }

  async #runSync(trigger: 'manual' | 'scheduled'): Promise<SyncSummary> {
    const startedAt = this.#clock.now();
    const check = this.#publishedPlan ? await this.#checkPublishedPlan(this.#publishedPlan) : undefined;
    const plan = this.#store.getPlan();
    if (!plan || check?.failed) {
      const error =
        check?.failed ??
        (this.#publishedPlan
          ? `no plan published for ${followedName(this.#publishedPlan)} yet: publish it in the config tool`
          : 'no sync plan on this device yet: install one with setPlan()');
      const summary = { ...emptySummary(trigger, startedAt), apiCalls: check?.apiCalls ?? 0, error };
      return { ...summary, errors: [...(check?.errors ?? []), error] };
    }
    const api = new SalesforceApi(this.#transport, plan.apiVersion, this.#pageSize);
    let context: SyncContext = {
      store: this.#store,
      api,
      plan,
      clock: this.#clock,
      userId: this.#store.getMeta<string>('userId'),
      parameters: this.#store.getMeta<Record<string, unknown>>('parameters') ?? {},
      downloadAll: trigger === 'manual',
      progress: (event) => this.#emitter.emit('progress', event),
      ...newSyncTallies(check?.errors ?? []),
    };
    let error: string | undefined;
    let kind: FailureKind | undefined;
    let failure: FailureReason | undefined;
    let swapped: { installed: PlanInstalled; apiCalls: () => number } | undefined;
    try {
      // Syncing as the user: fields they cannot read are left out (field-access.ts).
      let asUser = await prepareUserPlan(this.#store, api, plan);
      const { touchedObjects } = await upload({ ...context, plan: asUser.plan, blocked: asUser.blocked });
      let fullPlan = plan;
      if (check?.swap) {
        // Moved to another scope: its plan replaces this one once every local change is uploaded.
        const done = completeScopeSwap(context, check.swap, this.#transport, this.#pageSize);
        if (done) {
          this.#store.setMeta(PUBLISHED_VERSION_META, check.swap.version.versionId);
          const swapApi = done.context.api;
          swapped = { installed: done.installed, apiCalls: () => swapApi.apiCalls };
          context = done.context;
          fullPlan = check.swap.plan;
          asUser = await prepareUserPlan(this.#store, swapApi, fullPlan);
        }
      }
      const userContext: SyncContext = { ...context, plan: asUser.plan, blocked: asUser.blocked };
      await downloadAsUser(userContext, fullPlan, touchedObjects);
    } catch (caught) {
      ({ kind, reason: failure } = syncFailureOf(caught));
      error = redact(caught instanceof Error ? caught.message : String(caught));
      if (!context.errors.includes(error)) context.errors.push(error);
    }
    const endedAt = this.#clock.now();
    const apiCalls = api.apiCalls + (check?.apiCalls ?? 0) + (swapped?.apiCalls() ?? 0);
    const installed = swapped?.installed ?? check?.installed;
    const failures = error ? (this.#store.getMeta<number>('consecutiveFailures') ?? 0) + 1 : 0;
    const nextSyncAt = computeNextSyncAt(
      context.plan,
      this.#store,
      endedAt,
      kind === 'permanent' ? 0 : failures,
    );
    const history: SyncHistoryEntry = {
      trigger,
      startedAt,
      endedAt,
      ok: !error,
      ...(error ? { error } : {}),
      ...(failure ? { failure } : {}),
      apiCalls,
      counts: context.counts,
      errors: context.errors,
      dropped: context.dropped,
    };
    this.#store.transaction(() => {
      this.#store.appendHistory(history);
      this.#store.pruneHistory(HISTORY_KEPT);
      this.#store.setMeta('consecutiveFailures', failures);
      this.#store.setMeta('nextSyncAt', nextSyncAt);
    });
    const changes = this.#store.listChanges();
    const summary: SyncSummary = {
      ok: !error,
      trigger,
      startedAt,
      endedAt,
      apiCalls,
      counts: context.counts,
      errors: context.errors,
      dropped: context.dropped,
      pendingChanges: changes.filter((c) => c.status !== 'conflict').length,
      conflicts: changes.filter((c) => c.status === 'conflict').length,
      ...(error ? { error } : {}),
      ...(failure ? { failure } : {}),
      ...(installed ? { planInstalled: installed } : {}),
      nextSyncAt,
    };
    this.#emitter.emit('summary', summary);
    // A manual sync moves the schedule too (the timer follows nextSyncAt).
    this.#scheduler.rearm();
    return summary;
  }
}

interface PlanCheck {
  readonly apiCalls: number;
  /** Why the sync cannot run (no usable plan); the sync fails with it. */
  readonly failed?: string;
  /** Problems that did not stop the sync (it ran the plan already installed). */
  readonly errors: string[];
  readonly installed?: PlanInstalled;
  /** A plan of another scope the org now assigns: installed after the upload, if nothing is left to send. */
  readonly swap?: ScopeSwap;
}

function emptySummary(trigger: 'manual' | 'scheduled', at: number): SyncSummary {
  return {
    ok: false,
    trigger,
    startedAt: at,
    endedAt: at,
    apiCalls: 0,
    counts: {},
    errors: [],
    dropped: [],
    pendingChanges: 0,
    conflicts: 0,
  };
}
