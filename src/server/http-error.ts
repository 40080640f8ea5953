/**
 * A failure the API answers as `ApiErrorBody` (api-types.ts). Route handlers throw it, or an
 * OrgServiceError from src/org, which `httpErrorOf` maps to its status here and nowhere else; the
 * server's error handler (config-server.ts) turns either into the HTTP answer. Anything else thrown
 * becomes a 500 without internals.
 */

import { OrgServiceError, type OrgServiceErrorKind } from '../org/errors.ts';
import type { ApiDiagnostic, ApiErrorBody } from '../org/api-types.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { diagnostics?: readonly ApiDiagnostic[]; orgErrorCode?: string } = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, 'BAD_REQUEST', message);
}

/** The HTTP status of each kind of org-service failure: the one place the API decides it. */
const STATUS_OF: Readonly<Record<OrgServiceErrorKind, number>> = {
  invalid: 400,
  'not-found': 404,
  forbidden: 403,
  conflict: 409,
  // What the org refused is the request's fault (its scope, its query), not a gateway failure.
  'org-refused': 400,
  'org-session': 401,
  'org-limit': 429,
  'org-failed': 502,
  'disk-full': 507,
  failed: 500,
};

/** An org-service failure as the API answers it: same code, message and details, the kind's status. */
export function httpErrorOf(error: OrgServiceError): HttpError {
  return new HttpError(STATUS_OF[error.kind], error.code, error.message, { ...error.details });
}

/** What a route threw, as an HttpError when it is one the API answers as it is (else undefined: a 500). */
export function asHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof OrgServiceError) return httpErrorOf(error);
  return undefined;
}
