/**
 * What `device sync`'s flags accept and default to, and the exit code its --wait can end with: shared by
 * the command's definition (help, option parsing) and its work (commands/device.ts).
 */

import { CliError } from './cli-error.ts';

/**
 * Exit code of a sync that did not run because another one of the same database was still running after
 * --wait (sysexits' EX_TEMPFAIL: try again later), so scripts can tell it from a failed sync (1).
 */
export const EXIT_SYNC_BUSY = 75;

/** `device sync --username`: environment variables read when the flags are not given. */
export const CLIENT_ID_ENV = 'SYNCSCOPE_CLIENT_ID';
export const CLIENT_SECRET_ENV = 'SYNCSCOPE_CLIENT_SECRET';
export const PASSWORD_ENV = 'SYNCSCOPE_PASSWORD';
/**
 * A second sync waits for the first rather than refusing: whoever asked for it wants the changes queued
 * since the first began to go up, and a cron job or a user pressing twice should not see a failure. The
 * wait is bounded, so a script never hangs on a sync that does not end.
 */
export const DEFAULT_WAIT_SECONDS = 120;

export function parseSeconds(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new CliError(`--wait wants whole seconds (0 or more), got "${value}"`);
  return n;
}

export function parseInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`not a positive integer: ${value}`);
  return n;
}
