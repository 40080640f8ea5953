/**
 * The embedded org's OAuth 2.0 endpoints over real HTTP (and jsforce's OAuth2 class): the authorization
 * code flow with PKCE through the login page, the username-password flow, refresh after expiry, revoke,
 * userinfo per user, and CORS for allowlisted origins.
 */

import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Connection, OAuth2 } from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_DISPATCHER_ID,
  DEMO_DISPATCHER_USERNAME,
  DEMO_PASSWORD,
  DEMO_SECOND_TECHNICIAN_ID,
  DEMO_SECOND_TECHNICIAN_USERNAME,
  DEMO_TECHNICIAN_ID,
  DEMO_TECHNICIAN_USERNAME,
  ORG_ID,
} from '../../src/emulator/index.ts';
import { LOGIN_FAILED_MESSAGE } from '../../src/emulator/http/login-page.ts';
import { API_VERSION, startTestOrg, TEST_NOW, type TestOrg } from './support/test-org.ts';

let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg({ seed: 'demo', records: 300, now: TEST_NOW });
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.control('DELETE', '/faults');
});

/** The field app's page URL on some local port: what it sends as redirect_uri. */
const APP_URL = 'http://127.0.0.1:5174/';
const APP_ORIGIN = 'http://127.0.0.1:5174';

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(params: Record<string, string>): string {
  return `${t.running.url}/services/oauth2/authorize?${new URLSearchParams(params).toString()}`;
}

