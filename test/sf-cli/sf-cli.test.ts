/**
 * Salesforce's own CLI (sf 2.108) against the embedded org: one login with an access token, then the
 * everyday commands, with their exact output. sf is installed by .ci/run into test/sf-cli/tool (about
 * 280 MB, so not a dependency of syncscope); without it the test is skipped with the reason, except
 * in CI (`CI=true`), where a missing sf fails it: a run that tests nothing is a failure.
 *
 * Every command runs with its own HOME (sf's auth files, config and caches), telemetry, update checks
 * and log files off, and no colours.
 */

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_USER_ID, ORG_ID, startOrg, type RunningOrg } from '../../src/emulator/index.ts';

const TOOL_DIR = fileURLToPath(new URL('./tool/', import.meta.url));
const SF_BIN_DIR = join(TOOL_DIR, 'node_modules', '.bin');
const SF = join(SF_BIN_DIR, 'sf');
const IN_CI = process.env.CI === 'true';
const INSTALLED = existsSync(SF);
if (!INSTALLED && !IN_CI)
  console.warn(
    `sf-cli.test.ts skipped: the Salesforce CLI is not installed at ${SF}; install it with \`npm install --no-audit --no-fund --prefix test/sf-cli/tool\` (as .ci/run does).`,
  );

/** sf starts slowly (seconds a command, more on a busy machine). */
const COMMAND_TIMEOUT = 120_000;
const API_VERSION = '67.0';

interface SfRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let running: RunningOrg;
let conn: Connection;
let home: string;
let atlasId: string;
let harborId: string;

