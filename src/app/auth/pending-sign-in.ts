/**
 * The half of a sign-in that spans the redirect to the org's login page: the PKCE verifier and the
 * `state` nonce wait in sessionStorage (this tab only, gone when it closes) until the org redirects back
 * with `?code=...&state=...`. A `state` that does not match is refused (a forged redirect).
 */

import type { AppConfig } from '../app-config.ts';
import { authorizeUrl } from './oauth-client.ts';
import { codeChallenge, randomToken } from './pkce.ts';

const KEY = 'syncscope.pendingSignIn';

interface PendingSignIn {
  readonly verifier: string;
  readonly state: string;
  readonly instanceUrl: string;
  readonly clientId: string;
  readonly redirectUri: string;
}

/** The app's own page without query or hash: what the connected app lists as its callback URL. */
export function redirectUriOf(location: Location | URL): string {
  return `${location.origin}${location.pathname}`;
}

/** Stores the verifier and answers the org's authorize URL to navigate to. */
export async function beginSignIn(
  config: AppConfig,
  redirectUri: string,
  storage: Storage = sessionStorage,
): Promise<string> {
  const pending: PendingSignIn = {
    verifier: randomToken(48),
    state: randomToken(16),
    instanceUrl: config.instanceUrl,
    clientId: config.clientId,
    redirectUri,
  };
  storage.setItem(KEY, JSON.stringify(pending));
  return authorizeUrl({
    instanceUrl: config.instanceUrl,
    clientId: config.clientId,
    redirectUri,
    codeChallenge: await codeChallenge(pending.verifier),
    state: pending.state,
  });
}

export type Callback =
  | { readonly kind: 'none' }
  | { readonly kind: 'code'; readonly code: string; readonly pending: PendingSignIn }
  | { readonly kind: 'error'; readonly message: string };

/** Reads (and forgets) the org's redirect back: the code, or why there is none. */
export function readCallback(url: URL, storage: Storage = sessionStorage): Callback {
  const code = url.searchParams.get('code');
  const error = url.searchParams.get('error');
  if (code === null && error === null) return { kind: 'none' };
  const stored = storage.getItem(KEY);
  storage.removeItem(KEY);
  if (error !== null) {
    const description = url.searchParams.get('error_description');
    return { kind: 'error', message: description ? `${error}: ${description}` : error };
  }
  let pending: PendingSignIn | undefined;
  try {
    pending = stored ? (JSON.parse(stored) as PendingSignIn) : undefined;
  } catch {
    pending = undefined;
  }
  if (!pending) return { kind: 'error', message: 'This sign-in was not started here: please sign in again.' };
  if (url.searchParams.get('state') !== pending.state)
    return {
      kind: 'error',
      message: 'The sign-in answer does not match the request (state): please sign in again.',
    };
  return { kind: 'code', code: code!, pending };
}
