import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConfigServer, type ConfigServer } from '../../src/server/config-server.ts';
import { rawRequest } from './support/http.ts';

let server: ConfigServer;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'syncscope-page-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>page</title><script type="module" src="/assets/app-1a2b.js"></script>',
  );
  writeFileSync(join(dir, 'assets/app-1a2b.js'), 'document.title = "ok";');
  // Serving the page never talks to the org.
  const connection = new Connection({
    instanceUrl: 'http://127.0.0.1:9',
    accessToken: 'unused',
    version: '62.0',
  });
  server = await startConfigServer({
    org: { kind: 'org', connection, instanceUrl: 'http://127.0.0.1:9', apiVersion: '62.0' },
    port: 0,
    uiDir: dir,
  });
});

afterAll(async () => {
  await server?.close();
});

describe('the page', () => {
  it('is served with a strict policy: revalidated HTML, immutable hashed assets, no framing', async () => {
    const page = await rawRequest(server.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>page</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const asset = await rawRequest(server.port, { path: '/assets/app-1a2b.js' });
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await rawRequest(server.port, { path: '/favicon.ico' })).status).toBe(204);
    expect((await rawRequest(server.port, { path: '/nope.js' })).status).toBe(404);
    const api404 = await rawRequest(server.port, { path: '/api/nope' });
    expect(api404.status).toBe(404);
    expect(api404.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no route GET /api/nope' } });
  });

  it('is refused to another site, like the API', async () => {
    const framed = await rawRequest(server.port, { path: '/', headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(framed.status).toBe(403);
  });
});
