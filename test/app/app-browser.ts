/**
 * What the field app's browser tests share: launching headless Chromium, deep (shadow-piercing) lookups
 * by polling, taps, axe-core on the current screen, and the no-sideways-scroll check.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';

export const ROOT = join(import.meta.dirname, '../..');

export const CHROMIUM =
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

/** Headless Chromium; with `userDataDir`, on that profile (OPFS, service worker and cookies outlive it). */
export async function launchChromium(options: { userDataDir?: string } = {}): Promise<Browser> {
  if (!CHROMIUM)
    throw new Error('No Chromium found: install it (apt-get install -y chromium) or set CHROME_PATH.');
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
  });
}

/**
 * Kills Chromium as a crash or the OS does: SIGKILL to its whole process group (the browser, its
 * renderers, the storage service), nothing closed cleanly. Resolves when the browser process is gone.
 */
export async function killChromium(browser: Browser): Promise<void> {
  const child = browser.process();
  if (!child?.pid) throw new Error('this Chromium was not launched by the test');
  const exited = new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
  // puppeteer starts Chromium detached (its own process group) on Linux and macOS.
  process.kill(-child.pid, 'SIGKILL');
  await exited;
  // puppeteer notices the lost connection; nothing is left to close.
  browser.disconnect().catch(() => undefined);
}

/** A phone: viewport, touch, mobile. */
export async function asPhone(page: Page, width: number, height: number): Promise<void> {
  await page.setViewport({ width, height, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
}

/** Polls a deep selector (puppeteer's waitForSelector does not see changes inside shadow roots). */
export async function find(
  page: Page,
  selector: string,
  timeoutMs = 60_000,
): Promise<ElementHandle<Element>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const handle = await page.$(selector);
    if (handle) return handle;
    if (Date.now() > deadline) throw new Error(`no ${selector} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function textOf(handle: ElementHandle<Element>): Promise<string> {
  return (await handle.evaluate((el) => el.textContent ?? '')).replace(/\s+/g, ' ').trim();
}

/** Polls until `read` answers something `accept` takes; returns it. */
export async function waitFor<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 60_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await read();
      if (accept(last)) return last;
    } catch {
      // The element is being re-rendered or the page navigates: try again.
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Deep text of a selector, '' when absent. */
export async function deepText(page: Page, selector: string): Promise<string> {
  const handle = await page.$(selector);
  return handle ? textOf(handle) : '';
}

/** A touch tap in the middle of the element (what a finger does on a phone). */
export async function tap(page: Page, selector: string): Promise<void> {
  const handle = await find(page, selector);
  await handle.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await handle.tap();
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  readonly id: string;
  readonly impact: string;
  readonly targets: string[];
}

/** axe-core on the page as it is now: the serious and critical violations (ids, targets). */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResults> } })
      .axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        targets: v.nodes.map((n) => JSON.stringify(n.target)),
      }));
    interface AxeResults {
      violations: { id: string; impact?: string; nodes: { target: unknown }[] }[];
    }
  });
}

/** How far the page scrolls sideways (0: none). */
export async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return Math.max(0, root.scrollWidth - window.innerWidth);
  });
}

/** Touch targets (buttons, links, inputs, tabs) smaller than 44 px in either direction, described. */
export async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        if (el.shadowRoot) visit(el.shadowRoot);
        if (!el.matches('button, a[href], input:not([type="hidden"]), select, textarea, [role="tab"]'))
          continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (el.closest('[data-inline-link]')) continue;
        if (box.height < 44 || box.width < 44)
          small.push(
            `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`,
          );
      }
    };
    visit(document);
    return small;
  });
}

/** The field app served by the real CLI (`syncscope app`, a child process) against an org's URL. */
export interface ServedApp {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveFieldApp(orgUrl: string, clientId: string): Promise<ServedApp> {
  const { spawn } = await import('node:child_process');
  const server = spawn(
    process.execPath,
    [join(ROOT, 'bin/syncscope.js'), 'app', '--port', '0', '--instance-url', orgUrl, '--client-id', clientId],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // The first run of a checkout builds the app with Vite: allow for it (the caller's hook timeout).
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /field app: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) resolve(match[1]!);
    });
    server.on('exit', (code) => reject(new Error(`syncscope app exited with ${code}:\n${output}`)));
  });
  return {
    url,
    async close() {
      if (server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.on('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    },
  };
}

/** Signs in through the org's login page (OAuth code + PKCE), from the app's sign-in screen. */
export async function signInThroughLoginPage(
  page: Page,
  appSelector: (selector: string) => string,
  username: string,
  password: string,
  action = 'sign-in',
): Promise<'login page' | 'already signed in to the org'> {
  await Promise.all([page.waitForNavigation(), tap(page, appSelector(`[data-action="${action}"]`))]);
  // The org's login page, unless the browser still has a session there (then it answers the code at once).
  if (!(await page.$('#username'))) return 'already signed in to the org';
  await page.type('#username', username);
  await page.type('#password', password);
  await Promise.all([page.waitForNavigation(), tap(page, '#Login')]);
  return 'login page';
}

/** The triggers of the device's syncs, newest first, as the History tab lists them. */
export async function historyTriggersShown(
  page: Page,
  appSelector: (s: string) => string,
): Promise<string[]> {
  await tap(page, appSelector('#tab-history'));
  await find(page, appSelector('[data-history-list]'));
  return page.$$eval(appSelector('[data-history-trigger]'), (items) =>
    items.map((li) => li.getAttribute('data-history-trigger') ?? ''),
  );
}
