/**
 * What the server asks of an org, over a jsforce Connection: queries (all pages), counts, describes
 * (cached, trimmed to org-metadata.ts), limits and users. Org failures become OrgServiceError with the org's
 * error code and a message without the token.
 */

import type { Connection } from 'jsforce';
import type { SObjectDescribe } from '../compiler/org-metadata.ts';
import type { DailyApiRequests, SessionUser, SObjectSummary } from './api-types.ts';
import { OrgServiceError } from './errors.ts';
import { redact } from '../shared/redact.ts';
import { soqlString } from './soql-text.ts';
import { trimDescribe, type RawDescribe } from '../compiler/trim-describe.ts';

/** A record as the REST API returns it. */
export type OrgRecord = Record<string, unknown> & { readonly Id?: string };

export class OrgClient {
  readonly #describes = new Map<string, Promise<SObjectDescribe | null>>();
  #global: Promise<SObjectSummary[]> | undefined;

  constructor(readonly connection: Connection) {}

  get apiVersion(): string {
    return this.connection.version;
  }

  /** Every record of a query, following nextRecordsUrl. */
  async queryAll(soql: string): Promise<OrgRecord[]> {
    try {
      const result = await this.connection.query<OrgRecord>(soql, {
        autoFetch: true,
        maxFetch: Number.MAX_SAFE_INTEGER,
      });
      return result.records;
    } catch (error) {
      throw orgError(error, soql);
    }
  }

  /** totalSize of a `SELECT COUNT() ...` query. */
  async count(soql: string): Promise<number> {
    try {
      const result = await this.connection.query(soql);
      return result.totalSize;
    } catch (error) {
      throw orgError(error, soql);
    }
  }

  /** The describe of one object, or null when the org has no such object. Cached per server run. */
  describe(name: string): Promise<SObjectDescribe | null> {
    let pending = this.#describes.get(name);
    if (!pending) {
      pending = this.#fetchDescribe(name);
      // A failure (network, session) is not cached: the next call tries again.
      pending.catch(() => this.#describes.delete(name));
      this.#describes.set(name, pending);
    }
    return pending;
  }

  async #fetchDescribe(name: string): Promise<SObjectDescribe | null> {
    try {
      const raw = await this.connection.request<RawDescribe>(
        `/sobjects/${encodeURIComponent(name)}/describe`,
      );
      return trimDescribe(raw);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw orgError(error);
    }
  }

  /** Queryable objects, sorted by name. Cached per server run. */
  sobjects(): Promise<SObjectSummary[]> {
    if (!this.#global) {
      this.#global = this.#fetchGlobal();
      this.#global.catch(() => (this.#global = undefined));
    }
    return this.#global;
  }

  async #fetchGlobal(): Promise<SObjectSummary[]> {
    try {
      const raw = await this.connection.request<{ sobjects: RawGlobalEntry[] }>('/sobjects');
      return raw.sobjects
        .filter((o) => o.queryable !== false)
        .map((o) => ({
          name: o.name,
          label: o.label ?? o.name,
          labelPlural: o.labelPlural ?? o.label ?? o.name,
          keyPrefix: o.keyPrefix ?? null,
          custom: o.custom ?? o.name.endsWith('__c'),
          queryable: o.queryable ?? true,
          createable: o.createable ?? false,
          updateable: o.updateable ?? false,
        }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      throw orgError(error);
    }
  }

  /** The object whose key prefix starts this Id, or null. */
  async objectOfId(id: string): Promise<string | null> {
    const prefix = id.slice(0, 3);
    const match = (await this.sobjects()).find((o) => o.keyPrefix === prefix);
    return match?.name ?? null;
  }

  /** DailyApiRequests from /limits, or null when the org does not report it. */
  async dailyApiRequests(): Promise<DailyApiRequests | null> {
    try {
      const raw =
        await this.connection.request<Record<string, { Max?: number; Remaining?: number }>>('/limits');
      const entry = raw.DailyApiRequests;
      if (!entry || typeof entry.Max !== 'number' || typeof entry.Remaining !== 'number') return null;
      return { max: entry.Max, remaining: entry.Remaining };
    } catch (error) {
      // A user without "View Setup" may not read /limits: the figures then go without the budget.
      const failure = orgError(error);
      if (
        failure.kind === 'org-refused' ||
        failure.details.orgErrorCode === 'INSUFFICIENT_ACCESS' ||
        failure.details.orgErrorCode === 'ERROR_HTTP_403' ||
        failure.details.orgErrorCode === 'NOT_FOUND'
      ) {
        return null;
      }
      throw failure;
    }
  }

  /** Active users by name (at most 500), for user pickers. */
  async activeUsers(): Promise<SessionUser[]> {
    const records = await this.queryAll(
      'SELECT Id, Name, Username FROM User WHERE IsActive = true ORDER BY Name, Id LIMIT 500',
    );
    return records.map(toSessionUser);
  }

  /** The user the connection is logged in as. */
  async connectedUser(): Promise<SessionUser> {
    let userId: string | undefined;
    try {
      const info = await this.connection.request<{ user_id?: string }>('/services/oauth2/userinfo');
      userId = info.user_id;
    } catch (error) {
      // Some sessions (e.g. a session Id rather than an OAuth token) may not call userinfo: ask Chatter.
      const failure = orgError(error);
      if (failure.kind === 'org-session' || failure.kind === 'org-failed') throw failure;
      try {
        const me = await this.connection.request<{ id?: string }>('/chatter/users/me');
        userId = me.id;
      } catch {
        throw failure;
      }
    }
    if (!userId)
      throw new OrgServiceError(
        'org-failed',
        'ORG_ERROR',
        'the org did not say which user the session belongs to',
      );
    const [record] = await this.queryAll(
      `SELECT Id, Name, Username FROM User WHERE Id = ${soqlString(userId)}`,
    );
    if (!record) return { id: userId, name: userId, username: userId };
    return toSessionUser(record);
  }
}

function toSessionUser(record: OrgRecord): SessionUser {
  return { id: String(record.Id), name: String(record.Name ?? ''), username: String(record.Username ?? '') };
}

interface RawGlobalEntry {
  name: string;
  label?: string;
  labelPlural?: string;
  keyPrefix?: string | null;
  custom?: boolean;
  queryable?: boolean;
  createable?: boolean;
  updateable?: boolean;
}

function errorCodeOf(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'errorCode' in error && typeof error.errorCode === 'string') {
    return error.errorCode;
  }
  return undefined;
}

function isNotFound(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code === 'NOT_FOUND' || code === 'INVALID_TYPE' || code === 'ERROR_HTTP_404';
}

/** An org failure as an OrgServiceError: what the org refused (with its code), or that it could not be reached. */
export function orgError(error: unknown, soql?: string): OrgServiceError {
  if (error instanceof OrgServiceError) return error;
  const code = errorCodeOf(error);
  const message = redact(error instanceof Error ? error.message : String(error));
  const where = soql ? ` (query: ${soql.length > 300 ? `${soql.slice(0, 300)}...` : soql})` : '';
  if (code) {
    const kind =
      code === 'REQUEST_LIMIT_EXCEEDED'
        ? 'org-limit'
        : code === 'INVALID_SESSION_ID'
          ? 'org-session'
          : 'org-refused';
    return new OrgServiceError(kind, 'ORG_ERROR', `the org answered ${code}: ${message}${where}`, {
      orgErrorCode: code,
    });
  }
  return new OrgServiceError('org-failed', 'ORG_UNREACHABLE', `could not reach the org: ${message}`);
}
