/**
 * One embedded org: its database, metadata, clock, record store, SOQL engine, sessions, API usage,
 * open query cursors and injected faults. The HTTP layer (./http) serves it; tests may also reach it
 * in-process through `startOrg(...).org`.
 */

import { randomBytes } from 'node:crypto';
import type { OrgMetadata } from '../compiler/org-metadata.ts';
import { rememberSecret } from '../shared/redact.ts';
import { EmulatorClock } from './clock.ts';
import { mergeMetadata } from './metadata/extra-metadata.ts';
import { standardMetadata } from './metadata/standard-objects.ts';
import { adminUserRow, seedDemo, type SeedSummary } from './seed/demo-seed.ts';
import {
  ADMIN_USER_ID,
  DEMO_DEFAULT_RECORDS,
  DEMO_TECHNICIAN_ID,
  DEMO_TECHNICIAN_USERNAME,
  ORG_ID,
} from './seed/demo-ids.ts';
import { hasPassword } from './oauth/passwords.ts';
import { SoqlEngine, type QueryCursor, type QueryOptions } from './sql/soql-engine.ts';
import { OrgAccess } from './sharing/access-control.ts';
import { ensureSecuritySetup } from './sharing/security-seed.ts';
import { queriesUserRecordAccess, queryUserRecordAccess } from './sharing/user-record-access.ts';
import {
  ensureTables,
  openOrgDatabase,
  readMeta,
  Sequences,
  writeMeta,
  type OrgDb,
} from './store/org-database.ts';
import { RecordStore } from './store/record-store.ts';
import { QueryCursors } from './query-cursors.ts';
import { ApiUsage } from './api-usage.ts';
import { Faults } from './faults.ts';
import { OAuthGrants } from './oauth/oauth-grants.ts';
import { ensureOAuthSetup } from './oauth/oauth-setup.ts';
import { addCorsOrigin, corsForOAuthEndpoints, corsOrigins, originMatches } from './oauth/cors-allowlist.ts';

const RECYCLE_BIN_DAYS = 15;

export interface EmbeddedOrgOptions {
  /** SQLite file to keep the org in across restarts; in memory when absent. */
  db?: string;
  /** `demo` loads the demo data into an empty org; `none` (default) only the admin user. */
  seed?: 'demo' | 'none';
  /** Approximate number of demo records (default 5,000). */
  records?: number;
  /** The admin user's access token (default: a fresh `00D...!...` token). */
  token?: string;
  /** Extra describe-shaped documents (custom objects and fields), already parsed. */
  extraMetadata?: readonly unknown[];
  /** Starts the clock stopped at this time (default: real time, running). */
  now?: Date;
  /** `DailyApiRequests.Max` (default 100,000). */
  dailyApiLimit?: number;
  /** Open query cursors per user before the oldest is dropped (Salesforce: 10). */
  maxOpenCursors?: number;
  /**
   * false: no planner statistics at start (refreshStatistics); bench/emulator-delta.ts measures the org
   * as it ran before it kept any. Default true.
   */
  statistics?: boolean;
}

interface Session {
  readonly userId: string;
  expired: boolean;
  /** The refresh token this access token came from (revoking it ends this session too). */
  readonly refreshToken: string | undefined;
}

export class EmbeddedOrg {
  readonly db: OrgDb;
  readonly metadata: OrgMetadata;
  readonly clock: EmulatorClock;
  readonly store: RecordStore;
  readonly engine: SoqlEngine;
  /** Who may see and do what: profiles, permission sets, roles and org-wide defaults (./sharing). */
  readonly access: OrgAccess;
  readonly cursors: QueryCursors;
  readonly usage: ApiUsage;
  readonly faults = new Faults();
  /** Authorization codes and refresh tokens of the OAuth endpoints. */
  readonly oauth: OAuthGrants;
  readonly orgId = ORG_ID;
  readonly adminUserId = ADMIN_USER_ID;
  /** The admin user's access token. */
  readonly adminToken: string;
  /** A refresh token for `POST /services/oauth2/token` (grant_type=refresh_token). */
  readonly refreshToken: string;
  /** What `--seed demo` made (undefined when the org was not seeded now). */
  readonly seeded: SeedSummary | undefined;
  private readonly sessions = new Map<string, Session>();
  private corsPatterns: string[];
  /** Simulated in-flight transactions (`/__emulator/transactions`): id -> start time (ms). */
  readonly openTransactions = new Map<string, number>();
  private closed = false;

