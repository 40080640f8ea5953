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
import {
  describeVersion,
  latestVersion,
  PUBLISHED_FORMAT,
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

/** Publishes a compiled scope as the next version; returns it. */
export async function publishVersion(
  org: PlanStore,
  scope: SyncScope,
  plan: SyncPlan,
  note: string,
): Promise<PublishedVersion> {
  if (titleOf(scope.name).length > 255) {
    // ContentVersion.Title holds 255 characters.
    throw new OrgServiceError(
      'invalid',
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
