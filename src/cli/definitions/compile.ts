/** `syncscope compile`'s arguments, options and help; the work is commands/compile.ts, loaded when it runs. */

import type { RegisterCommand } from '../cli-io.ts';
import type { CompileCommandOptions } from '../commands/compile.ts';

export const registerCompile: RegisterCommand = (program, io) => {
  program
    .command('compile')
    .description('Compile a sync scope into a sync plan (exit 1 on errors; no plan is written then).')
    .argument('<scope.json>', 'the sync scope file')
    .option('-o, --output <plan.json>', 'write the plan to this file')
    .option(
      '--describe <dir|file>',
      'org metadata: a describe JSON file or a directory of <Object>.json describes',
    )
    .option('--json', 'print {"diagnostics", "plan"} as JSON (with -o: the diagnostics array)')
    .action(async (file: string, options: CompileCommandOptions) => {
      const { compileCommand } = await import('../commands/compile.ts');
      await compileCommand(file, options, io);
    });
};
