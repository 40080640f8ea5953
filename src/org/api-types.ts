/**
 * The config tool's JSON HTTP API between the page (src/ui) and the local server (src/server).
 *
 * Every route lives under `/api`, takes and answers `application/json`, and answers errors as
 * `ApiErrorBody` with a 4xx/5xx status. The server is the only holder of the org's access token: no
 * response ever contains it, and the page reaches the org only through these routes.
 *
 * Stability: fields may be added; none is renamed or removed without changing both sides in one commit.
 */

import type { PublishedVersion } from '../runtime/published-plan-source.ts';
import type { SyncPlan } from '../compiler/plan.ts';
import type { SyncScope } from '../compiler/scope.ts';
import type { SObjectDescribe } from '../compiler/org-metadata.ts';
import type { OrgPermissions } from '../compiler/org-permissions.ts';
import type { Diagnostic } from '../compiler/diagnostics.ts';

/** Route paths, for `fetch` on the page and registration on the server. `:x` are path parameters. */
export const API_ROUTES = {
  /** GET: who and what the server is connected to. -> SessionInfo */
  session: '/api/session',
  /** GET: the scope the server was started with (or last saved). -> ScopeDocument. PUT: save it. SaveScopeRequest -> SaveScopeResponse */
  scope: '/api/scope',
  /** GET: the org's objects, for the "add object" picker. -> SObjectListResponse */
  sobjects: '/api/sobjects',
  /** GET: one object's describe (org-metadata.ts shape), for field pickers and the in-browser compiler. -> SObjectDescribe */
  describe: '/api/describe/:object',
  /** GET `?objects=A,B,C`: several describes at once, keyed by name; unknown names are left out. -> MetadataResponse */
  metadata: '/api/metadata',
  /** GET `?userId=005...&objects=A,B`: that user's permission sets for the in-browser compiler's warnings. -> PermissionsResponse */
  permissions: '/api/permissions',
  /** POST: counts, samples, payload and API-call cost of a scope for one user. PreviewRequest -> PreviewResponse */
  preview: '/api/preview',
  /** POST: why a record is, or is not, on a user's device under a scope. WhyRequest -> WhyResponse */
  why: '/api/why',
  /** POST: what changes on devices if this scope is published, against the latest published version. DiffRequest -> DiffResponse */
  diff: '/api/diff',
  /** POST: compile and publish the scope as a new version in the org. PublishRequest -> PublishResponse */
  publish: '/api/publish',
  /** GET `?name=<scope name>` (default: the current scope's name): published versions, newest first. -> VersionsResponse */
  versions: '/api/versions',
  /** GET: one published version with its scope and plan. -> VersionDetail */
  version: '/api/versions/:versionId',
  /** POST: republish an older version as the newest one (history stays linear). RestoreRequest -> RestoreResponse */
  restore: '/api/restore',
  /** GET: who gets which scope (assignments in force) and the drafts under test. -> AssignmentsResponse */
  assignments: '/api/assignments',
  /** POST: make a draft the published version for its assignments. PromoteRequest -> PromoteResponse */
  promote: '/api/promote',
  /** POST: the device simulator's transport: one REST call to the org under /services/data. OrgRequest -> OrgResponse */
  orgRequest: '/api/org/request',
} as const;

// ---------------------------------------------------------------------------------------------- errors

/** Every non-2xx answer of the API. */
export interface ApiErrorBody {
  readonly error: {
    /** Stable machine code: 'BAD_REQUEST', 'SCOPE_HAS_ERRORS', 'NOT_FOUND', 'ORG_ERROR', 'FORBIDDEN', 'NO_SCOPE_FILE', ... */
    readonly code: string;
    /** What went wrong and what to do, for people. Never contains a token. */
    readonly message: string;
    /** For SCOPE_HAS_ERRORS: the compiler's diagnostics (errors and warnings). */
    readonly diagnostics?: readonly ApiDiagnostic[];
    /** For ORG_ERROR: the org's Salesforce error code (MALFORMED_QUERY, INVALID_FIELD, REQUEST_LIMIT_EXCEEDED, ...). */
    readonly orgErrorCode?: string;
  };
}

