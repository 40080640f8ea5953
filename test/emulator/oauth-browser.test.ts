/**
 * The OAuth sign-in as a browser app lives it, in headless Chromium at 360 px wide: the login page (labels,
 * no sideways scroll, axe), a wrong password, the redirect back to a page on another loopback port, then
 * that page's own cross-origin calls (token, REST API with a preflight, userinfo) through CORS; and a page
 * on an origin not on the allowlist that the browser stops.
 */

import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CLIENT_ID,
  DEMO_PASSWORD,
  DEMO_TECHNICIAN_ID,
  DEMO_TECHNICIAN_USERNAME,
  startOrg,
  type RunningOrg,
} from '../../src/emulator/index.ts';
import { LOGIN_FAILED_MESSAGE } from '../../src/emulator/http/login-page.ts';

const CHROMIUM =
  process.env.CHROME_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) =>
    existsSync(path),
  );
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** A stand-in for the field app: any path answers a blank page. */
function startAppServer(host: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!DOCTYPE html><html lang="en"><title>field app</title><p>field app</p></html>');
  });
  return new Promise((resolve) =>
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://${host}:${port}/` });
    }),
  );
}

let org: RunningOrg;
let app: { server: Server; url: string };
let stranger: { server: Server; url: string };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  org = await startOrg({ seed: 'demo', records: 300 });
  app = await startAppServer('127.0.0.1');
  // 127.0.0.2 is loopback too, but not on the demo org's allowlist (http://127.0.0.1:*, http://localhost:*).
  stranger = await startAppServer('127.0.0.2');
  if (!CHROMIUM)
    throw new Error('No Chromium found: install it (apt-get install -y chromium) or set CHROME_PATH.');
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  await page.setViewport({ width: 360, height: 740 });
  // The login page's CSP allows no scripts; the test injects axe-core all the same.
  await page.setBypassCSP(true);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  app?.server.close();
  stranger?.server.close();
  await org?.close();
});

async function seriousAxeViolations(): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact})`);
  });
}

async function horizontalOverflow(): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('signing in from a browser app', () => {
  it('logs in through the page at 360 px and uses the API cross-origin', async () => {
    const verifier = randomBytes(48).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorize = `${org.url}/services/oauth2/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: DEMO_CLIENT_ID,
      redirect_uri: app.url,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'browser-1',
    }).toString()}`;
    await page.goto(authorize);
    expect(await page.title()).toBe('Login | Salesforce');
    expect(await horizontalOverflow()).toBe(0);
    expect(await seriousAxeViolations()).toEqual([]);
    const username = await page.$('::-p-aria(Username)');
    const password = await page.$('::-p-aria(Password)');
    const logIn = await page.$('::-p-aria(Log In[role="button"])');
    expect([username !== null, password !== null, logIn !== null]).toEqual([true, true, true]);
    const heights = await page.$$eval('input:not([type=hidden]), button', (elements) =>
      elements.map((element) => Math.round(element.getBoundingClientRect().height)),
    );
    for (const height of heights) expect(height).toBeGreaterThanOrEqual(44);

    await username!.type(DEMO_TECHNICIAN_USERNAME);
    await password!.type('wrong password');
    await Promise.all([page.waitForNavigation(), logIn!.click()]);
    expect(await page.$eval('[role="alert"]', (element) => element.textContent)).toBe(LOGIN_FAILED_MESSAGE);
    expect(await horizontalOverflow()).toBe(0);
    expect(await seriousAxeViolations()).toEqual([]);

    await page.type('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('#Login')]);
    const landed = new URL(page.url());
    expect(`${landed.origin}/`).toBe(app.url);
    expect(landed.searchParams.get('state')).toBe('browser-1');
    const code = landed.searchParams.get('code');
    expect(code).toMatch(/^aPrx/);

    // The app's own page now calls the org: a simple POST to token, then API calls with a preflight.
    const result = await page.evaluate(
      async (
        orgUrl: string,
        clientId: string,
        redirectUri: string,
        authCode: string,
        codeVerifier: string,
      ) => {
        const tokenResponse = await fetch(`${orgUrl}/services/oauth2/token`, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code: authCode,
            client_id: clientId,
            redirect_uri: redirectUri,
            code_verifier: codeVerifier,
          }),
        });
        const tokens = (await tokenResponse.json()) as { access_token: string; refresh_token: string };
        const headers = { Authorization: `Bearer ${tokens.access_token}` };
        const query = await fetch(
          `${orgUrl}/services/data/v62.0/query?q=${encodeURIComponent('SELECT COUNT() FROM Account')}`,
          { headers: { ...headers, 'Sforce-Query-Options': 'batchSize=200' } },
        );
        const info = await fetch(`${orgUrl}/services/oauth2/userinfo`, { headers });
        const created = await fetch(`${orgUrl}/services/data/v62.0/sobjects/WorkOrder`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ Subject: 'From the browser' }),
        });
        const refreshed = await fetch(`${orgUrl}/services/oauth2/token`, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: tokens.refresh_token,
            client_id: clientId,
          }),
        });
        const revoked = await fetch(`${orgUrl}/services/oauth2/revoke`, {
          method: 'POST',
          body: new URLSearchParams({ token: tokens.refresh_token }),
        });
        return {
          token: tokenResponse.status,
          query: [query.status, ((await query.json()) as { totalSize: number }).totalSize],
          limitInfo: query.headers.get('Sforce-Limit-Info') !== null,
          userId: ((await info.json()) as { user_id: string }).user_id,
          created: [created.status, ((await created.json()) as { id: string }).id],
          refreshed: refreshed.status,
          revoked: revoked.status,
        };
      },
      org.url,
      DEMO_CLIENT_ID,
      app.url,
      code!,
      verifier,
    );
    expect(result).toEqual({
      token: 200,
      query: [200, 12],
      limitInfo: true,
      userId: DEMO_TECHNICIAN_ID,
      created: [201, expect.stringMatching(/^0WO/)],
      refreshed: 200,
      revoked: 200,
    });
    const record = org.org.store.row('WorkOrder', result.created[1] as string);
    expect([record?.OwnerId, record?.CreatedById]).toEqual([DEMO_TECHNICIAN_ID, DEMO_TECHNICIAN_ID]);
  }, 60_000);

  it('is stopped by the browser on an origin not on the allowlist', async () => {
    await page.goto(stranger.url);
    const before = org.org.usage.stats().byPath['/services/data'] ?? 0;
    // A simple GET (no preflight): the org answers it, without CORS headers, so the page may not read it.
    const outcome = await page.evaluate(async (orgUrl: string) => {
      try {
        await fetch(`${orgUrl}/services/data`);
        return 'readable';
      } catch (error) {
        return (error as Error).name;
      }
    }, org.url);
    expect(outcome).toBe('TypeError');
    expect(org.org.usage.stats().byPath['/services/data']).toBe(before + 1);
    // The same request from the allowlisted app origin is readable.
    await page.goto(app.url);
    const allowed = await page.evaluate(
      async (orgUrl: string) => (await fetch(`${orgUrl}/services/data`)).status,
      org.url,
    );
    expect(allowed).toBe(200);
  }, 60_000);
});
