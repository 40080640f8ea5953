/**
 * The runtime's Transport over the browser's fetch, signed in as the user (OAuth access token), for the
 * device in a page or in a worker. It speaks to the org directly (`${instanceUrl}${path}`, the org's CORS
 * allowlist admits the app's origin), so no server of ours sits between a technician and their org.
 *
 * Errors keep jsforce's shape (`errorCode`, `statusCode`, `data`) so the runtime's classifier
 * (src/runtime/sync-errors.ts) treats them exactly as it treats the CLI's; a network failure (fetch's
 * TypeError "Failed to fetch" / "Load failed") goes through unchanged for the classifier to call transient.
 *
 * Sessions: after a 401 the engine calls `refreshSession()` once per sync; it posts the refresh token to
 * `${instanceUrl}/services/oauth2/token` (Salesforce's wire format). A new token is handed to `onSession`
 * (the device stores it, the page keeps it); a refused refresh (revoked, expired) calls `onSessionExpired`
 * and the sync fails as 'auth', keeping every pending change for after the next sign-in.
 */

import type { Transport, TransportRequest } from '../../runtime/index.ts';
import type { DeviceSession } from './device-client.ts';

export interface FetchTransportOptions {
  /** The current session (read at every request, so a refreshed or new session applies at once). */
  readonly session: () => DeviceSession | null;
  /** A refreshed session (new access token). */
  readonly onSession: (session: DeviceSession) => void;
  /** The org refused the refresh token: the user must sign in again. */
  readonly onSessionExpired: () => void;
  /** Injected for tests; the global fetch otherwise. */
  readonly fetch?: typeof globalThis.fetch;
}

/** An HTTP error of the org's API, shaped as jsforce's (errorCode, statusCode, data). */
export class HttpApiError extends Error {
  constructor(
    message: string,
    readonly errorCode: string,
    readonly statusCode: number,
    readonly data: unknown,
  ) {
    super(message);
    this.name = errorCode;
  }
}

/** Raised when there is no session to send (signed out, or the refresh was refused). */
export class NoSessionError extends Error {
  readonly errorCode = 'INVALID_SESSION_ID';
  readonly statusCode = 401;
  constructor() {
    super('not signed in: sign in to sync');
    this.name = 'INVALID_SESSION_ID';
  }
}

export class FetchTransport implements Transport {
  readonly #options: FetchTransportOptions;
  readonly #fetch: typeof globalThis.fetch;
  /** One refresh at a time: parallel 401s share it. */
  #refreshing: Promise<DeviceSession> | null = null;
  /** The refresh token the org refused: not offered again (one "sign in again" per refusal). */
  #refused: string | undefined;

  constructor(options: FetchTransportOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get instanceUrl(): string | null {
    return this.#options.session()?.instanceUrl ?? null;
  }

  async request<R = unknown>(request: TransportRequest): Promise<R> {
    const session = this.#options.session();
    if (!session) throw new NoSessionError();
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...request.headers,
      Authorization: `Bearer ${session.accessToken}`,
    };
    if (request.body !== undefined) headers['Content-Type'] ??= 'application/json';
    const url = /^https?:\/\//.test(request.url) ? request.url : `${session.instanceUrl}${request.url}`;
    const response = await this.#fetch(url, {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw apiError(response.status, text);
    if (!text) return undefined as R;
    const type = response.headers.get('content-type') ?? '';
    // VersionData and other files come back as they were stored; the caller parses them (readVersion).
    if (!/json/i.test(type) && !/^\s*[[{]/.test(text)) return text as R;
    return JSON.parse(text) as R;
  }

  refreshSession(): Promise<DeviceSession> {
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #refresh(): Promise<DeviceSession> {
    const session = this.#options.session();
    if (!session) throw new NoSessionError();
    if (!session.refreshToken || session.refreshToken === this.#refused) {
      if (!session.refreshToken) this.#options.onSessionExpired();
      throw new NoSessionError();
    }
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: session.clientId,
      refresh_token: session.refreshToken,
    });
    // A network failure here is not a refusal: it propagates as is (transient), the session stays.
    const response = await this.#fetch(`${session.instanceUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: body.toString(),
    });
    const text = await response.text();
    if (!response.ok) {
      // 400 invalid_grant (revoked / expired refresh token) or 401 invalid_client: sign in again.
      if (response.status === 400 || response.status === 401 || response.status === 403) {
        this.#refused = session.refreshToken;
        this.#options.onSessionExpired();
      }
      throw oauthError(response.status, text);
    }
    const token = JSON.parse(text) as {
      access_token?: string;
      instance_url?: string;
      refresh_token?: string;
    };
    if (typeof token.access_token !== 'string') throw oauthError(response.status, text);
    const refreshed: DeviceSession = {
      ...session,
      accessToken: token.access_token,
      instanceUrl: token.instance_url ?? session.instanceUrl,
      // Salesforce keeps the refresh token unless rotation is on; a rotated one replaces it.
      ...(token.refresh_token ? { refreshToken: token.refresh_token } : {}),
    };
    this.#options.onSession(refreshed);
    return refreshed;
  }
}

/** Salesforce REST errors are `[{ message, errorCode, fields }]`; anything else keeps its status. */
function apiError(status: number, text: string): HttpApiError {
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // not JSON (a proxy's HTML page): the code says the status
  }
  const first = (Array.isArray(data) ? data[0] : data) as { errorCode?: unknown; message?: unknown } | null;
  const errorCode = first && typeof first.errorCode === 'string' ? first.errorCode : `ERROR_HTTP_${status}`;
  const message =
    first && typeof first.message === 'string' ? first.message : text.slice(0, 200) || `HTTP ${status}`;
  return new HttpApiError(message, errorCode, status, data);
}

/** OAuth errors are `{ error, error_description }`. */
function oauthError(status: number, text: string): HttpApiError {
  let data: { error?: string; error_description?: string } = {};
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    // not JSON
  }
  return new HttpApiError(
    `the session could not be refreshed: ${data.error_description ?? data.error ?? `HTTP ${status}`}`,
    data.error ?? `ERROR_HTTP_${status}`,
    status,
    data,
  );
}
