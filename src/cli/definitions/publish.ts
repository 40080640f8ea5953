/**
 * `syncscope publish`, `syncscope versions` and `syncscope assignments`: arguments, options and help; the
 * work is commands/publish.ts and commands/assignments.ts, loaded when it runs. Docs: docs/rollout.md.
 */

import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import type { CliIo, RegisterCommand } from '../cli-io.ts';
import { addOrgOptions } from '../org-options.ts';

export const registerPublish: RegisterCommand = (program: Command, io: CliIo) => {
  addOrgOptions(
    program
      .command('publish')
      .description('publish a scope and its compiled plan to the org as a new version')
      .argument('[scope]', 'scope JSON file (not with --promote)')
      .option('--note <text>', 'what changed and why (shown in the version list)')
      .option(
        '--assign <target>',
        'assign the scope to default, profile:<Name>, permset:<Name> or user:<username> (repeatable; with --draft: on promotion)',
        collect,
        [],
      )
      .option('--draft', 'publish a draft: only the --test-user devices pick it up until it is promoted')
      .option('--test-user <username>', 'a user whose device gets the draft (repeatable)', collect, [])
      .option('--promote <scope-name>', 'make the newest draft of this scope the published version')
      .option('--version <n>', 'with --promote: the draft version to promote', parseVersionNumber)
      .option('--json', 'print the published version as JSON'),
  ).action(async (file: string | undefined, options: Record<string, unknown>) => {
    const { publishCommand } = await import('../commands/publish.ts');
    await publishCommand(file, options, io);
  });

  addOrgOptions(
    program
      .command('assignments')
      .description(
        'list who gets which published scope (user > permission set > profile > default), and drafts under test',
      )
      .option('--json', 'print the assignments and drafts as JSON'),
  ).action(async (options: Record<string, unknown>) => {
    const { assignmentsCommand } = await import('../commands/assignments.ts');
    await assignmentsCommand(options, io);
  });

  addOrgOptions(
    program
      .command('versions')
      .description('list the published versions of a scope, newest first')
      .argument('<scope-name>', 'the scope\'s "name"')
      .option('--json', 'print the versions as JSON'),
  ).action(async (scopeName: string, options: Record<string, unknown>) => {
    const { versionsCommand } = await import('../commands/publish.ts');
    await versionsCommand(scopeName, options, io);
  });
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseVersionNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1)
    throw new CliError(`--version wants a version number (1, 2, ...), got "${value}"`);
  return n;
}
