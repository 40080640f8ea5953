/**
 * The one network effect of the runtime: the REST surface of a jsforce `Connection` that the engine uses.
 * A jsforce (or @salesforce/core) Connection satisfies it as is; tests wrap one to inject faults.
 *
 * Everything goes through `request` with paths under `/services/data/vXX.X/`, so the engine controls
 * exactly which calls are made (and counts them as the org's API limit does).
 */

export type TransportMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface TransportRequest {
  method: TransportMethod;
  /** A path starting with `/services/data/`, resolved against the instance URL by the transport. */
  url: string;
  /** JSON text. */
  body?: string;
  headers?: { [name: string]: string };
}

export interface Transport {
  /** Sends one HTTP request and resolves to the parsed JSON body; rejects with the API's error. */
  request<R = unknown>(request: TransportRequest): PromiseLike<R>;
  /** The org's base URL (counts toward the 16 KB URL limit when known). */
  readonly instanceUrl?: string | null;
  /**
   * Optional: gets a fresh access token. Called at most once per sync after a 401 INVALID_SESSION_ID.
   * (A jsforce Connection built with a refresh token already refreshes by itself.)
   */
  refreshSession?(): PromiseLike<unknown>;
}

/** What the API's error carries, as jsforce exposes it (`errorCode`, `data`) or as thrown by a wrapper. */
export interface TransportErrorShape {
  readonly message?: string;
  readonly errorCode?: string;
  readonly name?: string;
  readonly statusCode?: number;
  readonly data?: unknown;
}