/** A compiler diagnostic as sent over the wire: the compiler's own type (`path` is the JSON Pointer). */
export type ApiDiagnostic = Diagnostic;

// --------------------------------------------------------------------------------------------- session

export type OrgKind = 'embedded' | 'org';

/** A user the admin can preview or simulate as (`:userId`). */
export interface SessionUser {
  /** 18-character Id. */
  readonly id: string;
  readonly name: string;
  readonly username: string;
}

/** GET /api/session */
export interface SessionInfo {
  /** 'embedded': the in-process demo org; 'org': a real (or external) org from --target-org / --org-url. */
  readonly orgKind: OrgKind;
  /** Host (and port) of the org's instance URL, e.g. `acme.my.salesforce.com` or `127.0.0.1:40123`. No token, no path. */
  readonly instanceHost: string;
  /** REST API version the server talks, e.g. '62.0'. */
  readonly apiVersion: string;
  /** The connected (admin) user. */
  readonly connectedUser: SessionUser;
  /** Active users, by name, for the preview and simulator user pickers (at most 500). */
  readonly users: readonly SessionUser[];
  /** The org's API budget from /limits, when the org reports it. */
  readonly dailyApiRequests: DailyApiRequests | null;
  /** Absolute path of the scope file the server reads and saves, or null when started without one. */
  readonly scopeFile: string | null;
}

export interface DailyApiRequests {
  readonly max: number;
  readonly remaining: number;
}

// ----------------------------------------------------------------------------------------------- scope

/** GET /api/scope */
export interface ScopeDocument {
  /** The scope as stored in the file (it may not compile: the page shows its diagnostics). Null when there is none. */
  readonly scope: SyncScope | null;
  /** Absolute path of the file, or null. */
  readonly file: string | null;
}

/** PUT /api/scope: writes the file the server was started with (pretty JSON, atomically). */
export interface SaveScopeRequest {
  readonly scope: SyncScope;
  /**
   * Save to another file instead ("save as"); a path ending in `.json`, absolute or relative to the
   * scope's folder (that of the file the server was started with, else its working directory), and inside
   * it. An existing file there must hold a scope (409 NOT_A_SCOPE_FILE otherwise); a body that is not a
   * scope document answers 400 NOT_A_SCOPE. Later saves and GETs use it.
   */
  readonly file?: string;
}

/** Answer of PUT /api/scope. */
export interface SaveScopeResponse {
  readonly file: string;
  /** Bytes written. */
  readonly bytes: number;
}

// ----------------------------------------------------------------------------------- describe metadata

/** One entry of GET /api/sobjects (from the org's describeGlobal). */
export interface SObjectSummary {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  /** 3-character Id prefix, or null for objects without one. */
  readonly keyPrefix: string | null;
  readonly custom: boolean;
  readonly queryable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
}

export interface SObjectListResponse {
  /** Queryable objects, sorted by name. */
  readonly sobjects: readonly SObjectSummary[];
}

/** GET /api/describe/:object answers a SObjectDescribe (src/compiler/org-metadata.ts). */
export type DescribeResponse = SObjectDescribe;

/** GET /api/metadata?objects=A,B: describes keyed by name (an OrgMetadata), for the in-browser compiler. */
export interface MetadataResponse {
  readonly metadata: Readonly<Record<string, SObjectDescribe>>;
  /** Names asked for that the org does not have. */
  readonly unknown: readonly string[];
}

/**
 * GET /api/permissions?userId=&objects=A,B: the user's permission sets (object and field access for those
 * objects) as the compiler's audience of one, asked with the server's admin session.
 */
export interface PermissionsResponse {
  readonly user: { readonly id: string; readonly name: string };
  readonly permissions: OrgPermissions;
}

// --------------------------------------------------------------------------------------------- preview

