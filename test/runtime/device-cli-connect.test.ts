/**
 * `syncscope device sync` reaches its org through the one connector every command uses (connect-org.ts):
 * the token may come from SYNCSCOPE_ACCESS_TOKEN, and an instance URL that does not lead to an org fails
 * before the sync starts, with a message that names the host and never the token.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_ENV } from '../../src/cli/connect-org.ts';
import { runCli as run } from './helpers/cli.ts';
import { compilePlan, startHarness, type Harness } from './helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from './helpers/scopes.ts';

let h: Harness;
let dir: string;
let planFile: string;
let db: string;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
  dir = mkdtempSync(join(tmpdir(), 'syncscope-device-connect-'));
  planFile = join(dir, 'plan.json');
  db = join(dir, 'device.sqlite');
  writeFileSync(planFile, JSON.stringify(compilePlan(energyScope)));
});
afterEach(async () => {
  delete process.env[TOKEN_ENV];
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const sync = (...org: string[]) => run('device', 'sync', '--plan', planFile, '--db', db, ...org);

/** A local HTTP server that is not an org (a web page answering 404), or the port of a closed one. */
async function listen(): Promise<{ server: Server; port: number }> {
  const server = createServer((_request, reply) => {
    reply.writeHead(404, { 'content-type': 'text/html' });
    reply.end('<html><body>Not here</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('device sync reaches its org', () => {
  it(`takes the access token from ${TOKEN_ENV}`, async () => {
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    process.env[TOKEN_ENV] = h.org.token;
    const result = await sync('--org-url', h.org.url);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('  Account: 1 downloaded, 0 removed, 0 uploaded');
    const dump = JSON.parse(
      (await run('device', 'dump', '--db', db, '--object', 'Account')).out.join('\n'),
    ) as {
      Account: { Id: string }[];
    };
    expect(dump.Account.map((r) => r.Id)).toEqual([account]);
  });

  it('says what is missing when neither --token nor the variable is given', async () => {
    expect(await sync('--org-url', h.org.url)).toEqual({
      code: 1,
      out: [],
      err: [`error: --org-url needs an access token: pass --token or set ${TOKEN_ENV}`],
    });
  });

  it('fails before the sync starts when nothing listens at --org-url', async () => {
    const { server, port } = await listen();
    await close(server);
    const token = h.org.token;
    const result = await sync('--org-url', `http://127.0.0.1:${port}`, '--token', token);
    expect(result).toEqual({
      code: 1,
      out: [],
      err: [
        `error: cannot reach the org at 127.0.0.1:${port} (ECONNREFUSED): check --org-url (the instance URL) or the login`,
      ],
    });
  });

  it('fails before the sync starts when --org-url is a web server but not an org', async () => {
    const { server, port } = await listen();
    try {
      const result = await sync('--org-url', `http://127.0.0.1:${port}`, '--token', h.org.token);
      expect(result).toEqual({
        code: 1,
        out: [],
        err: [
          `error: 127.0.0.1:${port} does not answer as a Salesforce org (GET /services/oauth2/userinfo: HTTP 404): check --org-url (the instance URL) or the login`,
        ],
      });
    } finally {
      await close(server);
    }
  });

  it('refuses --target-org together with --org-url, as every command does', async () => {
    expect(await sync('--target-org', 'x', '--org-url', h.org.url, '--token', h.org.token)).toEqual({
      code: 1,
      out: [],
      err: ['error: use either --target-org or --org-url with --token, not both'],
    });
  });
});
