/**
 * `POST /services/oauth2/token` (form-encoded) and `POST|GET /services/oauth2/revoke`, in Salesforce's
 * wire format:
 * - `grant_type=authorization_code`: code (single use, 15 min), client_id, redirect_uri (as at authorize),
 *   code_verifier (S256 of it = the code_challenge) -> access_token and refresh_token;
 * - `grant_type=refresh_token`: refresh_token, client_id (the app it was issued to) -> a new access_token;
 *   a revoked or unknown one: 400 invalid_grant "expired access/refresh token";
 * - `grant_type=password` (the username-password flow, for scripts): client_id, username, password,
 *   optional client_secret -> an access_token, no refresh_token.
 * A success is `{access_token, [refresh_token], signature, scope, instance_url, id, token_type, issued_at}`
 * where signature = Base64(HMAC-SHA256(consumer secret, id + issued_at)); an error is
 * `400 {"error", "error_description"}`.
 */

import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmbeddedOrg } from '../org.ts';
import { findConnectedApp, type ConnectedApp } from '../oauth/connected-apps.ts';
import { s256 } from '../oauth/oauth-grants.ts';
import { checkPassword } from '../oauth/passwords.ts';
import { DEMO_CLIENT_SECRET } from '../seed/demo-ids.ts';

export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(`${error}: ${description}`);
  }
}

