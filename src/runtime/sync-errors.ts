/**
 * One error class per stage, each carrying the error that caused it (Replicache's PullError/PushError).
 * Messages never include an access token or a full request URL with its query.
 */

import { redact } from '../shared/redact.ts';
import type { TransportErrorShape } from './transport.ts';

/** Why a request failed, as far as retrying is concerned. */
export type FailureKind =
  /** Session expired or invalid: refresh once, else stop. */
  | 'auth'
  /** REQUEST_LIMIT_EXCEEDED, 429, 5xx, network drop: back off and try later. */
  | 'transient'
  /** Anything else (bad query, missing object): retrying will not help. */
  | 'permanent';

/** A failed request to the org, classified. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly errorCode: string,
    readonly causedBy?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

const TRANSIENT_CODES = new Set([
  'REQUEST_LIMIT_EXCEEDED',
  'SERVER_UNAVAILABLE',
  'UNABLE_TO_LOCK_ROW',
  'QUERY_TIMEOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

/** Turns whatever a transport threw into an ApiRequestError. */
export function classifyTransportError(error: unknown, what: string): ApiRequestError {
  if (error instanceof ApiRequestError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as TransportErrorShape & {
    code?: string;
    cause?: { code?: string };
  };
  const code = String(shape.errorCode ?? shape.code ?? shape.cause?.code ?? shape.name ?? 'UNKNOWN_ERROR');
  const status = shape.statusCode ?? httpStatusFromCode(code);
  const message = `${what} failed: ${code}: ${redact(String(shape.message ?? error))}`;
  if (code === 'INVALID_SESSION_ID' || status === 401)
    return new ApiRequestError(message, 'auth', code, error);
  if (
    TRANSIENT_CODES.has(code) ||
    (status !== undefined && (status >= 500 || status === 429 || status === 420)) ||
    /socket hang up|network|fetch failed|terminated/i.test(String(shape.message ?? ''))
  )
    return new ApiRequestError(message, 'transient', code, error);
  return new ApiRequestError(message, 'permanent', code, error);
}

function httpStatusFromCode(code: string): number | undefined {
  const match = /^ERROR_HTTP_(\d{3})$/.exec(code);
  return match ? Number(match[1]) : undefined;
}

// The one redactor (src/shared/redact.ts), re-exported for the runtime's callers.
export { redact };

/** A sync that could not complete. `kind` tells the scheduler whether to back off. */
export class SyncError extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly phase: 'upload' | 'download' | 'reconcile' | 'plan',
    readonly causedBy?: unknown,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

/** A local create/update/delete that the plan does not allow; nothing was stored. */
export class LocalWriteError extends Error {
  constructor(
    message: string,
    readonly code:
      | 'UNKNOWN_OBJECT'
      | 'READ_ONLY_OBJECT'
      | 'FIELD_NOT_CREATEABLE'
      | 'FIELD_NOT_UPDATEABLE'
      | 'UNKNOWN_FIELD'
      | 'RECORD_NOT_FOUND'
      | 'INVALID_VALUE',
    readonly object: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'LocalWriteError';
  }
}
