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
 * `fetchLatestPublishedPlan` is what devices call: it and the other readers live in
 * src/runtime/published-plan-source.ts (browser-safe, shared with the device runtime) and are re-exported
 * here unchanged; this module adds publishing.
 */

import type { SyncPlan } from '../compiler/plan.ts';
import type { SyncScope } from '../compiler/scope.ts';
import { ASSIGNMENTS_TITLE, describeGrant, type GrantKind } from '../runtime/rollout-state.ts';
import { formatTarget, parseTarget, type AssignmentTarget } from '../runtime/scope-assignment.ts';
import { soqlString } from '../runtime/soql-binding.ts';
import {
  describeVersion,
  listVersions,
  PUBLISHED_FORMAT,
  queryRows,
  readVersion,
  findVersion,
  titleOf,
  TITLE_PREFIX,
  type PlanStore,
  type PublishedDocument,
} from '../runtime/published-plan-source.ts';
import type { PublishedVersion } from './api-types.ts';
import { OrgServiceError } from './errors.ts';

// Reading lives with the runtime (devices fetch plans, in browsers too); the server re-exports it.
export {
  describeVersion,
  fetchLatestPublishedPlan,
  findVersion,
  latestVersion,
  listVersions,
  PUBLISHED_FORMAT,
  readVersion,
  titleOf,
  TITLE_PREFIX,
  type PlanStore,
  type PlanTransport,
  type PublishedDocument,
} from '../runtime/published-plan-source.ts';

/** What a publish also does besides storing the version (docs/rollout.md). */
export interface PublishOptions {
  /** Targets this version's scope is assigned to now (a published version) or at promotion (a draft). */
  readonly assign?: readonly AssignmentTarget[];
  /** Publish a draft that only these users' devices pick up (usernames). */
  readonly draftFor?: readonly string[];
}

/**
 * Publishes a compiled scope as the next version, then its grants (assignments, or a draft's test users);
 * returns the version, numbered by its place in the org's order (two publishes at once get two numbers).
 */
export async function publishVersion(
  org: PlanStore,
  scope: SyncScope,
  plan: SyncPlan,
  note: string,
  options: PublishOptions = {},
): Promise<PublishedVersion> {
  if (titleOf(scope.name).length > 255) {
    // ContentVersion.Title holds 255 characters.
    throw new OrgServiceError(
      'invalid',
      'BAD_REQUEST',
      `the scope name is too long to publish (at most ${255 - TITLE_PREFIX.length} characters)`,
    );
  }
  const draft = options.draftFor !== undefined;
  if (draft && options.draftFor.length === 0)
    throw new OrgServiceError('invalid', 'BAD_REQUEST', 'a draft needs at least one test user');
  const [previous] = await listVersions(org, scope.name);
  // A claim only: readers number versions by the org's order (numberVersions), so a publish at the same
  // moment that claims the same number still gets its own.
  const versionNumber = (previous?.versionNumber ?? 0) + 1;
  const assign = (options.assign ?? []).map(formatTarget);
  const document: PublishedDocument = {
    format: PUBLISHED_FORMAT,
    versionNumber,
    note,
    scope,
    plan,
    ...(draft ? { draft: { testUsers: options.draftFor.map((u) => u.toLowerCase()), assign } } : {}),
  };
  const record: Record<string, unknown> = {
    Title: titleOf(scope.name),
    PathOnClient: `syncscope-${slug(scope.name)}.json`,
    Description: describeVersion(versionNumber, plan, note, draft),
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
  // Grants after the version: a device that sees a grant can always read its version.
  if (draft) {
    for (const username of options.draftFor)
      await insertGrant(org, 'test', { kind: 'user', username: username.toLowerCase() }, version.versionId);
  } else {
    for (const target of options.assign ?? []) await insertGrant(org, 'assign', target, version.versionId);
  }
  return version;
}

/**
 * Makes a draft the published version: publishes its scope and plan unchanged as the next version (so
 * history stays linear and devices that tested the draft download nothing again) and assigns it to the
 * targets the draft was published with. Without `versionNumber`, the newest draft newer than the
 * published version.
 */
export async function promoteDraft(
  org: PlanStore,
  scopeName: string,
  versionNumber?: number,
): Promise<{ version: PublishedVersion; promoted: PublishedVersion }> {
  const versions = await listVersions(org, scopeName);
  if (versions.length === 0)
    throw new OrgServiceError('not-found', 'NOT_FOUND', `"${scopeName}" was never published`);
  const published = versions.find((v) => !v.draft);
  const draft =
    versionNumber !== undefined
      ? versions.find((v) => v.versionNumber === versionNumber)
      : versions.find((v) => v.draft && (!published || v.versionNumber > published.versionNumber));
  if (!draft)
    throw new OrgServiceError(
      'not-found',
      'NOT_FOUND',
      versionNumber !== undefined
        ? `"${scopeName}" has no version ${versionNumber} (it has ${versions.length})`
        : `"${scopeName}" has no draft newer than its published version${published ? ` v${published.versionNumber}` : ''}: publish one with --draft`,
    );
  if (!draft.draft)
    throw new OrgServiceError(
      'invalid',
      'BAD_REQUEST',
      `version ${draft.versionNumber} of "${scopeName}" is not a draft (it is published already)`,
    );
  const document = await readVersion(org, draft.versionId);
  const assign = (document.draft?.assign ?? []).map(parseTarget);
  const version = await publishVersion(
    org,
    document.scope,
    document.plan,
    `Promoted draft v${draft.versionNumber}: ${document.note}`,
    { assign },
  );
  return { version, promoted: draft };
}

/** Assigns a version's scope to targets without publishing (e.g. moving a profile to another scope). */
export async function assignVersion(
  org: PlanStore,
  version: PublishedVersion,
  targets: readonly AssignmentTarget[],
): Promise<void> {
  if (version.draft)
    throw new OrgServiceError(
      'invalid',
      'BAD_REQUEST',
      `version ${version.versionNumber} of "${version.scopeName}" is a draft: promote it first`,
    );
  for (const target of targets) await insertGrant(org, 'assign', target, version.versionId);
}

/** Appends one grant to the `syncscope-assignments` file (a new version of it). */
async function insertGrant(
  org: PlanStore,
  kind: GrantKind,
  target: AssignmentTarget,
  versionId: string,
): Promise<void> {
  const [file] = await queryRows<{ ContentDocumentId: string | null }>(
    org,
    `SELECT ContentDocumentId FROM ContentVersion WHERE Title = ${soqlString(ASSIGNMENTS_TITLE)} ORDER BY CreatedDate ASC, Id ASC LIMIT 1`,
  );
  const description = describeGrant(kind, target, versionId);
  const record: Record<string, unknown> = {
    Title: ASSIGNMENTS_TITLE,
    PathOnClient: 'syncscope-assignments.json',
    Description: description,
    VersionData: utf8ToBase64(JSON.stringify({ format: 'syncscope-grant/1', kind, target, versionId })),
  };
  if (file?.ContentDocumentId) record.ContentDocumentId = file.ContentDocumentId;
  await org.transport.request({
    method: 'POST',
    url: `/services/data/v${org.apiVersion}/sobjects/ContentVersion`,
    body: JSON.stringify(record),
    headers: { 'Content-Type': 'application/json' },
  });
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
