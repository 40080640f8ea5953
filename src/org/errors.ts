/**
 * How the org services (this folder) fail: a kind that says what went wrong, a stable code and a message
 * the person can act on. The services know nothing of HTTP or exit codes; each host maps the kind once:
 * the config-tool server to a status (`httpErrorOf` in src/server), the CLI to an exit code
 * (src/cli/cli-error.ts `cliErrorOf`).
 */

import type { Diagnostic } from '../compiler/diagnostics.ts';

export type OrgServiceErrorKind =
  /** The input is wrong (a request field, a parameter value, a scope with errors, unreadable JSON). */
  | 'invalid'
  /** What was asked for does not exist (an object, a version, a file). */
  | 'not-found'
  /** Refused on purpose (a file outside the scope's folder, a folder the process may not write). */
  | 'forbidden'
  /** What is there is in the way (no scope file, a file that is not a scope, a folder with that name). */
  | 'conflict'
  /** The org answered with an error code for what was sent (a bad query, a field it does not have). */
  | 'org-refused'
  /** The org refused the session (INVALID_SESSION_ID): sign in again. */
  | 'org-session'
  /** The org's API request limit is used up (REQUEST_LIMIT_EXCEEDED). */
  | 'org-limit'
  /** The org could not be reached, or gave no usable answer. */
  | 'org-failed'
  /** The disk is full. */
  | 'disk-full'
  /** Anything else the service could not do. */
  | 'failed';

export interface OrgServiceErrorDetails {
  /** Every diagnostic, when the failure is a scope that does not compile or is not a scope. */
  readonly diagnostics?: readonly Diagnostic[];
  /** The org's own error code (`INVALID_FIELD`, ...), when the org refused. */
  readonly orgErrorCode?: string;
}

export class OrgServiceError extends Error {
  constructor(
    readonly kind: OrgServiceErrorKind,
    /** Stable and machine-readable: the API answers it as `error.code` (api-types.ts `ApiErrorBody`). */
    readonly code: string,
    message: string,
    readonly details: OrgServiceErrorDetails = {},
  ) {
    super(message);
    this.name = 'OrgServiceError';
  }
}

/** Wrong input, answered with the code BAD_REQUEST. */
export function invalidInput(message: string): OrgServiceError {
  return new OrgServiceError('invalid', 'BAD_REQUEST', message);
}
