/**
 * What a new embedded org is given once (and an older `--db` org on its first start with this code): the
 * demo connected app, the loopback CORS allowlist with "Enable CORS for OAuth endpoints" on, and the
 * documented password for every user it has then (the admin; with `--seed demo` the technicians and the
 * dispatcher). Users created later through the API have no password (they sign in with a session from
 * `/__emulator/sessions`).
 */

import { DEMO_CALLBACK_URLS, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PASSWORD } from '../seed/demo-ids.ts';
import { readMeta, writeMeta, type OrgDb } from '../store/org-database.ts';
import { ensureConnectedAppTable, saveConnectedApp, type ConnectedApp } from './connected-apps.ts';
import { addCorsOrigin, ensureCorsTable, setCorsForOAuthEndpoints } from './cors-allowlist.ts';
import { ensurePasswordTable, hashPassword, setPasswordHash } from './passwords.ts';

export const DEMO_CONNECTED_APP: ConnectedApp = {
  name: 'syncscope Field App',
  consumerKey: DEMO_CLIENT_ID,
  consumerSecret: DEMO_CLIENT_SECRET,
  callbackUrls: DEMO_CALLBACK_URLS,
  requirePkce: true,
  loopbackRedirects: true,
  scopes: ['api', 'refresh_token'],
};

/** Loopback origins (any port): where the field app and local tools are served from. */
export const DEMO_CORS_ORIGINS: readonly string[] = [
  'http://127.0.0.1:*',
  'http://localhost:*',
  'http://[::1]:*',
];

export function ensureOAuthSetup(db: OrgDb): void {
  ensureConnectedAppTable(db);
  ensureCorsTable(db);
  ensurePasswordTable(db);
  if (readMeta(db, 'oauthSetup') !== undefined) return;
  db.transaction(() => {
    saveConnectedApp(db, DEMO_CONNECTED_APP);
    for (const origin of DEMO_CORS_ORIGINS) addCorsOrigin(db, origin);
    setCorsForOAuthEndpoints(db, true);
    // One hash for all of them: they share the one documented password, and scrypt is the slow part.
    const hashed = hashPassword(DEMO_PASSWORD);
    const users = db.prepare(`SELECT "Id" FROM "User" WHERE "IsDeleted" = 0`).all() as { Id: string }[];
    for (const user of users) setPasswordHash(db, user.Id, hashed);
    writeMeta(db, 'oauthSetup', new Date().toISOString());
  })();
}
