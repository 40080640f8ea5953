/**
 * `npm run bench`: syncscope against the strategies users would pick instead (issue 6), in one run on one
 * embedded org on this machine. Ratios, not absolute times, are the targets.
 *
 *   npm run bench [-- --records 100000] [--only name[,name]] [--json]
 *
 * Every device sync runs in its own process (bench/sync-child.ts) so its time and peak RSS are its own
 * and not shared with the org's event loop; API calls are the org's own count (/__emulator/stats).
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { appFirstSync } from './app-first-sync.ts';
import { cliStartup, ensureCompiledCli } from './cli-startup.ts';
import { compile } from '../src/compiler/index.ts';
import { SqliteStore } from '../src/runtime/store/sqlite-store.ts';
import { ScopeStore } from '../src/ui/state/scope-store.ts';
import { mustRun } from './lib/child.ts';
import { offlineChanges, queueOnDevice } from './lib/offline-changes.ts';
import { generatedScope } from './lib/scope-generator.ts';
import { START, startTechnicianOrg, type TechnicianOrg } from './lib/technician-org.ts';

export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number | null;
  readonly ratio: number | null;
  /** What the issue asks, as text (for the table). */
  readonly target?: string;
  readonly met?: boolean;
  readonly note?: string;
}

const program = new Command()
  .option('--records <n>', 'records in the technician scope of the big org', (v) => Number(v), 100_000)
  .option('--only <names>', 'comma-separated benchmark names (prefixes match)')
  .option('--json', 'one JSON object per line instead of a table')
  .option('--repeat <n>', 'runs per side of the timed comparisons (median, alternating)', (v) => Number(v), 3)
  .parse();
const options = program.opts<{ records: number; only?: string; json?: boolean; repeat: number }>();

const label = (n: number): string => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));
const BIG = options.records;
const SMALL = Math.round(BIG / 4);
/** The field app's first sync is measured on a 20k scope (issue 13), whatever --records says. */
const APP_RECORDS = 20_000;
const names = {
  initial: `initial_sync_${label(BIG)}`,
  rssSmall: `initial_sync_peak_rss_mb_${label(SMALL)}`,
  rssBig: `initial_sync_peak_rss_mb_${label(BIG)}`,
  deltaCalls: 'delta_nochange_api_calls',
  delta100: 'delta_100_changes_ms',
  reconcile: `reconcile_${label(BIG)}`,
  reconcileCalls: `reconcile_${label(BIG)}_api_calls`,
  reconcileById: `reconcile_${label(BIG)}_by_id_queries`,
  uploadCalls: 'upload_1000_api_calls',
  uploadMs: 'upload_1000_ms',
  compile300: 'compile_300_objects',
  keystroke: 'ui_validation_keystroke_50_objects',
  appFirstSync: `app_first_sync_${label(APP_RECORDS)}`,
  appHeap: `app_first_sync_${label(APP_RECORDS)}_peak_js_heap_mb`,
  cliHelp: 'cli_help_ms',
  cliValidate: 'cli_validate_ms',
};
const only = options.only?.split(',').map((s) => s.trim());
const wanted = (name: string): boolean => !only || only.some((o) => name.startsWith(o));
const results: BenchResult[] = [];
const work = mkdtempSync(join(tmpdir(), 'syncscope-bench-'));
const log = (line: string): void => {
  if (!options.json) process.stderr.write(`${line}\n`);
};

function ratio(value: number, baseline: number): number {
  return Math.round((value / baseline) * 1000) / 1000;
}
function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
function add(result: BenchResult): void {
  if (wanted(result.name)) results.push(result);
}

function childArgs(tech: TechnicianOrg, planFile: string, db: string, nowMs: number): string[] {
  return [
    '--url',
    tech.org.url,
    '--token',
    tech.token,
    '--user',
    tech.userId,
    '--plan',
    planFile,
    '--db',
    db,
    '--now',
    String(nowMs),
  ];
}

/** Runs a child sync and reads the API calls the org counted for it. */
async function measured(tech: TechnicianOrg, strategy: string, args: string[]) {
  await tech.control('stats', undefined, 'DELETE');
  const report = await mustRun(strategy, args);
  return { report, apiCalls: await tech.apiCalls() };
}

/** Runs `a` and `b` alternately `options.repeat` times; the run of median time of each side. */
async function alternating<T extends { report: { ms: number } }>(
  a: (round: number) => Promise<T>,
  b: (round: number) => Promise<T>,
): Promise<[T, T]> {
  const as: T[] = [];
  const bs: T[] = [];
  for (let round = 0; round < Math.max(1, options.repeat); round++) {
    as.push(await a(round));
    bs.push(await b(round));
  }
  const median = (runs: T[]) =>
    [...runs].sort((x, y) => x.report.ms - y.report.ms)[Math.floor(runs.length / 2)]!;
  return [median(as), median(bs)];
}

