/**
 * End to end: `syncscope serve` (the real CLI, in a child process) on an embedded demo org, the real page
 * in headless Chromium: edit a `where`, preview it for a technician, publish it; then a device (the
 * runtime's SyncEngine) fetches the published plan from the org and syncs exactly what the preview said,
 * and so does the page's device simulator (the engine in the browser, through the server's org proxy).
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrg, DEMO_TECHNICIAN_ID, type RunningOrg } from '../../src/emulator/index.ts';
import { fetchLatestPublishedPlan } from '../../src/org/published-plans.ts';
import { MemoryStore } from '../../src/runtime/store/memory-store.ts';
import { SyncEngine } from '../../src/runtime/sync-engine.ts';

const ROOT = join(import.meta.dirname, '../..');
const NOW = new Date('2025-03-03T09:00:00Z');
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

let org: RunningOrg;
let connection: Connection;
let serve: ChildProcess;
let serveOutput = '';
let url: string;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];
let scopeFile: string;

beforeAll(async () => {
  org = await startOrg({ seed: 'demo', now: NOW });
  connection = new Connection({ instanceUrl: org.url, accessToken: org.token, version: '62.0' });
  scopeFile = join(mkdtempSync(join(tmpdir(), 'syncscope-e2e-')), 'field-technician.scope.json');
  copyFileSync(join(ROOT, 'examples/field-technician.scope.json'), scopeFile);

  serve = spawn(
    process.execPath,
    [join(ROOT, 'bin/syncscope.js'), 'serve', '--port', '0', '--scope', scopeFile, '--org-url', org.url],
    {
      cwd: ROOT,
      env: { ...process.env, SYNCSCOPE_ACCESS_TOKEN: org.token },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  serve.stderr!.on('data', (chunk: Buffer) => (serveOutput += chunk.toString()));
  // The first serve of a checkout builds the page with Vite: allow for it.
  url = await new Promise<string>((resolve, reject) => {
    serve.stdout!.on('data', (chunk: Buffer) => {
      serveOutput += chunk.toString();
      const match = /syncscope config tool: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(serveOutput);
      if (match) resolve(match[1]!);
    });
    serve.on('exit', (code) => reject(new Error(`syncscope serve exited with ${code}:\n${serveOutput}`)));
  });

  if (!CHROMIUM)
    throw new Error('No Chromium found: install it (apt-get install -y chromium) or set CHROME_PATH.');
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageProblems.push(`page: ${(error as Error).message}`));
  page.on('requestfailed', (request) => pageProblems.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) pageProblems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.setViewport({ width: 1400, height: 1000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (serve && serve.exitCode === null) {
    const exited = new Promise((resolve) => serve.on('exit', resolve));
    serve.kill('SIGTERM');
    await exited;
  }
  await org?.close();
});

/** A deep selector (through every shadow root) below the app. */
const inApp = (selector: string) => `ss-app >>> ${selector}`;

/**
 * Waits for a deep selector by polling: puppeteer's waitForSelector watches the document's mutations,
 * which do not include changes inside shadow roots. Generous timeout: the preview runs a few hundred
 * queries on a machine shared with other test files.
 */
