/**
 * The device simulator's way to the org: the page sends one REST call as an OrgRequest, the server
 * sends it with its own token and returns the org's answer as it came (status, a few headers, body).
 * Only paths under /services/data on the connected org's host are allowed, only a few request headers
 * pass, and the token never appears in what goes back.
 */

import type { Connection } from 'jsforce';
import type { OrgMethod, OrgRequest, OrgResponse } from '../org/api-types.ts';
import { HttpError, badRequest } from './http-error.ts';
import { redact } from '../shared/redact.ts';

const METHODS: readonly OrgMethod[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
const FORWARDED_REQUEST_HEADERS = [
  'sforce-query-options',
  'if-unmodified-since',
  'if-modified-since',
  'if-match',
  'if-none-match',
  'sforce-auto-assign',
];
const RETURNED_RESPONSE_HEADERS = ['content-type', 'last-modified', 'sforce-limit-info', 'etag'];

/** Checks an OrgRequest from the page; returns the absolute URL on the org. */
export function checkOrgRequest(request: unknown, instanceUrl: string): { method: OrgMethod; url: URL } {
  if (!request || typeof request !== 'object') throw badRequest('the body must be an OrgRequest object');
  const { method, url } = request as Partial<OrgRequest>;
  if (typeof method !== 'string' || !METHODS.includes(method as OrgMethod)) {
    throw badRequest(`method must be one of ${METHODS.join(', ')}`);
  }
  if (typeof url !== 'string' || !url.startsWith('/services/data/')) {
    throw new HttpError(403, 'FORBIDDEN', 'only paths under /services/data/ can be proxied to the org');
  }
  // No way out of /services/data: no dot segments (raw or encoded), backslashes or control characters.
  const path = url.split('?')[0]!;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/(^|\/)\.{1,2}(\/|$)|%2e|%2f|%5c|\\|[\u0000-\u0020]/i.test(path)) {
    throw new HttpError(403, 'FORBIDDEN', `path not allowed: ${path}`);
  }
  const base = new URL(instanceUrl);
  const target = new URL(url, base);
  if (target.origin !== base.origin || !target.pathname.startsWith('/services/data/')) {
    throw new HttpError(403, 'FORBIDDEN', 'only paths under /services/data/ can be proxied to the org');
  }
  return { method: method as OrgMethod, url: target };
}

/** Sends one checked request to the org with the connection's token; one retry after a token refresh. */
export async function proxyOrgRequest(connection: Connection, request: OrgRequest): Promise<OrgResponse> {
  const { method, url } = checkOrgRequest(request, connection.instanceUrl);
  const headers: Record<string, string> = { Accept: 'application/json' };
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (!FORWARDED_REQUEST_HEADERS.includes(name.toLowerCase()) || typeof value !== 'string') continue;
    // A line break would end the header (or smuggle another); fetch refuses it, which read as "org unreachable".
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value))
      throw badRequest(`the ${name} header holds a line break or another control character`);
    headers[name] = value;
  }
  let body: string | undefined;
  if (request.body !== undefined && method !== 'GET') {
    body = JSON.stringify(request.body);
    headers['Content-Type'] = 'application/json';
  }
  const send = (token: string): Promise<Response> =>
    fetch(url, {
      method,
      headers: { ...headers, Authorization: `Bearer ${token}` },
      body,
      redirect: 'manual',
    });

  let response: Response;
  try {
    const tokenBefore = connection.accessToken ?? '';
    response = await send(tokenBefore);
    if (response.status === 401 && (await refreshed(connection, tokenBefore))) {
      response = await send(connection.accessToken ?? '');
    }
  } catch (error) {
    throw new HttpError(
      502,
      'ORG_UNREACHABLE',
      `could not reach the org: ${redact((error as Error).message)}`,
    );
  }
  const returned: Record<string, string> = {};
  for (const name of RETURNED_RESPONSE_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) returned[name] = value;
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, headers: returned, body: parsed };
}

/**
 * Lets jsforce refresh an expired session (connections from --target-org carry a refresh token): a
 * cheap authenticated call goes through jsforce's own refresh logic. True when the token changed.
 */
async function refreshed(connection: Connection, tokenBefore: string): Promise<boolean> {
  try {
    await connection.request(`/services/data/v${connection.version}/limits`);
  } catch {
    // The refresh failed or there is nothing to refresh with: the page gets the org's 401.
  }
  return (connection.accessToken ?? '') !== tokenBefore;
}
