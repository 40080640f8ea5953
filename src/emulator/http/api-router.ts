/**
 * Routes REST API requests (`/services/data/vXX.X/...`) to synchronous handlers with find-my-way, the
 * router inside fastify. Being synchronous, the same dispatch serves HTTP requests and `/composite`
 * subrequests inside one SQLite transaction, with nothing interleaved.
 */

import FindMyWay from 'find-my-way';
import { redact } from '../../shared/redact.ts';
import { ApiError } from '../api-error.ts';
import type { ApiHandler, ApiRequest, ApiResponse } from './api-types.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'HEAD';
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

/**
 * The versions the embedded org serves: 31.0 (Summer '14) to 67.0 (Summer '26), as Salesforce does
 * since Summer '25 retired 21.0 to 30.0 (7.0 to 20.0 went in Summer '22).
 */
export const OLDEST_VERSION = 31;
export const LATEST_VERSION = 67;

const VERSION_PATH = /^\/services\/data\/v(\d{1,3}\.0)(\/.*)?$/;

export function isSupportedVersion(version: string): boolean {
  const major = Number(version.split('.')[0]);
  return version.endsWith('.0') && major >= OLDEST_VERSION && major <= LATEST_VERSION;
}

/** Splits `/services/data/v62.0/sobjects?x=1` into version, rest-of-path and query. */
export function parseApiUrl(
  url: string,
): { version: string; path: string; query: URLSearchParams } | undefined {
  const q = url.indexOf('?');
  const pathPart = q >= 0 ? url.slice(0, q) : url;
  const match = VERSION_PATH.exec(pathPart);
  if (!match) return undefined;
  return {
    version: match[1] as string,
    path: match[2] && match[2] !== '/' ? match[2].replace(/\/+$/, '') : '/',
    query: new URLSearchParams(q >= 0 ? url.slice(q + 1) : ''),
  };
}

/**
 * A retired version (below 31.0) is 410 Gone, as Salesforce answers it ("REST API returns 410: GONE",
 * Platform API Versions 21.0 through 30.0 Retirement); a version newer than the org's is 404.
 */
export function unsupportedVersion(version: string): ApiError {
  const major = Number(version.split('.')[0]);
  return new ApiError(
    major < OLDEST_VERSION ? 410 : 404,
    'NOT_FOUND',
    'The requested resource does not exist',
  );
}

export class ApiRouter {
  private readonly router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 2000 });

  on(methods: HttpMethod | readonly HttpMethod[], path: string, handler: ApiHandler): void {
    this.router.on(typeof methods === 'string' ? methods : [...methods], path, () => undefined, handler);
  }

  /** Runs the handler for `request`; errors become Salesforce-shaped responses. */
  dispatch(request: Omit<ApiRequest, 'path'> & { path: string }): ApiResponse {
    try {
      if (!isSupportedVersion(request.version)) throw unsupportedVersion(request.version);
      const found = this.router.find(request.method as HttpMethod, request.path);
      if (!found) {
        const allowed = METHODS.filter((m) => m !== request.method && this.router.find(m, request.path));
        if (allowed.length > 0)
          throw new ApiError(
            405,
            'METHOD_NOT_ALLOWED',
            `HTTP Method '${request.method}' not allowed. Allowed are ${allowed.join(',')}`,
          );
        throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
      }
      const params: Record<string, string> = {};
      for (const [key, value] of Object.entries(found.params)) if (value !== undefined) params[key] = value;
      return (found.store as ApiHandler)(request, params);
    } catch (error) {
      return errorResponse(error);
    }
  }
}

/** An ApiError as its response; anything else is an internal error whose details are not leaked. */
export function errorResponse(error: unknown): ApiResponse {
  if (error instanceof ApiError) return { status: error.status, body: error.toBody() };
  if (error instanceof Error && /^SQLITE_/.test((error as { code?: string }).code ?? ''))
    return {
      status: 500,
      body: [
        {
          message: `An unexpected database error occurred: ${redact(error.message)}`,
          errorCode: 'UNKNOWN_EXCEPTION',
          fields: [],
        },
      ],
    };
  const message = redact(error instanceof Error ? error.message : String(error));
  return {
    status: 500,
    body: [
      { message: `An unexpected error occurred: ${message}`, errorCode: 'UNKNOWN_EXCEPTION', fields: [] },
    ],
  };
}