async function syncBenchmarks(): Promise<void> {
  const bigNames = [
    names.initial,
    names.rssBig,
    names.deltaCalls,
    names.delta100,
    names.reconcile,
    names.reconcileCalls,
    names.reconcileById,
    names.uploadCalls,
    names.uploadMs,
  ];
  let rssSmall: number | undefined;
  if (wanted(names.rssSmall) || wanted(names.rssBig)) {
    log(`org with a ${label(SMALL)} technician scope...`);
    const small = await startTechnicianOrg(SMALL);
    try {
      const planFile = join(work, 'plan-small.json');
      writeFileSync(planFile, JSON.stringify(small.plan));
      const run = await measured(
        small,
        'engine',
        childArgs(small, planFile, join(work, 'small.sqlite'), Date.parse(START)),
      );
      rssSmall = run.report.maxRssMb;
      const bareSmall = await measured(
        small,
        'bare',
        childArgs(small, planFile, join(work, 'small-bare.sqlite'), Date.parse(START)),
      );
      log(
        `  ${small.scopeSize} records, peak RSS ${rssSmall} MB (bare loop ${bareSmall.report.maxRssMb} MB)`,
      );
      add({
        name: names.rssSmall,
        value: rssSmall,
        unit: 'MB',
        baseline: null,
        ratio: null,
        target: '< 250 MB',
        met: rssSmall < 250,
        note: `${small.scopeSize} records; the bare loop's process peaked at ${bareSmall.report.maxRssMb} MB; heap the engine still holds after the sync (full GC): ${run.report.liveHeapMb ?? '?'} MB`,
      });
    } finally {
      await small.close();
    }
  }
  if (!bigNames.some(wanted)) return;

  log(`org with a ${label(BIG)} technician scope...`);
  const tech = await startTechnicianOrg(BIG);
  try {
    log(`  scope: ${JSON.stringify(tech.scopeCounts)} = ${tech.scopeSize} records`);
    const planFile = join(work, 'plan.json');
    writeFileSync(planFile, JSON.stringify(tech.plan));
    let deviceNow = Date.parse(START);
    const device = join(work, 'device.sqlite');
    const mobile = join(work, 'mobilesync.sqlite');
    const args = (db: string) => childArgs(tech, planFile, db, deviceNow);

    // Initial sync: engine vs bare loop, alternating, each into a fresh database; the device of the
    // engine's first run is the one the later benchmarks continue with.
    log(`initial sync: syncscope engine vs bare loop, ${options.repeat} runs each...`);
    const [initial, bare] = await alternating(
      (round) => measured(tech, 'engine', args(round === 0 ? device : join(work, `device-${round}.sqlite`))),
      (round) => measured(tech, 'bare', args(join(work, `bare-${round}.sqlite`))),
    );
    log(
      `  engine: ${initial.report.records} records in ${round(initial.report.ms)} ms, ${initial.apiCalls} API calls, peak RSS ${initial.report.maxRssMb} MB`,
    );
    log(
      `  bare loop: ${bare.report.records} records in ${round(bare.report.ms)} ms, ${bare.apiCalls} API calls`,
    );
    const needMobile = [
      names.deltaCalls,
      names.reconcile,
      names.reconcileCalls,
      names.uploadCalls,
      names.uploadMs,
    ].some(wanted);
    const msInitial = needMobile ? await measured(tech, 'mobilesync-initial', args(mobile)) : undefined;
    if (msInitial)
      log(
        `  MobileSync: ${msInitial.report.records} records in ${round(msInitial.report.ms)} ms, ${msInitial.apiCalls} API calls`,
      );
    const engineRate = initial.report.records / (initial.report.ms / 1000);
    const bareRate = bare.report.records / (bare.report.ms / 1000);
    add({
      name: names.initial,
      value: Math.round(engineRate),
      unit: 'records/s',
      baseline: Math.round(bareRate),
      ratio: ratio(initial.report.ms, bare.report.ms),
      target: 'time ratio <= 1.3',
      met: initial.report.ms / bare.report.ms <= 1.3,
      note: `${initial.report.records} records; engine ${round(initial.report.ms / 1000, 2)} s / ${initial.apiCalls} calls, bare ${round(bare.report.ms / 1000, 2)} s / ${bare.apiCalls} calls${msInitial ? `, MobileSync ${round(msInitial.report.ms / 1000, 2)} s / ${msInitial.apiCalls} calls` : ''}; median of ${options.repeat}`,
    });
    add({
      name: names.rssBig,
      value: initial.report.maxRssMb,
      unit: 'MB',
      baseline: rssSmall ?? null,
      ratio: rssSmall ? ratio(initial.report.maxRssMb, rssSmall) : null,
      target: `< 250 MB, flat (ratio to ${label(SMALL)} ~ 1)`,
      met: initial.report.maxRssMb < 250 && (!rssSmall || initial.report.maxRssMb / rssSmall < 1.25),
      note: `${tech.scopeSize} records; the bare loop's process peaked at ${bare.report.maxRssMb} MB; heap the engine still holds after the sync (full GC): ${initial.report.liveHeapMb ?? '?'} MB`,
    });

    if (wanted(names.deltaCalls)) {
      // A sync where nothing changed.
      log('delta sync, nothing changed...');
      const noChange = await measured(tech, 'engine', args(device));
      const msResync = await measured(tech, 'mobilesync-resync', args(mobile));
      const msGhosts = await measured(tech, 'mobilesync-ghosts', args(mobile));
      const msCalls = msResync.apiCalls + msGhosts.apiCalls;
      log(
        `  syncscope ${noChange.apiCalls} calls; MobileSync ${msResync.apiCalls} + ${msGhosts.apiCalls} calls`,
      );
      add({
        name: names.deltaCalls,
        value: noChange.apiCalls,
        unit: 'API calls',
        baseline: msCalls,
        ratio: ratio(noChange.apiCalls, msCalls),
        target: 'ratio <= 0.34',
        met: noChange.apiCalls / msCalls <= 0.34,
        note: `syncscope ${round(noChange.report.ms)} ms; MobileSync reSync ${msResync.apiCalls} + ghost cleanup ${msGhosts.apiCalls} calls, ${round(msResync.report.ms + msGhosts.report.ms)} ms`,
      });
    }

    if (wanted(names.delta100)) {
      // 100 server-side changes, then a delta sync.
      log(`100 server changes, then a delta sync, ${options.repeat} times...`);
      const runs: Awaited<ReturnType<typeof measured>>[] = [];
      for (let run = 0; run < options.repeat; run++) {
        const clock = (await tech.control('clock', { advanceSeconds: 120 })) as { now: string };
        deviceNow = Date.parse(clock.now);
        await serverChanges(tech, device, 100);
        runs.push(await measured(tech, 'engine', args(device)));
      }
      const delta = [...runs].sort((a, b) => a.report.ms - b.report.ms)[Math.floor(runs.length / 2)]!;
      log(`  ${runs.map((r) => `${round(r.report.ms)} ms / ${r.apiCalls} calls`).join(', ')}`);
      add({
        name: names.delta100,
        value: round(delta.report.ms),
        unit: 'ms',
        baseline: round(initial.report.ms),
        ratio: ratio(delta.report.ms, initial.report.ms),
        target: 'ratio to initial <= 0.05',
        met: delta.report.ms / initial.report.ms <= 0.05,
        note: `${delta.apiCalls} API calls; median of ${runs.length}`,
      });
    }

    if (wanted(names.reconcile) || wanted(names.reconcileCalls)) {
      // Reconciliation of everything the device holds, alternating with MobileSync's ghost cleanup.
      log(`reconcile every object, ${options.repeat} runs each...`);
      const [reconcile, msReconcile] = await alternating(
        () => measured(tech, 'engine', [...args(device), '--reconcile-all']),
        () => measured(tech, 'mobilesync-ghosts', args(mobile)),
      );
      log(
        `  syncscope ${round(reconcile.report.ms)} ms / ${reconcile.apiCalls} calls; MobileSync ${round(msReconcile.report.ms)} ms / ${msReconcile.apiCalls} calls`,
      );
      add({
        name: names.reconcile,
        value: round(reconcile.report.ms),
        unit: 'ms',
        baseline: round(msReconcile.report.ms),
        ratio: ratio(reconcile.report.ms, msReconcile.report.ms),
        target: 'time ratio <= 0.5',
        met: reconcile.report.ms / msReconcile.report.ms <= 0.5,
        note: `${reconcile.report.records} records on the device; median of ${options.repeat}`,
      });
      add({
        name: names.reconcileCalls,
        value: reconcile.apiCalls,
        unit: 'API calls',
        baseline: msReconcile.apiCalls,
        ratio: ratio(reconcile.apiCalls, msReconcile.apiCalls),
      });
    }

    if (wanted(names.reconcileById)) {
      // The fallback where counts cannot prove the scope (or differ): every object's Id query.
      log(`reconcile every object by its Id queries, ${options.repeat} runs each...`);
      const [byId, msGhosts] = await alternating(
        () => measured(tech, 'engine', [...args(device), '--reconcile-all', '--by-id-queries']),
        () => measured(tech, 'mobilesync-ghosts', args(mobile)),
      );
      log(
        `  syncscope ${round(byId.report.ms)} ms / ${byId.apiCalls} calls; MobileSync ${round(msGhosts.report.ms)} ms / ${msGhosts.apiCalls} calls`,
      );
      add({
        name: names.reconcileById,
        value: round(byId.report.ms),
        unit: 'ms',
        baseline: round(msGhosts.report.ms),
        ratio: ratio(byId.report.ms, msGhosts.report.ms),
        note: `the Id-query path counts fall back to: ${byId.apiCalls} API calls against ${msGhosts.apiCalls}; median of ${options.repeat}`,
      });
    }

    if (wanted(names.uploadCalls) || wanted(names.uploadMs)) {
      // 1,000 offline changes uploaded.
      log('1,000 offline changes...');
      const store = new SqliteStore(device);
      const changes = offlineChanges(
        {
          workOrders: store.listRecords('WorkOrder'),
          lineItems: store.listRecords('WorkOrderLineItem'),
          accountIds: store.listRecordIds('Account'),
        },
        tech.userId,
        1000,
        deviceNow,
      );
      queueOnDevice(store, changes);
      const queued = store.listChanges().length;
      store.close();
      const changesFile = join(work, 'changes.json');
      writeFileSync(changesFile, JSON.stringify(changes));
      const upload = await measured(tech, 'engine', args(device));
      const msUpload = await measured(tech, 'mobilesync-upload', [...args(mobile), '--changes', changesFile]);
      const uploadCalls = upload.report.uploadRequests ?? upload.apiCalls;
      log(
        `  syncscope ${uploadCalls} calls / ${round(upload.report.uploadMs ?? 0)} ms (whole sync ${upload.apiCalls} calls, ${upload.report.pendingChanges} left); MobileSync ${msUpload.apiCalls} calls / ${round(msUpload.report.ms)} ms`,
      );
      const creates = changes.filter((c) => c.kind === 'create').length;
      add({
        name: names.uploadCalls,
        value: uploadCalls,
        unit: 'API calls',
        baseline: msUpload.apiCalls,
        ratio: ratio(uploadCalls, msUpload.apiCalls),
        target: 'ratio <= 0.02',
        met: uploadCalls / msUpload.apiCalls <= 0.02,
        note: `${queued} outbox entries: ${creates} creates (work orders with a line item each), ${changes.length - creates} updates; ${upload.report.pendingChanges} not uploaded`,
      });
      add({
        name: names.uploadMs,
        value: round(upload.report.uploadMs ?? 0),
        unit: 'ms',
        baseline: round(msUpload.report.ms),
        ratio: ratio(upload.report.uploadMs ?? 0, msUpload.report.ms),
      });
    }
  } finally {
    await tech.close();
  }
}

