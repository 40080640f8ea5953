/**
 * `syncscope publish <scope.json> --note N [--assign T]... [--draft --test-user U...] [--json] [org flags]`:
 * compiles the scope against the org and publishes scope + plan as the next version (ContentVersion
 * `syncscope:<scope name>`), which devices then fetch; `--assign` assigns the scope to the org default,
 * a profile, a permission set or a user; `--draft` publishes a version only its test users get.
 * `syncscope publish --promote <scope name> [--version N]` makes a draft the published version.
 * `syncscope versions <scope name>` lists what was published; `syncscope assignments` who gets what.
 * Docs: docs/rollout.md.
 */

import { OrgClient } from '../../org/org-client.ts';
import { listVersions, promoteDraft, publishVersion } from '../../org/published-plans.ts';
import { formatTarget, parseTarget, type AssignmentTarget } from '../../runtime/scope-assignment.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { connectOrg, orgFlagsFrom, type ConnectedOrg } from '../connect-org.ts';
import { formatDiagnostic } from '../diagnostic-format.ts';
import { compileScopeFileOnOrg } from '../scope-file.ts';

function warnIfEmbedded(org: ConnectedOrg, io: CliIo): void {
  if (org.kind === 'embedded') {
    io.err('note: no org given, so this used a fresh embedded demo org that is gone when the command ends');
  }
}

/** `syncscope publish`: the scope and its plan as the next published (or draft) version, or a promotion. */
export async function publishCommand(
  file: string | undefined,
  options: Record<string, unknown>,
  io: CliIo,
): Promise<void> {
  const request = publishRequest(file, options);
  const org = await connectOrg(orgFlagsFrom(options));
  try {
    warnIfEmbedded(org, io);
    const store = { transport: org.connection, apiVersion: org.apiVersion };
    if (request.kind === 'promote') {
      const { version, promoted } = await promoteDraft(store, request.scopeName, request.versionNumber);
      if (options.json) io.out(JSON.stringify({ version, promoted }, null, 2));
      else
        io.out(
          `Promoted draft ${promoted.versionNumber} of "${version.scopeName}": published as version ${version.versionNumber} (ContentVersion ${version.versionId}) to ${org.description}`,
        );
      return;
    }
    const client = new OrgClient(org.connection);
    const compiled = await compileScopeFileOnOrg(client, request.file);
    const version = await publishVersion(store, compiled.scope, compiled.plan, request.note, {
      assign: request.assign,
      ...(request.testUsers ? { draftFor: request.testUsers } : {}),
    });
    if (options.json) io.out(JSON.stringify(version, null, 2));
    else {
      io.out(
        `Published "${version.scopeName}" ${version.draft ? 'draft ' : ''}version ${version.versionNumber} (ContentVersion ${version.versionId}) to ${org.description}`,
      );
      if (request.testUsers) io.out(`  test users: ${request.testUsers.join(', ')}`);
      const targets = request.assign.map(formatTarget);
      if (targets.length)
        io.out(`  ${request.testUsers ? 'assigned on promotion to' : 'assigned to'}: ${targets.join(', ')}`);
      for (const d of compiled.diagnostics) io.out(formatDiagnostic(d));
    }
  } finally {
    await org.close();
  }
}

/** `syncscope versions`: the published versions of a scope, newest first. */
export async function versionsCommand(
  scopeName: string,
  options: Record<string, unknown>,
  io: CliIo,
): Promise<void> {
  const org = await connectOrg(orgFlagsFrom(options));
  try {
    warnIfEmbedded(org, io);
    const versions = await listVersions({ transport: org.connection, apiVersion: org.apiVersion }, scopeName);
    if (options.json) io.out(JSON.stringify(versions, null, 2));
    else if (versions.length === 0) io.out(`"${scopeName}" was never published to ${org.description}`);
    else {
      for (const v of versions) {
        io.out(`v${v.versionNumber}  ${v.publishedAt}  ${v.publishedBy ?? ''}  ${v.versionId}  ${v.note}`);
      }
    }
  } finally {
    await org.close();
  }
}

type PublishRequest =
  | { kind: 'promote'; scopeName: string; versionNumber?: number }
  | {
      kind: 'publish';
      file: string;
      note: string;
      assign: AssignmentTarget[];
      /** Set for a draft. */
      testUsers?: string[];
    };

/** Checks the flags together before the org is reached: every mistake here is the user's to fix. */
function publishRequest(file: string | undefined, options: Record<string, unknown>): PublishRequest {
  const assignTexts = options.assign as string[];
  const testUsers = (options.testUser as string[]).map((u) => u.trim()).filter((u) => u !== '');
  if (typeof options.promote === 'string') {
    if (file !== undefined)
      throw new CliError('--promote publishes a draft that is in the org already: leave out the scope file');
    if (options.draft || testUsers.length || assignTexts.length)
      throw new CliError(
        '--promote takes no --draft, --test-user or --assign: the draft is assigned to what it was published with',
      );
    const versionNumber = options.version as number | undefined;
    return {
      kind: 'promote',
      scopeName: options.promote,
      ...(versionNumber !== undefined ? { versionNumber } : {}),
    };
  }
  if (options.version !== undefined) throw new CliError('--version goes with --promote <scope name>');
  if (file === undefined)
    throw new CliError(
      'say what to publish: syncscope publish <scope.json> --note "..." (or --promote <scope name>)',
    );
  const note = typeof options.note === 'string' ? options.note.trim() : '';
  if (note === '') throw new CliError('--note must say what changed');
  const assign: AssignmentTarget[] = [];
  for (const text of assignTexts) {
    try {
      assign.push(parseTarget(text));
    } catch (error) {
      throw new CliError(`--assign: ${(error as Error).message}`);
    }
  }
  if (options.draft && testUsers.length === 0)
    throw new CliError(
      '--draft needs at least one --test-user <username>: the users whose devices get the draft',
    );
  if (!options.draft && testUsers.length > 0)
    throw new CliError(
      '--test-user goes with --draft (a published version reaches everyone it is assigned to)',
    );
  return { kind: 'publish', file, note, assign, ...(options.draft ? { testUsers } : {}) };
}
