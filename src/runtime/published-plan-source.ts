/**
 * Reading published plans from the org (devices and the config server share it; browser-safe). Each
 * publish is a ContentVersion titled `syncscope:<scope name>` whose VersionData is a JSON document holding
 * the scope, its compiled plan and the note; every later publish adds a version to the same
 * ContentDocument. Our version number, plan version, scope hash and note also live in `Description`
 * (`v3 | plan 1 | <hash> | note`), so listing versions costs one query and no downloads, and a device can
 * tell from one query whether it already has the latest plan. Writing lives in
 * src/server/published-plans.ts.
 */

import type { SyncPlan } from '../compiler/plan.ts';
import type { SyncScope } from '../compiler/scope.ts';
import { soqlString } from './soql-binding.ts';

export const TITLE_PREFIX = 'syncscope:';
/** Format tag inside VersionData; bumped only if the document's meaning changes. */
export const PUBLISHED_FORMAT = 'syncscope-published/1';

/** What one published version's VersionData holds. */
export interface PublishedDocument {
  readonly format: typeof PUBLISHED_FORMAT;
  readonly versionNumber: number;
  readonly note: string;
  readonly scope: SyncScope;
  readonly plan: SyncPlan;
  /** Set on a draft: the usernames it was published for, and the targets promotion assigns it to. */
  readonly draft?: { readonly testUsers: readonly string[]; readonly assign: readonly string[] };
}

/** One published version, as listed (from the ContentVersion row, without its document). */
export interface PublishedVersion {
  /** ContentVersion Id. */
  readonly versionId: string;
  readonly contentDocumentId: string | null;
  readonly scopeName: string;
  /** 1, 2, 3, ... per scope name. */
  readonly versionNumber: number;
  readonly note: string;
  /** ISO datetime (the org's CreatedDate). */
  readonly publishedAt: string;
  /** Name of the user who published. */
  readonly publishedBy: string | null;
  /** The plan's scopeHash. */
  readonly scopeHash: string;
  readonly planVersion: number;
  /**
   * A draft reaches only its test users' devices (docs/rollout.md); `latestVersion` and
   * `fetchLatestPublishedPlan` skip drafts.
   */
  readonly draft: boolean;
}

/**
 * The one org call this module makes: satisfied by the runtime's Transport (src/runtime/transport.ts),
 * by a jsforce 3 Connection and by @salesforce/core's. URLs are full `/services/data/vXX.X/...` paths.
 */
export interface PlanTransport {
  request<R = unknown>(request: {
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    url: string;
    body?: string;
    headers?: { [name: string]: string };
  }): PromiseLike<R>;
}

/** Where published versions live: a transport and the REST API version to address. */
export interface PlanStore {
  readonly transport: PlanTransport;
  /** e.g. '62.0' */
  readonly apiVersion: string;
}

export async function queryRows<T>(store: PlanStore, soql: string): Promise<T[]> {
  const base = `/services/data/v${store.apiVersion}`;
  let page = await store.transport.request<{ records: T[]; done: boolean; nextRecordsUrl?: string }>({
    method: 'GET',
    url: `${base}/query?q=${encodeURIComponent(soql)}`,
  });
  const records = [...page.records];
  while (!page.done && page.nextRecordsUrl) {
    page = await store.transport.request({ method: 'GET', url: page.nextRecordsUrl });
    records.push(...page.records);
  }
  return records;
}

export interface ContentVersionRow {
  Id: string;
  ContentDocumentId: string | null;
  Title: string;
  Description: string | null;
  CreatedDate: string;
  CreatedBy?: { Name?: string | null } | null;
}

export const VERSION_FIELDS = 'Id, ContentDocumentId, Title, Description, CreatedDate, CreatedBy.Name';

export function titleOf(scopeName: string): string {
  return `${TITLE_PREFIX}${scopeName}`;
}

/**
 * `v3 | plan 1 | <scopeHash> | <note>`; a draft `v3 draft | ...` (readers older than drafts do not match
 * it, so they never install a draft). The number written is the publisher's claim; readers number
 * versions by their order in the org (`numberVersions`), so two publishes at once never share a number.
 */
export function describeVersion(versionNumber: number, plan: SyncPlan, note: string, draft = false): string {
  return `v${versionNumber}${draft ? ' draft' : ''} | plan ${plan.planVersion} | ${plan.scopeHash} | ${note}`.slice(
    0,
    1000,
  );
}

