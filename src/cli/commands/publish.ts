/**
 * `syncscope publish <scope.json> --note N [--json] [org flags]`: compiles the scope against the org and
 * publishes scope + plan as the next version (ContentVersion `syncscope:<scope name>`), which devices
 * then fetch. `syncscope versions <scope name>` lists what was published.
 */

import type { Command } from 'commander';
import { OrgClient } from '../../org/org-client.ts';
import { listVersions, publishVersion } from '../../org/published-plans.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo, RegisterCommand } from '../cli-io.ts';
import { addOrgOptions, connectOrg, orgFlagsFrom, type ConnectedOrg } from '../connect-org.ts';
import { formatDiagnostic } from '../diagnostic-format.ts';
import { compileScopeFileOnOrg } from '../scope-file.ts';

function warnIfEmbedded(org: ConnectedOrg, io: CliIo): void {
  if (org.kind === 'embedded') {
    io.err('note: no org given, so this used a fresh embedded demo org that is gone when the command ends');
  }
}

export const registerPublish: RegisterCommand = (program: Command, io: CliIo) => {
  addOrgOptions(
    program
      .command('publish')
      .description('publish a scope and its compiled plan to the org as a new version')
      .argument('<scope>', 'scope JSON file')
      .requiredOption('--note <text>', 'what changed and why (shown in the version list)')
      .option('--json', 'print the published version as JSON'),
  ).action(async (file: string, options: Record<string, unknown>) => {
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
  });

  addOrgOptions(
    program
      .command('versions')
      .description('list the published versions of a scope, newest first')
      .argument('<scope-name>', 'the scope\'s "name"')
      .option('--json', 'print the versions as JSON'),
  ).action(async (scopeName: string, options: Record<string, unknown>) => {
    const org = await connectOrg(orgFlagsFrom(options));
    try {
      warnIfEmbedded(org, io);
      const versions = await listVersions(
        { transport: org.connection, apiVersion: org.apiVersion },
        scopeName,
      );
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
  });
};
