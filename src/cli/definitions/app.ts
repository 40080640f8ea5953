/** `syncscope app`'s options and help; the work is commands/app.ts, loaded when it runs. */

import type { Command } from 'commander';
import type { CliIo, RegisterCommand } from '../cli-io.ts';
import { EXAMPLE_SCOPE } from '../example-scope.ts';
import { DEFAULT_API_VERSION } from '../org-options.ts';

export const registerApp: RegisterCommand = (program: Command, io: CliIo) => {
  program
    .command('app')
    .description('serve the field app for technicians (embedded demo org unless --instance-url is given)')
    .option('--port <n>', 'port (0: any free port)', '0')
    .option('--scope <file>', 'the scope to publish on the embedded org', EXAMPLE_SCOPE)
    .option('--instance-url <url>', "a real org's instance URL (with --client-id)")
    .option('--client-id <key>', "the org's connected app consumer key (PKCE, this app's URL as callback)")
    .option('--scope-name <name>', "the published scope the app runs (default: the --scope file's name)")
    .option('--api-version <version>', 'REST API version', DEFAULT_API_VERSION)
    .action(async (options: Record<string, unknown>) => {
      const { appCommand } = await import('../commands/app.ts');
      await appCommand(options, io);
    });
};
