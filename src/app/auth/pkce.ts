/**
 * Proof Key for Code Exchange (RFC 7636) with S256, as Salesforce's mobile SDKs use it: a random
 * verifier stays in the page; only its SHA-256 goes to the authorize endpoint, so a stolen code is
 * useless without the verifier.
 */

/** base64url without padding (RFC 4648 §5). */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes -> 43 characters of [A-Za-z0-9-_] (within RFC 7636's 43..128). */
export function randomToken(byteLength = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** The S256 challenge of a verifier: base64url(SHA-256(ASCII(verifier))). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}
