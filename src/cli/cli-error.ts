/**
 * Failures as the CLI reports them. `cliErrorOf` is the one place that decides the message and exit code
 * of what a command threw; main.ts prints the result as `error: <message>` without a stack trace.
 */

import { OrgServiceError } from '../org/errors.ts';

/** A failure the user can act on: printed as `error: <message>` without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * What a command threw, as the CLI reports it: a CliError as it is; an org-service failure (src/org) with
 * its message and exit code 1, whatever its kind (the code and kind are for the HTTP API; a script reading
 * the CLI only tells success from failure); undefined for anything unexpected.
 */
export function cliErrorOf(error: unknown): CliError | undefined {
  if (error instanceof CliError) return error;
  if (error instanceof OrgServiceError) return new CliError(error.message, 1);
  return undefined;
}
