/**
 * The field app end to end, as a technician meets it on a phone: `syncscope app` (the real CLI, in a child
 * process) against an embedded org with the example scope published, the real app in headless Chromium
 * with touch at 390x844 and 360x740. Sign in through the org's login page (OAuth code + PKCE), the first
 * sync with its progress seen mid-sync (the org's latency fault), the next-sync message, Sync now from
 * the menu and from Settings > Synchronise, network off -> reload -> the records still there (service
 * worker + the device's store), an offline edit that waits as pending and uploads before the download
 * when the network returns, and on every screen: axe-core without serious or critical violations, no
 * sideways scroll.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import type { Browser, BrowserContext, HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureScopePublished } from '../../src/cli/commands/app.ts';
import {
  DEMO_CLIENT_ID,
  DEMO_PASSWORD,
  DEMO_SECOND_TECHNICIAN_USERNAME,
  DEMO_TECHNICIAN_ID,
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
  seriousAxeViolations,
  sidewaysScroll,
  tap,
  waitFor,
} from './app-browser.ts';

const TIME_ZONE = 'Europe/Paris';
const app = (selector: string) => `ss-field-app >>> ${selector}`;

let org: RunningOrg;
let connection: Connection;
let server: ChildProcess;
let serverOutput = '';
let url: string;
let browser: Browser;

beforeAll(async () => {
  org = await startOrg({ seed: 'demo' });
  connection = new Connection({ instanceUrl: org.url, accessToken: org.token, version: '62.0' });
  await ensureScopePublished(
    { connection, apiVersion: '62.0' },
    join(ROOT, 'examples/field-technician.scope.json'),
  );
  server = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/syncscope.js'),
      'app',
      '--port',
      '0',
      '--instance-url',
      org.url,
      '--client-id',
      DEMO_CLIENT_ID,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stderr!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
  // The first run of a checkout builds the app with Vite: allow for it.
  url = await new Promise<string>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      serverOutput += chunk.toString();
      const match = /field app: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(serverOutput);
      if (match) resolve(match[1]!);
    });
    server.on('exit', (code) => reject(new Error(`syncscope app exited with ${code}:\n${serverOutput}`)));
  });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await org?.close();
});

/** A fresh profile (its own service worker, OPFS and storage) as a phone of this size. */
async function phone(width: number, height: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await asPhone(page, width, height);
  await page.emulateTimezone(TIME_ZONE);
  // axe-core is injected as a script; the app's CSP allows scripts from its own origin only.
  await page.setBypassCSP(true);
  return { context, page };
}

/** axe and the sideways-scroll check on the screen as it is now. */
async function checkScreen(page: Page, name: string): Promise<void> {
  expect({ screen: name, violations: await seriousAxeViolations(page) }).toEqual({
    screen: name,
    violations: [],
  });
  expect({ screen: name, sideways: await sidewaysScroll(page) }).toEqual({ screen: name, sideways: 0 });
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await find(page, app('[data-action="sign-in"]'));
  await checkScreen(page, 'sign-in');
  await Promise.all([page.waitForNavigation(), tap(page, app('[data-action="sign-in"]'))]);
  expect(new URL(page.url()).origin).toBe(org.url);
  expect(new URL(page.url()).pathname).toBe('/services/oauth2/authorize');
  await page.type('#username', username);
  await page.type('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), tap(page, '#Login')]);
}

/** The outcome banner's text once the sync that is running (or about to) has ended. */
async function syncOutcome(page: Page, previous = ''): Promise<string> {
  return waitFor(
    () => deepText(page, app('[data-sync-outcome]')),
    (text) => text !== '' && text !== previous,
    'the sync outcome',
    120_000,
  );
}

/** The device's next scheduled sync, as the app shows it in local time. */
async function expectedNextSync(page: Page): Promise<string> {
  const next = await page.evaluate(async () => {
    const device = document.querySelector('ss-field-app')!.device!;
    return (await device.status()).nextSyncAt;
  });
  expect(next).toBeTypeOf('number');
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  }).format(next!);
  return `Next scheduled sync at ${time} (in 30 min).`;
}

async function historyTriggers(page: Page): Promise<string[]> {
  await tap(page, app('#tab-history'));
  await find(page, app('[data-history-list]'));
  return page.$$eval(app('[data-history-trigger]'), (items) =>
    items.map((li) => li.getAttribute('data-history-trigger') ?? ''),
  );
}

