/**
 * `syncscope device ...`'s subcommands, arguments, options and help; the work is commands/device.ts and
 * commands/device-changes.ts, loaded when a subcommand runs.
 */

import type { Command } from 'commander';
import type { CliIo, RegisterCommand } from '../cli-io.ts';
import type { EditOptions, SyncOptions } from '../commands/device.ts';
import type { ResolveOptions } from '../commands/device-changes.ts';
import {
  CLIENT_ID_ENV,
  CLIENT_SECRET_ENV,
  DEFAULT_WAIT_SECONDS,
  EXIT_SYNC_BUSY,
  parseInteger,
  parseSeconds,
  PASSWORD_ENV,
} from '../device-flags.ts';
import { TOKEN_ENV } from '../org-options.ts';

export const registerDeviceCommand: RegisterCommand = (program, io) => {
  const device = program
    .command('device')
    .description('Run the device runtime: sync a local database with an org, inspect it, queue changes.');

  device
    .command('sync')
    .description('Run one sync (upload local changes, then download) and print its summary.')
    .option('--plan <file>', 'the compiled sync plan (syncscope compile)')
    .option(
      '--scope-name <name>',
      'instead of --plan: follow the plan published for this scope in the org (checked at every sync)',
    )
    .requiredOption('--db <file>', 'the device database (SQLite; created if missing)')
    .option(
      '--user <userId>',
      "the running user's Id for :userId; must be the session's user (the default, asked of the org)",
    )
    .option('--org-url <url>', 'instance URL of the org (with --token)')
    .option('--token <token>', `access token (with --org-url; or set ${TOKEN_ENV})`)
    .option('--target-org <alias>', 'an sf CLI alias or username (uses its stored login)')
    .option('--param <name=value...>', 'a value for a plan parameter (repeatable)')
    .option('--page-size <n>', 'query page size hint, 200..2000', parseInteger)
    .option(
      '--username <username>',
      'instead of --plan/--scope-name: sign in as this user and follow the scope the org assigns them',
    )
    .option('--password <password>', `with --username (or set ${PASSWORD_ENV})`)
    .option(
      '--login-url <url>',
      'with --username: where to sign in (https://login.salesforce.com, a My Domain URL; default: --org-url)',
    )
    .option(
      '--client-id <key>',
      `with --username: the connected app's consumer key (or set ${CLIENT_ID_ENV})`,
    )
    .option(
      '--client-secret <secret>',
      `with --username: its consumer secret, if it wants one (or set ${CLIENT_SECRET_ENV})`,
    )
    .option('--force', "install a plan of another scope, removing the device's records of the current one")
    .option(
      '--wait <seconds>',
      `how long to wait for another sync of the same --db to finish (0: refuse at once; exit ${EXIT_SYNC_BUSY} when it is still running)`,
      parseSeconds,
      DEFAULT_WAIT_SECONDS,
    )
    .action(async (options: SyncOptions) => {
      const { deviceSync } = await import('../commands/device.ts');
      await deviceSync(options, io);
    });

  device
    .command('dump')
    .description('Print the local records as JSON ({"<object>": [...]}), with pending changes on top.')
    .requiredOption('--db <file>', 'the device database')
    .option('--object <name>', 'only this object')
    .option(
      '--all',
      'also pending changes and conflicts: {"records": ..., "pendingChanges": ..., "conflicts": ...}',
    )
    .action(async (options: { db: string; object?: string; all?: boolean }) => {
      const { deviceDump } = await import('../commands/device.ts');
      await deviceDump(options, io);
    });

  device
    .command('edit')
    .description('Queue a local change as the app would (uploaded by the next sync).')
    .requiredOption('--db <file>', 'the device database')
    .requiredOption('--object <name>', 'the sObject')
    .option('--create', 'create a record (prints its local Id)')
    .option('--id <id>', 'update this record')
    .option('--delete <id>', 'delete this record')
    .option(
      '--set <Field=Value...>',
      'a field value; Field=text sets a string, Field:=JSON a number, boolean or null (e.g. Amount:=12.5)',
    )
    .action(async (options: EditOptions) => {
      const { deviceEdit } = await import('../commands/device.ts');
      await deviceEdit(options, io);
    });

  device
    .command('status')
    .description('Last sync, next sync due, pending changes, conflicts and watermarks.')
    .requiredOption('--db <file>', 'the device database')
    .option('--json', 'print as JSON')
    .action(async (options: { db: string; json?: boolean }) => {
      const { deviceStatus } = await import('../commands/device.ts');
      await deviceStatus(options, io);
    });

  registerDeviceChangeCommands(device, io);
};

/** Adds resolve, retry and undo under `device`. */
function registerDeviceChangeCommands(device: Command, io: CliIo): void {
  device
    .command('resolve')
    .description("Settle a conflict: keep your change, take the server's version, or choose per field.")
    .argument('<seq>', 'the change number (#N in `device status`)')
    .requiredOption('--db <file>', 'the device database')
    .option('--mine', 'send your change over the server version at the next sync')
    .option('--theirs', "drop your change and keep the server's version")
    .option('--field <Name=mine|theirs...>', 'choose per field (fields not named take the server value)')
    .action(async (seq: string, options: ResolveOptions) => {
      const { deviceResolve } = await import('../commands/device-changes.ts');
      await deviceResolve(seq, options, io);
    });

  device
    .command('retry')
    .description('Queue a failed change again, unchanged (after its cause was fixed on the server).')
    .argument('<seq>', 'the change number (#N in `device status`)')
    .requiredOption('--db <file>', 'the device database')
    .action(async (seq: string, options: { db: string }) => {
      const { deviceRetry } = await import('../commands/device-changes.ts');
      await deviceRetry(seq, options, io);
    });

  device
    .command('undo')
    .description('Drop a change that has not been uploaded; the server version shows again.')
    .argument('<seq>', 'the change number (#N in `device status`)')
    .requiredOption('--db <file>', 'the device database')
    .action(async (seq: string, options: { db: string }) => {
      const { deviceUndo } = await import('../commands/device-changes.ts');
      await deviceUndo(seq, options, io);
    });
}