/** `count` updates through the REST API (sObject Collections) spread over the scope's objects. */
async function serverChanges(tech: TechnicianOrg, deviceDb: string, count: number): Promise<void> {
  const store = new SqliteStore(deviceDb);
  const plan: [string, number, (i: number) => Record<string, unknown>][] = [
    ['Product2', 0.4, (i) => ({ Name: `Catalog part, revised ${i}` })],
    ['Asset', 0.3, () => ({ Status: 'Registered' })],
    ['Contact', 0.2, (i) => ({ Phone: `+33 4 99 00 00 ${String(i % 100).padStart(2, '0')}` })],
    ['WorkOrder', 0.1, () => ({ Priority: 'High' })],
  ];
  let left = count;
  for (const [object, share, fields] of plan) {
    const ids = store.listRecordIds(object);
    const n = Math.min(ids.length, object === 'WorkOrder' ? left : Math.round(count * share));
    left -= n;
    const step = Math.max(1, Math.floor(ids.length / Math.max(1, n)));
    const records = Array.from({ length: n }, (_, i) => ({ Id: ids[i * step]!, ...fields(i) }));
    if (records.length)
      await tech.admin.sobject(object).update(records, { allowRecursive: true, allOrNone: true });
  }
  store.close();
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function compileBenchmarks(): void {
  if (wanted(names.compile300)) {
    log('compile 300 objects...');
    compile(generatedScope(300, 99).scope, { metadata: generatedScope(300, 99).metadata });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      // A scope this process has not seen: no parse cache helps.
      const { scope, metadata } = generatedScope(300, i + 1);
      const t0 = performance.now();
      const result = compile(scope, { metadata });
      times.push(performance.now() - t0);
      if (!result.plan) throw new Error('the generated 300-object scope does not compile');
    }
    add({
      name: names.compile300,
      value: round(percentile(times, 50)),
      unit: 'ms',
      baseline: null,
      ratio: null,
      note: 'median of 3 never-seen scopes (after one warm-up compile), with org metadata (full lint)',
    });
  }
  if (wanted(names.keystroke)) {
    log('UI validation per keystroke, 50 objects...');
    const { scope, metadata } = generatedScope(50);
    const store = new ScopeStore(compile, scope, metadata);
    const target = 'Obj007__c';
    const text = "Amount__c > 250 AND Status__c != 'Closed'";
    const times: number[] = [];
    for (let k = 1; k <= text.length; k++) {
      store.edit((s) => ({
        ...s,
        objects: { ...s.objects, [target]: { ...s.objects[target]!, where: text.slice(0, k) } },
      }));
      times.push(store.lastCompileMs);
    }
    const p95 = percentile(times, 95);
    add({
      name: names.keystroke,
      value: round(p95),
      unit: 'ms (p95)',
      baseline: 16,
      ratio: ratio(p95, 16),
      target: '< 16 ms',
      met: p95 < 16,
      note: `${times.length} keystrokes typing a where clause through the UI's ScopeStore; median ${round(percentile(times, 50))} ms`,
    });
  }
}