interface Page {
  status: number;
  text: string;
  location: string | null;
  cookie: string | null;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Page> {
  const response = await fetch(url, { redirect: 'manual', headers });
  return {
    status: response.status,
    text: await response.text(),
    location: response.headers.get('location'),
    cookie: response.headers.get('set-cookie'),
  };
}

/** Submits the login page's form as a browser would: its hidden fields plus username and password. */
async function submitLogin(page: string, username: string, password: string): Promise<Page> {
  const form = new URLSearchParams();
  for (const match of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    form.set(match[1]!, decodeEntities(match[2]!));
  form.set('username', username);
  form.set('pw', password);
  const response = await fetch(`${t.running.url}/services/oauth2/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return {
    status: response.status,
    text: await response.text(),
    location: response.headers.get('location'),
    cookie: response.headers.get('set-cookie'),
  };
}

function decodeEntities(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

async function token(params: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.running.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, string>,
    headers: response.headers,
  };
}

/** Signs in through the login page; answers the code and the verifier for it. */
async function signIn(
  username = DEMO_TECHNICIAN_USERNAME,
  redirectUri = APP_URL,
): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkce();
  const page = await get(
    authorizeUrl({
      response_type: 'code',
      client_id: DEMO_CLIENT_ID,
      redirect_uri: redirectUri,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'st-1',
      prompt: 'login',
    }),
  );
  expect(page.status).toBe(200);
  const done = await submitLogin(page.text, username, DEMO_PASSWORD);
  expect(done.status).toBe(302);
  const location = new URL(done.location!);
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  expect(location.searchParams.get('state')).toBe('st-1');
  return { code: location.searchParams.get('code')!, verifier };
}

async function exchange(code: string, verifier: string, redirectUri = APP_URL) {
  return token({
    grant_type: 'authorization_code',
    code,
    client_id: DEMO_CLIENT_ID,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
}

async function apiStatus(accessToken: string): Promise<{ status: number; body: unknown }> {
  return t.http('GET', '/services/data/v62.0/limits', { token: accessToken });
}

describe('the login page (GET/POST /services/oauth2/authorize)', () => {
  it('shows labelled Username and Password fields and a Log In button', async () => {
    const { challenge } = pkce();
    const page = await get(
      authorizeUrl({
        response_type: 'code',
        client_id: DEMO_CLIENT_ID,
        redirect_uri: APP_URL,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        state: 'abc',
      }),
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain('<label for="username">Username</label>');
    expect(page.text).toContain('<label for="password">Password</label>');
    expect(page.text).toContain('<button type="submit" id="Login">Log In</button>');
    expect(page.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page.text).toContain(`<input type="hidden" name="redirect_uri" value="${APP_URL}">`);
  });

  it('shows the error on the page after a wrong password, and redirects nowhere', async () => {
    const { challenge } = pkce();
    const page = await get(
      authorizeUrl({
        response_type: 'code',
        client_id: DEMO_CLIENT_ID,
        redirect_uri: APP_URL,
        code_challenge: challenge,
        state: 'abc',
      }),
    );
    const wrong = await submitLogin(page.text, DEMO_TECHNICIAN_USERNAME, 'not-the-password');
    expect(wrong.status).toBe(200);
    expect(wrong.location).toBeNull();
    expect(wrong.cookie).toBeNull();
    expect(wrong.text).toContain(
      `<div id="error" class="error" role="alert">${LOGIN_FAILED_MESSAGE.replace("'", '&#39;')}</div>`,
    );
    // The username stays filled in; the fields point at the error.
    expect(wrong.text).toContain(
      `value="${DEMO_TECHNICIAN_USERNAME}" aria-describedby="error" aria-invalid="true"`,
    );
    // The form still carries the request, so the next try can succeed.
    const right = await submitLogin(wrong.text, DEMO_TECHNICIAN_USERNAME, DEMO_PASSWORD);
    expect(right.status).toBe(302);
    expect(right.location).toMatch(/^http:\/\/127\.0\.0\.1:5174\/\?code=aPrx[\w-]+&state=abc$/);
  });

  it('answers an unknown client_id or an unregistered redirect_uri with an error page, not a redirect', async () => {
    const { challenge } = pkce();
    const base = { response_type: 'code', code_challenge: challenge, state: 's' };
    const unknown = await get(authorizeUrl({ ...base, client_id: 'nobody', redirect_uri: APP_URL }));
    expect([unknown.status, unknown.location]).toEqual([400, null]);
    expect(unknown.text).toContain(
      '<p id="oauth-error">error=invalid_client_id&amp;error_description=client identifier invalid</p>',
    );
    for (const redirect of ['https://evil.example/cb', 'http://127.0.0.2:5174/', 'https://127.0.0.1:5174/']) {
      const bad = await get(authorizeUrl({ ...base, client_id: DEMO_CLIENT_ID, redirect_uri: redirect }));
      expect([bad.status, bad.location]).toEqual([400, null]);
      expect(bad.text).toContain(
        'error=redirect_uri_mismatch&amp;error_description=redirect_uri must match configuration',
      );
    }
  });

  it('redirects other request errors to the app with error, error_description and state', async () => {
    const noChallenge = await get(
      authorizeUrl({ response_type: 'code', client_id: DEMO_CLIENT_ID, redirect_uri: APP_URL, state: 'x1' }),
    );
    expect(noChallenge.status).toBe(302);
    expect(noChallenge.location).toBe(
      'http://127.0.0.1:5174/?error=invalid_request&error_description=missing+required+code+challenge&state=x1',
    );
    const { challenge } = pkce();
    const token = await get(
      authorizeUrl({
        response_type: 'token',
        client_id: DEMO_CLIENT_ID,
        redirect_uri: 'http://localhost:9000/app/',
        code_challenge: challenge,
        state: 'x2',
      }),
    );
    expect(token.location).toBe(
      'http://localhost:9000/app/?error=unsupported_response_type&error_description=response+type+not+supported&state=x2',
    );
    const plain = await get(
      authorizeUrl({
        response_type: 'code',
        client_id: DEMO_CLIENT_ID,
        redirect_uri: APP_URL,
        code_challenge: challenge,
        code_challenge_method: 'plain',
      }),
    );
    expect(plain.location).toBe(
      'http://127.0.0.1:5174/?error=invalid_request&error_description=unsupported+code+challenge+method%3A+use+S256',
    );
  });

  it('accepts the configured callback URLs and loopback URLs on any port', async () => {
    const { challenge } = pkce();
    for (const redirect of [
      'https://fieldapp.syncscope.example/',
      'syncscope://oauth/callback',
      'http://localhost:41234/field/index.html',
      'http://127.0.0.1:80/',
    ]) {
      const page = await get(
        authorizeUrl({
          response_type: 'code',
          client_id: DEMO_CLIENT_ID,
          redirect_uri: redirect,
          code_challenge: challenge,
        }),
      );
      expect([redirect, page.status]).toEqual([redirect, 200]);
    }
  });

  it('skips the login for a browser already logged in, unless prompt=login', async () => {
    const { challenge } = pkce();
    const params = {
      response_type: 'code',
      client_id: DEMO_CLIENT_ID,
      redirect_uri: APP_URL,
      code_challenge: challenge,
      state: 'again',
    };
    const page = await get(authorizeUrl(params));
    const done = await submitLogin(page.text, DEMO_SECOND_TECHNICIAN_USERNAME, DEMO_PASSWORD);
    const cookie = done.cookie!.split(';')[0]!;
    expect(done.cookie).toMatch(/^sid=[\w-]+; Path=\/services\/oauth2\/authorize; HttpOnly; SameSite=Lax$/);
    const silent = await get(authorizeUrl(params), { Cookie: cookie });
    expect(silent.status).toBe(302);
    expect(silent.location).toMatch(/^http:\/\/127\.0\.0\.1:5174\/\?code=aPrx[\w-]+&state=again$/);
    const code = new URL(silent.location!).searchParams.get('code')!;
    const forced = await get(authorizeUrl({ ...params, prompt: 'login' }), { Cookie: cookie });
    expect(forced.status).toBe(200);
    expect(forced.text).toContain('Log In');
    // The silent code belongs to the user who logged in.
    expect(code).not.toBe('');
  });
});

describe('POST /services/oauth2/token', () => {
  it('exchanges a code with its PKCE verifier for tokens in Salesforce shape', async () => {
    const { code, verifier } = await signIn();
    const answer = await exchange(code, verifier);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const issuedAt = String(Date.parse(TEST_NOW));
    const id = `${t.running.url}/id/${ORG_ID}/${DEMO_TECHNICIAN_ID}`;
    expect(answer.body).toEqual({
      access_token: expect.stringMatching(/^00D8e0000000001!AR[\w-]+$/),
      refresh_token: expect.stringMatching(/^5Aep861[\w-]+$/),
      signature: createHashSignature(id + issuedAt),
      scope: 'api refresh_token',
      instance_url: t.running.url,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    });
    expect(Object.keys(answer.body)).toEqual([
      'access_token',
      'refresh_token',
      'signature',
      'scope',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]);
    const info = (await t.http('GET', '/services/oauth2/userinfo', { token: answer.body.access_token! }))
      .body as Record<string, unknown>;
    expect(info).toMatchObject({ user_id: DEMO_TECHNICIAN_ID, preferred_username: DEMO_TECHNICIAN_USERNAME });
  });

  it('refuses a wrong verifier, and the code is spent afterwards', async () => {
    const { code, verifier } = await signIn();
    const wrong = await exchange(code, pkce().verifier);
    expect([wrong.status, wrong.body]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'invalid code verifier' },
    ]);
    const missing = await token({
      grant_type: 'authorization_code',
      code,
      client_id: DEMO_CLIENT_ID,
      redirect_uri: APP_URL,
    });
    expect(missing.body).toEqual({ error: 'invalid_grant', error_description: 'invalid authorization code' });
    const late = await exchange(code, verifier);
    expect([late.status, late.body]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'invalid authorization code' },
    ]);
  });

  it('refuses a reused code and revokes what its first use gave', async () => {
    const { code, verifier } = await signIn();
    const first = await exchange(code, verifier);
    expect(first.status).toBe(200);
    const again = await exchange(code, verifier);
    expect([again.status, again.body]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'invalid authorization code' },
    ]);
    expect((await apiStatus(first.body.access_token!)).status).toBe(401);
    const refresh = await token({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token!,
      client_id: DEMO_CLIENT_ID,
    });
    expect(refresh.body).toEqual({
      error: 'invalid_grant',
      error_description: 'expired access/refresh token',
    });
  });

  it('refuses a redirect_uri other than the one of the authorize request, and another client', async () => {
    const first = await signIn();
    const mismatch = await exchange(first.code, first.verifier, 'http://127.0.0.1:5175/');
    expect([mismatch.status, mismatch.body]).toEqual([
      400,
      { error: 'redirect_uri_mismatch', error_description: 'redirect_uri must match configuration' },
    ]);
    const second = await signIn();
    const stranger = await token({
      grant_type: 'authorization_code',
      code: second.code,
      client_id: 'someone-else',
      redirect_uri: APP_URL,
      code_verifier: second.verifier,
    });
    expect([stranger.status, stranger.body]).toEqual([
      400,
      { error: 'invalid_client_id', error_description: 'client identifier invalid' },
    ]);
  });

  it('refuses a code after 15 minutes on the org clock', async () => {
    const { code, verifier } = await signIn();
    await t.control('POST', '/clock', { advanceSeconds: 15 * 60 + 1 });
    try {
      const late = await exchange(code, verifier);
      expect(late.body).toEqual({ error: 'invalid_grant', error_description: 'expired authorization code' });
    } finally {
      await t.control('POST', '/clock', { now: TEST_NOW });
    }
  });

  it('runs the whole flow through jsforce OAuth2 with useVerifier', async () => {
    const oauth2 = new OAuth2({
      loginUrl: t.running.url,
      clientId: DEMO_CLIENT_ID,
      redirectUri: 'http://localhost:8080/callback',
      useVerifier: true,
    });
    const page = await get(oauth2.getAuthorizationUrl({ state: 'js' }));
    const done = await submitLogin(page.text, DEMO_SECOND_TECHNICIAN_USERNAME, DEMO_PASSWORD);
    const code = new URL(done.location!).searchParams.get('code')!;
    const result = await oauth2.requestToken(code);
    expect(result.id).toBe(`${t.running.url}/id/${ORG_ID}/${DEMO_SECOND_TECHNICIAN_ID}`);
    const conn = new Connection({
      oauth2,
      instanceUrl: result.instance_url,
      accessToken: result.access_token,
      refreshToken: result.refresh_token!,
      version: API_VERSION,
    });
    const identity = await conn.identity();
    expect(identity.username).toBe(DEMO_SECOND_TECHNICIAN_USERNAME);
  });

  it('signs a script in with the username-password flow (no refresh token)', async () => {
    const answer = await token({
      grant_type: 'password',
      client_id: DEMO_CLIENT_ID,
      client_secret: DEMO_CLIENT_SECRET,
      username: DEMO_DISPATCHER_USERNAME.toUpperCase(),
      password: DEMO_PASSWORD,
    });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual([
      'access_token',
      'signature',
      'scope',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]);
    expect(answer.body.id).toBe(`${t.running.url}/id/${ORG_ID}/${DEMO_DISPATCHER_ID}`);
    expect(answer.body.scope).toBe('api');
    const failures = [
      { ...{ client_id: DEMO_CLIENT_ID, username: DEMO_DISPATCHER_USERNAME, password: 'nope' } },
      { client_id: DEMO_CLIENT_ID, username: 'nobody@syncscope.example', password: DEMO_PASSWORD },
    ];
    for (const failure of failures)
      expect(await token({ grant_type: 'password', ...failure })).toMatchObject({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'authentication failure' },
      });
    expect(
      (
        await token({
          grant_type: 'password',
          client_id: DEMO_CLIENT_ID,
          client_secret: 'wrong',
          username: DEMO_DISPATCHER_USERNAME,
          password: DEMO_PASSWORD,
        })
      ).body,
    ).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
    expect((await token({ grant_type: 'client_credentials', client_id: DEMO_CLIENT_ID })).body).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'grant type not supported',
    });
    // jsforce's login() uses the same flow when it has an OAuth2 client id and secret.
    const conn = new Connection({
      oauth2: { loginUrl: t.running.url, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
      version: API_VERSION,
    });
    const user = await conn.login(DEMO_TECHNICIAN_USERNAME, DEMO_PASSWORD);
    expect(user.id).toBe(DEMO_TECHNICIAN_ID);
  });

  it('refreshes after the user sessions expire (jsforce refreshes by itself on INVALID_SESSION_ID)', async () => {
    const { code, verifier } = await signIn(DEMO_SECOND_TECHNICIAN_USERNAME);
    const tokens = (await exchange(code, verifier)).body;
    const conn = new Connection({
      oauth2: { loginUrl: t.running.url, clientId: DEMO_CLIENT_ID, redirectUri: APP_URL },
      instanceUrl: tokens.instance_url!,
      accessToken: tokens.access_token!,
      refreshToken: tokens.refresh_token!,
      version: API_VERSION,
    });
    const expired = await t.control('POST', '/sessions/expire', { userId: DEMO_SECOND_TECHNICIAN_ID });
    expect(expired).toEqual({
      status: 200,
      body: { userId: DEMO_SECOND_TECHNICIAN_ID, expired: expect.any(Number) },
    });
    expect(await apiStatus(tokens.access_token!)).toMatchObject({
      status: 401,
      body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID', fields: [] }],
    });
    // Other users' sessions are untouched.
    expect((await apiStatus(t.running.token)).status).toBe(200);
    const count = await conn.query('SELECT COUNT() FROM Account');
    expect(count.totalSize).toBe(12);
    expect(conn.accessToken).not.toBe(tokens.access_token);
    // A refresh answers no new refresh token, and the token belongs to the same user.
    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: DEMO_CLIENT_ID,
    });
    expect(Object.keys(refreshed.body)).toEqual([
      'access_token',
      'signature',
      'scope',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]);
    expect(refreshed.body.id).toBe(`${t.running.url}/id/${ORG_ID}/${DEMO_SECOND_TECHNICIAN_ID}`);
    // Only the app it was issued to may use it.
    expect(
      (
        await token({
          grant_type: 'refresh_token',
          refresh_token: tokens.refresh_token!,
          client_id: 'syncscope',
        })
      ).body,
    ).toEqual({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
  });

  it('keeps the admin refresh token of startOrg working with any client id', async () => {
    const answer = await token({ grant_type: 'refresh_token', refresh_token: t.running.refreshToken });
    expect(answer.status).toBe(200);
    expect(answer.body.id).toBe(`${t.running.url}/id/${ORG_ID}/${t.running.userId}`);
  });
});

describe('POST /services/oauth2/revoke', () => {
  it('revokes a refresh token and the access tokens it gave; refreshing is refused after', async () => {
    const { code, verifier } = await signIn();
    const tokens = (await exchange(code, verifier)).body;
    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: DEMO_CLIENT_ID,
    });
    const response = await fetch(`${t.running.url}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refresh_token! }).toString(),
    });
    expect([response.status, await response.text()]).toEqual([200, '']);
    expect((await apiStatus(tokens.access_token!)).status).toBe(401);
    expect((await apiStatus(refreshed.body.access_token!)).status).toBe(401);
    const again = await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: DEMO_CLIENT_ID,
    });
    expect([again.status, again.body]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'expired access/refresh token' },
    ]);
    const unknown = await fetch(`${t.running.url}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refresh_token! }).toString(),
    });
    expect([unknown.status, await unknown.json()]).toEqual([
      400,
      { error: 'invalid_token', error_description: 'invalid token' },
    ]);
  });

  it('revokes one access token through jsforce, leaving the refresh token usable', async () => {
    const { code, verifier } = await signIn();
    const tokens = (await exchange(code, verifier)).body;
    const oauth2 = new OAuth2({ loginUrl: t.running.url, clientId: DEMO_CLIENT_ID });
    await oauth2.revokeToken(tokens.access_token!);
    expect((await apiStatus(tokens.access_token!)).status).toBe(401);
    const fresh = await oauth2.refreshToken(tokens.refresh_token!);
    expect((await apiStatus(fresh.access_token)).status).toBe(200);
  });
});

describe('userinfo and record ownership per user', () => {
  it("answers each session's own user and stamps what it creates with that user", async () => {
    const users = [
      [DEMO_TECHNICIAN_USERNAME, DEMO_TECHNICIAN_ID],
      [DEMO_SECOND_TECHNICIAN_USERNAME, DEMO_SECOND_TECHNICIAN_ID],
      [DEMO_DISPATCHER_USERNAME, DEMO_DISPATCHER_ID],
    ] as const;
    for (const [username, userId] of users) {
      const { code, verifier } = await signIn(username);
      const tokens = (await exchange(code, verifier)).body;
      const conn = new Connection({
        instanceUrl: tokens.instance_url!,
        accessToken: tokens.access_token!,
        version: API_VERSION,
      });
      for (const method of ['GET', 'POST']) {
        const info = (await t.http(method, '/services/oauth2/userinfo', { token: tokens.access_token! }))
          .body as Record<string, unknown>;
        expect([info.user_id, info.preferred_username]).toEqual([userId, username]);
      }
      const { id } = (await conn.sobject('WorkOrder').create({ Subject: `By ${username}` })) as {
        id: string;
      };
      const record = await conn.sobject('WorkOrder').retrieve(id);
      expect([record.CreatedById, record.OwnerId, record.LastModifiedById]).toEqual([userId, userId, userId]);
    }
  });
});

describe('CORS', () => {
  const preflight = (path: string, origin: string) =>
    fetch(`${t.running.url}${path}`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers':
          'authorization,content-type,if-unmodified-since,sforce-query-options',
      },
    });

  it('answers a preflight from an allowlisted loopback origin for the API and the OAuth endpoints', async () => {
    await t.control('DELETE', '/stats');
    for (const path of [
      '/services/data/v62.0/composite/sobjects',
      '/services/oauth2/token',
      '/services/oauth2/userinfo',
      '/services/oauth2/revoke',
    ]) {
      const response = await preflight(path, APP_ORIGIN);
      expect([path, response.status]).toEqual([path, 204]);
      expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      expect(response.headers.get('access-control-allow-methods')).toBe(
        'GET, POST, PATCH, PUT, DELETE, HEAD, OPTIONS',
      );
      const allowed = response.headers.get('access-control-allow-headers')!.toLowerCase().split(', ');
      for (const header of ['authorization', 'content-type', 'if-unmodified-since', 'sforce-query-options'])
        expect(allowed).toContain(header);
    }
    // A preflight is neither a request the org counts nor an API call.
    expect((await t.control('GET', '/stats')).body).toMatchObject({ apiCalls: 0, requests: 0 });
  });

  it('adds Access-Control-Allow-Origin to answers for an allowed origin, errors included', async () => {
    const ok = await t.http('GET', '/services/data/v62.0/limits', {
      headers: { Origin: 'http://localhost:3000' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(ok.headers.get('access-control-expose-headers')).toBe(
      'Sforce-Limit-Info, Date, Last-Modified, ETag',
    );
    const denied = await t.http('GET', '/services/data/v62.0/limits', {
      headers: { Origin: APP_ORIGIN },
      token: 'not-a-token',
    });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const refused = await fetch(`${t.running.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { Origin: APP_ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=nope&client_id=x',
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
  });

  it('gives origins not on the list no CORS headers (403 to their preflight)', async () => {
    for (const origin of [
      'https://evil.example',
      'http://127.0.0.1.evil.example:80',
      'https://127.0.0.1:5174',
    ]) {
      const response = await preflight('/services/data/v62.0/query', origin);
      expect([origin, response.status]).toEqual([origin, 403]);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-methods')).toBeNull();
      const plain = await t.http('GET', '/services/data/v62.0/limits', { headers: { Origin: origin } });
      expect(plain.status).toBe(200);
      expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('leaves clients that send no Origin (servers, the CLI) as they were', async () => {
    const response = await t.http('GET', '/services/data/v62.0/limits');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBeNull();
  });
});

/** Salesforce's token signature: Base64(HMAC-SHA256(consumer secret, id + issued_at)). */
function createHashSignature(data: string): string {
  return createHmac('sha256', DEMO_CLIENT_SECRET).update(data).digest('base64');
}
