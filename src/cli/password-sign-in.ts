/**
 * Signing a device in with a username and password: the OAuth 2.0 username-password flow
 * (`POST <login URL>/services/oauth2/token`, grant_type=password), which the embedded org implements
 * (docs/oauth.md) and a real org allows for a connected app that permits it. The answer's `id` (the
 * identity URL `.../id/<org Id>/<user Id>`) says who signed in. The access token is remembered as a
 * secret (never printed) and the password is never put in a message.
 */

import { DEMO_CLIENT_ID } from '../emulator/seed/demo-ids.ts';
import { rememberSecret } from '../shared/redact.ts';
import { CliError } from './cli-error.ts';
import { CLIENT_ID_ENV, CLIENT_SECRET_ENV } from './device-flags.ts';

export { CLIENT_ID_ENV, CLIENT_SECRET_ENV, PASSWORD_ENV } from './device-flags.ts';

export interface PasswordSignInRequest {
  /** Where to sign in: the embedded org's URL, https://login.salesforce.com, a My Domain URL. */
  readonly loginUrl: string;
  readonly username: string;
  readonly password: string;
  /** The connected app's consumer key; the embedded org's demo app when not given. */
  readonly clientId?: string;
  readonly clientSecret?: string;
}

export interface PasswordSession {
  readonly instanceUrl: string;
  readonly accessToken: string;
  readonly userId: string;
}

export async function signInWithPassword(request: PasswordSignInRequest): Promise<PasswordSession> {
  let base: URL;
  try {
    base = new URL(request.loginUrl);
  } catch {
    throw new CliError(`--login-url ${request.loginUrl} is not a URL (e.g. https://login.salesforce.com)`);
  }
  const form = new URLSearchParams({
    grant_type: 'password',
    client_id: request.clientId ?? DEMO_CLIENT_ID,
    username: request.username,
    password: request.password,
    ...(request.clientSecret ? { client_secret: request.clientSecret } : {}),
  });
  let response: Response;
  try {
    response = await fetch(new URL('/services/oauth2/token', base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form.toString(),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new CliError(
      `cannot reach ${base.host} to sign in${cause ? ` (${cause})` : ''}: check --login-url`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const error = typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
    const description =
      typeof body.error_description === 'string' ? body.error_description : 'no description';
    throw new CliError(
      `signing in as ${request.username} at ${base.host} failed: ${description} (${error})${hintFor(error)}`,
    );
  }
  const accessToken = typeof body.access_token === 'string' ? body.access_token : '';
  const instanceUrl = typeof body.instance_url === 'string' ? body.instance_url : '';
  const userId = typeof body.id === 'string' ? (body.id.split('/').pop() ?? '') : '';
  if (!accessToken || !instanceUrl || !userId)
    throw new CliError(`${base.host} answered the sign-in without a token, instance URL or identity URL`);
  rememberSecret(accessToken);
  return { instanceUrl, accessToken, userId };
}

function hintFor(error: string): string {
  if (error === 'invalid_client_id')
    return `: pass the connected app's consumer key with --client-id or ${CLIENT_ID_ENV}`;
  if (error === 'invalid_client') return `: check --client-secret or ${CLIENT_SECRET_ENV}`;
  if (error === 'invalid_grant')
    return ': check the username and password (a real org may want the security token appended to the password)';
  return '';
}
