/**
 * What the OAuth endpoints hand out besides access tokens: authorization codes (single use, 15 minutes
 * on the org clock, bound to client, user, redirect URI and PKCE challenge) and refresh tokens (per user
 * and connected app, until revoked). Kept in memory: a restarted org has forgotten them, as if an admin
 * had revoked every app's tokens, and clients sign in again.
 */

import { createHash, randomBytes } from 'node:crypto';

/** Salesforce's authorization codes are valid for 15 minutes. */
export const CODE_LIFETIME_MS = 15 * 60_000;

export interface CodeGrant {
  readonly clientId: string;
  readonly userId: string;
  readonly redirectUri: string;
  /** The S256 `code_challenge`, if the request had one. */
  readonly codeChallenge: string | undefined;
  readonly scopes: readonly string[];
  readonly expiresAtMs: number;
}

export interface RefreshGrant {
  readonly userId: string;
  /** The connected app it was issued to; undefined: any client (the admin's token of `startOrg`). */
  readonly clientId: string | undefined;
  readonly scopes: readonly string[];
}

export type CodeRedemption =
  | { readonly kind: 'valid'; readonly grant: CodeGrant }
  | { readonly kind: 'expired' }
  | { readonly kind: 'reused'; readonly refreshToken: string | undefined }
  | { readonly kind: 'unknown' };

/** `BASE64URL(SHA256(verifier))`, RFC 7636 section 4.2. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export class OAuthGrants {
  private readonly codes = new Map<string, CodeGrant>();
  /** Codes already exchanged -> the refresh token they gave (revoked if the code comes back). */
  private readonly redeemed = new Map<string, string | undefined>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  issueCode(grant: CodeGrant): string {
    const code = `aPrx${randomBytes(32).toString('base64url')}`;
    this.codes.set(code, grant);
    return code;
  }

  /** Takes a code out (whatever happens next, it cannot be used again). */
  redeemCode(code: string, nowMs: number): CodeRedemption {
    const grant = this.codes.get(code);
    if (!grant)
      return this.redeemed.has(code)
        ? { kind: 'reused', refreshToken: this.redeemed.get(code) }
        : { kind: 'unknown' };
    this.codes.delete(code);
    this.redeemed.set(code, undefined);
    if (nowMs > grant.expiresAtMs) return { kind: 'expired' };
    return { kind: 'valid', grant };
  }

  /** Records the refresh token a code gave, so a replayed code can revoke it (RFC 6749 section 4.1.2). */
  noteCodeRefreshToken(code: string, refreshToken: string): void {
    this.redeemed.set(code, refreshToken);
  }

  issueRefreshToken(grant: RefreshGrant, token = `5Aep861${randomBytes(48).toString('base64url')}`): string {
    this.refreshTokens.set(token, grant);
    return token;
  }

  refreshGrant(token: string): RefreshGrant | undefined {
    return this.refreshTokens.get(token);
  }

  /** Forgets a refresh token; true if it existed. */
  revokeRefreshToken(token: string): boolean {
    return this.refreshTokens.delete(token);
  }
}
