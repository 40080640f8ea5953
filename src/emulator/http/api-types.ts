/** The REST API's requests and responses as the emulator's handlers see them (transport-free). */

export interface ApiRequest {
  readonly method: string;
  /** The path after `/services/data/vXX.X` (`/sobjects/Account`), without the query string. */
  readonly path: string;
  /** The full URL as requested (path and query). */
  readonly url: string;
  /** API version of the path (`62.0`). */
  readonly version: string;
  readonly query: URLSearchParams;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
  /** The user the session belongs to. */
  readonly userId: string;
  /** True for a subrequest of `/composite` (runs inside the composite's transaction). */
  readonly subrequest: boolean;
}

export interface ApiResponse {
  readonly status: number;
  /** JSON body; undefined for 204. */
  readonly body?: unknown;
  /** Raw bytes instead of JSON (blob fields). */
  readonly bytes?: Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

export type ApiHandler = (request: ApiRequest, params: Readonly<Record<string, string>>) => ApiResponse;

export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
  return headers ? { status, body, headers } : { status, body };
}

export const NO_CONTENT: ApiResponse = { status: 204 };