  constructor(options: EmbeddedOrgOptions = {}) {
    this.db = openOrgDatabase(options.db);
    this.clock = new EmulatorClock(options.now);
    const documents = [
      ...new Set(
        [...this.storedMetadataDocuments(), ...(options.extraMetadata ?? [])].map((d) => JSON.stringify(d)),
      ),
    ].map((text) => JSON.parse(text) as unknown);
    this.metadata = documents.reduce<OrgMetadata>(
      (merged, doc) => mergeMetadata(merged, doc),
      standardMetadata(),
    );
    ensureTables(this.db, this.metadata);
    const sequences = new Sequences(this.db);
    this.store = new RecordStore(this.db, this.metadata, this.clock, sequences);
    this.engine = new SoqlEngine(this.db, this.metadata);
    this.access = new OrgAccess(this.db, this.metadata, this.store);
    this.store.guard = this.access;
    this.cursors = new QueryCursors(this.clock, options.maxOpenCursors ?? 10);
    this.usage = new ApiUsage(options.dailyApiLimit ?? 100_000);
    this.seeded = this.db.transaction(() => {
      if (options.extraMetadata?.length) writeMeta(this.db, 'extraMetadata', JSON.stringify(documents));
      if (readMeta(this.db, 'createdDate') === undefined) {
        const stamp = this.clock.now().toISOString();
        writeMeta(this.db, 'createdDate', stamp);
        this.store.insertRow('User', adminUserRow(stamp));
        // The admin user took the first User Id (ADMIN_USER_ID); API inserts continue after it.
        sequences.next('id:005');
        if (options.seed === 'demo') {
          writeMeta(this.db, 'seed', 'demo');
          return seedDemo(
            this.db,
            this.metadata,
            { records: options.records ?? DEMO_DEFAULT_RECORDS, now: this.clock.now() },
            (name, value) => {
              this.db
                .prepare(
                  `INSERT INTO "_EmulatorSequence" ("Name", "Value") VALUES (?, ?) ON CONFLICT("Name") DO UPDATE SET "Value" = excluded."Value"`,
                )
                .run(name, value);
              sequences.invalidate();
            },
          );
        }
      }
      return undefined;
    })();
    ensureOAuthSetup(this.db);
    this.oauth = new OAuthGrants(this.db);
    ensureSecuritySetup(this.db, this.store, this.metadata);
    this.corsPatterns = corsOrigins(this.db);
    this.adminToken = options.token ?? this.newTokenValue();
    this.sessions.set(this.adminToken, { userId: ADMIN_USER_ID, expired: false, refreshToken: undefined });
    // Any client may use the admin's refresh token (scripts and tests refresh with their own client_id).
    this.refreshToken = this.oauth.issueRefreshToken(
      { userId: ADMIN_USER_ID, clientId: undefined, scopes: ['api', 'refresh_token'] },
      `5Aep861${randomBytes(32).toString('base64url')}`,
    );
    // The org's tokens never appear in its error messages or in those of a server that embeds it.
    rememberSecret(this.adminToken);
    rememberSecret(this.refreshToken);
    this.clock.onChange(() => this.purgeRecycleBin());
    this.purgeRecycleBin();
    if (options.statistics !== false) this.refreshStatistics();
  }

  /**
   * Refreshes SQLite's statistics of the tables, so its planner picks indexes the way Salesforce's query
   * optimizer does from its own statistics (a `LastModifiedDate > :watermark` range over a parent-Id list,
   * not every child of those parents). Runs after seeding; call it again after loading many rows behind
   * the API (RecordStore.insertRow), as a database's maintenance would.
   */
  refreshStatistics(): void {
    this.db.exec('ANALYZE');
  }

  /**
   * Runs a SOQL query as `options.userId`: only the records, fields and objects that user may read
   * (UserRecordAccess is answered here too).
   */
  openQuery(soql: string, options: Omit<QueryOptions, 'access'>): QueryCursor {
    if (queriesUserRecordAccess(soql))
      return queryUserRecordAccess(soql, this.access, this.store, options.apiVersion ?? '62.0');
    const access = this.access.forUser(options.userId);
    return this.engine.open(soql, access.unrestricted ? options : { ...options, access });
  }

  /** Compiles a SOQL query as `options.userId` would run it, without running it (`query?columns=true`). */
  compileQuery(soql: string, options: Omit<QueryOptions, 'access'>): ReturnType<SoqlEngine['compile']> {
    const access = this.access.forUser(options.userId);
    return this.engine.compile(soql, access.unrestricted ? options : { ...options, access });
  }

