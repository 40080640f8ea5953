/**
 * Two tabs of the field app on one browser profile: the first holds the device's OPFS database, so the
 * second says it is open elsewhere (instead of a bare "Opening…"), and opens the records once the first
 * tab is closed.
 */

import { join } from 'node:path';
import { Connection } from 'jsforce';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureScopePublished } from '../../src/cli/commands/app.ts';
import {
  DEMO_CLIENT_ID,
  DEMO_PASSWORD,
  DEMO_TECHNICIAN_USERNAME,
  startOrg,
  type RunningOrg,
} from '../../src/emulator/index.ts';
import {
  asPhone,
  deepText,
  find,
  launchChromium,
  ROOT,
  serveFieldApp,
  signInThroughLoginPage,
  waitFor,
  type ServedApp,
} from './app-browser.ts';

const app = (selector: string) => `ss-field-app >>> ${selector}`;

let org: RunningOrg;
let served: ServedApp;
let browser: Browser;

beforeAll(async () => {
  org = await startOrg({ seed: 'demo' });
  const connection = new Connection({ instanceUrl: org.url, accessToken: org.token, version: '62.0' });
  await ensureScopePublished(
    { connection, apiVersion: '62.0' },
    join(ROOT, 'examples/field-technician.scope.json'),
  );
  served = await serveFieldApp(org.url, DEMO_CLIENT_ID);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await org?.close();
});

it('a second tab says the app is open in another tab, and opens the records once that tab is closed', async () => {
  const context = await browser.createBrowserContext();
  try {
    const first = await context.newPage();
    await asPhone(first, 390, 844);
    await first.goto(served.url, { waitUntil: 'load' });
    await find(first, app('[data-action="sign-in"]'));
    await signInThroughLoginPage(first, app, DEMO_TECHNICIAN_USERNAME, DEMO_PASSWORD);
    await find(first, app('ss-home-page >>> [data-home-list]'), 120_000);

    const second = await context.newPage();
    await asPhone(second, 390, 844);
    await second.goto(served.url, { waitUntil: 'load' });
    const said = await waitFor(
      async () => (await deepText(second, app('[data-opening]'))).replace(/\s+/g, ' ').trim(),
      (text) => text.includes('another tab'),
      "the second tab's opening message",
    );
    expect(said).toBe(
      'The app is open in another tab or window. Close it there to continue here; your records and changes are safe.',
    );

    await first.close();
    await find(second, app('ss-home-page >>> [data-home-list]'), 120_000);
  } finally {
    await context.close();
  }
}, 300_000);
