/**
 * What one delta sync asks the embedded org for, timed on the 100k technician org (issue 6): a device
 * syncs the example plan, then syncs again with nothing changed; the getDeleted checks of Product2 and
 * Asset and the deltas of Asset and Contact (over the account Ids the device holds) it sent are timed,
 * each alone, median of --rounds. Printed twice: as the org runs, then on an org without the recycle-bin
 * indexes and without planner statistics, as it ran before they were added.
 *
 *   node bin/run-ts.js bench/emulator-delta.ts [--records 100000] [--rounds 20]
 */

import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Connection } from 'jsforce';
import { MemoryStore } from '../src/runtime/store/memory-store.ts';
import { SyncEngine } from '../src/runtime/sync-engine.ts';
import type { Transport, TransportRequest } from '../src/runtime/transport.ts';
import { START, startTechnicianOrg, type TechnicianOrg } from './lib/technician-org.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const records = Number(arg('records', '100000'));
const rounds = Number(arg('rounds', '20'));

console.log(
  `emulator-delta: ${records} records in scope, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}`,
);
await run('as the org runs:', false);
await run('without the recycle-bin indexes and planner statistics (as the org ran before them):', true);

async function run(label: string, before: boolean): Promise<void> {
  const tech = await startTechnicianOrg(records, before ? { statistics: false } : {});
  try {
    if (before)
      for (const object of ['Product2', 'Asset'])
        tech.org.org.db.exec(`DROP INDEX "${object}__DeletedDate_idx"`);
    await measure(tech, label);
  } finally {
    await tech.close();
  }
}

async function measure(tech: TechnicianOrg, label: string): Promise<void> {
  const conn = new Connection({ instanceUrl: tech.org.url, accessToken: tech.token, version: '62.0' });
  // A device syncs once; the requests of its next (nothing changed) sync are the ones timed.
  let now = Date.parse(START);
  const asked: string[] = [];
  const transport: Transport = {
    instanceUrl: tech.org.url,
    request: <R>(request: TransportRequest) => {
      if (request.url.endsWith('/composite') && request.body)
        for (const sub of (JSON.parse(request.body) as { compositeRequest: { url: string }[] })
          .compositeRequest)
          asked.push(sub.url);
      return conn.request<R>(request as never) as Promise<R>;
    },
  };
  const engine = new SyncEngine({
    transport,
    store: new MemoryStore(),
    plan: tech.plan,
    userId: tech.userId,
    clock: { now: () => now },
  });
  await engine.syncNow();
  const clock = (await tech.control('clock', { advanceSeconds: 120 })) as { now: string };
  now = Date.parse(clock.now);
  asked.length = 0;
  await engine.syncNow();
  const timed = asked.filter((url) =>
    /sobjects\/(Product2|Asset)\/deleted|FROM(\+|%20| )(Asset|Contact)(\+|%20| )WHERE/.test(url),
  );
  console.log(label);
  for (const url of timed) {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      await conn.request(url);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const name = decodeURIComponent(url)
      .replace(/^.*\/v[\d.]+\//, '')
      .slice(0, 90);
    console.log(`  ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms  ${name}`);
  }
}