describe('the field app on a phone', () => {
  // The 390x844 phone: signed in by the first test, taken offline by the second.
  let context: BrowserContext;
  let page: Page;
  let workOrders: string[] = [];

  afterAll(async () => {
    org.org.faults.latencyMs = 0;
    await context?.close();
  });

  it('signs in, syncs with progress, tells the next sync, syncs from the menu and from Settings (390x844)', async () => {
    ({ context, page } = await phone(390, 844));
    // Slow the org down so the first sync is seen mid-way.
    org.org.faults.latencyMs = 150;
    await signIn(page, DEMO_TECHNICIAN_USERNAME);

    // First sync at login, with progress.
    await find(page, app('.first-sync'));
    const seen = new Set<string>();
    await waitFor(
      async () => {
        const text = await deepText(page, app('[data-progress-text]'));
        if (text) seen.add(text);
        return [...seen];
      },
      (texts) => texts.some((t) => /^Downloading [A-Z][A-Za-z ]+: \d+ of \d+$/.test(t)),
      'a download progress line',
    );
    const bar = await page.$eval(app('[role="progressbar"]'), (el) => el.getAttribute('aria-valuetext'));
    expect(bar).toMatch(/^(Downloading [A-Z][A-Za-z ]+: \d+( of \d+)?|Checking .*|Starting sync…)$/);
    org.org.faults.latencyMs = 0;

    const firstOutcome = await syncOutcome(page);
    expect(firstOutcome).toBe(`Sync complete. ${await expectedNextSync(page)}`);
    expect(await page.$eval(app('[data-live-region]'), (el) => el.textContent?.trim())).toBe(firstOutcome);
    await find(page, app('ss-home-page >>> [data-home-list]'));
    workOrders = await page.evaluate(async () =>
      (await document.querySelector('ss-field-app')!.device!.records('WorkOrder')).map((r) => r.Id),
    );
    expect(workOrders.length).toBeGreaterThan(0);
    await checkScreen(page, 'home');

    // Sync now from the main menu: its last item, with the last sync time and pending changes.
    await tap(page, app('[aria-label="Menu"]'));
    const menu = await find(page, app('ss-main-menu >>> nav[role="dialog"]'));
    const lastItem = await menu.evaluate((nav) => {
      const last = nav.lastElementChild!;
      return {
        sync: last.querySelector('button')?.textContent?.trim(),
        state: last.querySelector('p')?.textContent,
      };
    });
    expect(lastItem.sync).toBe('Sync now');
    expect(lastItem.state?.replace(/\s+/g, ' ').trim()).toMatch(/^Last sync \d\d:\d\d · 0 pending changes$/);
    await checkScreen(page, 'main menu');
    await tap(page, app('ss-main-menu >>> [data-action="sync-now"]'));
    const menuOutcome = await syncOutcome(page, '');
    expect(menuOutcome).toMatch(/^Sync complete\. Next scheduled sync at \d\d:\d\d \(in \d+ min\)\.$/);

    // Settings > Synchronise > Sync now.
    await tap(page, app('[aria-label="Menu"]'));
    await tap(page, app('ss-main-menu >>> a[href="#/settings"]'));
    await find(page, app('ss-settings-page'));
    await checkScreen(page, 'settings');
    await tap(page, app('ss-settings-page >>> [data-place="synchronise"]'));
    await find(page, app('ss-synchronise-page'));
    await checkScreen(page, 'synchronise: pending changes');
    const before = await page.evaluate(
      async () => (await document.querySelector('ss-field-app')!.device!.history(1))[0]?.endedAt,
    );
    await tap(page, app('[data-action="settings-sync-now"]'));
    await waitFor(
      () =>
        page.evaluate(
          async () => (await document.querySelector('ss-field-app')!.device!.history(1))[0]?.endedAt,
        ),
      (ended) => ended !== before,
      'the Settings sync',
    );
    expect(await historyTriggers(page)).toEqual(['settings', 'menu', 'signIn']);
    await checkScreen(page, 'synchronise: history');
    await tap(page, app('#tab-schedule'));
    await find(page, app('[data-schedule-list]'));
    await checkScreen(page, 'synchronise: schedule');

    // A list of work orders and a record.
    await page.goto(`${url}#/records/WorkOrder`, { waitUntil: 'load' });
    await find(page, app('ss-record-list'));
    await checkScreen(page, 'work order list');
    await page.goto(`${url}#/records/WorkOrder/${workOrders[0]}`, { waitUntil: 'load' });
    await find(page, app('ss-record-detail'));
    await checkScreen(page, 'work order');
  }, 300_000);

  it('reloads offline with the records there; an offline edit waits, then uploads before the download (390x844)', async () => {
    expect(workOrders.length).toBeGreaterThan(0);
    // Network off -> reload: the shell comes from the service worker, the records from the device's store.
    await waitFor(
      () => page.evaluate(() => navigator.serviceWorker.controller !== null),
      (c) => c,
      'the service worker',
    );
    await page.setOfflineMode(true);
    await page.goto(`${url}#/`, { waitUntil: 'load' });
    await page.reload({ waitUntil: 'load' });
    await find(page, app('ss-home-page >>> [data-home-list]'));
    expect(await deepText(page, app('[data-indicator="offline"]'))).toBe('Offline');
    const heldOffline = await page.evaluate(async () =>
      (await document.querySelector('ss-field-app')!.device!.records('WorkOrder')).map((r) => r.Id),
    );
    expect(heldOffline.sort()).toEqual([...workOrders].sort());
    await checkScreen(page, 'home offline');

    // An offline edit waits as pending.
    const subject = `Pump seal replaced offline ${Date.now()}`;
    const edited = workOrders[0]!;
    await page.goto(`${url}#/records/WorkOrder/${edited}/edit`, { waitUntil: 'load' });
    const subjectInput = await find(page, app('ss-record-form >>> [data-field="Subject"]'));
    await subjectInput.evaluate((input) => ((input as HTMLInputElement).value = ''));
    await subjectInput.type(subject);
    await checkScreen(page, 'work order form offline');
    await tap(page, app('ss-record-form >>> button[type="submit"]'));
    await find(page, app('ss-record-detail'));
    await page.goto(`${url}#/settings/synchronise/pending`, { waitUntil: 'load' });
    await page.reload({ waitUntil: 'load' });
    const pending = await find(page, app('[data-pending-list] li'));
    expect(await pending.evaluate((li) => li.getAttribute('data-status'))).toBe('pending');
    await checkScreen(page, 'synchronise: pending change');

    // Network back: the reconnect sync uploads the edit before it downloads anything.
    // Every REST call the page and its worker make, in order; a composite call is listed by its subrequests.
    const requests: string[] = [];
    const record = (request: HTTPRequest) => {
      if (!request.url().startsWith(org.url) || !request.url().includes('/services/data/')) return;
      const target = new URL(request.url());
      if (target.pathname.endsWith('/composite') && request.method() === 'POST') {
        const body = JSON.parse(request.postData() ?? '{}') as {
          compositeRequest?: { method: string; url: string; body?: unknown }[];
        };
        for (const sub of body.compositeRequest ?? [])
          requests.push(`${sub.method} ${decodeURIComponent(sub.url)} ${JSON.stringify(sub.body ?? null)}`);
      } else requests.push(`${request.method()} ${decodeURIComponent(target.pathname + target.search)}`);
    };
    page.on('request', record);
    await page.setOfflineMode(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitFor(
      () =>
        page.evaluate(
          async () => (await document.querySelector('ss-field-app')!.device!.pendingChanges()).length,
        ),
      (n) => n === 0,
      'the upload',
    );
    page.off('request', record);
    const patch = requests.findIndex(
      (r) => r.startsWith('PATCH ') && r.includes(edited) && r.includes(subject),
    );
    const firstQuery = requests.findIndex(
      (r) => r.startsWith('GET ') && /\/query\?q=SELECT .* FROM WorkOrder/i.test(r),
    );
    expect(patch).toBeGreaterThanOrEqual(0);
    expect(firstQuery).toBeGreaterThan(patch);
    const saved = (await connection.sobject('WorkOrder').retrieve(edited)) as {
      Subject: string;
      OwnerId: string;
    };
    expect(saved.Subject).toBe(subject);
    expect(saved.OwnerId.slice(0, 15)).toBe(DEMO_TECHNICIAN_ID.slice(0, 15));
    await page.goto(`${url}#/settings/synchronise/history`, { waitUntil: 'load' });
    expect((await historyTriggers(page))[0]).toBe('reconnect');
  }, 300_000);

  it('fits a 360x740 phone: no sideways scroll and no serious axe violation on any screen', async () => {
    const { context, page } = await phone(360, 740);
    try {
      await signIn(page, DEMO_SECOND_TECHNICIAN_USERNAME);
      expect(await syncOutcome(page)).toMatch(/^Sync complete\. /);
      await find(page, app('ss-home-page >>> [data-home-list]'));
      await checkScreen(page, 'home 360');
      await tap(page, app('[aria-label="Menu"]'));
      await find(page, app('ss-main-menu >>> nav'));
      await checkScreen(page, 'menu 360');
      for (const hash of [
        '#/settings',
        '#/settings/synchronise/pending',
        '#/settings/synchronise/schedule',
        '#/settings/synchronise/history',
        '#/records/Account',
      ]) {
        await page.goto(`${url}${hash}`, { waitUntil: 'load' });
        await find(page, app('ss-app-header'));
        await new Promise((resolve) => setTimeout(resolve, 300));
        await checkScreen(page, `${hash} 360`);
      }
    } finally {
      await context.close();
    }
  }, 240_000);
});
