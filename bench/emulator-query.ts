/**
 * Benchmark of the embedded org over HTTP (issue 3): the time to seed a 100,000-record demo org
 * (target: under 20 s; prepared statements in one transaction) and the time to serve a 2,000-record
 * page of 10 fields on it through the REST API, JSON included (target: under 50 ms), as queries and
 * pages per second.
 *
 *   node bin/run-ts.js bench/emulator-query.ts [--records 100000] [--rounds 30] [--db file]
 */

import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startOrg } from '../src/emulator/index.ts';

const SEED_TARGET_MS = 20_000;
const PAGE_TARGET_MS = 50;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const records = Number(arg('records', '100000'));
const rounds = Number(arg('rounds', '30'));
const dbFile = arg('db', '');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] as number;
}

async function main(): Promise<void> {
  console.log(
    `emulator-query: ${records} demo records, ${rounds} rounds, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}`,
  );
  if (dbFile) rmSync(dbFile, { force: true });
  const seedStart = performance.now();
  const org = await startOrg({
    seed: 'demo',
    records,
    now: '2026-03-12T09:30:00.000Z',
    ...(dbFile ? { db: dbFile } : {}),
  });
  const seedMs = performance.now() - seedStart;
  const counts = org.org.seeded?.counts ?? {};
  const seeded = Object.values(counts).reduce((a, b) => a + b, 0);
  try {
    const soql =
      'SELECT Id, LineItemNumber, WorkOrderId, Subject, Status, Description, Quantity, UnitPrice, Product2Id, LastModifiedDate FROM WorkOrderLineItem';
    const headers = { Authorization: `Bearer ${org.token}`, 'Sforce-Query-Options': 'batchSize=2000' };
    // The page's time as a client sees it, transfer included; the JSON is read for its size and the
    // next locator only (how fast a client parses 1 MB of JSON is the client's business).
    const get = async (path: string) => {
      const response = await fetch(org.url + path, { headers });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text.slice(0, 500)}`);
      const head = /^\{"totalSize":(\d+),"done":(true|false)(?:,"nextRecordsUrl":"([^"]+)")?/.exec(text);
      if (!head) throw new Error(`unexpected body: ${text.slice(0, 200)}`);
      const count = text.match(/"attributes":/g)?.length ?? 0;
      return { totalSize: Number(head[1]), nextRecordsUrl: head[3], count, bytes: text.length };
    };
    const firstPath = `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;
    // Warm up (statement cache, JIT).
    for (let i = 0; i < 3; i++) await get(firstPath);

    const firstPage: number[] = [];
    const nextPage: number[] = [];
    // CPU time of this process (server and client together): a figure that other load on the machine
    // does not inflate the way it inflates wall time.
    const firstCpu: number[] = [];
    const nextCpu: number[] = [];
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    let totalSize = 0;
    let bytes = 0;
    for (let round = 0; round < rounds; round++) {
      let started = performance.now();
      let cpu = process.cpuUsage();
      const first = await get(firstPath);
      firstPage.push(performance.now() - started);
      firstCpu.push(cpuMs(cpu));
      totalSize = first.totalSize;
      if (first.count !== 2000) throw new Error(`expected 2,000 records, got ${first.count}`);
      if (!first.nextRecordsUrl) throw new Error('expected more pages');
      started = performance.now();
      cpu = process.cpuUsage();
      const next = await get(first.nextRecordsUrl);
      nextPage.push(performance.now() - started);
      nextCpu.push(cpuMs(cpu));
      bytes = next.bytes;
      if (next.count !== 2000) throw new Error(`expected 2,000 records, got ${next.count}`);
    }
    const firstMedian = median(firstPage);
    const nextMedian = median(nextPage);
    console.log(`seed:        ${seeded} records (${JSON.stringify(counts)})`);
    console.log(
      `seed time:   ${(seedMs / 1000).toFixed(2)} s  (target < ${SEED_TARGET_MS / 1000} s: ${seedMs < SEED_TARGET_MS ? 'met' : 'NOT met'}; ${Math.round(seeded / (seedMs / 1000))} records/s)`,
    );
    console.log(`query:       ${soql}`);
    console.log(`matches:     ${totalSize} records; a page is ${(bytes / 1024).toFixed(0)} KiB of JSON`);
    console.log(
      `first page:  median ${firstMedian.toFixed(1)} ms, p95 ${p95(firstPage).toFixed(1)} ms (query + cursor + 2,000 records) = ${(1000 / firstMedian).toFixed(1)} queries/s`,
    );
    console.log(
      `next page:   median ${nextMedian.toFixed(1)} ms, p95 ${p95(nextPage).toFixed(1)} ms = ${(1000 / nextMedian).toFixed(1)} pages/s`,
    );
    console.log(
      `cpu time:    first page median ${median(firstCpu).toFixed(1)} ms, next page median ${median(nextCpu).toFixed(1)} ms (server + client in this process)`,
    );
    console.log(
      `target:      a 2,000-record page of 10 fields < ${PAGE_TARGET_MS} ms: ${Math.max(firstMedian, nextMedian) < PAGE_TARGET_MS ? 'met' : 'NOT met'} (ratio ${(Math.max(firstMedian, nextMedian) / PAGE_TARGET_MS).toFixed(2)} of the target)`,
    );
  } finally {
    await org.close();
    if (dbFile) rmSync(dbFile, { force: true });
  }
}

await main();
