/**
 * From CLI flags to a connected org: the one place every org-using command (serve, start, preview,
 * publish, device sync) turns `--target-org` / `--org-url --token` / nothing into a jsforce Connection.
 *
 *   --target-org ALIAS        the sf CLI's stored login (@salesforce/core Org.create -> getConnection)
 *   --org-url URL --token T   an instance URL and access token (jsforce Connection); the token may come
 *                             from $SYNCSCOPE_ACCESS_TOKEN instead, so it stays out of `ps` and shell history
 *   (neither)                 the embedded org, started in-process with demo data (commands that keep
 *                             data, such as device sync, refuse instead: `withoutOrgFlags: 'refuse'`)
 *
 * `sessionUserId` then asks the org who the session's user is (`/services/oauth2/userinfo`): the first
 * request, so a wrong instance URL fails here with a clear message, before a command starts its work.
 *
 * Usage in a command:
 *   addOrgOptions(program.command('x'))...action(async (opts) => {
 *     const org = await connectOrg(orgFlagsFrom(opts));
 *     try { ... org.connection.query(...) } finally { await org.close(); }
 *   });
 *
 * The access token is never printed, logged or put in an error message: `describe` names the org only.
 */

import { Connection } from 'jsforce';
import { CliError } from './cli-error.ts';
import { DEFAULT_API_VERSION, TOKEN_ENV } from './org-options.ts';
import { redact, rememberSecret, rememberSecretsOf } from '../shared/redact.ts';

// The flags' definitions live apart from jsforce, so `syncscope --help` does not load it.
export { addOrgOptions, DEFAULT_API_VERSION, TOKEN_ENV } from './org-options.ts';

export interface OrgFlags {
  readonly targetOrg?: string;
  readonly orgUrl?: string;
  readonly token?: string;
  readonly apiVersion?: string;
}

export interface ConnectOptions {
  /** Data for the embedded org when no org flag is given (default 'demo'). */
  readonly seed?: 'demo' | 'none';
  /** Environment to read TOKEN_ENV from (default process.env; tests pass their own). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Without any org flag: start the embedded org (default), or refuse. A device syncing with a throwaway
   * org would upload its changes into an org that is gone when the command ends.
   */
  readonly withoutOrgFlags?: 'embedded' | 'refuse';
}

/** What a command that needs a real org says when no org flag is given. */
export const NO_ORG_MESSAGE = 'say which org: --org-url URL --token TOKEN, or --target-org ALIAS';

export interface ConnectedOrg {
  readonly kind: 'embedded' | 'org';
  /**
   * A jsforce 3 Connection. For --target-org it is @salesforce/core's Connection (a subclass of the same
   * jsforce 3.10 Connection from @jsforce/jsforce-node, which refreshes expired tokens itself).
   */
  readonly connection: Connection;
  readonly instanceUrl: string;
  readonly apiVersion: string;
  /** For people: which org this is. Never contains the token. */
  readonly description: string;
  /** Stops the embedded org; nothing to do for other orgs. Safe to call twice. */
  close(): Promise<void>;
}

/** Picks the org flags out of a command's parsed options. */
export function orgFlagsFrom(options: Record<string, unknown>): OrgFlags {
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value !== '' ? value : undefined;
  return {
    targetOrg: text(options.targetOrg),
    orgUrl: text(options.orgUrl),
    token: text(options.token),
    apiVersion: text(options.apiVersion),
  };
}

/** Connects as the flags say; with no org flag, starts the embedded demo org in this process. */
export async function connectOrg(flags: OrgFlags, options: ConnectOptions = {}): Promise<ConnectedOrg> {
  const apiVersion = checkApiVersion(flags.apiVersion ?? DEFAULT_API_VERSION);
  const env = options.env ?? process.env;
  if (flags.targetOrg !== undefined && (flags.orgUrl !== undefined || flags.token !== undefined)) {
    throw new CliError('use either --target-org or --org-url with --token, not both');
  }
  if (flags.targetOrg !== undefined) return connectTargetOrg(flags.targetOrg, apiVersion);
  if (flags.orgUrl !== undefined) {
    const token = flags.token ?? env[TOKEN_ENV];
    if (!token) throw new CliError(`--org-url needs an access token: pass --token or set ${TOKEN_ENV}`);
    return connectUrl(flags.orgUrl, token, apiVersion);
  }
  if (flags.token !== undefined)
    throw new CliError('--token needs --org-url (the instance URL it belongs to)');
  if (options.withoutOrgFlags === 'refuse') throw new CliError(NO_ORG_MESSAGE);
  return startEmbeddedOrg(apiVersion, options.seed ?? 'demo');
}

/**
 * The session's user Id, asked of the org. Fails with a CliError that names the host (never the token)
 * when the instance URL does not lead to a Salesforce org. Answers undefined when the org refuses the
 * session itself (401 / INVALID_SESSION_ID): the command's first API call then fails the same way, where
 * it reports failures (a device sync records it in its history).
 */
