/** `syncscope org start`'s options and help; the work is commands/org.ts, loaded when it runs. */

import type { RegisterCommand } from '../cli-io.ts';
import type { OrgStartOptions } from '../commands/org.ts';

export const registerOrg: RegisterCommand = (program, io) => {
  const org = program
    .command('org')
    .description('The embedded org: a local Salesforce REST API over SQLite.');
  org
    .command('start')
    .description(
      'Serve the embedded org on 127.0.0.1 until Ctrl-C or SIGTERM; prints its instance URL, access token, the demo client id and the demo sign-in.',
    )
    .option('--port <n>', 'TCP port on 127.0.0.1 (0 picks a free one)', '0')
    .option('--db <file>', 'keep the org in this SQLite file across restarts (default: in memory)')
    .option(
      '--seed <demo|none>',
      "data for a new org: 'demo' (technicians, accounts, work orders...) or 'none'",
      'demo',
    )
    .option('--records <n>', 'approximate number of demo records (default 5000)')
    .option('--token <token>', "the admin user's access token (default: a fresh 00D...!... token)")
    .option('--metadata <file>', 'a describe-shaped JSON file (or directory) of extra objects and fields')
    .option('--now <iso>', "stop the org's clock at this time (default: real time)")
    .action(async (options: OrgStartOptions) => {
      const { runOrgStart } = await import('../commands/org.ts');
      await runOrgStart(options, io);
    });
};
