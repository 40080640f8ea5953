/**
 * The embedded org: a local Salesforce REST API over SQLite (see docs/embedded-org.md).
 *
 *   const org = await startOrg({ seed: 'demo' });
 *   const conn = new jsforce.Connection({ instanceUrl: org.url, accessToken: org.token, version: '62.0' });
 *   ...
 *   await org.close();
 */

import { loadMetadataFile, readMetadataDocuments } from './metadata/extra-metadata.ts';
import { standardMetadata } from './metadata/standard-objects.ts';
import { EmbeddedOrg, type EmbeddedOrgOptions } from './org.ts';
import { createServer } from './http/server.ts';

export { EmbeddedOrg } from './org.ts';
export type { EmbeddedOrgOptions } from './org.ts';
export * from './seed/demo-ids.ts';
export { standardMetadata } from './metadata/standard-objects.ts';
export {
  DISPATCH_PERMISSION_SET,
  DISPATCHER_PROFILE,
  FIELD_TECHNICIAN_PERMISSION_SET,
  FIELD_TECHNICIAN_PROFILE,
  STANDARD_USER_PROFILE,
  SYSTEM_ADMINISTRATOR_PROFILE,
  TECHNICIAN_HIDDEN_FIELD,
  TECHNICIAN_READ_ONLY_FIELD,
} from './sharing/security-seed.ts';
export type { SharingModel } from './sharing/sharing-model.ts';

export interface StartOrgOptions extends Omit<EmbeddedOrgOptions, 'extraMetadata' | 'now'> {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** A describe-shaped JSON file (or directory) of extra objects and fields. */
  metadata?: string;
  /** Extra describe-shaped documents given in-process. */
  extraMetadata?: readonly unknown[];
  /** Starts the clock stopped at this instant (tests); default: real time. */
  now?: Date | string;
}

export interface RunningOrg {
  /** Instance URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The admin user's access token. */
  readonly token: string;
  /** The admin user's Id (the token's user). */
  readonly userId: string;
  readonly orgId: string;
  /** For `POST /services/oauth2/token` with grant_type=refresh_token. */
  readonly refreshToken: string;
  /** In-process access to the org (clock, store, sessions). */
  readonly org: EmbeddedOrg;
  /** Stops the server and closes the database cleanly. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts an embedded org on 127.0.0.1. */
export async function startOrg(options: StartOrgOptions = {}): Promise<RunningOrg> {
  const extraMetadata = [...(options.extraMetadata ?? [])];
  if (options.metadata) {
    // Validate the file against the standard objects first (errors carry a JSON Pointer), then keep
    // the documents so a `--db` org remembers them.
    loadMetadataFile(options.metadata, standardMetadata());
    extraMetadata.push(...readMetadataDocuments(options.metadata).map((d) => d.json));
  }
  const { now, port: _port, metadata: _metadata, ...orgOptions } = options;
  const org = new EmbeddedOrg({
    ...orgOptions,
    extraMetadata,
    ...(now !== undefined ? { now: new Date(now) } : {}),
  });
  const app = createServer(org);
  try {
    await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  } catch (error) {
    org.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    token: org.adminToken,
    userId: org.adminUserId,
    orgId: org.orgId,
    refreshToken: org.refreshToken,
    org,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        org.close();
      })()),
  };
}
