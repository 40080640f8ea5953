/**
 * `syncscope publish <scope.json> --note N [--json] [org flags]`: compiles the scope against the org and
 * publishes scope + plan as the next version (ContentVersion `syncscope:<scope name>`), which devices
 * then fetch. `syncscope versions <scope name>` lists what was published.
 */

import { OrgClient } from '../../org/org-client.ts';
import { listVersions, publishVersion } from '../../org/published-plans.ts';
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

/** `syncscope publish`: the scope and its plan as the next published version. */
export async function publishCommand(
  file: string,
  options: Record<string, unknown>,
  io: CliIo,
): Promise<void> {
  const note = String(options.note).trim();
  if (note === '') throw new CliError('--note must say what changed');
  const org = await connectOrg(orgFlagsFrom(options));
  try {
    warnIfEmbedded(org, io);
    const client = new OrgClient(org.connection);
    const compiled = await compileScopeFileOnOrg(client, file);
    const version = await publishVersion(
      { transport: org.connection, apiVersion: org.apiVersion },
      compiled.scope,
      compiled.plan,
      note,
    );
    if (options.json) io.out(JSON.stringify(version, null, 2));
    else {
      io.out(
        `Published "${version.scopeName}" version ${version.versionNumber} (ContentVersion ${version.versionId}) to ${org.description}`,
      );
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
