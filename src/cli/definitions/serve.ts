/** `syncscope serve`'s options and help; the work is commands/serve.ts, loaded when it runs. */

import type { Command } from 'commander';
import { DEFAULT_PORT } from '../../server/default-port.ts';
import type { CliIo, RegisterCommand } from '../cli-io.ts';
import { addOrgOptions } from '../org-options.ts';

export const registerServe: RegisterCommand = (program: Command, io: CliIo) => {
  addOrgOptions(
    program
      .command('serve')
      .description('serve the config tool on http://127.0.0.1 (embedded demo org unless an org is given)')
      .option('--port <n>', `port (0: any free port)`, String(DEFAULT_PORT))
      .option('--scope <file>', 'the scope file to open and save')
      .option('--no-ui', 'serve the API only (no page, no build)'),
  ).action(async (options: Record<string, unknown>) => {
    const { serveCommand } = await import('../commands/serve.ts');
    await serveCommand(options, io);
  });
};