async function find(selector: string, timeoutMs = 90_000): Promise<ElementHandle<Element>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const handle = await page.$(inApp(selector));
    if (handle) return handle;
    if (Date.now() > deadline) throw new Error(`no ${selector} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function text(selector: string): Promise<string> {
  const handle = await find(selector);
  return (await handle.evaluate((el) => el.textContent ?? '')).replace(/\s+/g, ' ').trim();
}

describe('the config tool, end to end', () => {
  it('edits, previews and publishes a scope, and a device syncs the published plan', async () => {
    const inactiveProducts = (await connection.query('SELECT COUNT() FROM Product2 WHERE IsActive = false'))
      .totalSize;
    const activeProducts = (await connection.query('SELECT COUNT() FROM Product2 WHERE IsActive = true'))
      .totalSize;
    expect(inactiveProducts).toBeGreaterThan(0);
    expect(inactiveProducts).not.toBe(activeProducts);

    await page.goto(url, { waitUntil: 'networkidle0' });
    expect(await page.title()).toBe('syncscope · config tool');

    // Edit: Product2's filter, in the object editor.
    const product = await find('[role="treeitem"][data-name="Product2"]');
    await product.click();
    const where = await find('#where');
    expect(await where.evaluate((el) => (el as HTMLTextAreaElement).value)).toBe('IsActive = true');
    await where.click({ count: 3 });
    await page.keyboard.down('Control');
    await page.keyboard.press('KeyA');
    await page.keyboard.up('Control');
    await page.keyboard.type('IsActive = false');
    expect(await where.evaluate((el) => (el as HTMLTextAreaElement).value)).toBe('IsActive = false');

    // Preview it for the first demo technician.
    await (await find('#tab-preview')).click();
    const user = await find('#user');
    await user.select(DEMO_TECHNICIAN_ID);
    // The page compiles in the browser: no problem may be listed for this scope.
    expect(await text('ss-diagnostic-list >>> .badge')).toBe('0 errors');
    const run = await find('ss-preview-panel >>> button.brand:not([disabled])');
    await run.click();
    const productRow = await text('ss-preview-panel >>> tr[data-object="Product2"]');
    expect(productRow).toContain(`root: ${inactiveProducts}`);
    const workOrderRow = await text('ss-preview-panel >>> tr[data-object="WorkOrder"]');
    const workOrders = Number(/root: (\d+)/.exec(workOrderRow)?.[1]);

    // Publish it.
    await (await find('#tab-publish')).click();
    const note = await find('ss-publish-panel >>> #note');
    await note.type('Inactive products only (e2e)');
    const publish = await find('ss-publish-panel >>> button[type="submit"]:not([disabled])');
    await publish.click();
    const versionRow = await text('ss-publish-panel >>> tr[data-version="1"]');
    expect(versionRow).toContain('Inactive products only (e2e)');

    // A device picks up the published plan and syncs it.
    const published = await fetchLatestPublishedPlan(
      { transport: connection, apiVersion: '62.0' },
      'Field technician',
    );
    expect(published?.version.versionNumber).toBe(1);
    const plan = published!.plan!;
    expect(plan.objects.find((o) => o.name === 'Product2')!.queries.full[0]!.soql).toContain(
      'IsActive = FALSE',
    );
    const store = new MemoryStore();
    const engine = new SyncEngine({
      transport: connection,
      store,
      plan,
      userId: DEMO_TECHNICIAN_ID,
      clock: { now: () => NOW.getTime() },
    });
    const summary = await engine.syncNow();
    expect(summary.ok, summary.error).toBe(true);
    expect(store.listRecords('Product2')).toHaveLength(inactiveProducts);
    expect(store.listRecords('Product2').every((r) => r.IsActive === false)).toBe(true);
    expect(store.listRecords('WorkOrder')).toHaveLength(workOrders);

    // The in-browser device simulator (the same engine, through the server's org proxy) installs the
    // published plan and syncs it too.
    await (await find('#tab-device')).click();
    await (
      await find(
        'ss-device-simulator >>> .toolbar button:not([disabled])::-p-text(Install latest published plan)',
      )
    ).click();
    await (await find('ss-device-simulator >>> .toolbar button:not([disabled])::-p-text(Sync now)')).click();
    await find('ss-device-simulator >>> section[data-summary="ok"]');
    expect(await text('ss-device-simulator >>> tr[data-object="Product2"] td[data-col="records"]')).toBe(
      String(inactiveProducts),
    );
    expect(await text('ss-device-simulator >>> tr[data-object="WorkOrder"] td[data-col="records"]')).toBe(
      String(workOrders),
    );

    // The page never saw the token, and nothing failed in it.
    expect(await page.content()).not.toContain(org.token);
    expect(pageProblems).toEqual([]);
    expect(serveOutput).not.toContain(org.token);
    // The scope file on disk is untouched until the admin saves.
    expect(JSON.parse(readFileSync(scopeFile, 'utf8')).objects.Product2.where).toBe('IsActive = true');
  }, 180_000);
});
