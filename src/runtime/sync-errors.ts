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

/**
 * What went wrong, in the words a person needs (the field app and the simulator show them), decided by the
 * error's kind and never by its wording, which differs per browser and runtime:
 * - `offline`: no HTTP answer came (no network, refused, reset, timed out, DNS);
 * - `session`: the org answered that the session expired or is invalid;
 * - `apiLimit`: the org's API request limit (REQUEST_LIMIT_EXCEEDED, 429, 420);
 * - `server`: the org failed or is busy (5xx, SERVER_UNAVAILABLE, UNABLE_TO_LOCK_ROW, QUERY_TIMEOUT);
 * - `permanent`: anything else (a bad query, a missing object): retrying will not help.
 */
export type FailureReason = 'offline' | 'session' | 'apiLimit' | 'server' | 'permanent';

/** How the scheduler treats each reason: a session is refreshed once, the others back off or stop. */
export const RETRY_KIND: Readonly<Record<FailureReason, FailureKind>> = {
  offline: 'transient',
  session: 'auth',
  apiLimit: 'transient',
  server: 'transient',
  permanent: 'permanent',
};

/** A failed request to the org, classified. */
export class ApiRequestError extends Error {
  readonly kind: FailureKind;
  constructor(
    message: string,
    readonly reason: FailureReason,
    readonly errorCode: string,
    readonly causedBy?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
    this.kind = RETRY_KIND[reason];
  }

  /** Whether the org answered (an HTTP status came back): only such requests count as API calls. */
  get reachedOrg(): boolean {
    return this.reason !== 'offline';
  }
}

/**
 * Error codes of a connection that got no HTTP answer: Node's (on the error or, for fetch's
 * `TypeError: fetch failed`, on its `cause`), undici's UND_ERR_* and node-fetch's (jsforce's FetchError).
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
]);

const API_LIMIT_CODES = new Set(['REQUEST_LIMIT_EXCEEDED']);
/** jsforce's errors carry the org's errorCode but not the HTTP status: these codes are the org's 5xx. */
const SERVER_CODES = new Set([
  'SERVER_UNAVAILABLE',
  'UNABLE_TO_LOCK_ROW',
  'QUERY_TIMEOUT',
  'UNKNOWN_EXCEPTION',
]);
const SESSION_CODES = new Set(['INVALID_SESSION_ID']);

interface ErrorLike extends TransportErrorShape {
  readonly code?: unknown;
  readonly cause?: unknown;
  /** AggregateError (Node's fetch tries every address of a host). */
  readonly errors?: unknown;
}

function asErrorLike(value: unknown): ErrorLike | undefined {
  return typeof value === 'object' && value !== null ? (value as ErrorLike) : undefined;
}

function isNetworkCode(code: unknown): code is string {
  return typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR_'));
}

/** The network error code on the error, its causes or their aggregated errors (a few levels deep). */
function networkCodeOf(error: unknown, depth = 0): string | undefined {
  const shape = asErrorLike(error);
  if (!shape || depth > 4) return undefined;
  if (isNetworkCode(shape.code)) return shape.code;
  if (isNetworkCode(shape.errorCode)) return shape.errorCode;
  const nested = [shape.cause, ...(Array.isArray(shape.errors) ? (shape.errors as unknown[]) : [])];
  for (const inner of nested) {
    const code = networkCodeOf(inner, depth + 1);
    if (code) return code;
  }
  return undefined;
}

/**
 * Whether the request got no HTTP answer. Fetch rejects with a TypeError on any network failure, whatever
 * the browser writes in it ("Failed to fetch", "Load failed", "NetworkError when attempting to fetch
 * resource.", Node's "fetch failed"); a timeout signal rejects with a TimeoutError; Node's and undici's
 * socket errors carry a code. An error with an HTTP status did reach the org.
 */
export function isNoAnswer(error: unknown): boolean {
  const shape = asErrorLike(error);
  if (!shape) return false;
  if (typeof shape.statusCode === 'number') return false;
  if (networkCodeOf(error)) return true;
  return shape.name === 'TypeError' || shape.name === 'TimeoutError' || shape.name === 'NetworkError';
}

/** The reason of any error a transport (or the engine) threw. */
export function failureReasonOf(error: unknown): FailureReason {
  if (error instanceof ApiRequestError || error instanceof SyncError) return error.reason;
  if (isNoAnswer(error)) return 'offline';
  const shape = asErrorLike(error) ?? {};
  const code = String(shape.errorCode ?? shape.code ?? '');
  const status = shape.statusCode ?? httpStatusFromCode(code);
  if (SESSION_CODES.has(code) || status === 401) return 'session';
  if (API_LIMIT_CODES.has(code) || status === 429 || status === 420) return 'apiLimit';
  if (SERVER_CODES.has(code) || (status !== undefined && status >= 500)) return 'server';
  return 'permanent';
}

/** Turns whatever a transport threw into an ApiRequestError. */
export function classifyTransportError(error: unknown, what: string): ApiRequestError {
  if (error instanceof ApiRequestError) return error;
  const shape = asErrorLike(error) ?? {};
  const reason = failureReasonOf(error);
  const code = String(
    (reason === 'offline' ? networkCodeOf(error) : undefined) ??
      shape.errorCode ??
      shape.code ??
      networkCodeOf(error) ??
      shape.name ??
      'UNKNOWN_ERROR',
  );
  const message = `${what} failed: ${code}: ${redact(String(shape.message ?? error))}`;
  return new ApiRequestError(message, reason, code, error);
}

function httpStatusFromCode(code: string): number | undefined {
  const match = /^ERROR_HTTP_(\d{3})$/.exec(code);
  return match ? Number(match[1]) : undefined;
}

// The one redactor (src/shared/redact.ts), re-exported for the runtime's callers.
export { redact };

/** A sync that could not complete. `kind` tells the scheduler whether to back off. */
export class SyncError extends Error {
  /** For people: the reason of the request that failed it, else `permanent` (or `offline`, `transient`). */
  readonly reason: FailureReason;
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly phase: 'upload' | 'download' | 'reconcile' | 'plan',
    readonly causedBy?: unknown,
  ) {
    super(message);
    this.name = 'SyncError';
    this.reason =
      causedBy instanceof ApiRequestError
        ? causedBy.reason
        : kind === 'auth'
          ? 'session'
          : kind === 'transient'
            ? 'server'
            : 'permanent';
  }
}

/**
 * Why a sync failed, from what it threw: an error of the runtime (or one carrying a `kind`) says; anything
 * else is permanent.
 */
export function syncFailureOf(error: unknown): {
  readonly reason: FailureReason;
  readonly kind: FailureKind;
} {
  if (error instanceof ApiRequestError || error instanceof SyncError)
    return { reason: error.reason, kind: error.kind };
  const kind = (error as { kind?: unknown } | null)?.kind;
  if (kind === 'auth') return { reason: 'session', kind };
  if (kind === 'transient') return { reason: 'server', kind };
  return { reason: 'permanent', kind: 'permanent' };
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