/** The field app in headless Chromium against the CLI, on one org (bench/app-first-sync.ts). */
async function appBenchmarks(): Promise<void> {
  if (!wanted(names.appFirstSync) && !wanted(names.appHeap)) return;
  log(`field app first sync, ${label(APP_RECORDS)} records: Chromium (OPFS SQLite) vs the CLI...`);
  const app = await appFirstSync(APP_RECORDS, (line) => log(`  ${line}`), options.repeat);
  add({
    name: names.appFirstSync,
    value: app.appMs,
    unit: 'ms',
    baseline: app.cliMs,
    ratio: app.ratio,
    target: '<= 2.0 x CLI',
    met: app.ratio <= 2,
    note: `${app.records} records, median of ${options.repeat} alternating runs per side; the app's worker device (${app.storage}) in headless Chromium vs the CLI's first sync (better-sqlite3) of the same scope on the same org`,
  });
  add({
    name: names.appHeap,
    value: app.peakHeapMb,
    unit: 'MB',
    baseline: null,
    ratio: null,
    note: 'JS heap used by the page and the device worker together, sampled every 100 ms over CDP during the sync',
  });
}

/** The installed command's start (bench/cli-startup.ts): ratios to a bare `node -e 0`. */
function cliBenchmarks(): void {
  const rows = [
    { name: names.cliHelp, args: ['--help'], target: 3 },
    { name: names.cliValidate, args: ['validate', 'examples/field-technician.scope.json'], target: 6 },
  ].filter((row) => wanted(row.name));
  if (rows.length === 0) return;
  ensureCompiledCli(log);
  const runs = Math.max(options.repeat, 9);
  for (const row of rows) {
    log(`syncscope ${row.args.join(' ')}: ${runs} runs against node -e 0...`);
    const timing = cliStartup(row.args, runs);
    const r = ratio(timing.ms, timing.nodeMs);
    add({
      name: row.name,
      value: round(timing.ms),
      unit: 'ms',
      baseline: round(timing.nodeMs),
      ratio: r,
      target: `<= ${row.target} x node -e 0`,
      met: r <= row.target,
      note: `\`syncscope ${row.args.join(' ')}\` (bin/syncscope.js on the compiled lib/), median of ${runs} runs alternating with \`node -e 0\` (the baseline, same runs); wall clock`,
    });
  }
}

function printTable(): void {
  const rows = results.map((r) => [
    r.name,
    String(r.value),
    r.unit,
    r.baseline === null ? '' : String(r.baseline),
    r.ratio === null ? '' : String(r.ratio),
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
  ]);
  const header = ['benchmark', 'value', 'unit', 'baseline', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('');
  for (const r of results) if (r.note) console.log(`${r.name}: ${r.note}`);
  console.log(
    `\n${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end, Node ${process.version}`,
  );
}

try {
  await syncBenchmarks();
  compileBenchmarks();
  cliBenchmarks();
  await appBenchmarks();
  if (options.json)
    for (const r of results)
      console.log(
        JSON.stringify({ name: r.name, value: r.value, unit: r.unit, baseline: r.baseline, ratio: r.ratio }),
      );
  else printTable();
} finally {
  rmSync(work, { recursive: true, force: true });
}
