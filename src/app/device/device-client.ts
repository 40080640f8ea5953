/**
 * What the field app's screens ask of "the device": the sync engine and its store, wherever they run.
 *
 * Two implementations share this contract:
 * - the worker device (device/worker/): SyncEngine in a dedicated Web Worker over SQLite-wasm on OPFS,
 *   durable across reloads and browser kills; the screens talk to it through postMessage;
 * - the in-page device: SyncEngine in the page over MemoryStore, for the config tool's device simulator and
 *   for browsers without OPFS (the app says so: data then lasts only as long as the page).
 *
 * Everything is async because the worker sits across postMessage. Screens never touch the store directly.
 */

import type { OrgMetadata } from '../../compiler/org-metadata.ts';
import type { SyncPlan } from '../../compiler/plan.ts';
import type {
  Conflict,
  ConflictResolution,
  DeviceStatus,
  OutboxEntry,
  PlanChange,
  SfRecord,
  SyncHistoryEntry,
  SyncProgress,
  SyncSummary,
} from '../../runtime/index.ts';

/** What started a sync, as History shows it ('signIn': the first sync right after signing in). */
export type SyncTrigger = 'signIn' | 'menu' | 'settings' | 'pull' | 'schedule' | 'reconnect' | 'foreground';

/** The signed-in user's session (OAuth 2.0 authorization code + PKCE, see app/auth/). */
export interface DeviceSession {
  readonly instanceUrl: string;
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** The connected app's consumer key, for refreshing at `${instanceUrl}/services/oauth2/token`. */
  readonly clientId: string;
  readonly userId: string;
  readonly username: string;
  readonly displayName?: string;
}

/** Why a sync did not succeed, in the words the technician sees (never "Sync finished" on a failure). */
export type SyncFailureKind = 'offline' | 'session' | 'apiLimit' | 'server' | 'busy' | 'other';

export type DeviceEvent =
  | { readonly type: 'syncStarted'; readonly trigger: SyncTrigger }
  | { readonly type: 'progress'; readonly progress: SyncProgress }
  | { readonly type: 'syncEnded'; readonly summary: SyncSummary; readonly failure?: SyncFailureKind }
  /** Records or the outbox changed (a sync stored a page, a local edit was queued): lists re-read. */
  | { readonly type: 'changed'; readonly objects: readonly string[] }
  /** The refresh token was refused (revoked): the user must sign in again; pending changes are kept. */
  | { readonly type: 'sessionExpired' }
  /** A refreshed access token, for the page to keep (the worker holds the session in its store). */
  | { readonly type: 'session'; readonly session: DeviceSession }
  /**
   * The device's data is open in another tab of the app (one tab at a time holds the OPFS database):
   * `open()` waits and resolves when that tab closes. Say "open in another tab" meanwhile.
   */
  | { readonly type: 'storeInUse' };

export interface DeviceClient {
  /** Opens the store (creating it on first use); says where the data lives. */
  open(): Promise<{ readonly durable: boolean; readonly storage: 'opfs' | 'memory' }>;
  /** The session the device syncs with; null after sign-out. Kept in the store so a reload stays signed in. */
  session(): Promise<DeviceSession | null>;
  setSession(session: DeviceSession | null): Promise<void>;

  plan(): Promise<SyncPlan | undefined>;
  /**
   * Installs a plan (first sign-in, or a newer published version): only changed objects re-download.
   * A plan of another scope is refused (ScopeChangeError) unless `allowScopeChange` (the config tool's
   * simulator installs the admin's edited plan, whose scope may have been renamed).
   */
  installPlan(
    plan: SyncPlan,
    publishedVersion?: { id: string; number: number },
    options?: { readonly allowScopeChange?: boolean },
  ): Promise<PlanChange>;
  /**
   * The plan objects' describes (labels, field types, picklist values) kept on the device, so labels and
   * typed inputs work offline after a reload. Fetched at sign-in and when a plan is installed; one that
   * could not be fetched (offline) is missing here and fetched again after the next successful sync
   * (screens re-read it when a sync ends).
   */
  metadata(): Promise<OrgMetadata>;
  /** Scope parameters (e.g. the user's Id) the plan's queries bind. */
  setParameters(parameters: Readonly<Record<string, unknown>>): Promise<void>;

  /** Upload-then-download; resolves when it ends (ok or not). A sync already running is joined, not doubled. */
  sync(trigger: SyncTrigger): Promise<SyncSummary>;
  /** Starts the scheduler (due objects sync by themselves while the app is open). */
  startSchedule(): Promise<void>;
  stopSchedule(): Promise<void>;

  records(object: string): Promise<SfRecord[]>;
  record(object: string, id: string): Promise<SfRecord | undefined>;
  /**
   * The records of `object` whose lookup `field` names `id` (a work order's line items), as the user sees
   * them: a query of the store by that field, not a read of every `object` record.
   */
  relatedRecords(object: string, field: string, id: string): Promise<SfRecord[]>;
  /** Local edits: checked against the describe's field types before they are queued (throws LocalWriteError). */
  create(object: string, fields: Readonly<Record<string, unknown>>): Promise<string>;
  update(object: string, id: string, fields: Readonly<Record<string, unknown>>): Promise<void>;
  delete(object: string, id: string): Promise<void>;

  pendingChanges(): Promise<OutboxEntry[]>;
  undo(seq: number): Promise<void>;
  retry(seq: number): Promise<void>;
  conflicts(): Promise<Conflict[]>;
  resolveConflict(seq: number, resolution: ConflictResolution): Promise<void>;

  history(limit?: number): Promise<(SyncHistoryEntry & { readonly triggeredBy?: SyncTrigger })[]>;
  status(): Promise<DeviceStatus & { readonly syncing: boolean; readonly progress?: SyncProgress }>;

  subscribe(listener: (event: DeviceEvent) => void): () => void;

  /** Sign-out: deletes every record, the outbox and the session (the screen warns first if changes are pending). */
  wipe(): Promise<void>;
  close(): Promise<void>;
}