export function instanceUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? '127.0.0.1'}`;
}

function sendOAuthJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/json;charset=UTF-8')
    .header('cache-control', 'no-cache,must-revalidate,max-age=0,no-store,private')
    .send(JSON.stringify(body));
}

function sendOAuthError(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof OAuthError)) throw error;
  return sendOAuthJson(reply, error.status, { error: error.error, error_description: error.description });
}

/** The form fields of a token/revoke request (the body; a query string counts too, as Salesforce reads both). */
function formFields(request: FastifyRequest): Record<string, string> {
  const fields: Record<string, string> = {};
  const query = request.query as Record<string, unknown> | undefined;
  for (const source of [query, request.body])
    if (source && typeof source === 'object')
      for (const [key, value] of Object.entries(source as Record<string, unknown>))
        if (typeof value === 'string') fields[key] = value;
  return fields;
}

/** The connected app of `client_id`, with its secret checked when one is given. */
export function clientOf(org: EmbeddedOrg, clientId: string | undefined, secret?: string): ConnectedApp {
  const app = clientId ? findConnectedApp(org.db, clientId) : undefined;
  if (!app) throw new OAuthError('invalid_client_id', 'client identifier invalid');
  // An empty client_secret is none (jsforce sends `client_secret=` when it has no secret).
  if (secret && secret !== app.consumerSecret)
    throw new OAuthError('invalid_client', 'invalid client credentials');
  return app;
}

function activeUser(org: EmbeddedOrg, userId: string): boolean {
  return org.store.row('User', userId)?.IsActive === 1;
}

function tokenResponse(
  org: EmbeddedOrg,
  request: FastifyRequest,
  grant: { userId: string; accessToken: string; refreshToken?: string; scopes: readonly string[] },
  secret: string,
): Record<string, string> {
  const base = instanceUrl(request);
  const id = `${base}/id/${org.orgId}/${grant.userId}`;
  const issuedAt = String(org.clock.nowMs());
  return {
    access_token: grant.accessToken,
    ...(grant.refreshToken ? { refresh_token: grant.refreshToken } : {}),
    signature: createHmac('sha256', secret)
      .update(id + issuedAt)
      .digest('base64'),
    scope: grant.scopes.join(' '),
    instance_url: base,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
}

function authorizationCodeGrant(org: EmbeddedOrg, request: FastifyRequest, form: Record<string, string>) {
  const app = clientOf(org, form.client_id, form.client_secret);
  if (!form.code) throw new OAuthError('invalid_grant', 'invalid authorization code');
  const redemption = org.oauth.redeemCode(form.code, org.clock.nowMs());
  if (redemption.kind === 'reused') {
    // A replayed code may be an interception: what it gave is revoked too (RFC 6749 section 4.1.2).
    if (redemption.refreshToken) org.revokeRefreshToken(redemption.refreshToken);
    throw new OAuthError('invalid_grant', 'invalid authorization code');
  }
  if (redemption.kind === 'unknown') throw new OAuthError('invalid_grant', 'invalid authorization code');
  if (redemption.kind === 'expired') throw new OAuthError('invalid_grant', 'expired authorization code');
  const { grant } = redemption;
  if (grant.clientId !== app.consumerKey) throw new OAuthError('invalid_grant', 'invalid authorization code');
  if (form.redirect_uri !== grant.redirectUri)
    throw new OAuthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
  if (grant.codeChallenge !== undefined || app.requirePkce) {
    const verifier = form.code_verifier;
    if (!verifier || grant.codeChallenge === undefined || s256(verifier) !== grant.codeChallenge)
      throw new OAuthError('invalid_grant', 'invalid code verifier');
  }
  if (!activeUser(org, grant.userId)) throw new OAuthError('invalid_grant', 'inactive user');
  const refreshToken = grant.scopes.includes('refresh_token')
    ? org.oauth.issueRefreshToken({ userId: grant.userId, clientId: app.consumerKey, scopes: grant.scopes })
    : undefined;
  if (refreshToken) org.oauth.noteCodeRefreshToken(form.code, refreshToken);
  const accessToken = org.createSession(grant.userId, refreshToken);
  return tokenResponse(
    org,
    request,
    { userId: grant.userId, accessToken, ...(refreshToken ? { refreshToken } : {}), scopes: grant.scopes },
    app.consumerSecret,
  );
}

function refreshTokenGrant(org: EmbeddedOrg, request: FastifyRequest, form: Record<string, string>) {
  const grant = form.refresh_token ? org.oauth.refreshGrant(form.refresh_token) : undefined;
  if (!grant || !form.refresh_token) throw new OAuthError('invalid_grant', 'expired access/refresh token');
  // The admin's token of startOrg() works with any client (or none); the others only with their app.
  const app =
    grant.clientId === undefined
      ? form.client_id
        ? findConnectedApp(org.db, form.client_id)
        : undefined
      : clientOf(org, form.client_id, form.client_secret);
  if (grant.clientId !== undefined && app?.consumerKey !== grant.clientId)
    throw new OAuthError('invalid_client_id', 'client identifier invalid');
  if (!activeUser(org, grant.userId)) throw new OAuthError('invalid_grant', 'inactive user');
  const accessToken = org.createSession(grant.userId, form.refresh_token);
  return tokenResponse(
    org,
    request,
    { userId: grant.userId, accessToken, scopes: grant.scopes },
    app?.consumerSecret ?? DEMO_CLIENT_SECRET,
  );
}

/** The user of a username (Salesforce usernames are case-insensitive), if active. */
export function userOfUsername(org: EmbeddedOrg, username: string): string | undefined {
  const row = org.db
    .prepare(
      `SELECT "Id" FROM "User" WHERE lower("Username") = lower(?) AND "IsActive" = 1 AND "IsDeleted" = 0`,
    )
    .get(username.trim()) as { Id: string } | undefined;
  return row?.Id;
}

function passwordGrant(org: EmbeddedOrg, request: FastifyRequest, form: Record<string, string>) {
  const app = clientOf(org, form.client_id, form.client_secret);
  const userId = form.username ? userOfUsername(org, form.username) : undefined;
  if (!userId || !form.password || !checkPassword(org.db, userId, form.password))
    throw new OAuthError('invalid_grant', 'authentication failure');
  const scopes = app.scopes.filter((scope) => scope !== 'refresh_token');
  const accessToken = org.createSession(userId);
  return tokenResponse(org, request, { userId, accessToken, scopes }, app.consumerSecret);
}

export function registerOAuthToken(app: FastifyInstance, org: EmbeddedOrg): void {
  app.post('/services/oauth2/token', async (request, reply) => {
    const form = formFields(request);
    try {
      switch (form.grant_type) {
        case 'authorization_code':
          return sendOAuthJson(reply, 200, authorizationCodeGrant(org, request, form));
        case 'refresh_token':
          return sendOAuthJson(reply, 200, refreshTokenGrant(org, request, form));
        case 'password':
          return sendOAuthJson(reply, 200, passwordGrant(org, request, form));
        default:
          throw new OAuthError('unsupported_grant_type', 'grant type not supported');
      }
    } catch (error) {
      return sendOAuthError(reply, error);
    }
  });

  // "If a refresh token is included, Salesforce revokes it and any associated access tokens."
  const revoke = async (request: FastifyRequest, reply: FastifyReply) => {
    const { token } = formFields(request);
    if (!token) return sendOAuthError(reply, new OAuthError('unsupported_token_type', 'missing token'));
    if (org.revokeRefreshToken(token) || org.endSession(token)) return reply.code(200).send();
    return sendOAuthError(reply, new OAuthError('invalid_token', 'invalid token'));
  };
  app.post('/services/oauth2/revoke', revoke);
  app.get('/services/oauth2/revoke', revoke);
}
