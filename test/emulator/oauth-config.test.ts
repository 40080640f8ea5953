/**
 * The org's OAuth configuration as data: CORS origin patterns, which redirect URIs a connected app
 * accepts, and that both (and the users' passwords) live in the org database across restarts.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEMO_CALLBACK_URLS,
  DEMO_CLIENT_ID,
  DEMO_PASSWORD,
  DEMO_TECHNICIAN_ID,
  EmbeddedOrg,
} from '../../src/emulator/index.ts';
import {
  acceptsRedirect,
  findConnectedApp,
  listConnectedApps,
} from '../../src/emulator/oauth/connected-apps.ts';
import { corsOrigins, originMatches, parseOriginPattern } from '../../src/emulator/oauth/cors-allowlist.ts';
import { DEMO_CONNECTED_APP } from '../../src/emulator/oauth/oauth-setup.ts';
import { checkPassword } from '../../src/emulator/oauth/passwords.ts';

describe('CORS origin patterns', () => {
  it.each([
    ['http://127.0.0.1:*', 'http://127.0.0.1:5174', true],
    ['http://127.0.0.1:*', 'http://127.0.0.1', true],
    ['http://127.0.0.1:*', 'https://127.0.0.1:5174', false],
    ['http://127.0.0.1:*', 'http://127.0.0.10:5174', false],
    ['http://127.0.0.1:*', 'http://127.0.0.1.evil.example:80', false],
    ['http://localhost:*', 'http://LOCALHOST:3000', true],
    ['https://*.example.com', 'https://app.example.com', true],
    ['https://*.example.com', 'https://a.b.example.com', true],
    ['https://*.example.com', 'https://example.com', false],
    ['https://*.example.com', 'https://evilexample.com', false],
    ['https://app.example.com', 'https://app.example.com', true],
    ['https://app.example.com', 'https://app.example.com:8443', false],
    ['https://app.example.com:8443', 'https://app.example.com:8443', true],
    ['https://app.example.com', 'null', false],
  ])('%s against %s: %s', (pattern, origin, allowed) => {
    expect(originMatches(pattern, origin)).toBe(allowed);
  });

  it('refuses entries that are not origin patterns', () => {
    for (const pattern of [
      '*',
      'example.com',
      'https://example.com/path',
      'https://ex*ample.com',
      'ftp://x.example',
    ])
      expect([pattern, parseOriginPattern(pattern)]).toEqual([pattern, undefined]);
    const org = new EmbeddedOrg({ statistics: false });
    try {
      expect(() => org.allowCorsOrigin('https://example.com/app')).toThrow(
        "CORS origin pattern 'https://example.com/app' is not scheme://host[:port] (a '*.' before the domain and ':*' for any port are allowed)",
      );
      expect(org.corsAllows('https://app.example.com')).toBe(false);
      org.allowCorsOrigin('https://*.example.com');
      expect(org.corsAllows('https://app.example.com')).toBe(true);
    } finally {
      org.close();
    }
  });
});

describe('redirect URIs of the demo connected app', () => {
  it.each([
    ['http://127.0.0.1:5174/', true],
    ['http://127.0.0.1:61000/field/?x=1', true],
    ['http://localhost:8080/callback', true],
    ['http://[::1]:8080/', true],
    ['https://fieldapp.syncscope.example/', true],
    ['syncscope://oauth/callback', true],
    ['https://fieldapp.syncscope.example/other', false],
    ['https://127.0.0.1:5174/', false],
    ['http://127.0.0.2:5174/', false],
    ['http://127.0.0.1:5174/#frag', false],
    ['http://user:pw@127.0.0.1:5174/', false],
    ['http://localhost.evil.example/', false],
    ['not a url', false],
  ])('%s: %s', (uri, accepted) => {
    expect(acceptsRedirect(DEMO_CONNECTED_APP, uri)).toBe(accepted);
  });

  it('accepts only the exact callback URLs when loopback redirects are off', () => {
    const strict = { ...DEMO_CONNECTED_APP, loopbackRedirects: false };
    expect(acceptsRedirect(strict, 'http://127.0.0.1:5174/')).toBe(false);
    expect(acceptsRedirect(strict, DEMO_CALLBACK_URLS[0]!)).toBe(true);
  });
});

describe('OAuth configuration in the org database', () => {
  it('keeps the connected app, the CORS allowlist and the passwords across restarts', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'syncscope-oauth-')), 'org.sqlite');
    const first = new EmbeddedOrg({ db, seed: 'demo', records: 300, statistics: false });
    first.allowCorsOrigin('https://*.example.com');
    first.close();
    const again = new EmbeddedOrg({ db, seed: 'demo', statistics: false });
    try {
      expect(listConnectedApps(again.db)).toEqual([
        {
          name: 'syncscope Field App',
          consumerKey: DEMO_CLIENT_ID,
          consumerSecret: 'syncscope-demo-consumer-secret',
          callbackUrls: ['https://fieldapp.syncscope.example/', 'syncscope://oauth/callback'],
          requirePkce: true,
          loopbackRedirects: true,
          scopes: ['api', 'refresh_token'],
        },
      ]);
      expect(findConnectedApp(again.db, 'unknown')).toBeUndefined();
      expect(corsOrigins(again.db)).toEqual([
        'http://127.0.0.1:*',
        'http://[::1]:*',
        'http://localhost:*',
        'https://*.example.com',
      ]);
      expect(checkPassword(again.db, DEMO_TECHNICIAN_ID, DEMO_PASSWORD)).toBe(true);
      expect(checkPassword(again.db, DEMO_TECHNICIAN_ID, 'syncscope-demo-2')).toBe(false);
      // Only a hash is stored.
      const stored = JSON.stringify(again.db.prepare('SELECT * FROM "_EmulatorUserPassword"').all());
      expect(stored).not.toContain(DEMO_PASSWORD);
      expect(again.hasDemoSignIn()).toBe(true);
    } finally {
      again.close();
    }
  });
});
