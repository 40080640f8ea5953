import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { connectOrg } from '../../src/cli/connect-org.ts';
import { EXAMPLE_SCOPE_FILE, startFixtureOrg, type FixtureOrg } from './support/fixture-org.ts';
import { rawRequest } from './support/http.ts';

let org: FixtureOrg;

beforeAll(async () => {
  org = await startFixtureOrg();
});
afterAll(async () => {
  await org?.close();
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => (out += text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => (err += text.endsWith('\n') ? text : `${text}\n`),
    setExitCode: () => undefined,
  };
  const code = await main(args, io);
  return { code, out, err };
}

describe('syncscope preview and publish', () => {
  it('prints the per-object table and the cost lines for a user given by username', async () => {
    const { code, out, err } = await run([
      'preview',
      EXAMPLE_SCOPE_FILE,
      '--user',
      'tina.tech@fixture.example',
      '--users',
      '25',
      '--org-url',
      org.url,
      '--token',
      org.token,
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe(`Preview of "Field technician" for tina.tech@fixture.example (${org.ids.tech})`);
    expect(lines[1]).toMatch(/^Object +Records +Paths +Payload +First sync +No-change delta +Every$/);
    const rows = lines.slice(3, 9).map((l) => l.split(/ {2,}/));
    expect(rows.map((r) => [r[0], r[1], r[2], r[4], r[5], r[6]])).toEqual([
      ['Product2', '2', 'root: 2', '3 calls', '3 requests', '1440 min'],
      ['WorkOrder', '3', 'root: 3', '2 calls', '1 requests (reconciles)', '30 min'],
      ['Account', '2', 'referencedBy WorkOrder.AccountId: 2', '3 calls', '3 requests', '30 min'],
      ['Asset', '2', 'childOf Account.AccountId: 2', '3 calls', '3 requests', '240 min'],
      [
        'Contact',
        '3',
        'childOf Account.AccountId: 2, referencedBy WorkOrder.ContactId: 2',
        '4 calls',
        '4 requests',
        '30 min',
      ],
      ['WorkOrderLineItem', '3', 'childOf WorkOrder.WorkOrderId: 3', '3 calls', '3 requests', '30 min'],
    ]);
    expect(out).toContain('first sync 5 API calls; "Sync now" with no changes 3 API calls.');
    expect(out).toContain('Per day at the schedules: 48 syncs, 104 API calls per device.');
    expect(out).toContain(
      'a scheduler tick of 30 min, a reconciliation once a day: COUNT() queries where the plan has them, else Id queries.)',
    );
    expect(out).toContain(
      "25 devices: 2600 API calls per day = 2.6% of the org's DailyApiRequests (100000); at most 961 devices fit.",
    );
    expect(out + err).not.toContain(org.token);
  });

  it('publishes a version and lists it', async () => {
    const published = await run([
      'publish',
      EXAMPLE_SCOPE_FILE,
      '--note',
      'CLI rollout',
      '--org-url',
      org.url,
      '--token',
      org.token,
    ]);
    expect(published.code).toBe(0);
    expect(published.out.split('\n')[0]).toMatch(
      /^Published "Field technician" version 1 \(ContentVersion 068[A-Za-z0-9]{15}\) to org at 127\.0\.0\.1:\d+$/,
    );
    const listed = await run([
      'versions',
      'Field technician',
      '--org-url',
      org.url,
      '--token',
      org.token,
      '--json',
    ]);
    expect(listed.code).toBe(0);
    const versions = JSON.parse(listed.out) as { versionNumber: number; note: string; publishedBy: string }[];
    expect(versions.map((v) => [v.versionNumber, v.note, v.publishedBy])).toEqual([
      [1, 'CLI rollout', 'Ada Admin'],
    ]);
  });

  it('says what is wrong with the org flags, without echoing a token', async () => {
    const noToken = await run(['preview', EXAMPLE_SCOPE_FILE, '--user', org.ids.tech!, '--org-url', org.url]);
    expect(noToken).toEqual({
      code: 1,
      out: '',
      err: 'error: --org-url needs an access token: pass --token or set SYNCSCOPE_ACCESS_TOKEN\n',
    });
    const both = await run([
      'publish',
      EXAMPLE_SCOPE_FILE,
      '--note',
      'x',
      '--target-org',
      'dev',
      '--org-url',
      org.url,
      '--token',
      'secret00D',
    ]);
    expect(both.err).toBe('error: use either --target-org or --org-url with --token, not both\n');
    const unknownAlias = await run([
      'preview',
      EXAMPLE_SCOPE_FILE,
      '--user',
      org.ids.tech!,
      '--target-org',
      'no-such-alias',
    ]);
    expect(unknownAlias.code).toBe(1);
    expect(unknownAlias.err).toBe(
      "error: no sf CLI login for 'no-such-alias': run `sf org login web --alias no-such-alias` first\n",
    );
    const badToken = await run([
      'preview',
      EXAMPLE_SCOPE_FILE,
      '--user',
      org.ids.tech!,
      '--org-url',
      org.url,
      '--token',
      '00Dbad!wrongtoken',
    ]);
    expect(badToken.code).toBe(1);
    expect(badToken.err).toContain('INVALID_SESSION_ID');
    expect(badToken.err).not.toContain('wrongtoken');
  });

  it('connects from a token in the environment', async () => {
    const connected = await connectOrg(
      { orgUrl: `${org.url}/some/path` },
      { env: { SYNCSCOPE_ACCESS_TOKEN: org.token } },
    );
    expect(connected.kind).toBe('org');
    expect(connected.instanceUrl).toBe(org.url);
    expect(connected.description).toBe(`org at ${new URL(org.url).host}`);
    const result = await connected.connection.query<{ Name: string }>(
      'SELECT Name FROM Account ORDER BY Name LIMIT 1',
    );
    expect(result.records[0]!.Name).toBe('Cedar Mall');
  });
});

describe('--target-org: the sf CLI stored login', () => {
  it('previews through an alias saved by @salesforce/core, as `sf org login` leaves it', async () => {
    const { AuthInfo, StateAggregator } = await import('@salesforce/core');
    const auth = await AuthInfo.create({
      username: 'admin@syncscope.example',
      accessTokenOptions: { accessToken: org.token, instanceUrl: org.url, loginUrl: org.url },
    });
    await auth.save();
    await (
      await StateAggregator.getInstance()
    ).aliases.setAndSave('fixture-sandbox', 'admin@syncscope.example');

    const connected = await connectOrg({ targetOrg: 'fixture-sandbox' });
    expect(connected.kind).toBe('org');
    expect(connected.description).toBe(
      `org fixture-sandbox (admin@syncscope.example) at ${new URL(org.url).host}`,
    );
    const { code, out } = await run([
      'preview',
      EXAMPLE_SCOPE_FILE,
      '--user',
      org.ids.tech!,
      '--target-org',
      'fixture-sandbox',
    ]);
    expect(code).toBe(0);
    expect(out).toContain('first sync 5 API calls; "Sync now" with no changes 3 API calls.');
    expect(out).not.toContain(org.token);
  });
});

describe('syncscope serve', () => {
  it('says which port is taken and what to do', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const { code, out, err } = await run([
        'serve',
        '--port',
        String(port),
        '--no-ui',
        '--org-url',
        org.url,
        '--token',
        org.token,
      ]);
      expect(code).toBe(1);
      expect(err).toBe(
        `error: port ${port} is in use: pass --port <other> (or --port 0 for any free port)\n`,
      );
      expect(out).toBe(`Connected to org at ${new URL(org.url).host}\n`);
    } finally {
      blocker.close();
    }
  });

  it('prints the URL, serves the API on 127.0.0.1, and closes cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        join(import.meta.dirname, '../../bin/syncscope.js'),
        'serve',
        '--port',
        '0',
        '--no-ui',
        '--org-url',
        org.url,
      ],
      {
        env: { ...process.env, SYNCSCOPE_ACCESS_TOKEN: org.token },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /syncscope config tool: (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.on('exit', () => reject(new Error(`serve exited: ${out}${err}`)));
    });
    const port = Number(new URL(url).port);
    const session = await rawRequest(port, { path: '/api/session' });
    expect(session.status).toBe(200);
    expect(session.json<{ orgKind: string }>().orgKind).toBe('org');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toBe(
      `Connected to org at ${new URL(org.url).host}\nServing the API only (--no-ui).\nsyncscope config tool: ${url}\nPress Ctrl-C to stop.\nStopping...\n`,
    );
    expect(out + err).not.toContain(org.token);
  });
});