/** POST /api/preview */
export interface PreviewRequest {
  readonly scope: SyncScope;
  /** The user whose device is previewed; binds `:userId`. */
  readonly userId: string;
  /** Values for the scope's declared `parameters`, by name (as JSON values of their SOQL type). */
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
  /** How many devices (users) to cost against the org's DailyApiRequests; default 1. */
  readonly users?: number;
  /** Sample rows per object; default 5, at most 50. */
  readonly sampleSize?: number;
}

export interface PreviewPathCount {
  /** 'root', or the path: `childOf WorkOrder.WorkOrderId`, `referencedBy WorkOrder.AccountId`. */
  readonly label: string;
  readonly kind: 'root' | 'childOf' | 'referencedBy';
  /** For childOf / referencedBy: the related object and its reference field. */
  readonly object?: string;
  readonly field?: string;
  /** Records this path alone brings in (own filter applied, before the object's limit). */
  readonly count: number;
}

export interface PreviewObject {
  readonly name: string;
  /** Records on the device: the union of the paths, after `limit`. */
  readonly count: number;
  /** The same per path (paths may overlap, so these need not add up to `count`). */
  readonly paths: readonly PreviewPathCount[];
  /** The scope's limit, when set. */
  readonly limit?: number;
  /**
   * The device holds `limit` records and more match: the paths' counts add up to more than the limit
   * (exact for one path; with overlapping paths, records matched by several paths count once each time).
   */
  readonly limitReached: boolean;
  /** Up to `sampleSize` records (the plan's fields, `attributes` removed), in the scope's order. */
  readonly sample: readonly Readonly<Record<string, unknown>>[];
  /** Fields of the sample rows, in plan order (columns for a table): the plan's fields the user can read. */
  readonly fields: readonly string[];
  /** The plan's fields the user cannot read (field-level security): left out of their device's queries. */
  readonly droppedFields: readonly string[];
  /** Average JSON bytes of one record as the REST API returns it, from up to 200 records. */
  readonly avgRecordBytes: number;
  /** `avgRecordBytes * count`. */
  readonly estimatedBytes: number;
  readonly syncEveryMinutes: number;
  /** True when the object is Id-reconciled on every sync (relative dates, limit): it costs more per delta. */
  readonly reconcileEverySync: boolean;
  /**
   * REST requests of this object's first download, before /composite packing: its window check (2,
   * unless it reconciles every sync), the first page and further pages of each statement, and the
   * by-Id fetches of objects that reconcile every sync.
   */
  readonly firstSyncApiCalls: number;
  /**
   * REST requests of this object in a scheduled sync where nothing changed: its getUpdated/getDeleted
   * window check (2, unless it reconciles every sync), then its delta queries, or its Id queries and
   * their further pages when it reconciles every sync. Packed into /composite calls across objects,
   * see `PreviewTotals.deltaNoChangeApiCalls`.
   */
  readonly deltaNoChangeRequests: number;
}

/** How the API-call figures were computed, shown next to them. */
export interface PreviewAssumptions {
  /** Records per query page (the REST default, 2000). */
  readonly pageSize: number;
  /** Queries per /composite call (Salesforce allows 5 queries among 25 subrequests); requests are packed in plan order. */
  readonly queriesPerComposite: number;
  readonly subrequestsPerComposite: number;
  /** API calls per sync to check for a newly published plan. */
  readonly planCheckCallsPerSync: number;
  /** The scheduler's tick: the scope's `syncEveryMinutes`; each object runs on ticks where its own interval has passed. */
  readonly tickMinutes: number;
}

export interface PreviewTotals {
  readonly records: number;
  readonly estimatedBytes: number;
  /** API calls of a device's first sync (requests packed into /composite calls per dependency wave). */
  readonly firstSyncApiCalls: number;
  /** API calls of a "Sync now" (every object) where nothing changed, after /composite grouping. */
  readonly deltaNoChangeApiCalls: number;
  /** Scheduled syncs per device per day (every tick where at least one object is due). */
  readonly syncsPerDay: number;
  /** API calls per device per day at the scope's schedules when nothing changes. */
  readonly apiCallsPerDevicePerDay: number;
}

