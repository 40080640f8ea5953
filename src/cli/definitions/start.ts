/** `syncscope start`'s options and help; the work is commands/start.ts, loaded when it runs. */

import type { Command } from 'commander';
import { DEFAULT_PORT } from '../../server/default-port.ts';
import type { CliIo, RegisterCommand } from '../cli-io.ts';
import { EXAMPLE_SCOPE } from '../example-scope.ts';
import { addOrgOptions } from '../org-options.ts';

export const registerStart: RegisterCommand = (program: Command, io: CliIo) => {
  addOrgOptions(
    program
      .command('start')
      .description('open the config tool with the example scope on the embedded demo org (npm start)')
      .option('--port <n>', 'port (0: any free port)', String(DEFAULT_PORT))
      .option('--scope <file>', 'the scope file to open', EXAMPLE_SCOPE)
      .option('--app-port <n>', 'port of the field app (embedded org only; 0: any free port)', '0'),
  ).action(async (options: Record<string, unknown>) => {
    const { startCommand } = await import('../commands/start.ts');
    await startCommand(options, io);
  });
};
