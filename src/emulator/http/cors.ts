/**
 * CORS as Salesforce answers it: for an `Origin` on the org's allowlist, the REST API (`/services/data`)
 * and, with "Enable CORS for OAuth endpoints", `/services/oauth2/token|revoke|userinfo` answer with
 * `Access-Control-Allow-Origin: <that origin>`; their preflight `OPTIONS` is answered here, before any
 * session check or request counting. A preflight from an origin not on the list gets 403 and no CORS
 * headers (so the browser refuses); other requests carry no CORS headers. Requests without `Origin`
 * (the config server, the CLI, jsforce in Node) are not affected.
 */

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EmbeddedOrg } from '../org.ts';

export const CORS_ALLOWED_METHODS = 'GET, POST, PATCH, PUT, DELETE, HEAD, OPTIONS';
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'If-Modified-Since',
  'If-Unmodified-Since',
  'If-Match',
  'If-None-Match',
  'X-PrettyPrint',
  'X-SFDC-Session',
  'X-Requested-With',
  'Sforce-Auto-Assign',
  'Sforce-Call-Options',
  'Sforce-Query-Options',
  'Sforce-Mru',
  'Sforce-Enable-PKChunking',
  'Sforce-Duplicate-Rule-Header',
].join(', ');
/** Response headers a page may read (the API usage a client shows, the server's clock). */
export const CORS_EXPOSED_HEADERS = 'Sforce-Limit-Info, Date, Last-Modified, ETag';

const OAUTH_CORS_PATHS = new Set([
  '/services/oauth2/token',
  '/services/oauth2/revoke',
  '/services/oauth2/userinfo',
]);

/** Which CORS rules a path falls under: the REST API's, the OAuth endpoints', or none. */
function corsKind(path: string): 'api' | 'oauth' | undefined {
  const normalized = path.replace(/^\/+/, '/');
  if (normalized === '/services/data' || normalized.startsWith('/services/data/')) return 'api';
  if (OAUTH_CORS_PATHS.has(normalized.replace(/\/+$/, ''))) return 'oauth';
  return undefined;
}

/**
 * Adds CORS headers for an allowed origin; answers a preflight completely. Returns true when the request
 * has been answered (a preflight) and must go no further.
 */
export function applyCors(org: EmbeddedOrg, request: FastifyRequest, reply: FastifyReply): boolean {
  const origin = request.headers.origin;
  const path = (request.raw.url ?? '/').split('?')[0] as string;
  const kind = corsKind(path);
  if (typeof origin !== 'string' || kind === undefined) return false;
  const preflight =
    request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
  const allowed = org.corsAllows(origin) && (kind === 'api' || org.corsForOAuthEndpoints);
  reply.header('Vary', 'Origin');
  if (!allowed) {
    if (!preflight) return false;
    void reply.code(403).header('content-type', 'text/plain;charset=UTF-8').send('CORS origin not allowed');
    return true;
  }
  reply.header('Access-Control-Allow-Origin', origin);
  reply.header('Access-Control-Allow-Credentials', 'true');
  if (!preflight) {
    reply.header('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
    return false;
  }
  reply.header('Access-Control-Allow-Methods', CORS_ALLOWED_METHODS);
  reply.header('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS);
  reply.header('Access-Control-Max-Age', '86400');
  void reply.code(204).send();
  return true;
}
