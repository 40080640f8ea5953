/**
 * A 1-minute schedule fires by itself on a controlled clock: a scope published with syncEveryMinutes 1 on
 * the embedded org, the real app (`syncscope app`) in headless Chromium, and the device worker's clock
 * (Date.now and the timers the scheduler arms) under the test's control. Advancing that clock past the
 * minute starts a sync with trigger 'schedule' without any click, and History lists it.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import type { Browser, Page, WebWorker } from 'puppeteer-core';
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
  tap,
  waitFor,
  type ServedApp,
} from './app-browser.ts';

const app = (selector: string) => `ss-field-app >>> ${selector}`;

let org: RunningOrg;
let served: ServedApp;
let browser: Browser;
let scopeDir: string;

/** Every `syncEveryMinutes` in the scope set to `minutes`. */
function withInterval(value: unknown, minutes: number): unknown {
  if (Array.isArray(value)) return value.map((v) => withInterval(v, minutes));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        key === 'syncEveryMinutes' ? minutes : withInterval(v, minutes),
      ]),
    );
  return value;
}

beforeAll(async () => {
  org = await startOrg({ seed: 'demo' });
  const connection = new Connection({ instanceUrl: org.url, accessToken: org.token, version: '62.0' });
  scopeDir = mkdtempSync(join(tmpdir(), 'syncscope-schedule-'));
  const scope = JSON.parse(
    readFileSync(join(ROOT, 'examples/field-technician.scope.json'), 'utf8'),
  ) as unknown;
  const scopeFile = join(scopeDir, 'every-minute.scope.json');
  writeFileSync(scopeFile, JSON.stringify(withInterval(scope, 1)));
  await ensureScopePublished({ connection, apiVersion: '62.0' }, scopeFile);
  served = await serveFieldApp(org.url, DEMO_CLIENT_ID);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await org?.close();
  if (scopeDir) rmSync(scopeDir, { recursive: true, force: true });
});

/**
 * Puts the worker's time under the test's control: Date.now() is real time plus an offset the test
 * advances; a timer of 10 s or more (the scheduler's; its shortest wait is a minute here) fires only when
 * the advanced clock reaches it, shorter ones (retries, the SQLite VFS) run in real time as before.
 */
function installControlledClock(): void {
  const scope = globalThis as unknown as {
    __controlledClock?: { advance(ms: number): number; armed(): number[] };
  };
  if (scope.__controlledClock) return;
  const realNow = Date.now.bind(Date);
  const realSetTimeout = globalThis.setTimeout.bind(globalThis);
  const realClearTimeout = globalThis.clearTimeout.bind(globalThis);
  let offset = 0;
  let nextId = 1_000_000_000;
  const held = new Map<number, { at: number; run: () => void }>();
  Date.now = () => realNow() + offset;
  (globalThis as { setTimeout: unknown }).setTimeout = (handler: () => void, ms = 0, ...args: unknown[]) => {
    if (ms < 10_000) return realSetTimeout(handler, ms, ...args);
    const id = nextId++;
    held.set(id, { at: Date.now() + ms, run: () => handler(...(args as [])) });
    return id;
  };
  (globalThis as { clearTimeout: unknown }).clearTimeout = (id: number) => {
    if (!held.delete(id)) realClearTimeout(id);
  };
  scope.__controlledClock = {
    advance(ms: number) {
      offset += ms;
      const now = Date.now();
      for (const [id, timer] of [...held].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue;
        held.delete(id);
        realSetTimeout(timer.run, 0);
      }
      return now;
    },
    armed: () => [...held.values()].map((t) => t.at - Date.now()),
  };
}

async function deviceWorker(page: Page): Promise<WebWorker> {
  return waitFor(
    async () => page.workers().find((w) => w.url().includes('device-worker')),
    (w): w is WebWorker => w !== undefined,
    'the device worker',
  ) as Promise<WebWorker>;
}

it('syncs on a 1-minute schedule by itself when the clock passes the minute (390x844)', async () => {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await asPhone(page, 390, 844);
    // Every device worker this page starts gets the controlled clock as soon as it exists.
    page.on('workercreated', (worker) => void worker.evaluate(installControlledClock).catch(() => undefined));
    await page.goto(served.url, { waitUntil: 'load' });
    await find(page, app('[data-action="sign-in"]'));
    await signInThroughLoginPage(page, app, DEMO_TECHNICIAN_USERNAME, DEMO_PASSWORD);
    await find(page, app('ss-home-page >>> [data-home-list]'), 120_000);

    const worker = await deviceWorker(page);
    await worker.evaluate(installControlledClock);
    const plan = await page.evaluate(async () => {
      const current = await document.querySelector('ss-field-app')!.device!.plan();
      return {
        every: current?.syncEveryMinutes,
        objects: current?.objects.map((o) => o.syncEveryMinutes),
      };
    });
    expect(plan.every).toBe(1);
    expect(new Set(plan.objects)).toEqual(new Set([1]));

    const triggers = () =>
      page.evaluate(async () =>
        (await document.querySelector('ss-field-app')!.device!.history(10)).map((h) => ({
          trigger: (h as { triggeredBy?: string }).triggeredBy,
          ok: h.ok,
        })),
      );
    // The first sync at sign-in (its trigger is the app's own: 'menu' or 'signIn').
    const [atSignIn, ...none] = await triggers();
    expect(none).toEqual([]);
    expect(atSignIn?.ok).toBe(true);

    // A sync from the menu re-arms the scheduler, now through the controlled clock.
    await tap(page, app('[aria-label="Menu"]'));
    await tap(page, app('ss-main-menu >>> [data-action="sync-now"]'));
    await waitFor(triggers, (h) => h.length === 2, 'the menu sync');
    const armed = await waitFor(
      () =>
        worker.evaluate(() =>
          (globalThis as unknown as { __controlledClock: { armed(): number[] } }).__controlledClock.armed(),
        ),
      (waits) => waits.length === 1,
      'the scheduler armed on the controlled clock',
    );
    // The next scheduled sync is a minute after the menu sync (never before it).
    expect(armed[0]).toBeGreaterThan(50_000);
    expect(armed[0]).toBeLessThanOrEqual(60_000);
    expect(await triggers()).toEqual([{ trigger: 'menu', ok: true }, atSignIn]);

    // The clock passes the minute: the scheduled sync starts by itself.
    await worker.evaluate(() =>
      (
        globalThis as unknown as { __controlledClock: { advance(ms: number): number } }
      ).__controlledClock.advance(61_000),
    );
    expect(await waitFor(triggers, (h) => h.length === 3, 'the scheduled sync', 120_000)).toEqual([
      { trigger: 'schedule', ok: true },
      { trigger: 'menu', ok: true },
      atSignIn,
    ]);

    await page.goto(`${served.url}#/settings/synchronise/history`, { waitUntil: 'load' });
    expect(await historyTriggersShown(page, app)).toEqual(['schedule', 'menu', atSignIn!.trigger]);
    const newest = await page.$eval(app('[data-history-list] > li'), (li) =>
      [...li.querySelectorAll('.head span')].map((span) => span.textContent?.trim().replace(/^.* · /, '')),
    );
    expect(newest).toEqual(['Schedule', 'Complete']);
  } finally {
    await context.close();
  }
}, 300_000);
