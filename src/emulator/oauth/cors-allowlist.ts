/**
 * The org's CORS allowlist (Setup > CORS): origin URL patterns such as `https://app.example.com`,
 * `https://*.example.com` (any subdomain) or `http://127.0.0.1:*` (any port), kept in
 * `_EmulatorCorsOrigin`; and the "Enable CORS for OAuth endpoints" setting (`_EmulatorMeta`
 * `corsOAuthEndpoints`), without which the token, revoke and userinfo endpoints answer no CORS headers.
 */

import { readMeta, writeMeta, type OrgDb } from '../store/org-database.ts';

interface OriginPattern {
  readonly scheme: string;
  /** Lower-cased host; with `anySubdomain`, the domain under the `*.`. */
  readonly host: string;
  readonly anySubdomain: boolean;
  /** A port number, `*` for any port, or '' for none. */
  readonly port: string;
}

const PATTERN = /^(https?):\/\/(\*\.)?([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d{1,5}|\*))?$/i;
const ORIGIN = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d{1,5}))?$/i;

/** Parses an allowlist entry; undefined when it is not an origin pattern Salesforce accepts. */
export function parseOriginPattern(pattern: string): OriginPattern | undefined {
  const match = PATTERN.exec(pattern.trim());
  if (!match) return undefined;
  return {
    scheme: (match[1] as string).toLowerCase(),
    anySubdomain: match[2] !== undefined,
    host: (match[3] as string).toLowerCase(),
    port: match[4] ?? '',
  };
}

export function originMatches(pattern: string, origin: string): boolean {
  const parsed = parseOriginPattern(pattern);
  const match = ORIGIN.exec(origin);
  if (!parsed || !match) return false;
  const scheme = (match[1] as string).toLowerCase();
  const host = (match[2] as string).toLowerCase();
  const port = match[3] ?? '';
  if (scheme !== parsed.scheme) return false;
  if (parsed.anySubdomain ? !host.endsWith(`.${parsed.host}`) : host !== parsed.host) return false;
  return parsed.port === '*' || parsed.port === port;
}

export function ensureCorsTable(db: OrgDb): void {
  db.exec(`CREATE TABLE IF NOT EXISTS "_EmulatorCorsOrigin" ("UrlPattern" TEXT PRIMARY KEY)`);
}

export function addCorsOrigin(db: OrgDb, pattern: string): void {
  if (!parseOriginPattern(pattern))
    throw new Error(
      `CORS origin pattern '${pattern}' is not scheme://host[:port] (a '*.' before the domain and ':*' for any port are allowed)`,
    );
  db.prepare(`INSERT OR IGNORE INTO "_EmulatorCorsOrigin" ("UrlPattern") VALUES (?)`).run(pattern.trim());
}

export function corsOrigins(db: OrgDb): string[] {
  return (
    db.prepare(`SELECT "UrlPattern" FROM "_EmulatorCorsOrigin" ORDER BY "UrlPattern"`).all() as {
      UrlPattern: string;
    }[]
  ).map((row) => row.UrlPattern);
}

export function setCorsForOAuthEndpoints(db: OrgDb, enabled: boolean): void {
  writeMeta(db, 'corsOAuthEndpoints', enabled ? 'true' : 'false');
}

export function corsForOAuthEndpoints(db: OrgDb): boolean {
  return readMeta(db, 'corsOAuthEndpoints') === 'true';
}
