/**
 * Pull-to-refresh with a finger: the real app (`syncscope app`) on the embedded org in headless Chromium
 * at 390x844 with touch; a touch drag down from the top of the work order list (Touch events through
 * Chromium's touchscreen input) arms the spinner, and its release starts a sync that History lists as
 * "Pull to refresh" (trigger 'pull').
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
  find,
  historyTriggersShown,
  launchChromium,
  ROOT,
  serveFieldApp,
  signInThroughLoginPage,
  waitFor,
  type ServedApp,
} from './app-browser.ts';

const app = (selector: string) => `ss-field-app >>> ${selector}`;
const list = (selector: string) => app(`ss-record-list >>> ${selector}`);

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

it('pull-to-refresh by touch on the work order list starts a sync that History lists as Pull to refresh (390x844)', async () => {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await asPhone(page, 390, 844);
    await page.goto(served.url, { waitUntil: 'load' });
    await find(page, app('[data-action="sign-in"]'));
    await signInThroughLoginPage(page, app, DEMO_TECHNICIAN_USERNAME, DEMO_PASSWORD);
    await find(page, app('ss-home-page >>> [data-home-list]'), 120_000);
    const triggers = () =>
      page.evaluate(async () =>
        (await document.querySelector('ss-field-app')!.device!.history(10)).map(
          (h) => `${(h as { triggeredBy?: string }).triggeredBy} ${h.ok ? 'ok' : 'failed'}`,
        ),
      );
    // The first sync at sign-in (its trigger is the app's own: 'menu' or 'signIn').
    const atSignIn = await triggers();
    expect(atSignIn).toHaveLength(1);
    expect(atSignIn[0]).toMatch(/ ok$/);

    await page.goto(`${served.url}#/records/WorkOrder`, { waitUntil: 'load' });
    await find(page, list('[data-id]'));
    const scroller = await find(page, list('.scroller'));
    const box = await scroller.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + 20, scrollTop: el.scrollTop };
    });
    expect(box.scrollTop).toBe(0);
    const pullState = () => page.$eval(list('.pull'), (el) => el.getAttribute('data-state'));
    expect(await pullState()).toBe('idle');

    // A finger down at the top of the list, dragged 200 px down in steps, then lifted.
    await page.touchscreen.touchStart(box.x, box.y);
    for (let step = 1; step <= 10; step++) await page.touchscreen.touchMove(box.x, box.y + step * 20);
    expect(await waitFor(pullState, (state) => state === 'armed', 'the armed spinner')).toBe('armed');
    expect(await page.$eval(list('.pull'), (el) => el.textContent?.trim())).toBe('Release to refresh');
    await page.touchscreen.touchEnd();

    expect(await waitFor(triggers, (h) => h.length === 2, 'the pull sync', 120_000)).toEqual([
      'pull ok',
      ...atSignIn,
    ]);
    await waitFor(pullState, (state) => state === 'idle', 'the spinner back at rest');

    await page.goto(`${served.url}#/settings/synchronise/history`, { waitUntil: 'load' });
    expect(await historyTriggersShown(page, app)).toEqual(['pull', atSignIn[0]!.split(' ')[0]]);
    const newest = await page.$eval(app('[data-history-list] > li'), (li) =>
      [...li.querySelectorAll('.head span')].map((span) => span.textContent?.trim().replace(/^.* · /, '')),
    );
    expect(newest).toEqual(['Pull to refresh', 'Complete']);
  } finally {
    await context.close();
  }
}, 300_000);