export interface PreviewFleet {
  /** Devices costed (PreviewRequest.users). */
  readonly users: number;
  /** `apiCallsPerDevicePerDay * users`. */
  readonly apiCallsPerDay: number;
  /** The org's budget, or null when /limits does not report it. */
  readonly dailyApiRequests: DailyApiRequests | null;
  /** apiCallsPerDay as a percentage of DailyApiRequests.max (one decimal), or null. */
  readonly percentOfDailyMax: number | null;
  /** How many devices fit in DailyApiRequests.max at these schedules (ignoring other integrations), or null. */
  readonly maxUsers: number | null;
}

/** Answer of POST /api/preview. */
export interface PreviewResponse {
  readonly scopeName: string;
  readonly userId: string;
  /** Objects in plan (dependency) order. */
  readonly objects: readonly PreviewObject[];
  readonly totals: PreviewTotals;
  readonly fleet: PreviewFleet;
  readonly assumptions: PreviewAssumptions;
  /** The compiler's warnings and infos for this scope (a scope with errors is answered 400 SCOPE_HAS_ERRORS). */
  readonly diagnostics: readonly ApiDiagnostic[];
}

// ------------------------------------------------------------------------------------------------- why

/** POST /api/why */
export interface WhyRequest {
  readonly scope: SyncScope;
  readonly userId: string;
  /** 15- or 18-character Id of any record. */
  readonly recordId: string;
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
}

/** One way a record could reach the device, and whether it does. */
export interface WhyPath {
  /** 'root', `childOf WorkOrder.WorkOrderId`, `referencedBy WorkOrder.AccountId`. */
  readonly label: string;
  readonly kind: 'root' | 'childOf' | 'referencedBy';
  readonly matches: boolean;
  /** For childOf: the parent the record points at (null when the field is empty); for referencedBy: in-scope records pointing at it (up to 10). */
  readonly via: readonly string[];
  /** For a path that does not match: why, for people ("WorkOrderId is empty", "parent 0WO... is not in scope: ..."). */
  readonly reason?: string;
}

/** A conjunct of the object's `where` that the record fails. */
export interface FailedCondition {
  /** The condition as SOQL, e.g. `Status != 'Closed'`. */
  readonly condition: string;
  /** JSON Pointer of the `where` it comes from, e.g. `/objects/WorkOrder/where`. */
  readonly path: string;
}

/** Answer of POST /api/why. */
export interface WhyResponse {
  readonly recordId: string;
  /** The record's object (from its Id prefix), or null when no object has that prefix. */
  readonly object: string | null;
  /** Whether the record exists in the org (and is not deleted). */
  readonly exists: boolean;
  /** The record's Name (or similar) for display, when it has one. */
  readonly recordName: string | null;
  readonly onDevice: boolean;
  /** One sentence for people: which path brings it in, or what keeps it out. */
  readonly summary: string;
  /** Every path of the record's object, in scope order (empty when the object is not in the scope). */
  readonly paths: readonly WhyPath[];
  /** Conditions of the object's own `where` that the record fails (they apply on every path). */
  readonly failedConditions: readonly FailedCondition[];
  /** True when paths bring the record in but the object's `limit` leaves it out (beyond the first N by orderBy). */
  readonly beyondLimit: boolean;
  /**
   * Why the user cannot read the record (sharing: "not shared with Tess Fielding: WorkOrder is Private and
   * owned by Omar Iyer", or object permissions); absent when they can read it.
   */
  readonly accessReason?: string;
}

// ------------------------------------------------------------------------------------------------ diff

/** POST /api/diff: the edited scope against the latest published version of the same scope name. */
export interface DiffRequest {
  readonly scope: SyncScope;
  /** Record sets are compared for this user's device. */
  readonly userId: string;
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
}

export type ObjectChange = 'added' | 'removed' | 'changed' | 'unchanged';

export interface DiffObject {
  readonly name: string;
  /** added: new in the edited scope; removed: devices purge it; changed: its fingerprint differs. */
  readonly change: ObjectChange;
  /** Devices drop their copy and download this object again (its fingerprint or a dependency's changed). */
  readonly redownload: boolean;
  /** Records on the user's device under the published / edited scope. */
  readonly before: number;
  readonly after: number;
  /** Records the device would gain / lose, with up to 10 example Ids each. */
  readonly gained: number;
  readonly lost: number;
  readonly gainedIds: readonly string[];
  readonly lostIds: readonly string[];
}