const DESCRIPTION = /^v(\d+)( draft)? \| plan (\d+) \| ([0-9a-f]*) \| ([\s\S]*)$/;

/** A version row as read, numbered later by `numberVersions`. */
export function toPublishedVersion(row: ContentVersionRow, scopeName: string): PublishedVersion | null {
  const match = DESCRIPTION.exec(row.Description ?? '');
  if (!match) return null; // a file with our title that we did not write: not a version
  return {
    versionId: row.Id,
    contentDocumentId: row.ContentDocumentId ?? null,
    scopeName,
    versionNumber: Number(match[1]),
    note: match[5]!,
    publishedAt: row.CreatedDate,
    publishedBy: row.CreatedBy?.Name ?? null,
    scopeHash: match[4]!,
    planVersion: Number(match[3]),
    draft: match[2] !== undefined,
  };
}

/**
 * Numbers one scope's versions 1, 2, 3... in the org's order (CreatedDate, then Id), given oldest first.
 * The order is the org's, not the publisher's claim: two admins who publish at once both claim the same
 * number, and both versions are kept, numbered by which the org saved first.
 */
export function numberVersions(oldestFirst: readonly PublishedVersion[]): PublishedVersion[] {
  return oldestFirst.map((version, index) => ({ ...version, versionNumber: index + 1 }));
}

/** Versions of a scope (drafts included, flagged), newest first. */
export async function listVersions(org: PlanStore, scopeName: string): Promise<PublishedVersion[]> {
  const rows = await queryRows<ContentVersionRow>(
    org,
    `SELECT ${VERSION_FIELDS} FROM ContentVersion WHERE Title = ${soqlString(titleOf(scopeName))} ORDER BY CreatedDate ASC, Id ASC`,
  );
  const versions = rows
    .map((row) => toPublishedVersion(row, scopeName))
    .filter((v): v is PublishedVersion => v !== null);
  return numberVersions(versions).reverse();
}

/** The newest published (not draft) version's metadata (one query), or null when never published. */
export async function latestVersion(org: PlanStore, scopeName: string): Promise<PublishedVersion | null> {
  return (await listVersions(org, scopeName)).find((v) => !v.draft) ?? null;
}

/** The document of one version (one download). */
export async function readVersion(org: PlanStore, versionId: string): Promise<PublishedDocument> {
  const body = await org.transport.request<unknown>({
    method: 'GET',
    url: `/services/data/v${org.apiVersion}/sobjects/ContentVersion/${encodeURIComponent(versionId)}/VersionData`,
  });
  const document = (typeof body === 'string' ? JSON.parse(body) : body) as PublishedDocument;
  if (!document || document.format !== PUBLISHED_FORMAT) {
    throw new Error(`ContentVersion ${versionId} is not a syncscope published plan`);
  }
  return document;
}

/** Looks up one version by its ContentVersion Id. */
export async function findVersion(org: PlanStore, versionId: string): Promise<PublishedVersion | null> {
  const [row] = await queryRows<ContentVersionRow>(
    org,
    `SELECT ${VERSION_FIELDS} FROM ContentVersion WHERE Id = ${soqlString(versionId)}`,
  );
  if (!row || !row.Title.startsWith(TITLE_PREFIX)) return null;
  const scopeName = row.Title.slice(TITLE_PREFIX.length);
  const found = toPublishedVersion(row, scopeName);
  if (!found) return null;
  // Its number is its place in the org's order, as listVersions says.
  return (await listVersions(org, scopeName)).find((v) => v.versionId === found.versionId) ?? found;
}

/**
 * For devices: the latest published plan of a scope, or null when it was never published.
 * Pass `knownVersionId` (the version the device runs) to skip the download when nothing new was
 * published: then the answer is `{ version, plan: null }` and the check cost one API call.
 */
export async function fetchLatestPublishedPlan(
  org: PlanStore,
  scopeName: string,
  knownVersionId?: string,
): Promise<{ version: PublishedVersion; plan: SyncPlan | null } | null> {
  const version = await latestVersion(org, scopeName);
  if (!version) return null;
  if (version.versionId === knownVersionId) return { version, plan: null };
  const document = await readVersion(org, version.versionId);
  return { version, plan: document.plan };
}
