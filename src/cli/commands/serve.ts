/**
 * `syncscope serve [--port N] [--scope file] [--target-org ALIAS | --org-url URL --token T]`: the config
 * tool on http://127.0.0.1:<port>/, connected to the given org (the embedded demo org without flags).
 * Runs until Ctrl-C or SIGTERM, then closes the server and the org.
 */

import { CliError } from '../cli-error.ts';
import { connectOrg, orgFlagsFrom, type ConnectedOrg } from '../connect-org.ts';
import type { CliIo } from '../cli-io.ts';
import { startConfigServer, type ConfigServer } from '../../server/config-server.ts';

export interface ServeSettings {
  readonly port: number;
  readonly scopeFile: string | null;
  readonly org: ConnectedOrg;
  readonly io: CliIo;
  /** False: serve the API only (no page, no build). */
  readonly ui?: boolean;
  /** Resolves when the server should stop (default: SIGINT or SIGTERM). */
  readonly until?: Promise<unknown>;
  /** Awaited before the server starts (and builds the page): start prints the plan summary here. */
  readonly beforeStart?: () => Promise<void> | void;
}

/** Serves until `until` (a signal by default); always closes the server and the org. */
export async function serveUntilStopped(settings: ServeSettings): Promise<void> {
  const { io, org } = settings;
  let server: ConfigServer | undefined;
  try {
    io.out(`Connected to ${org.description}`);
    await settings.beforeStart?.();
    server = await startConfigServer({
      org,
      scopeFile: settings.scopeFile,
      port: settings.port,
      ...(settings.ui === false ? { uiDir: null } : {}),
      log: (line) => io.err(line),
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        throw new CliError(
          `port ${settings.port} is in use: pass --port <other> (or --port 0 for any free port)`,
        );
      }
      throw error;
    });
    if (!server.servesUi) {
      io.out(
        settings.ui === false
          ? 'Serving the API only (--no-ui).'
          : 'The config tool page is missing (src/ui/index.html); the API is up.',
      );
    }
    io.out(`syncscope config tool: ${server.url}`);
    io.out('Press Ctrl-C to stop.');
    await (settings.until ?? signal());
    io.out('Stopping...');
  } finally {
    await server?.close();
    await org.close();
  }
}

/** Resolves on the first SIGINT or SIGTERM. */
export function signal(): Promise<NodeJS.Signals> {
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

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`--port must be a port number from 0 to 65535 (0: any free port), got '${value}'`);
  }
  return port;
}

/** `syncscope serve`: the config tool until a signal. */
export async function serveCommand(options: Record<string, unknown>, io: CliIo): Promise<void> {
  const port = parsePort(String(options.port));
  const org = await connectOrg(orgFlagsFrom(options));
  await serveUntilStopped({
    port,
    scopeFile: (options.scope as string | undefined) ?? null,
    org,
    io,
    ui: options.ui !== false,
  });
}
