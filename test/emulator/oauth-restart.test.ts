/**
 * Refresh tokens outlive a restart of an org kept in a `--db` file, as a real org's do: a field-app
 * session (code + PKCE through the login page) refreshes after `org start` ran again on the same
 * database, while its old access token is unknown (sessions live in memory) and a revoked refresh token
 * stays revoked. The database keeps only the tokens' SHA-256.
 */

import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import {
  DEMO_CLIENT_ID,
  DEMO_PASSWORD,
  DEMO_TECHNICIAN_ID,
  DEMO_TECHNICIAN_USERNAME,
  startOrg,
  type RunningOrg,
} from '../../src/emulator/index.ts';

const APP_URL = 'http://127.0.0.1:5174/';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Signs the demo technician in through the login page; answers the token response. */
async function signIn(org: RunningOrg): Promise<{ access_token: string; refresh_token: string }> {
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorize = `${org.url}/services/oauth2/authorize?${new URLSearchParams({
    response_type: 'code',
    client_id: DEMO_CLIENT_ID,
    redirect_uri: APP_URL,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'st-1',
    prompt: 'login',
  }).toString()}`;
  const page = await (await fetch(authorize)).text();
  const form = new URLSearchParams();
  for (const match of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    form.set(
      match[1]!,
      match[2]!.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))),
    );
  form.set('username', DEMO_TECHNICIAN_USERNAME);
  form.set('pw', DEMO_PASSWORD);
  const login = await fetch(`${org.url}/services/oauth2/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  expect(login.status).toBe(302);
  const code = new URL(login.headers.get('location')!).searchParams.get('code')!;
  const exchanged = await token(org, {
    grant_type: 'authorization_code',
    code,
    client_id: DEMO_CLIENT_ID,
    redirect_uri: APP_URL,
    code_verifier: verifier,
  });
  expect(exchanged.status).toBe(200);
  return exchanged.body as { access_token: string; refresh_token: string };
}

async function token(
  org: RunningOrg,
  params: Record<string, string>,
): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${org.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/** Who the org says an access token belongs to (userinfo), or the HTTP status when it refuses it. */
async function userOf(org: RunningOrg, accessToken: string): Promise<string | number> {
  const response = await fetch(`${org.url}/services/oauth2/userinfo`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  if (response.status !== 200) return response.status;
  return ((await response.json()) as { user_id: string }).user_id;
}

async function start(db: string): Promise<RunningOrg> {
  const org = await startOrg({ db, seed: 'demo', records: 200 });
  cleanup.push(() => org.close());
  return org;
}

it('keeps connected-app refresh tokens across a restart on the same database (hashed), revoked ones stay revoked', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'syncscope-oauth-restart-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'org.sqlite');

  const first = await start(db);
  const kept = await signIn(first);
  const revoked = await signIn(first);
  expect(await userOf(first, kept.access_token)).toBe(DEMO_TECHNICIAN_ID);
  const revoke = await fetch(`${first.url}/services/oauth2/revoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: revoked.refresh_token }).toString(),
  });
  expect(revoke.status).toBe(200);
  await first.close();

  // The database holds each live token's hash, never the token.
  const raw = new Database(db, { readonly: true });
  const rows = raw.prepare('SELECT * FROM "_EmulatorRefreshToken"').all() as Record<string, string>[];
  raw.close();
  const sha = (value: string) => createHash('sha256').update(value).digest('hex');
  expect(rows).toEqual([
    {
      TokenHash: sha(kept.refresh_token),
      UserId: DEMO_TECHNICIAN_ID,
      ClientId: DEMO_CLIENT_ID,
      Scopes: 'api refresh_token',
    },
  ]);

  const second = await start(db);
  // Access tokens were sessions of the first run; the refresh token gives a new one.
  expect(await userOf(second, kept.access_token)).toBe(401);
  const refreshed = await token(second, {
    grant_type: 'refresh_token',
    refresh_token: kept.refresh_token,
    client_id: DEMO_CLIENT_ID,
  });
  expect(refreshed.status).toBe(200);
  expect(await userOf(second, refreshed.body.access_token!)).toBe(DEMO_TECHNICIAN_ID);
  expect(
    await token(second, {
      grant_type: 'refresh_token',
      refresh_token: revoked.refresh_token,
      client_id: DEMO_CLIENT_ID,
    }),
  ).toEqual({
    status: 400,
    body: { error: 'invalid_grant', error_description: 'expired access/refresh token' },
  });
});
