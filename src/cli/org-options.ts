/**
 * The org flags every org-facing command takes, and their defaults: what `--help` shows. Apart from
 * connect-org.ts (which opens the jsforce connection) so that defining the program loads no jsforce.
 */

import type { Command } from 'commander';
// A module without imports: cheap for `--help` to load.
import { DEFAULT_API_VERSION } from '../compiler/query-limits.ts';

export { DEFAULT_API_VERSION };

/** Environment variable read when `--org-url` is given without `--token`. */
export const TOKEN_ENV = 'SYNCSCOPE_ACCESS_TOKEN';

/** Adds `--target-org`, `--org-url`, `--token` and `--api-version` to a command. */
export function addOrgOptions(command: Command): Command {
  return command
    .option('--target-org <alias>', 'an org logged in with the sf CLI (alias or username)')
    .option('--org-url <url>', 'instance URL of an org, with --token')
    .option('--token <token>', `access token for --org-url (or set ${TOKEN_ENV})`)
    .option('--api-version <version>', 'REST API version', DEFAULT_API_VERSION);
}