function sfEnv(): NodeJS.ProcessEnv {
  // Built from scratch: nothing of the developer's own sf configuration (SF_*, SFDX_*) leaks in.
  return {
    PATH: `${SF_BIN_DIR}${delimiter}${process.env.PATH ?? ''}`,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    TMPDIR: join(home, 'tmp'),
    LANG: 'C.UTF-8',
    SF_ACCESS_TOKEN: running.token,
    SF_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_USE_PROGRESS_BAR: 'false',
    SF_DISABLE_LOG_FILE: 'true',
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SFDX_DISABLE_TELEMETRY: 'true',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}

function sf(args: readonly string[], cwd = home): Promise<SfRun> {
  if (!INSTALLED)
    throw new Error(
      `The Salesforce CLI is not installed at ${SF}: .ci/run installs it (npm install --prefix test/sf-cli/tool) before npm test.`,
    );
  return new Promise((resolve) => {
    execFile(
      SF,
      [...args],
      { cwd, env: sfEnv(), timeout: COMMAND_TIMEOUT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs an sf command with `--json` and answers its `result` (failing with sf's own output if it failed). */
async function sfJson<T = unknown>(args: readonly string[], cwd?: string): Promise<T> {
  const run = await sf([...args, '--json'], cwd);
  // sf prints the session's token (login, display): never into a failure message.
  const output = `${run.stdout}\n${run.stderr}`.replaceAll(running.token, '<access token>');
  let parsed: { status?: number; result?: T };
  try {
    parsed = JSON.parse(run.stdout) as { status?: number; result?: T };
  } catch {
    throw new Error(`sf ${args.join(' ')} printed no JSON (exit ${run.code}):\n${output}`);
  }
  if (run.code !== 0 || parsed.status !== 0)
    throw new Error(`sf ${args.join(' ')} failed (exit ${run.code}):\n${output}`);
  return parsed.result as T;
}

function recordUrl(type: string, id: string): string {
  return `/services/data/v${API_VERSION}/sobjects/${type}/${id}`;
}

describe.skipIf(!INSTALLED && !IN_CI)('the sf CLI against the embedded org', () => {
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'syncscope-sf-'));
    mkdirSync(join(home, 'tmp'));
    running = await startOrg({ seed: 'none', db: join(home, 'org.sqlite') });
    conn = new Connection({ instanceUrl: running.url, accessToken: running.token, version: API_VERSION });
    atlasId = (
      (await conn.sobject('Account').create({ Name: 'Atlas Foods', Industry: 'Food & Beverage' })) as {
        id: string;
      }
    ).id;
    harborId = ((await conn.sobject('Account').create({ Name: 'Harbor Hospital' })) as { id: string }).id;
    await conn.sobject('Contact').create([
      { LastName: 'Tanaka', AccountId: atlasId },
      { LastName: 'Iyer', AccountId: atlasId },
      { LastName: 'Berg', AccountId: harborId },
    ]);
    // The one login: every later command reuses it through the alias.
    const login = await sfJson<Record<string, unknown>>([
      'org',
      'login',
      'access-token',
      '--instance-url',
      running.url,
      '--no-prompt',
      '--alias',
      'emu',
    ]);
    expect(login).toEqual({
      username: 'admin@syncscope.example',
      orgId: ORG_ID,
      accessToken: running.token,
      instanceUrl: `${running.url}/`,
      loginUrl: `${running.url}/`,
      isDevHub: false,
      // sf asked /services/data for the newest version.
      instanceApiVersion: API_VERSION,
      instanceApiVersionLastRetrieved: expect.any(String),
    });
  }, 2 * COMMAND_TIMEOUT);

  afterAll(async () => {
    await running?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it(
    'org display: the org, its user and the newest API version',
    async () => {
      expect(await sfJson(['org', 'display', '--target-org', 'emu'])).toEqual({
        id: ORG_ID,
        apiVersion: API_VERSION,
        accessToken: running.token,
        instanceUrl: `${running.url}/`,
        username: 'admin@syncscope.example',
        connectedStatus: 'Connected',
        alias: 'emu',
      });
    },
    COMMAND_TIMEOUT,
  );

  const relationshipQuery =
    'SELECT Name, Industry, Owner.Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account ORDER BY Name';

  it(
    'data query --json: records with parent fields and child subqueries',
    async () => {
      const contactsOf = (parent: string) =>
        conn.query<{ Id: string; LastName: string }>(
          `SELECT Id, LastName FROM Contact WHERE AccountId = '${parent}' ORDER BY LastName`,
        );
      const child = (c: { Id: string; LastName: string }) => ({
        attributes: { type: 'Contact', url: recordUrl('Contact', c.Id) },
        LastName: c.LastName,
      });
      const owner = {
        attributes: { type: 'User', url: recordUrl('User', ADMIN_USER_ID) },
        Name: 'Ada Admin',
      };
      const atlasContacts = (await contactsOf(atlasId)).records;
      const harborContacts = (await contactsOf(harborId)).records;
      expect(await sfJson(['data', 'query', '--target-org', 'emu', '--query', relationshipQuery])).toEqual({
        records: [
          {
            attributes: { type: 'Account', url: recordUrl('Account', atlasId) },
            Name: 'Atlas Foods',
            Industry: 'Food & Beverage',
            Owner: owner,
            Contacts: { totalSize: 2, done: true, records: atlasContacts.map(child) },
          },
          {
            attributes: { type: 'Account', url: recordUrl('Account', harborId) },
            Name: 'Harbor Hospital',
            Industry: null,
            Owner: owner,
            Contacts: { totalSize: 1, done: true, records: harborContacts.map(child) },
          },
        ],
        totalSize: 2,
        done: true,
      });
    },
    COMMAND_TIMEOUT,
  );

  it(
    'data query as a table: the columns from query?columns=true, child rows under their parent',
    async () => {
      const run = await sf(['data', 'query', '--target-org', 'emu', '--query', relationshipQuery]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(
        [
          '┌─────────────────┬─────────────────┬────────────┬───────────────────┐',
          '│ NAME            │ INDUSTRY        │ OWNER.NAME │ CONTACTS.LASTNAME │',
          '├─────────────────┼─────────────────┼────────────┼───────────────────┤',
          '│ Atlas Foods     │ Food & Beverage │ Ada Admin  │ Iyer              │',
          '│                 │                 │            │ Tanaka            │',
          '│ Harbor Hospital │ null            │ Ada Admin  │ Berg              │',
          '└─────────────────┴─────────────────┴────────────┴───────────────────┘',
          '',
          'Total number of records retrieved: 2.',
          '',
        ].join('\n'),
      );
    },
    COMMAND_TIMEOUT,
  );

  it(
    'data query with aggregates: grouped values, and exprN columns named by their function',
    async () => {
      const run = await sf([
        'data',
        'query',
        '--target-org',
        'emu',
        '--query',
        'SELECT Account.Name, COUNT(Id), MAX(LastName) FROM Contact GROUP BY Account.Name ORDER BY Account.Name',
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(
        [
          '┌─────────────────┬───────────┬───────────────┐',
          '│ NAME            │ COUNT(ID) │ MAX(LASTNAME) │',
          '├─────────────────┼───────────┼───────────────┤',
          '│ Atlas Foods     │ 2         │ Tanaka        │',
          '│ Harbor Hospital │ 1         │ Berg          │',
          '└─────────────────┴───────────┴───────────────┘',
          '',
          'Total number of records retrieved: 2.',
          '',
        ].join('\n'),
      );
    },
    COMMAND_TIMEOUT,
  );

  it(
    'data create/get/update/delete record: one Id round-trips, text values trimmed',
    async () => {
      const created = await sfJson<{ id: string; success: boolean; errors: unknown[] }>([
        'data',
        'create',
        'record',
        '--target-org',
        'emu',
        '--sobject',
        'Account',
        '--values',
        "Name='  Northwind Traders  ' Phone='+33 1 23 45 67 89'",
      ]);
      expect(created).toEqual({
        id: expect.stringMatching(/^001[0-9A-Za-z]{15}$/),
        success: true,
        errors: [],
      });
      const id = created.id;

      const got = await sfJson<Record<string, unknown>>([
        'data',
        'get',
        'record',
        '--target-org',
        'emu',
        '--sobject',
        'Account',
        '--record-id',
        id,
      ]);
      expect(got).toEqual((await conn.request(recordUrl('Account', id))) as Record<string, unknown>);
      expect(got).toMatchObject({
        attributes: { type: 'Account', url: recordUrl('Account', id) },
        Id: id,
        Name: 'Northwind Traders',
        Phone: '+33 1 23 45 67 89',
        OwnerId: ADMIN_USER_ID,
      });

      expect(
        await sfJson([
          'data',
          'update',
          'record',
          '--target-org',
          'emu',
          '--sobject',
          'Account',
          '--record-id',
          id,
          '--values',
          "Name='Northwind ' Industry=Retail",
        ]),
      ).toEqual({ id, success: true, errors: [] });
      expect(await conn.sobject('Account').retrieve(id)).toMatchObject({
        Name: 'Northwind',
        Industry: 'Retail',
      });

      expect(
        await sfJson([
          'data',
          'delete',
          'record',
          '--target-org',
          'emu',
          '--sobject',
          'Account',
          '--record-id',
          id,
        ]),
      ).toEqual({ id, success: true, errors: [] });
      expect((await conn.query(`SELECT Id FROM Account WHERE Id = '${id}'`)).totalSize).toBe(0);
      expect(
        (
          await conn.query(`SELECT Id FROM Account WHERE Id = '${id}' AND IsDeleted = true`, {
            scanAll: true,
          })
        ).totalSize,
      ).toBe(1);
    },
    4 * COMMAND_TIMEOUT,
  );

  it(
    'sobject describe and sobject list: the org describe, as the REST API gives it',
    async () => {
      const describe = await sfJson(['sobject', 'describe', '--target-org', 'emu', '--sobject', 'WorkOrder']);
      expect(describe).toEqual(
        await conn.request(`/services/data/v${API_VERSION}/sobjects/WorkOrder/describe`),
      );
      expect(describe).toMatchObject({ name: 'WorkOrder', keyPrefix: '0WO' });

      const names = Object.values(running.org.metadata)
        .map((d) => d.name)
        .sort();
      expect(await sfJson(['sobject', 'list', '--target-org', 'emu', '--sobject', 'all'])).toEqual(names);
    },
    2 * COMMAND_TIMEOUT,
  );

  it(
    'org list limits: DailyApiRequests counted as the org counts calls',
    async () => {
      const limits = await sfJson<{ name: string; max: number; remaining: number }[]>([
        'org',
        'list',
        'limits',
        '--target-org',
        'emu',
      ]);
      // /limits is the command's last call: what it reported is what is left now.
      expect(limits.find((l) => l.name === 'DailyApiRequests')).toEqual({
        name: 'DailyApiRequests',
        max: 100_000,
        remaining: running.org.usage.remaining,
      });
      expect(limits.map((l) => l.name)).toEqual([
        'ConcurrentAsyncGetReportInstances',
        'DailyApiRequests',
        'DailyAsyncApexExecutions',
        'DailyBulkApiBatches',
        'DailyBulkV2QueryJobs',
        'DataStorageMB',
        'FileStorageMB',
        'HourlyODataCallout',
        'SingleEmail',
      ]);
    },
    COMMAND_TIMEOUT,
  );

  it(
    'data export tree: accounts with their contacts, as an import plan file',
    async () => {
      const outputDir = join(home, 'export');
      const tree = {
        records: [
          {
            attributes: { type: 'Account', referenceId: 'AccountRef1' },
            Name: 'Atlas Foods',
            Contacts: {
              records: [
                { attributes: { type: 'Contact', referenceId: 'ContactRef1' }, LastName: 'Iyer' },
                { attributes: { type: 'Contact', referenceId: 'ContactRef2' }, LastName: 'Tanaka' },
              ],
            },
          },
          {
            attributes: { type: 'Account', referenceId: 'AccountRef2' },
            Name: 'Harbor Hospital',
            Contacts: {
              records: [{ attributes: { type: 'Contact', referenceId: 'ContactRef3' }, LastName: 'Berg' }],
            },
          },
        ],
      };
      expect(
        await sfJson([
          'data',
          'export',
          'tree',
          '--target-org',
          'emu',
          '--query',
          'SELECT Id, Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account ORDER BY Name',
          '--output-dir',
          outputDir,
        ]),
      ).toEqual(tree);
      expect(JSON.parse(readFileSync(join(outputDir, 'Account-Contact.json'), 'utf8'))).toEqual(tree);
    },
    COMMAND_TIMEOUT,
  );
});