/** Answer of POST /api/diff. */
export interface DiffResponse {
  /** The published version compared against, or null when the scope was never published (everything is 'added'). */
  readonly published: PublishedVersion | null;
  /** Union of both scopes' objects: edited plan order first, then removed ones. */
  readonly objects: readonly DiffObject[];
  /** True when the edited scope compiles to exactly the published plan. */
  readonly identical: boolean;
}

// --------------------------------------------------------------------------------- publish / versions

/** One published version: a ContentVersion titled `syncscope:<scope name>` (defined with the reader devices use). */
export type { PublishedVersion } from '../runtime/published-plan-source.ts';

/** POST /api/publish */
export interface PublishRequest {
  readonly scope: SyncScope;
  /** Why this version exists, shown in the version list. Required, non-empty. */
  readonly note: string;
  /**
   * Targets to assign the scope to: `default`, `profile:<Name>`, `permset:<Name>` or `user:<username>`.
   * Assigned now, or, with `draft`, when the draft is promoted (docs/rollout.md).
   */
  readonly assign?: readonly string[];
  /** Publish a draft that only these users' devices pick up until it is promoted (at least one). */
  readonly draft?: { readonly testUsers: readonly string[] };
}

export interface PublishResponse {
  readonly version: PublishedVersion;
  /** The compiler's warnings for the published scope. */
  readonly diagnostics: readonly ApiDiagnostic[];
}

export interface VersionsResponse {
  readonly scopeName: string;
  /** Newest first. */
  readonly versions: readonly PublishedVersion[];
}

/** GET /api/versions/:versionId */
export interface VersionDetail {
  readonly version: PublishedVersion;
  readonly scope: SyncScope;
  readonly plan: SyncPlan;
}

/** GET /api/assignments: what `syncscope assignments --json` prints. */
export type { AssignmentsReport as AssignmentsResponse } from './assignments-report.ts';

/** POST /api/promote */
export interface PromoteRequest {
  readonly scopeName: string;
  /** The draft's version number. Default: the newest draft newer than the published version. */
  readonly versionNumber?: number;
}

/** The new published version (a copy of the draft), and the draft it was made from. */
export interface PromoteResponse {
  readonly version: PublishedVersion;
  readonly promoted: PublishedVersion;
}

/** POST /api/restore */
export interface RestoreRequest {
  readonly versionId: string;
  /** Default: `Restored version <n>`. */
  readonly note?: string;
}

/** The new version (a copy of the restored one), and its scope for the editor to load. */
export interface RestoreResponse {
  readonly version: PublishedVersion;
  readonly restoredFrom: PublishedVersion;
  readonly scope: SyncScope;
}

// ---------------------------------------------------------------------------- org transport (simulator)

export type OrgMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * POST /api/org/request: one REST call made by the server with its token. `url` is a path on the
 * org starting with `/services/data/` (query string allowed), e.g.
 * `/services/data/v62.0/query?q=SELECT+Id+FROM+Account`. Other paths are refused (403 FORBIDDEN).
 */
export interface OrgRequest {
  readonly method: OrgMethod;
  readonly url: string;
  /** JSON body, sent as application/json. */
  readonly body?: unknown;
  /**
   * Only these request headers are forwarded: Sforce-Query-Options, If-Unmodified-Since,
   * If-Modified-Since, If-Match, If-None-Match, Sforce-Auto-Assign. Authorization is always the server's.
   */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The org's answer, as it came: any status (200, 204, 400, 401, 412, ...). The proxy itself answers
 * 200 with this envelope; a 4xx/5xx of the proxy (ApiErrorBody) means the call never reached the org.
 */
export interface OrgResponse {
  readonly status: number;
  /** Response headers that matter to a client: content-type, last-modified, sforce-limit-info, etag. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON, the text when not JSON, or null for an empty body (204). */
  readonly body: unknown;
}
