/**
 * Phone-size screenshots of the field app for docs/field-app.md (docs/images/field-app-*.png): an
 * embedded demo org with the example scope published, the built app served as `syncscope app` serves it,
 * headless Chromium at 390x844 with touch, a demo technician signed in through the org's login page.
 *
 *   node bin/run-ts.js scripts/field-app-screenshots.ts
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import type { Page } from 'puppeteer-core';
import { ensureScopePublished } from '../src/cli/commands/app.ts';
import { DEMO_CLIENT_ID, DEMO_PASSWORD, DEMO_TECHNICIAN_USERNAME, startOrg } from '../src/emulator/index.ts';
import { startAppServer } from '../src/server/app-server.ts';
import { asPhone, deepText, find, launchChromium, ROOT, tap, waitFor } from '../test/app/app-browser.ts';

const OUT = join(ROOT, 'docs/images');
const app = (selector: string) => `ss-field-app >>> ${selector}`;

async function shot(page: Page, name: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 400));
  await page.screenshot({ path: join(OUT, `field-app-${name}.png`) as `${string}.png` });
  console.log(`docs/images/field-app-${name}.png`);
}

const org = await startOrg({ seed: 'demo' });
const connection = new Connection({ instanceUrl: org.url, accessToken: org.token, version: '62.0' });
await ensureScopePublished(
  { connection, apiVersion: '62.0' },
  join(ROOT, 'examples/field-technician.scope.json'),
);
const server = await startAppServer({
  config: {
    instanceUrl: org.url,
    clientId: DEMO_CLIENT_ID,
    scopeName: 'Field technician',
    apiVersion: '62.0',
  },
  log: (line) => console.log(line),
});
const browser = await launchChromium();
try {
  mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage();
  await asPhone(page, 390, 844);
  await page.goto(server.url, { waitUntil: 'load' });
  await find(page, app('[data-action="sign-in"]'));
  await shot(page, 'sign-in');
  await Promise.all([page.waitForNavigation(), tap(page, app('[data-action="sign-in"]'))]);
  await page.type('#username', DEMO_TECHNICIAN_USERNAME);
  await page.type('#password', DEMO_PASSWORD);
  await shot(page, 'login-page');
  org.org.faults.latencyMs = 400;
  await Promise.all([page.waitForNavigation(), tap(page, '#Login')]);
  await waitFor(
    () => deepText(page, app('[data-progress-text]')),
    (text) => /^Downloading [A-Za-z ]+: \d+ of \d+$/.test(text),
    'download progress',
  );
  await shot(page, 'first-sync');
  org.org.faults.latencyMs = 0;
  await find(page, app('[data-sync-outcome]'), 120_000);
  await find(page, app('ss-home-page >>> [data-home-list]'));
  await shot(page, 'home');
  await tap(page, app('[aria-label="Menu"]'));
  await find(page, app('ss-main-menu >>> nav'));
  await shot(page, 'menu');
  await page.keyboard.press('Escape');
  await page.goto(`${server.url}#/records/WorkOrder`, { waitUntil: 'load' });
  await find(page, app('ss-record-list'));
  await shot(page, 'work-orders');
  const [first] = await page.evaluate(async () =>
    (await document.querySelector('ss-field-app')!.device!.records('WorkOrder')).map((r) => r.Id),
  );
  await page.goto(`${server.url}#/records/WorkOrder/${first}`, { waitUntil: 'load' });
  await find(page, app('ss-record-detail'));
  await shot(page, 'work-order');
  await page.goto(`${server.url}#/settings`, { waitUntil: 'load' });
  await find(page, app('ss-settings-page'));
  await shot(page, 'settings');
  // A change made offline, waiting in Pending Changes.
  await page.setOfflineMode(true);
  await page.evaluate(() => window.dispatchEvent(new Event('offline')));
  await page.evaluate(
    async (id) =>
      document.querySelector('ss-field-app')!.device!.update('WorkOrder', id!, { Status: 'In Progress' }),
    first,
  );
  await page.goto(`${server.url}#/settings/synchronise/pending`, { waitUntil: 'load' });
  await find(page, app('[data-pending-list]'));
  await shot(page, 'pending-changes');
  await page.setOfflineMode(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await waitFor(
    () =>
      page.evaluate(
        async () => (await document.querySelector('ss-field-app')!.device!.pendingChanges()).length,
      ),
    (n) => n === 0,
    'the reconnect sync',
  );
  await page.goto(`${server.url}#/settings/synchronise/schedule`, { waitUntil: 'load' });
  await find(page, app('[data-schedule-list]'));
  await shot(page, 'schedule');
  await page.goto(`${server.url}#/settings/synchronise/history`, { waitUntil: 'load' });
  await find(page, app('[data-history-list]'));
  await shot(page, 'history');
  // A failure: the org unreachable for a Sync now.
  org.org.faults.apply({
    failNext: 50,
    status: 503,
    errorCode: 'SERVER_UNAVAILABLE',
    message: 'Service unavailable',
  });
  await tap(page, app('[data-action="settings-sync-now"]'));
  await waitFor(
    () => deepText(page, app('[data-sync-outcome="failed"]')),
    (t) => t !== '',
    'the failure',
  );
  await page.goto(`${server.url}#/`, { waitUntil: 'load' });
  await find(page, app('ss-home-page >>> [data-home-list]'));
  await shot(page, 'sync-failed');
  org.org.faults.clear();
} finally {
  await browser.close();
  await server.close();
  await org.close();
}
