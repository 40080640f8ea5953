/**
 * The page's side of POST /api/org/request: a runtime Transport (src/runtime/transport.ts) whose calls
 * go through the config server, so the device simulator runs the real sync engine in the browser without
 * ever holding the org's token. Browser-safe: no Node imports.
 *
 *   const engine = new SyncEngine({ transport: createProxyTransport(), ... });
 */

import type { Transport, TransportRequest } from '../runtime/transport.ts';
import { API_ROUTES, type ApiErrorBody, type OrgRequest, type OrgResponse } from '../org/api-types.ts';

/** An error shaped as jsforce throws them: `errorCode`, `statusCode`, `data` (the org's error body). */
export class OrgRequestError extends Error {
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

export interface ProxyTransportOptions {
  /** Origin of the config server; default: the page's own (relative URLs). */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  /** The org's instance URL if known (the runtime uses it to keep query URLs under the limit). */
  readonly instanceUrl?: string | null;
}

export function createProxyTransport(options: ProxyTransportOptions = {}): Transport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const endpoint = `${options.baseUrl ?? ''}${API_ROUTES.orgRequest}`;
  return {
    instanceUrl: options.instanceUrl ?? null,
    async request<R = unknown>(request: TransportRequest): Promise<R> {
      const payload: OrgRequest = {
        method: request.method,
        url: request.url,
        ...(request.body !== undefined ? { body: JSON.parse(request.body) as unknown } : {}),
        ...(request.headers ? { headers: request.headers } : {}),
      };
      const response = await doFetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
      });
      const envelope = (await response.json()) as OrgResponse | ApiErrorBody;
      if (!response.ok || 'error' in envelope) {
        const error = (envelope as ApiErrorBody).error;
        throw new OrgRequestError(
          error?.message ?? `proxy answered ${response.status}`,
          error?.code ?? 'PROXY_ERROR',
          response.status,
          envelope,
        );
      }
      const org = envelope as OrgResponse;
      if (org.status >= 400) {
        const first = Array.isArray(org.body)
          ? (org.body[0] as { message?: string; errorCode?: string } | undefined)
          : undefined;
        throw new OrgRequestError(
          first?.message ?? `the org answered HTTP ${org.status}`,
          first?.errorCode ?? `ERROR_HTTP_${org.status}`,
          org.status,
          org.body,
        );
      }
      return (org.status === 204 ? undefined : org.body) as R;
    },
  };
}
