/**
 * CLI startup (issue 16): `syncscope --help` and `syncscope validate examples/field-technician.scope.json`
 * as the installed command runs them (bin/syncscope.js on the compiled build in lib/), each against a
 * bare `node -e 0` measured alternately in the same run, so the ratio is Node's own start as the unit.
 * Wall-clock medians: on a loaded machine both sides slow down together.
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = join(import.meta.dirname, '..');

export interface StartupTiming {
  /** Median of the command, ms. */
  readonly ms: number;
  /** Median of `node -e 0` in the same runs, ms. */
  readonly nodeMs: number;
  readonly runs: number;
}

function timed(args: readonly string[]): number {
  const t0 = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (result.status !== 0)
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Builds lib/ first when it is missing or older than src/ (bin/syncscope.js would otherwise run the
 * sources through tsx, and this would measure that).
 */
export function ensureCompiledCli(log: (line: string) => void): void {
  const probe = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const { compiledCliEntry } = await import('./bin/compiled-cli.js'); console.log(compiledCliEntry(process.cwd()) ?? '');",
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (probe.stdout.trim() !== '') return;
  log('  lib/ is missing or older than src/: npm run build:cli...');
  const build = spawnSync(process.execPath, ['scripts/build-cli.js'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build:cli failed');
}

/** `node bin/syncscope.js <args>` and `node -e 0`, alternating, `runs` times each (after one warm-up). */
export function cliStartup(args: readonly string[], runs: number): StartupTiming {
  const command = ['bin/syncscope.js', ...args];
  timed(command);
  timed(['-e', '0']);
  const ms: number[] = [];
  const nodeMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    nodeMs.push(timed(['-e', '0']));
    ms.push(timed(command));
  }
  return { ms: median(ms), nodeMs: median(nodeMs), runs };
}
