/**
 * The request log of the runtime test harness: a transport that records each HTTP request a sync makes
 * (method, path, the SOQL decoded, a /composite call's subrequests) before passing it on unchanged, so a
 * test can assert exactly what was sent, as the scheduler tests do with their timer log.
 */

import type { Transport, TransportRequest } from '../../../src/runtime/transport.ts';

export interface LoggedRequest {
  readonly method: string;
  /** The path under `/services/data/vXX.X`, decoded; a query's is `/query` and its SOQL is in `soql`. */
  readonly path: string;
  /** The SOQL of a query request, decoded. */
  readonly soql?: string;
  /** A /composite call's subrequests, in order. */
  readonly subrequests?: readonly LoggedRequest[];
  /** What a subrequest carried (records to write), as sent. */
  readonly body?: unknown;
}

/** `GET /services/data/v62.0/query?q=SELECT...` -> method, `/query` and the SOQL. */
function logged(method: string, url: string): LoggedRequest {
  const path = url.replace(/^.*\/services\/data\/v[\d.]+/, '');
  const query = /^\/query\/?\?q=(.*)$/.exec(path);
  if (query) return { method, path: '/query', soql: decodeURIComponent(query[1]!.replace(/\+/g, ' ')) };
  return { method, path: decodeURIComponent(path) };
}

function line(request: LoggedRequest): string {
  return `${request.method} ${request.path}${request.soql === undefined ? '' : ` ${request.soql}`}`;
}

export class RequestLog implements Transport {
  readonly requests: LoggedRequest[] = [];

  /** Present when the inner transport has it, so the engine's retry after a 401 is what it would be. */
  readonly refreshSession?: () => PromiseLike<unknown>;

  constructor(private readonly inner: Transport & { readonly accessToken?: string | null }) {
    if (inner.refreshSession) this.refreshSession = () => inner.refreshSession!();
  }

  get instanceUrl(): string | null | undefined {
    return this.inner.instanceUrl;
  }

  /** The inner connection's token, so the engine redacts it as it would the connection's own. */
  get accessToken(): string | null | undefined {
    return this.inner.accessToken;
  }

  request<R = unknown>(request: TransportRequest): PromiseLike<R> {
    const entry = logged(request.method, request.url);
    if (entry.path === '/composite' && request.body !== undefined) {
      const body = JSON.parse(request.body) as {
        compositeRequest: { method: string; url: string; body?: unknown }[];
      };
      this.requests.push({
        ...entry,
        subrequests: body.compositeRequest.map((sub) => ({
          ...logged(sub.method, sub.url),
          ...(sub.body === undefined ? {} : { body: sub.body }),
        })),
      });
    } else this.requests.push(entry);
    return this.inner.request<R>(request);
  }

  /** One line per request, a /composite call's subrequests indented under it: `GET /query SELECT ...`. */
  lines(): string[] {
    return this.requests.flatMap((request) => [
      line(request),
      ...(request.subrequests ?? []).map((sub) => `  ${line(sub)}`),
    ]);
  }

  /** Forgets what was logged (between the steps of a test). */
  clear(): void {
    this.requests.length = 0;
  }
}
