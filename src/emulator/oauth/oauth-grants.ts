/**
 * What the OAuth endpoints hand out besides access tokens: authorization codes (single use, 15 minutes
 * on the org clock, bound to client, user, redirect URI and PKCE challenge) and refresh tokens (per user
 * and connected app, until revoked).
 *
 * Refresh tokens issued to connected apps live in the org database (`_EmulatorRefreshToken`), as their
 * SHA-256 only (like passwords, a copied database gives no usable token): a `--db` org restarted keeps
 * the field app's sessions, as a real org does; the client's access token is unknown after a restart
 * (sessions live in memory), so it refreshes. Codes (minutes-long, single use) and the admin's refresh
 * token of `startOrg` (any client, per run) stay in memory.
 */

import { createHash, randomBytes } from 'node:crypto';
import type { OrgDb } from '../store/org-database.ts';

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
  /** Refresh tokens for any client (the admin's of `startOrg`): this run only. */
  private readonly anyClientTokens = new Map<string, RefreshGrant>();

  constructor(private readonly db: OrgDb) {
    db.exec(`CREATE TABLE IF NOT EXISTS "_EmulatorRefreshToken" (
      "TokenHash" TEXT PRIMARY KEY, "UserId" TEXT NOT NULL, "ClientId" TEXT NOT NULL,
      "Scopes" TEXT NOT NULL)`);
  }

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
    if (grant.clientId === undefined) {
      this.anyClientTokens.set(token, grant);
      return token;
    }
    this.db
      .prepare(
        `INSERT INTO "_EmulatorRefreshToken" ("TokenHash", "UserId", "ClientId", "Scopes") VALUES (?, ?, ?, ?)`,
      )
      .run(tokenHash(token), grant.userId, grant.clientId, grant.scopes.join(' '));
    return token;
  }

  refreshGrant(token: string): RefreshGrant | undefined {
    const anyClient = this.anyClientTokens.get(token);
    if (anyClient) return anyClient;
    const row = this.db
      .prepare(`SELECT "UserId", "ClientId", "Scopes" FROM "_EmulatorRefreshToken" WHERE "TokenHash" = ?`)
      .get(tokenHash(token)) as { UserId: string; ClientId: string; Scopes: string } | undefined;
    return row
      ? { userId: row.UserId, clientId: row.ClientId, scopes: row.Scopes.split(' ').filter(Boolean) }
      : undefined;
  }

  /** Forgets a refresh token; true if it existed. */
  revokeRefreshToken(token: string): boolean {
    if (this.anyClientTokens.delete(token)) return true;
    return (
      this.db.prepare(`DELETE FROM "_EmulatorRefreshToken" WHERE "TokenHash" = ?`).run(tokenHash(token))
        .changes > 0
    );
  }
}

/** What the database keeps of a refresh token: its SHA-256 (hex). */
function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
