/**
 * `GET /services/oauth2/authorize` (the web server flow with PKCE) and the login form it posts back to.
 * - Unknown client_id or a redirect_uri the app does not accept: an error page (never a redirect, so a
 *   code or an error cannot be sent to a stranger's URL).
 * - Other request errors redirect to `redirect_uri?error=...&error_description=...&state=...`.
 * - A browser already logged in to this org (cookie from an earlier login) gets its code at once, unless
 *   `prompt=login`; otherwise the login page. A successful login redirects to
 *   `redirect_uri?code=...&state=...`; a failed one shows the page again with Salesforce's message.
 * Users are pre-approved for the org's connected apps (no "Allow access?" step).
 */

import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmbeddedOrg } from '../org.ts';
import { acceptsRedirect, findConnectedApp, type ConnectedApp } from '../oauth/connected-apps.ts';
import { CODE_LIFETIME_MS } from '../oauth/oauth-grants.ts';
import { checkPassword } from '../oauth/passwords.ts';
import { LOGIN_FAILED_MESSAGE, loginPage, oauthErrorPage } from './login-page.ts';
import { userOfUsername } from './oauth-token.ts';

/** The authorize parameters a login form carries back. */
const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'code_challenge',
  'code_challenge_method',
  'state',
  'scope',
  'prompt',
  'login_hint',
] as const;

const LOGIN_COOKIE = 'sid';

/** A redirect-borne error (RFC 6749 section 4.1.2.1). */
class RedirectError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

interface ValidRequest {
  readonly app: ConnectedApp;
  readonly redirectUri: string;
  readonly state: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly scopes: readonly string[];
}

type Checked =
  | { readonly kind: 'page'; readonly error: string; readonly description: string }
  | {
      readonly kind: 'redirect';
      readonly redirectUri: string;
      readonly state: string | undefined;
      readonly error: RedirectError;
    }
  | { readonly kind: 'valid'; readonly request: ValidRequest };

function stringParams(source: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  if (source && typeof source === 'object')
    for (const [key, value] of Object.entries(source as Record<string, unknown>))
      if (typeof value === 'string') params[key] = value;
  return params;
}

/** The scopes to grant: those asked for that the app has (`offline_access` is `refresh_token`), else all. */
function grantedScopes(app: ConnectedApp, asked: string | undefined): string[] {
  if (!asked?.trim()) return [...app.scopes];
  const wanted = new Set(
    asked
      .split(/[\s+]+/)
      .filter(Boolean)
      .map((scope) => (scope === 'offline_access' ? 'refresh_token' : scope === 'full' ? 'api' : scope)),
  );
  return app.scopes.filter((scope) => wanted.has(scope));
}

function check(org: EmbeddedOrg, params: Record<string, string>): Checked {
  const app = params.client_id ? findConnectedApp(org.db, params.client_id) : undefined;
  if (!app) return { kind: 'page', error: 'invalid_client_id', description: 'client identifier invalid' };
  const redirectUri = params.redirect_uri;
  if (!redirectUri || !acceptsRedirect(app, redirectUri))
    return {
      kind: 'page',
      error: 'redirect_uri_mismatch',
      description: 'redirect_uri must match configuration',
    };
  const state = params.state;
  const fail = (error: string, description: string): Checked => ({
    kind: 'redirect',
    redirectUri,
    state,
    error: new RedirectError(error, description),
  });
  if (params.response_type !== 'code')
    return fail('unsupported_response_type', 'response type not supported');
  const challenge = params.code_challenge;
  if (challenge === undefined || challenge === '') {
    if (app.requirePkce) return fail('invalid_request', 'missing required code challenge');
  } else {
    if ((params.code_challenge_method ?? 'S256') !== 'S256')
      return fail('invalid_request', 'unsupported code challenge method: use S256');
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge))
      return fail('invalid_request', 'invalid code challenge: expected BASE64URL(SHA256(code_verifier))');
  }
  const scopes = grantedScopes(app, params.scope);
  if (scopes.length === 0) return fail('invalid_scope', 'the requested scope is not allowed');
  return {
    kind: 'valid',
    request: { app, redirectUri, state, codeChallenge: challenge || undefined, scopes },
  };
}