export async function sessionUserId(org: ConnectedOrg): Promise<string | undefined> {
  const where = hostOf(org.instanceUrl);
  const hint = org.kind === 'embedded' ? '' : ': check --org-url (the instance URL) or the login';
  let info: unknown;
  try {
    // One retry, not jsforce's five with backoff (15 s): a wrong URL is answered at once.
    info = await org.connection.request(
      { method: 'GET', url: '/services/oauth2/userinfo' },
      { retry: { maxRetries: 1 } },
    );
  } catch (error) {
    const shape = (typeof error === 'object' && error !== null ? error : {}) as {
      errorCode?: string;
      code?: string;
      cause?: { code?: string };
    };
    const code = shape.errorCode ?? shape.code ?? shape.cause?.code;
    if (code === 'INVALID_SESSION_ID' || code === 'ERROR_HTTP_401') return undefined;
    if (code && /^E[A-Z_]+$/.test(code) && !code.startsWith('ERROR_HTTP'))
      throw new CliError(`cannot reach the org at ${where} (${code})${hint}`);
    const status = /^ERROR_HTTP_(\d{3})$/.exec(code ?? '')?.[1];
    throw new CliError(
      `${where} does not answer as a Salesforce org (GET /services/oauth2/userinfo: ${status ? `HTTP ${status}` : redact(code ?? 'no answer')})${hint}`,
    );
  }
  const userId = (info as { user_id?: unknown } | null)?.user_id;
  if (typeof userId !== 'string' || userId === '')
    throw new CliError(
      `${where} does not answer as a Salesforce org (GET /services/oauth2/userinfo gave no user_id)${hint}`,
    );
  return userId;
}

function checkApiVersion(version: string): string {
  if (!/^\d{2,3}\.0$/.test(version)) {
    throw new CliError(`--api-version must look like 62.0, got '${version}'`);
  }
  return version;
}

async function connectTargetOrg(aliasOrUsername: string, apiVersion: string): Promise<ConnectedOrg> {
  // Loaded lazily: @salesforce/core is heavy and only this path needs it.
  const { Org } = await import('@salesforce/core');
  let org;
  try {
    org = await Org.create({ aliasOrUsername });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const detail = error instanceof Error ? error.message : String(error);
    if (/NamedOrgNotFound|NoAuthInfoFound|AuthInfoNotFound/i.test(name + detail)) {
      throw new CliError(
        `no sf CLI login for '${aliasOrUsername}': run \`sf org login web --alias ${aliasOrUsername}\` first`,
      );
    }
    throw new CliError(`cannot open org '${aliasOrUsername}': ${redact(detail)}`);
  }
  const coreConnection = org.getConnection(apiVersion);
  // @salesforce/core's Connection extends jsforce-node's Connection, the same jsforce 3.10 class as
  // `jsforce`'s (pinned to one version by the package.json override); only the package name differs.
  const connection = coreConnection as unknown as Connection;
  rememberSecretsOf(connection);
  const username = org.getUsername() ?? aliasOrUsername;
  return {
    kind: 'org',
    connection,
    instanceUrl: coreConnection.instanceUrl,
    apiVersion,
    // An sf login made from a bare access token has the token as its username: never print it.
    description: redact(`org ${aliasOrUsername} (${username}) at ${hostOf(coreConnection.instanceUrl)}`),
    close: async () => {},
  };
}

function connectUrl(orgUrl: string, accessToken: string, apiVersion: string): ConnectedOrg {
  rememberSecret(accessToken);
  let url: URL;
  try {
    url = new URL(orgUrl);
  } catch {
    throw new CliError(`--org-url is not a URL: '${orgUrl}' (expected e.g. https://acme.my.salesforce.com)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CliError(`--org-url must be an http(s) URL, got '${url.protocol}'`);
  }
  const instanceUrl = url.origin;
  const connection = new Connection({ instanceUrl, accessToken, version: apiVersion });
  return {
    kind: 'org',
    connection,
    instanceUrl,
    apiVersion,
    description: `org at ${url.host}`,
    close: async () => {},
  };
}

async function startEmbeddedOrg(apiVersion: string, seed: 'demo' | 'none'): Promise<ConnectedOrg> {
  const { startOrg } = await import('../emulator/index.ts');
  const handle = await startOrg({ seed });
  const connection = new Connection({
    instanceUrl: handle.url,
    accessToken: handle.token,
    version: apiVersion,
  });
  let closed = false;
  return {
    kind: 'embedded',
    connection,
    instanceUrl: handle.url,
    apiVersion,
    description: `embedded ${seed === 'demo' ? 'demo ' : ''}org at ${hostOf(handle.url)}`,
    close: async () => {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
