/** `syncscope preview`'s arguments, options and help; the work is commands/preview.ts, loaded when it runs. */

import type { Command } from 'commander';
import type { CliIo, RegisterCommand } from '../cli-io.ts';
import { addOrgOptions } from '../org-options.ts';

export const registerPreview: RegisterCommand = (program: Command, io: CliIo) => {
  addOrgOptions(
    program
      .command('preview')
      .description("what a scope puts on a user's device and what it costs (counts, samples, API calls)")
      .argument('<scope>', 'scope JSON file')
      .requiredOption('--user <id|username>', 'the user whose device to preview (:userId)')
      .option('--users <n>', 'devices to cost against the org daily API limit', '1')
      .option('--param <name=value...>', "values of the scope's declared parameters")
      .option('--json', 'print the preview as JSON'),
  ).action(async (file: string, options: Record<string, unknown>) => {
    const { previewCommand } = await import('../commands/preview.ts');
    await previewCommand(file, options, io);
  });
};
