/**
 * Published scopes in the org: each publish is a ContentVersion titled `syncscope:<scope name>` whose
 * VersionData is a JSON document holding the scope, its compiled plan and the note.
 *
 * Versioning: the first publish creates a ContentDocument; every later publish (and every restore) adds a
 * new ContentVersion to that same document (`ContentDocumentId` set on insert, as Salesforce's
 * "upload new version" does), so the org's Files UI shows one file with its version history. Our own
 * version number, plan version, scope hash and note also live in `Description` (`v3 | plan 1 | <hash> |
 * note`), so listing versions costs one query and no downloads, and a device can tell from one query
 * whether it already has the latest plan.
 *
 * `fetchLatestPublishedPlan` is what devices call (src/runtime).
 */

import type { SyncPlan } from '../compiler/plan.ts';
import type { SyncScope } from '../compiler/scope.ts';
import type { PublishedVersion } from './api-types.ts';
import { HttpError } from './http-error.ts';
import { soqlString } from './soql-text.ts';

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

async function query<T>(store: PlanStore, soql: string): Promise<T[]> {
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

interface ContentVersionRow {
  Id: string;
  ContentDocumentId: string | null;
  Title: string;
  Description: string | null;
  CreatedDate: string;
  CreatedBy?: { Name?: string | null } | null;
}

const VERSION_FIELDS = 'Id, ContentDocumentId, Title, Description, CreatedDate, CreatedBy.Name';

export function titleOf(scopeName: string): string {
  return `${TITLE_PREFIX}${scopeName}`;
}

/** `v3 | plan 1 | <scopeHash> | <note>` */
export function describeVersion(versionNumber: number, plan: SyncPlan, note: string): string {
  return `v${versionNumber} | plan ${plan.planVersion} | ${plan.scopeHash} | ${note}`.slice(0, 1000);
}

const DESCRIPTION = /^v(\d+) \| plan (\d+) \| ([0-9a-f]*) \| ([\s\S]*)$/;

function toPublishedVersion(row: ContentVersionRow, scopeName: string): PublishedVersion | null {
  const match = DESCRIPTION.exec(row.Description ?? '');
  if (!match) return null; // a file with our title that we did not write: not a version
  return {
    versionId: row.Id,
    contentDocumentId: row.ContentDocumentId ?? null,
    scopeName,
    versionNumber: Number(match[1]),
    note: match[4]!,
    publishedAt: row.CreatedDate,
    publishedBy: row.CreatedBy?.Name ?? null,
    scopeHash: match[3]!,
    planVersion: Number(match[2]),
  };
}

/** Published versions of a scope, newest first. */
export async function listVersions(org: PlanStore, scopeName: string): Promise<PublishedVersion[]> {
  const rows = await query<ContentVersionRow>(
    org,
    `SELECT ${VERSION_FIELDS} FROM ContentVersion WHERE Title = ${soqlString(titleOf(scopeName))} ORDER BY CreatedDate DESC, Id DESC`,
  );
  return rows
    .map((row) => toPublishedVersion(row, scopeName))
    .filter((v): v is PublishedVersion => v !== null)
    .sort((a, b) => b.versionNumber - a.versionNumber);
}

/** The newest published version's metadata (one query), or null when never published. */
export async function latestVersion(org: PlanStore, scopeName: string): Promise<PublishedVersion | null> {
  return (await listVersions(org, scopeName))[0] ?? null;
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
  const [row] = await query<ContentVersionRow>(
    org,
    `SELECT ${VERSION_FIELDS} FROM ContentVersion WHERE Id = ${soqlString(versionId)}`,
  );
  if (!row || !row.Title.startsWith(TITLE_PREFIX)) return null;
  return toPublishedVersion(row, row.Title.slice(TITLE_PREFIX.length));
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

/** Publishes a compiled scope as the next version; returns it. */
export async function publishVersion(
  org: PlanStore,
  scope: SyncScope,
  plan: SyncPlan,
  note: string,
): Promise<PublishedVersion> {
  if (titleOf(scope.name).length > 255) {
    // ContentVersion.Title holds 255 characters.
    throw new HttpError(
      400,
      'BAD_REQUEST',
      `the scope name is too long to publish (at most ${255 - TITLE_PREFIX.length} characters)`,
    );
  }
  const previous = await latestVersion(org, scope.name);
  const versionNumber = (previous?.versionNumber ?? 0) + 1;
  const document: PublishedDocument = { format: PUBLISHED_FORMAT, versionNumber, note, scope, plan };
  const record: Record<string, unknown> = {
    Title: titleOf(scope.name),
    PathOnClient: `syncscope-${slug(scope.name)}.json`,
    Description: describeVersion(versionNumber, plan, note),
    VersionData: utf8ToBase64(JSON.stringify(document)),
  };
  if (previous?.contentDocumentId) {
    record.ContentDocumentId = previous.contentDocumentId;
    record.ReasonForChange = note.slice(0, 1000);
  }
  const created = await org.transport.request<{ id: string; success: boolean }>({
    method: 'POST',
    url: `/services/data/v${org.apiVersion}/sobjects/ContentVersion`,
    body: JSON.stringify(record),
    headers: { 'Content-Type': 'application/json' },
  });
  const version = await findVersion(org, created.id);
  if (!version) throw new Error(`published ContentVersion ${created.id} cannot be read back`);
  return version;
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'scope'
  );
}

/** Base64 of UTF-8 text, in Node and in browsers (this module also runs in the device simulator). */
function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
