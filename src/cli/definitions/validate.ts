/** `syncscope validate`'s arguments, options and help; the work is commands/validate.ts, loaded when it runs. */

import type { RegisterCommand } from '../cli-io.ts';
import type { ScopeCommandOptions } from '../scope-file.ts';

export const registerValidate: RegisterCommand = (program, io) => {
  program
    .command('validate')
    .description('Check a sync scope and print every problem at its JSON Pointer (exit 1 on errors).')
    .argument('<scope.json>', 'the sync scope file')
    .option(
      '--describe <dir|file>',
      'org metadata: a describe JSON file or a directory of <Object>.json describes',
    )
    .option('--json', 'print the diagnostics as a JSON array')
    .action(async (file: string, options: ScopeCommandOptions) => {
      const { validate } = await import('../commands/validate.ts');
      await validate(file, options, io);
    });
};
