/**
 * A PlanTransport over the browser's fetch with the signed-in user's token: how the page reads the
 * scope's published plan at sign-in (CORS to the org's REST API). The device syncs with its own
 * transport; this one only reads a few ContentVersion rows.
 */

import type { PlanTransport } from '../../runtime/index.ts';

export class OrgRequestError extends Error {
  override readonly name = 'OrgRequestError';
  constructor(
    message: string,
    readonly status: number,
    readonly errorCode: string,
  ) {
    super(message);
  }
}

export function orgFetchTransport(
  instanceUrl: string,
  accessToken: string,
  fetchImpl: typeof fetch = fetch,
): PlanTransport {
  return {
    async request<R>(request: Parameters<PlanTransport['request']>[0]): Promise<R> {
      const url = request.url.startsWith('http') ? request.url : `${instanceUrl}${request.url}`;
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: request.method,
          headers: {
            Accept: 'application/json',
            ...(request.headers ?? {}),
            Authorization: `Bearer ${accessToken}`,
          },
          ...(request.body !== undefined ? { body: request.body } : {}),
        });
      } catch {
        throw new OrgRequestError('the org cannot be reached (offline?)', 0, 'NETWORK');
      }
      const text = await response.text();
      const json: unknown = text === '' ? null : JSON.parse(text);
      if (!response.ok) {
        const first = Array.isArray(json) ? (json[0] as { errorCode?: string; message?: string }) : undefined;
        throw new OrgRequestError(
          first?.message ?? `HTTP ${response.status}`,
          response.status,
          first?.errorCode ?? `HTTP_${response.status}`,
        );
      }
      return json as R;
    },
  };
}
