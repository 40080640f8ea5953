/**
 * One device sync in its own process, so its time and peak memory are its own (the org runs in the
 * parent) and so the soak can kill it mid-sync. Prints one JSON line (SyncChildReport) and exits.
 *
 *   node bin/run-ts.js bench/sync-child.ts <strategy> --url URL --token T --user ID --plan plan.json
 *     --db device.sqlite [--now ms] [--reconcile-all] [--changes changes.json]
 *     [--kill-at-call N --kill-when before|after]
 *
 * strategy: engine (SyncEngine.syncNow into a SqliteStore), bare (bare-loop.ts), mobilesync-initial,
 * mobilesync-resync, mobilesync-ghosts, mobilesync-upload (mobilesync-strategy.ts).
 */

import { appendFileSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { Connection } from 'jsforce';
import type { SyncPlan } from '../src/compiler/plan.ts';
import { SqliteStore } from '../src/runtime/store/sqlite-store.ts';
import { SqliteSyncLease } from '../src/runtime/store/sqlite-sync-lease.ts';
import { SyncEngine } from '../src/runtime/sync-engine.ts';
import type { Transport, TransportRequest } from '../src/runtime/transport.ts';
import { bareInitialSync } from './lib/bare-loop.ts';
import { DeviceTable } from './lib/device-table.ts';
import { MobileSyncDevice, type BenchChange } from './lib/mobilesync-strategy.ts';

export interface SyncChildReport {
  readonly ok: boolean;
  readonly error?: string;
  /** Wall time of the sync itself (ms). */
  readonly ms: number;
  /** Requests the engine sent (baselines: 0, the parent reads the org's stats). */
  readonly requests: number;
  /** engine: time and requests until the upload phase ended. */
  readonly uploadMs?: number;
  readonly uploadRequests?: number;
  readonly records: number;
  readonly maxRssMb: number;
  /** V8 heap in use after the sync and a full GC (MB): what the process holds, as opposed to its peak. */
  readonly liveHeapMb?: number;
  readonly pendingChanges?: number;
  readonly conflicts?: number;
  /** engine: it waited for another process's sync of the same database (the sync lease). */
  readonly waitedForLease?: boolean;
}

const program = new Command()
  .argument('<strategy>')
  .requiredOption('--url <url>')
  .requiredOption('--token <token>')
  .requiredOption('--user <id>')
  .requiredOption('--plan <file>')
  .requiredOption('--db <file>')
  .option('--now <ms>', 'device clock (ms)')
  .option('--reconcile-all', 'mark every object for reconciliation first (engine)')
  .option(
    '--by-id-queries',
    'with --reconcile-all: a record of each object to re-read, so no count can stand in for the Id query',
  )
  .option('--changes <file>', 'BenchChange[] JSON (mobilesync-upload)')
  .option('--kill-at-call <n>', 'SIGKILL this process at the n-th request (soak)')
  .option('--kill-when <when>', 'before: the request is never sent; after: its response is lost', 'after')
  .parse();

const options = program.opts<{
  url: string;
  token: string;
  user: string;
  plan: string;
  db: string;
  now?: string;
  reconcileAll?: boolean;
  byIdQueries?: boolean;
  changes?: string;
  killAtCall?: string;
  killWhen: string;
}>();
const strategy = program.args[0]!;
const plan = JSON.parse(readFileSync(options.plan, 'utf8')) as SyncPlan;
const conn = new Connection({
  instanceUrl: options.url,
  accessToken: options.token,
  version: plan.apiVersion,
});
const killAt = options.killAtCall ? Number(options.killAtCall) : undefined;

/** SYNC_CHILD_TRACE=<file>: appends one line per request (ms, method, what) to that file, for profiling. */
const trace = process.env.SYNC_CHILD_TRACE
  ? (request: TransportRequest, ms: number) => {
      const url = decodeURIComponent(request.url.replace(/^\/services\/data\/v[\d.]+/, ''));
      const subrequests = request.body?.includes('compositeRequest')
        ? (JSON.parse(request.body) as { compositeRequest: { url: string }[] }).compositeRequest.map((sub) =>
            decodeURIComponent(sub.url.replace(/^\/services\/data\/v[\d.]+/, '')).slice(0, 140),
          )
        : [];
      appendFileSync(
        process.env.SYNC_CHILD_TRACE!,
        `${ms.toFixed(1)} ms ${request.method} ${url.slice(0, 140)}\n${subrequests.map((s) => `    ${s}\n`).join('')}`,
      );
    }
  : undefined;

/** Counts requests (jsforce Connection as the runtime's Transport) and kills the process on cue. */
class CountingTransport implements Transport {
  requests = 0;
  get instanceUrl(): string {
    return options.url;
  }
  async request<R>(request: TransportRequest): Promise<R> {
    this.requests += 1;
    if (this.requests === killAt && options.killWhen === 'before') process.kill(process.pid, 'SIGKILL');
    const sent = performance.now();
    const result = (await conn.request<R>(request)) as R;
    if (this.requests === killAt && options.killWhen !== 'before') process.kill(process.pid, 'SIGKILL');
    if (trace) trace(request, performance.now() - sent);
    return result;
  }
}

/** Heap in use after a full GC, when the process runs with --expose-gc (bench/lib/child.ts passes it). */
function liveHeap(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  gc();
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}

function maxRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

async function main(): Promise<SyncChildReport> {
  const started = performance.now();
  if (strategy === 'engine') {
    const store = new SqliteStore(options.db);
    const transport = new CountingTransport();
    const now = options.now ? Number(options.now) : undefined;
    let waitedForLease = false;
    const engine = new SyncEngine({
      transport,
      store,
      plan,
      userId: options.user,
      // Another process may sync the same database (the soak's second process): one at a time.
      lock: new SqliteSyncLease(options.db, {
        waitMs: 300_000,
        onWait: () => {
          waitedForLease = true;
        },
      }),
      ...(now !== undefined ? { clock: { now: () => now } } : {}),
    });
    if (options.reconcileAll)
      store.transaction(() => {
        for (const object of plan.objects) {
          const state = store.getObjectState(object.name);
          const reread = options.byIdQueries ? store.listRecordIds(object.name).slice(0, 1) : [];
          if (state) store.putObjectState({ ...state, needsReconcile: true, rereadIds: reread });
        }
      });
    let uploadMs: number | undefined;
    let uploadRequests: number | undefined;
    engine.on('progress', (event) => {
      if (uploadMs === undefined && event.phase !== 'upload') {
        uploadMs = performance.now() - started;
        uploadRequests = transport.requests;
      }
    });
    const t0 = performance.now();
    const summary = await engine.syncNow();
    const ms = performance.now() - t0;
    const liveHeapMb = liveHeap();
    const records = plan.objects.reduce((n, o) => n + store.listRecordIds(o.name).length, 0);
    store.close();
    return {
      ok: summary.ok,
      ...(summary.error ? { error: summary.error } : {}),
      ms,
      requests: transport.requests,
      uploadMs: uploadMs ?? ms,
      uploadRequests: uploadRequests ?? transport.requests,
      records,
      maxRssMb: maxRssMb(),
      ...(liveHeapMb !== undefined ? { liveHeapMb } : {}),
      pendingChanges: summary.pendingChanges,
      conflicts: summary.conflicts,
      waitedForLease,
    };
  }
  const table = new DeviceTable(options.db);
  const t0 = performance.now();
  const device = new MobileSyncDevice(conn, table, plan, options.user);
  if (strategy === 'bare') await bareInitialSync(conn, table, plan, options.user);
  else if (strategy === 'mobilesync-initial') await device.syncDown();
  else if (strategy === 'mobilesync-resync') await device.reSync();
  else if (strategy === 'mobilesync-ghosts') await device.cleanResyncGhosts();
  else if (strategy === 'mobilesync-upload') {
    const changes = JSON.parse(readFileSync(options.changes!, 'utf8')) as BenchChange[];
    await device.syncUp(changes);
  } else throw new Error(`unknown strategy ${strategy}`);
  const ms = performance.now() - t0;
  const records = table.count();
  table.close();
  // API calls of the baselines are read from the org's /__emulator/stats by the parent.
  return { ok: true, ms, requests: 0, records, maxRssMb: maxRssMb() };
}

main().then(
  (report) => {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    const report: SyncChildReport = {
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      ms: 0,
      requests: 0,
      records: 0,
      maxRssMb: maxRssMb(),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exit(1);
  },
);
