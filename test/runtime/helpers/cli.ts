/** Runs the `syncscope` CLI in-process and collects what it writes, for the device CLI tests. */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.ts';
import type { CliIo } from '../../../src/cli/cli-io.ts';
import { compilePlan, startHarness, type Harness } from './e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from './scopes.ts';

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

export async function runCli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), setExitCode: () => {} };
  const code = await main(argv, io);
  return { code, out, err };
}

/** An embedded org (with caseDeviceIdMetadata) and a temp dir holding the energy scope's plan and a device db path. */
export interface DeviceCliSetup {
  h: Harness;
  dir: string;
  planFile: string;
  db: string;
}

export async function startDeviceCliSetup(prefix: string): Promise<DeviceCliSetup> {
  const h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const planFile = join(dir, 'plan.json');
  const db = join(dir, 'device.sqlite');
  writeFileSync(planFile, JSON.stringify(compilePlan(energyScope)));
  return { h, dir, planFile, db };
}

export async function closeDeviceCliSetup({ h, dir }: Pick<DeviceCliSetup, 'h' | 'dir'>): Promise<void> {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
}
