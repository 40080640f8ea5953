/** `syncscope publish` and `syncscope versions`: arguments, options and help; the work is commands/publish.ts, loaded when it runs. */

import type { Command } from 'commander';
import type { CliIo, RegisterCommand } from '../cli-io.ts';
import { addOrgOptions } from '../org-options.ts';

export const registerPublish: RegisterCommand = (program: Command, io: CliIo) => {
  addOrgOptions(
    program
      .command('publish')
      .description('publish a scope and its compiled plan to the org as a new version')
      .argument('<scope>', 'scope JSON file')
      .requiredOption('--note <text>', 'what changed and why (shown in the version list)')
      .option('--json', 'print the published version as JSON'),
  ).action(async (file: string, options: Record<string, unknown>) => {
    const { publishCommand } = await import('../commands/publish.ts');
    await publishCommand(file, options, io);
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
