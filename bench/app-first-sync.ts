/**
 * The field app's first sync in headless Chromium (worker device, SQLite-wasm on OPFS, straight to the org
 * over CORS) against the Node CLI's first sync (bench/sync-child.ts, better-sqlite3) of the same
 * technician scope on the same embedded org, in one run (alternating rounds, medians). Prints both times, their ratio (target <= 2.0)
 * and the browser's peak JS heap (page + device worker, sampled over CDP while the sync runs).
 *
 *   node bin/run-ts.js bench/app-first-sync.ts [--records 20000] [--repeat 3]
 *
 * `npm run bench` runs it as the `app_first_sync_<n>` row (bench/index.ts).
 */

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type WebWorker } from 'puppeteer-core';
import { createServer } from 'vite';
import type { AppFirstSyncResult } from './app-first-sync/page.ts';
import { mustRun } from './lib/child.ts';
import { START, startTechnicianOrg } from './lib/technician-org.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface AppFirstSyncBench {
  readonly records: number;
  readonly appMs: number;
  readonly cliMs: number;
  readonly ratio: number;
  /** Peak of page + worker JS heap used during the app's sync (MB). */
  readonly peakHeapMb: number;
  readonly storage: string;
}

export async function appFirstSync(
  records: number,
  log: (line: string) => void = () => undefined,
  repeat = 3,
): Promise<AppFirstSyncBench> {
  const executablePath =
    process.env.CHROME_PATH ??
    ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
  if (!executablePath) throw new Error('No Chromium found: install it or set CHROME_PATH.');
  const work = mkdtempSync(join(tmpdir(), 'syncscope-bench-app-'));
  log(`org with a ${records}-record technician scope...`);
  const tech = await startTechnicianOrg(records);
  const vite = await createServer({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    worker: { format: 'es' },
    optimizeDeps: { entries: ['bench/app-first-sync/index.html'], exclude: ['@sqlite.org/sqlite-wasm'] },
    esbuild: { target: 'es2022' },
  });
  const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    await vite.listen();
    const address = vite.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('vite did not listen');
    const page = await browser.newPage();
    const workers: WebWorker[] = [];
    page.on('workercreated', (worker) => workers.push(worker));
    await page.goto(`http://127.0.0.1:${address.port}/bench/app-first-sync/index.html`);
    await page.waitForFunction(() => 'firstSync' in globalThis);

    const session = {
      instanceUrl: tech.org.url,
      accessToken: tech.token,
      clientId: 'syncscope-bench',
      userId: tech.userId,
      username: 'technician',
    };
    const appRun = async (): Promise<AppFirstSyncResult & { peak: number }> => {
      let peak = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          let used = (await page.metrics()).JSHeapUsedSize ?? 0;
          for (const worker of workers) {
            try {
              const heap = (await worker.client.send('Runtime.getHeapUsage')) as { usedSize: number };
              used += heap.usedSize;
            } catch {
              // the worker ended
            }
          }
          peak = Math.max(peak, used);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const app = (await page.evaluate(
        (s, p) =>
          (globalThis as unknown as { firstSync(s: unknown, p: unknown): Promise<unknown> }).firstSync(s, p),
        session,
        tech.plan as unknown as Record<string, unknown>,
      )) as AppFirstSyncResult;
      sampling = false;
      await sampler;
      workers.length = 0;
      if (!app.ok) throw new Error(`the app's sync failed: ${app.error}`);
      log(
        `  app: ${app.records} records in ${Math.round(app.ms)} ms (${app.storage}), peak JS heap ${mb(peak)} MB`,
      );
      return { ...app, peak };
    };
    const planFile = join(work, 'plan.json');
    writeFileSync(planFile, JSON.stringify(tech.plan));
    const cliRun = async (round: number) => {
      const cli = await mustRun('engine', [
        '--url',
        tech.org.url,
        '--token',
        tech.token,
        '--user',
        tech.userId,
        '--plan',
        planFile,
        '--db',
        join(work, `cli-${round}.sqlite`),
        '--now',
        String(Date.parse(START)),
      ]);
      log(`  CLI: ${cli.records} records in ${Math.round(cli.ms)} ms`);
      return cli;
    };
    // Alternating rounds (the machine's load moves), each side's median: the CLI (Node, better-sqlite3,
    // its own process) then the app (headless Chromium, worker device, OPFS SQLite, a fresh database).
    log(`first syncs, ${repeat} round(s) of CLI then app...`);
    const apps: (AppFirstSyncResult & { peak: number })[] = [];
    const clis: { ms: number }[] = [];
    for (let round = 0; round < Math.max(1, repeat); round++) {
      clis.push(await cliRun(round));
      apps.push(await appRun());
    }
    const app = median(apps);
    const cli = median(clis);
    const peak = Math.max(...apps.map((a) => a.peak));
    const result: AppFirstSyncBench = {
      records: app.records,
      appMs: Math.round(app.ms),
      cliMs: Math.round(cli.ms),
      ratio: Math.round((app.ms / cli.ms) * 100) / 100,
      peakHeapMb: mb(peak),
      storage: app.storage,
    };
    return result;
  } finally {
    await browser.close();
    await vite.close();
    await tech.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function median<T extends { ms: number }>(runs: T[]): T {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
}

function mb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--records');
  const records = at > 0 ? Number(process.argv[at + 1]) : 20_000;
  const repeatAt = process.argv.indexOf('--repeat');
  const repeat = repeatAt > 0 ? Number(process.argv[repeatAt + 1]) : 3;
  const result = await appFirstSync(records, (line) => process.stderr.write(`${line}\n`), repeat);
  process.stdout.write(
    `app first sync of ${result.records} records: ${result.appMs} ms (Chromium, ${result.storage}) vs CLI ${result.cliMs} ms: ratio ${result.ratio} (target <= 2.0); browser peak JS heap ${result.peakHeapMb} MB\n`,
  );
}
