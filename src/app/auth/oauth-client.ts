/**
 * Salesforce's OAuth 2.0 endpoints as the app calls them from the browser (CORS): the authorization
 * code + PKCE flow, userinfo and revoke. Same wire format on a real org and on the embedded one.
 *
 * Errors carry the endpoint's `error` / `error_description`, never a token.
 */

export interface TokenResponse {
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly instance_url: string;
  /** The identity URL, `.../id/<orgId>/<userId>`. */
  readonly id?: string;
  readonly token_type?: string;
  readonly issued_at?: string;
}

export interface UserInfo {
  readonly user_id: string;
  readonly organization_id?: string;
  readonly preferred_username: string;
  readonly name?: string;
}

export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  constructor(
    message: string,
    /** The endpoint's `error` code (`invalid_grant`, ...) or `network`. */
    readonly code: string,
  ) {
    super(message);
  }
}

export interface AuthorizeRequest {
  readonly instanceUrl: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly state: string;
}

/** `${instanceUrl}/services/oauth2/authorize?response_type=code&...&code_challenge_method=S256`. */
export function authorizeUrl(request: AuthorizeRequest): string {
  const url = new URL('/services/oauth2/authorize', request.instanceUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
    state: request.state,
  }).toString();
  return url.toString();
}

export interface CodeExchange {
  readonly instanceUrl: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly code: string;
  readonly codeVerifier: string;
}

/** POST /services/oauth2/token grant_type=authorization_code with the PKCE verifier. */
export async function exchangeCode(
  exchange: CodeExchange,
  fetchImpl: typeof fetch = fetch,
): Promise<TokenResponse> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: exchange.code,
    client_id: exchange.clientId,
    redirect_uri: exchange.redirectUri,
    code_verifier: exchange.codeVerifier,
  });
  const json = await postForm(fetchImpl, `${exchange.instanceUrl}/services/oauth2/token`, body);
  if (typeof json.access_token !== 'string' || typeof json.instance_url !== 'string')
    throw new OAuthError('the token endpoint answered without an access token', 'invalid_response');
  return json as unknown as TokenResponse;
}

/** GET /services/oauth2/userinfo: who signed in. */
export async function fetchUserInfo(
  instanceUrl: string,
  accessToken: string,
  fetchImpl: typeof fetch = fetch,
): Promise<UserInfo> {
  let response: Response;
  try {
    response = await fetchImpl(`${instanceUrl}/services/oauth2/userinfo`, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
    });
  } catch {
    throw new OAuthError('the org cannot be reached (offline?)', 'network');
  }
  if (!response.ok) throw new OAuthError(`userinfo answered HTTP ${response.status}`, 'userinfo');
  const json = (await response.json()) as Record<string, unknown>;
  if (typeof json.user_id !== 'string')
    throw new OAuthError('userinfo answered without a user_id', 'invalid_response');
  return json as unknown as UserInfo;
}

/** POST /services/oauth2/revoke: best effort at sign-out (the device's data is wiped either way). */
export async function revokeToken(
  instanceUrl: string,
  token: string,
  fetchImpl: typeof fetch = fetch,
): Promise<boolean> {
  try {
    const response = await fetchImpl(`${instanceUrl}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

async function postForm(
  fetchImpl: typeof fetch,
  url: string,
  body: URLSearchParams,
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
    });
  } catch {
    throw new OAuthError('the org cannot be reached (offline?)', 'network');
  }
  let json: Record<string, unknown> = {};
  try {
    json = (await response.json()) as Record<string, unknown>;
  } catch {
    // A non-JSON answer: reported by status below.
  }
  if (!response.ok) {
    const code = typeof json.error === 'string' ? json.error : `http_${response.status}`;
    const description = typeof json.error_description === 'string' ? json.error_description : '';
    throw new OAuthError(description ? `${code}: ${description}` : code, code);
  }
  return json;
}
