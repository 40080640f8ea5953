/** Runs the `syncscope` CLI in-process and collects what it writes, for the device CLI tests. */

import { main, type CliIo } from '../../../src/cli/main.ts';

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
