/**
 * The org's connected apps (Setup > App Manager): name, consumer key and secret, callback URLs, whether
 * PKCE is required, and whether loopback redirect URIs on any port are accepted (RFC 8252 section 7.3,
 * for native and locally served apps such as the field app on a random port). Kept in the org database
 * (`_EmulatorConnectedApp`) so a `--db` org keeps its configuration like a real org.
 */

import type { OrgDb } from '../store/org-database.ts';

export interface ConnectedApp {
  readonly name: string;
  /** The OAuth `client_id`. */
  readonly consumerKey: string;
  readonly consumerSecret: string;
  /** Redirect URIs accepted as they are (exact string match, as Salesforce does). */
  readonly callbackUrls: readonly string[];
  /** The authorization code flow needs `code_challenge` (S256) and the token request its `code_verifier`. */
  readonly requirePkce: boolean;
  /** Also accept `http://127.0.0.1:<any port>/...` and `http://localhost:<any port>/...` redirect URIs. */
  readonly loopbackRedirects: boolean;
  /** Scopes granted (`api refresh_token`). */
  readonly scopes: readonly string[];
}

interface ConnectedAppRow {
  Name: string;
  ConsumerKey: string;
  ConsumerSecret: string;
  CallbackUrls: string;
  RequirePkce: number;
  LoopbackRedirects: number;
  Scopes: string;
}

export function ensureConnectedAppTable(db: OrgDb): void {
  db.exec(`CREATE TABLE IF NOT EXISTS "_EmulatorConnectedApp" (
    "ConsumerKey" TEXT PRIMARY KEY, "Name" TEXT NOT NULL, "ConsumerSecret" TEXT NOT NULL,
    "CallbackUrls" TEXT NOT NULL, "RequirePkce" INTEGER NOT NULL, "LoopbackRedirects" INTEGER NOT NULL,
    "Scopes" TEXT NOT NULL)`);
}

export function saveConnectedApp(db: OrgDb, app: ConnectedApp): void {
  db.prepare(
    `INSERT INTO "_EmulatorConnectedApp" ("ConsumerKey", "Name", "ConsumerSecret", "CallbackUrls", "RequirePkce", "LoopbackRedirects", "Scopes")
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT("ConsumerKey") DO UPDATE SET "Name" = excluded."Name", "ConsumerSecret" = excluded."ConsumerSecret",
       "CallbackUrls" = excluded."CallbackUrls", "RequirePkce" = excluded."RequirePkce",
       "LoopbackRedirects" = excluded."LoopbackRedirects", "Scopes" = excluded."Scopes"`,
  ).run(
    app.consumerKey,
    app.name,
    app.consumerSecret,
    app.callbackUrls.join('\n'),
    app.requirePkce ? 1 : 0,
    app.loopbackRedirects ? 1 : 0,
    app.scopes.join(' '),
  );
}

function fromRow(row: ConnectedAppRow): ConnectedApp {
  return {
    name: row.Name,
    consumerKey: row.ConsumerKey,
    consumerSecret: row.ConsumerSecret,
    callbackUrls: row.CallbackUrls.split('\n').filter(Boolean),
    requirePkce: row.RequirePkce === 1,
    loopbackRedirects: row.LoopbackRedirects === 1,
    scopes: row.Scopes.split(' ').filter(Boolean),
  };
}

export function findConnectedApp(db: OrgDb, consumerKey: string): ConnectedApp | undefined {
  const row = db.prepare(`SELECT * FROM "_EmulatorConnectedApp" WHERE "ConsumerKey" = ?`).get(consumerKey) as
    ConnectedAppRow | undefined;
  return row ? fromRow(row) : undefined;
}

export function listConnectedApps(db: OrgDb): ConnectedApp[] {
  return (db.prepare(`SELECT * FROM "_EmulatorConnectedApp" ORDER BY "Name"`).all() as ConnectedAppRow[]).map(
    fromRow,
  );
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * True when `redirectUri` may receive this app's authorization codes: one of its callback URLs exactly,
 * or (with loopbackRedirects) an http URL on a loopback host with any port and path, no fragment.
 */
export function acceptsRedirect(app: ConnectedApp, redirectUri: string): boolean {
  if (app.callbackUrls.includes(redirectUri)) return true;
  if (!app.loopbackRedirects) return false;
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' &&
    LOOPBACK_HOSTS.has(url.hostname) &&
    url.hash === '' &&
    url.username === '' &&
    url.password === ''
  );
}