/** `redirectUri` with these parameters added to its query (keeping what it has). */
function withQuery(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

function cookieValue(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html;charset=UTF-8')
    .header('cache-control', 'no-store')
    .header('x-frame-options', 'DENY')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    )
    .send(html);
}

export function registerOAuthAuthorize(app: FastifyInstance, org: EmbeddedOrg): void {
  /** Browser logins to this org: cookie value -> user. */
  const logins = new Map<string, string>();

  const redirectWithCode = (reply: FastifyReply, valid: ValidRequest, userId: string) => {
    const code = org.oauth.issueCode({
      clientId: valid.app.consumerKey,
      userId,
      redirectUri: valid.redirectUri,
      codeChallenge: valid.codeChallenge,
      scopes: valid.scopes,
      expiresAtMs: org.clock.nowMs() + CODE_LIFETIME_MS,
    });
    return reply
      .code(302)
      .header('cache-control', 'no-store')
      .header('location', withQuery(valid.redirectUri, { code, state: valid.state }))
      .send();
  };

  /** The checks every authorize request passes; undefined when it has been answered (page or redirect). */
  const validate = (reply: FastifyReply, params: Record<string, string>): ValidRequest | undefined => {
    const checked = check(org, params);
    if (checked.kind === 'page') {
      void sendHtml(reply, 400, oauthErrorPage(checked.error, checked.description));
      return undefined;
    }
    if (checked.kind === 'redirect') {
      void reply
        .code(302)
        .header('cache-control', 'no-store')
        .header(
          'location',
          withQuery(checked.redirectUri, {
            error: checked.error.error,
            error_description: checked.error.description,
            state: checked.state,
          }),
        )
        .send();
      return undefined;
    }
    return checked.request;
  };

  const formParams = (params: Record<string, string>) =>
    Object.fromEntries(
      AUTHORIZE_PARAMS.filter((name) => params[name] !== undefined && name !== 'prompt').map((name) => [
        name,
        params[name] as string,
      ]),
    );

  app.get('/services/oauth2/authorize', async (request, reply) => {
    const params = stringParams(request.query);
    const valid = validate(reply, params);
    if (!valid) return reply;
    const prompts = (params.prompt ?? '').split(/\s+/);
    const loggedIn = logins.get(cookieValue(request, LOGIN_COOKIE) ?? '');
    const userActive = loggedIn !== undefined && org.store.row('User', loggedIn)?.IsActive === 1;
    if (userActive && !prompts.includes('login')) return redirectWithCode(reply, valid, loggedIn);
    if (prompts.includes('none'))
      return reply
        .code(302)
        .header(
          'location',
          withQuery(valid.redirectUri, {
            error: 'login_required',
            error_description: 'user is not logged in',
            state: valid.state,
          }),
        )
        .send();
    return sendHtml(
      reply,
      200,
      loginPage({
        params: formParams(params),
        appName: valid.app.name,
        ...(params.login_hint ? { username: params.login_hint } : {}),
      }),
    );
  });

  app.post('/services/oauth2/authorize', async (request, reply) => {
    const params = stringParams(request.body);
    const valid = validate(reply, params);
    if (!valid) return reply;
    const username = params.username ?? '';
    const userId = username ? userOfUsername(org, username) : undefined;
    if (!userId || !params.pw || !checkPassword(org.db, userId, params.pw))
      return sendHtml(
        reply,
        200,
        loginPage({
          params: formParams(params),
          appName: valid.app.name,
          username,
          error: LOGIN_FAILED_MESSAGE,
        }),
      );
    const sid = randomBytes(24).toString('base64url');
    logins.set(sid, userId);
    reply.header(
      'set-cookie',
      `${LOGIN_COOKIE}=${sid}; Path=/services/oauth2/authorize; HttpOnly; SameSite=Lax`,
    );
    return redirectWithCode(reply, valid, userId);
  });
}
