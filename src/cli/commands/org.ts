/**
 * `syncscope org start [--port 0] [--db org.sqlite] [--seed demo|none] [--records N] [--token T]
 * [--metadata F] [--now ISO]`: runs the embedded org (a local Salesforce REST API over SQLite) on
 * 127.0.0.1 and prints `instance URL: http://127.0.0.1:<port>`, `access token: <token>`, the demo
 * connected app's `client id: <consumer key>` and, when the demo users exist, `demo sign-in: <username> /
 * <password>` (see docs/oauth.md), then serves until Ctrl-C or SIGTERM, which close the database cleanly.
 */

import { CliError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';

export interface OrgStartOptions {
  readonly port: string;
  readonly db?: string;
  readonly seed: string;
  readonly records?: string;
  readonly token?: string;
  readonly metadata?: string;
  readonly now?: string;
}

/** Resolves on the first SIGINT or SIGTERM. */
function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (name: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(name);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function integer(flag: string, value: string, min: number, max: number, hint: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < min || n > max)
    throw new CliError(`${flag} must be a whole number from ${min} to ${max} (${hint}), got '${value}'`);
  return n;
}

/** Starts the org, prints its lines, serves until `until` resolves, then closes it. */
export async function runOrgStart(
  options: OrgStartOptions,
  io: CliIo,
  until: Promise<unknown> = nextSignal(),
): Promise<void> {
  const port = integer('--port', options.port, 0, 65535, '0 picks a free port');
  if (options.seed !== 'demo' && options.seed !== 'none')
    throw new CliError(`--seed must be 'demo' or 'none', got '${options.seed}'`);
  const records =
    options.records === undefined
      ? undefined
      : integer('--records', options.records, 1, 10_000_000, 'the approximate size of the demo data');
  if (options.token !== undefined && !/^[\x21-\x7e]{8,}$/.test(options.token))
    throw new CliError('--token must be at least 8 printable characters without spaces');
  let now: Date | undefined;
  if (options.now !== undefined) {
    now = new Date(options.now);
    if (Number.isNaN(now.getTime()))
      throw new CliError(`--now must be an ISO 8601 datetime, got '${options.now}'`);
  }
  const { startOrg, clientIdLine, demoSignInLine } = await import('../../emulator/index.ts');
  const { MetadataError } = await import('../../emulator/metadata/extra-metadata.ts');
  const { DatabaseKindError } = await import('../../compiler/database-kind.ts');
  let org: Awaited<ReturnType<typeof startOrg>>;
  try {
    org = await startOrg({
      port,
      seed: options.seed,
      ...(options.db !== undefined ? { db: options.db } : {}),
      ...(records !== undefined ? { records } : {}),
      ...(options.token !== undefined ? { token: options.token } : {}),
      ...(options.metadata !== undefined ? { metadata: options.metadata } : {}),
      ...(now !== undefined ? { now } : {}),
    });
  } catch (error) {
    if (error instanceof MetadataError) throw new CliError(`--metadata ${error.message}`);
    if (error instanceof DatabaseKindError) throw new CliError(`--db ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new CliError(`port ${port} is in use: pass --port <other> (or --port 0 for any free port)`);
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CANTOPEN')
      throw new CliError(
        `--db ${options.db}: not a SQLite database this org can open (${(error as Error).message})`,
      );
    if (options.db !== undefined && error instanceof Error && /database/i.test(error.message))
      throw new CliError(`--db ${options.db}: ${error.message}`);
    throw error;
  }
  try {
    io.out(`instance URL: ${org.url}`);
    io.out(`access token: ${org.token}`);
    io.out(clientIdLine());
    if (org.org.hasDemoSignIn()) io.out(demoSignInLine());
    await until;
  } finally {
    await org.close();
  }
}
