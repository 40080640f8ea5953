/**
 * `syncscope app [--port N] [--scope file]`: the field app for technicians on http://127.0.0.1:<port>/,
 * against the embedded demo org (started in this process, the scope published on it so a device gets a
 * plan), printing `field app: <url>` and `demo sign-in: <username> / <password>`.
 *
 * `syncscope app --instance-url https://acme.my.salesforce.com --client-id <consumer key>
 * [--scope-name "Field technician"]`: the same app against a real org (or `syncscope org start`'s), where
 * the admin has set up a connected app with PKCE and this URL as callback, allowed this origin in CORS
 * and published the scope (`syncscope publish`).
 */

import { OrgClient } from '../../org/org-client.ts';
import { latestVersion, publishVersion } from '../../org/published-plans.ts';
import { startAppServer, type AppServer, type FieldAppConfig } from '../../server/app-server.ts';
import { DEMO_CLIENT_ID, demoSignInLine } from '../../emulator/seed/demo-ids.ts';
import { CliError } from '../cli-error.ts';
import { connectOrg, type ConnectedOrg } from '../connect-org.ts';
import type { CliIo } from '../cli-io.ts';
import { compileScopeFileOnOrg, scopeNameOf } from '../scope-file.ts';
import { parsePort, signal } from './serve.ts';

/** The note of a version `syncscope app` / `npm start` publishes on the embedded org. */
export const APP_PUBLISH_NOTE = 'published by syncscope app for the field app';

/**
 * Makes sure the scope's latest published version is this scope (same scopeHash), publishing it when not:
 * what a device fetches at sign-in. Answers the version number the org now has.
 */
export async function ensureScopePublished(
  org: Pick<ConnectedOrg, 'connection' | 'apiVersion'>,
  scopeFile: string,
): Promise<number> {
  const compiled = await compileScopeFileOnOrg(new OrgClient(org.connection), scopeFile);
  const store = { transport: org.connection, apiVersion: org.apiVersion };
  const latest = await latestVersion(store, compiled.scope.name);
  if (latest && latest.scopeHash === compiled.plan.scopeHash) return latest.versionNumber;
  const version = await publishVersion(store, compiled.scope, compiled.plan, APP_PUBLISH_NOTE);
  return version.versionNumber;
}

export interface RunAppSettings {
  readonly port: number;
  readonly scopeFile: string;
  readonly instanceUrl?: string;
  readonly clientId?: string;
  readonly scopeName?: string;
  readonly apiVersion: string;
  readonly io: CliIo;
  /** Resolves when the server should stop (default: SIGINT or SIGTERM). */
  readonly until?: Promise<unknown>;
}

/** Serves the app until `until`; always closes the server and the embedded org. */
export async function runApp(settings: RunAppSettings): Promise<void> {
  const { io } = settings;
  if ((settings.instanceUrl === undefined) !== (settings.clientId === undefined))
    throw new CliError(
      '--instance-url and --client-id go together (the org and its connected app); give both, or neither for the embedded demo org',
    );
  let org: ConnectedOrg | undefined;
  let server: AppServer | undefined;
  try {
    let config: FieldAppConfig;
    if (settings.instanceUrl !== undefined) {
      config = {
        instanceUrl: checkInstanceUrl(settings.instanceUrl),
        clientId: settings.clientId!,
        scopeName: settings.scopeName ?? scopeNameOf(settings.scopeFile),
        apiVersion: settings.apiVersion,
      };
    } else {
      org = await connectOrg({ apiVersion: settings.apiVersion });
      const version = await ensureScopePublished(org, settings.scopeFile);
      const scopeName = scopeNameOf(settings.scopeFile);
      io.out(`Connected to ${org.description}; "${scopeName}" published as version ${version}`);
      config = {
        instanceUrl: org.instanceUrl,
        clientId: DEMO_CLIENT_ID,
        scopeName,
        apiVersion: org.apiVersion,
      };
    }
    server = await startAppServer({ config, port: settings.port, log: (line) => io.err(line) }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE')
          throw new CliError(
            `port ${settings.port} is in use: pass --port <other> (or --port 0 for any free port)`,
          );
        throw error;
      },
    );
    io.out(`field app: ${server.url}`);
    if (org) io.out(demoSignInLine());
    else
      io.out(
        `signs in to ${config.instanceUrl} with client id ${config.clientId}, scope "${config.scopeName}"`,
      );
    io.out('Press Ctrl-C to stop.');
    await (settings.until ?? signal());
    io.out('Stopping...');
  } finally {
    await server?.close();
    await org?.close();
  }
}

function checkInstanceUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(
      `--instance-url is not a URL: '${value}' (expected e.g. https://acme.my.salesforce.com)`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new CliError(`--instance-url must be an http(s) URL, got '${url.protocol}'`);
  return url.origin;
}

/** `syncscope app`: the field app until a signal. */
export async function appCommand(options: Record<string, unknown>, io: CliIo): Promise<void> {
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  await runApp({
    port: parsePort(String(options.port)),
    scopeFile: String(options.scope),
    apiVersion: String(options.apiVersion),
    io,
    ...(text(options.instanceUrl) ? { instanceUrl: text(options.instanceUrl)! } : {}),
    ...(text(options.clientId) ? { clientId: text(options.clientId)! } : {}),
    ...(text(options.scopeName) ? { scopeName: text(options.scopeName)! } : {}),
  });
}