  /** The user a bearer token belongs to, or undefined if it is unknown or expired. */
  userOfToken(token: string): string | undefined {
    const session = this.sessions.get(token);
    return session && !session.expired ? session.userId : undefined;
  }

  /**
   * Issues a new access token for `userId` (an existing, active user), tied to `refreshToken` when it
   * comes from one (revoking the refresh token ends it).
   */
  createSession(userId: string = ADMIN_USER_ID, refreshToken?: string): string {
    const token = this.newTokenValue();
    this.sessions.set(token, { userId, expired: false, refreshToken });
    return token;
  }

  /** Ends one access token (revoke); true if it was one. */
  endSession(token: string): boolean {
    return this.sessions.delete(token);
  }

  /**
   * Ends every access token of `userId` (their sessions timed out); refresh tokens stay valid, so clients
   * get INVALID_SESSION_ID and then refresh. Returns how many ended.
   */
  endSessionsOfUser(userId: string): number {
    let ended = 0;
    for (const [token, session] of this.sessions)
      if (session.userId === userId && this.sessions.delete(token)) ended += 1;
    return ended;
  }

  /** Revokes a refresh token and ends the access tokens issued from it; true if it was one. */
  revokeRefreshToken(refreshToken: string): boolean {
    if (!this.oauth.revokeRefreshToken(refreshToken)) return false;
    for (const [token, session] of this.sessions)
      if (session.refreshToken === refreshToken) this.sessions.delete(token);
    return true;
  }

  /** True when the demo technician can sign in with the documented password (a `--seed demo` org). */
  hasDemoSignIn(): boolean {
    return (
      this.store.row('User', DEMO_TECHNICIAN_ID)?.Username === DEMO_TECHNICIAN_USERNAME &&
      hasPassword(this.db, DEMO_TECHNICIAN_ID)
    );
  }

  /** True when a browser page at `origin` may call the REST API (the org's CORS allowlist). */
  corsAllows(origin: string): boolean {
    return this.corsPatterns.some((pattern) => originMatches(pattern, origin));
  }

  /** "Enable CORS for OAuth endpoints": token, revoke and userinfo answer allowlisted origins too. */
  get corsForOAuthEndpoints(): boolean {
    return corsForOAuthEndpoints(this.db);
  }

  /** Adds an origin URL pattern to the CORS allowlist (Setup > CORS > New). */
  allowCorsOrigin(pattern: string): void {
    addCorsOrigin(this.db, pattern);
    this.corsPatterns = corsOrigins(this.db);
  }

  /** Expires every access token issued so far (the next call with one answers 401 INVALID_SESSION_ID). */
  expireSessions(): void {
    for (const session of this.sessions.values()) session.expired = true;
  }

  /** Makes expired tokens valid again (clearing the faults restores normal service). */
  reviveSessions(): void {
    for (const session of this.sessions.values()) session.expired = false;
  }

  /** Start (ms) of the earliest simulated in-flight transaction, if any. */
  earliestOpenTransaction(): number | undefined {
    const starts = [...this.openTransactions.values()];
    return starts.length > 0 ? Math.min(...starts) : undefined;
  }

  /** Recycle-bin time that getDeleted can still answer from (`earliestDateAvailable`). */
  earliestDeletedAvailable(): string {
    return (
      readMeta(this.db, 'recycleBinPurgedThrough') ??
      readMeta(this.db, 'createdDate') ??
      this.clock.now().toISOString()
    );
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private purgeRecycleBin(): void {
    const before = new Date(this.clock.nowMs() - RECYCLE_BIN_DAYS * 86_400_000).toISOString();
    const purged = this.db.transaction(() => this.store.purgeDeleted(before))();
    const previous = readMeta(this.db, 'recycleBinPurgedThrough');
    if (purged && (!previous || purged > previous)) writeMeta(this.db, 'recycleBinPurgedThrough', purged);
  }

  private storedMetadataDocuments(): unknown[] {
    const stored = readMeta(this.db, 'extraMetadata');
    return stored ? (JSON.parse(stored) as unknown[]) : [];
  }

  private newTokenValue(): string {
    const token = `${this.orgId.slice(0, 15)}!AR${randomBytes(48).toString('base64url')}`;
    rememberSecret(token);
    return token;
  }
}
