/** Runs bench/sync-child.ts in its own process and returns its report. */

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SyncChildReport } from '../sync-child.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildRun {
  readonly report: SyncChildReport | undefined;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

export function runSyncChild(strategy: string, args: readonly string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    // SYNC_CHILD_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the device side alone.
    // --expose-gc lets the child report the heap it still holds after the sync (it changes no GC heuristic).
    const nodeArgs = ['--expose-gc', ...(process.env.SYNC_CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
    const script = ['bin/run-ts.js', 'bench/sync-child.ts', strategy, ...args];
    const child = spawn(process.execPath, [...nodeArgs, ...script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.trim().split('\n').pop();
      let report: SyncChildReport | undefined;
      try {
        report = line ? (JSON.parse(line) as SyncChildReport) : undefined;
      } catch {
        report = undefined;
      }
      resolve({ report, code, signal, stderr });
    });
  });
}

/** Like runSyncChild, but a failed or missing report is an error. */
export async function mustRun(strategy: string, args: readonly string[]): Promise<SyncChildReport> {
  const run = await runSyncChild(strategy, args);
  if (!run.report || !run.report.ok)
    throw new Error(
      `${strategy} sync failed (exit ${run.code ?? run.signal}): ${run.report?.error ?? ''} ${run.stderr.slice(-2000)}`,
    );
  return run.report;
}
