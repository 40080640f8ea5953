import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

interface Started {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  url: string;
  token: string;
  exited: Promise<number | null>;
}

/**
 * Runs `syncscope org start ...` and resolves once it printed its lines: URL, token, client id, and for a
 * demo org the demo sign-in.
 */
function startCli(args: string[], lineCount = 4): Promise<Started> {
  const child = spawn(process.execPath, ['bin/syncscope.js', 'org', 'start', ...args], {
    cwd: join(import.meta.dirname, '../..'),
    env: { ...process.env },
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split('\n').filter(Boolean);
      if (lines.length >= lineCount) {
        const url = /^instance URL: (.*)$/.exec(lines[0]!)?.[1];
        const token = /^access token: (.*)$/.exec(lines[1]!)?.[1];
        if (!url || !token) reject(new Error(`unexpected output: ${out}`));
        else resolve({ child, lines, url, token, exited });
      }
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
}

// Each test starts the CLI in a child process (tsx compiles the sources first): allow for a busy machine.
const SPAWN_TIMEOUT = 120_000;

describe('syncscope org start', () => {
  it(
    'prints the URL, token, client id and demo sign-in, serves jsforce, and keeps --db data across a SIGTERM restart',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'syncscope-org-'));
      const db = join(dir, 'org.sqlite');
      const first = await startCli([
        '--db',
        db,
        '--seed',
        'demo',
        '--records',
        '300',
        '--token',
        'cli-test-token',
      ]);
      expect(first.lines).toEqual([
        expect.stringMatching(/^instance URL: http:\/\/127\.0\.0\.1:\d+$/),
        'access token: cli-test-token',
        'client id: 3MVG9SyncScope.FieldApp.Demo.PublicClient.PKCE',
        'demo sign-in: tess.fielding@syncscope.example / syncscope-demo-1',
      ]);
      const conn = new Connection({ instanceUrl: first.url, accessToken: first.token, version: '62.0' });
      const accounts = (await conn.query('SELECT COUNT() FROM Account')).totalSize;
      expect(accounts).toBe(12);
      const { id } = (await conn.sobject('Account').create({ Name: 'Survives restart' })) as { id: string };
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      const second = await startCli(['--db', db, '--seed', 'demo']);
      expect(second.token).toMatch(/^00D8e0000000001!/);
      expect(second.lines.slice(2)).toEqual([
        'client id: 3MVG9SyncScope.FieldApp.Demo.PublicClient.PKCE',
        'demo sign-in: tess.fielding@syncscope.example / syncscope-demo-1',
      ]);
      const again = new Connection({ instanceUrl: second.url, accessToken: second.token, version: '62.0' });
      expect((await again.query('SELECT COUNT() FROM Account')).totalSize).toBe(accounts + 1);
      expect((await again.sobject('Account').retrieve(id)).Name).toBe('Survives restart');
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    },
    SPAWN_TIMEOUT,
  );

  it('loads --metadata and reports bad flags without a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'syncscope-org-'));
    const metadata = join(dir, 'extra.json');
    writeFileSync(
      metadata,
      JSON.stringify({ name: 'Inspection__c', fields: [{ name: 'Result__c', type: 'texty' }] }),
    );
    const run = async (args: string[]) => {
      const err: string[] = [];
      const code = await main(['org', 'start', ...args], {
        out: () => undefined,
        err: (s) => err.push(s),
        setExitCode: () => undefined,
      });
      return { code, err: err.join('') };
    };
    expect(await run(['--seed', 'lots'])).toEqual({
      code: 1,
      err: "error: --seed must be 'demo' or 'none', got 'lots'",
    });
    expect(await run(['--port', '99999'])).toEqual({
      code: 1,
      err: "error: --port must be a whole number from 0 to 65535 (0 picks a free port), got '99999'",
    });
    const bad = await run(['--metadata', metadata]);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe(
      `error: --metadata ${metadata}: /fields/0/type: field Result__c has type "texty"; use one of id, reference, string, textarea, picklist, multipicklist, email, phone, url, boolean, int, double, currency, percent, date, datetime, time, base64, address, location`,
    );
  });

  it(
    'serves custom objects from --metadata',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'syncscope-org-'));
      const metadata = join(dir, 'extra.json');
      writeFileSync(
        metadata,
        JSON.stringify({
          name: 'Inspection__c',
          labelPlural: 'Inspections',
          fields: [
            { name: 'WorkOrder__c', type: 'reference', referenceTo: ['WorkOrder'] },
            { name: 'Legacy_Id__c', type: 'string', length: 20, externalId: true },
          ],
        }),
      );
      const started = await startCli(['--seed', 'none', '--metadata', metadata], 3);
      // No demo users: no demo sign-in line; the demo connected app exists in every org.
      expect(started.lines.slice(2)).toEqual(['client id: 3MVG9SyncScope.FieldApp.Demo.PublicClient.PKCE']);
      try {
        const conn = new Connection({
          instanceUrl: started.url,
          accessToken: started.token,
          version: '62.0',
        });
        const result = (await conn.request({
          method: 'PATCH',
          url: '/services/data/v62.0/sobjects/Inspection__c/Legacy_Id__c/L-1',
          body: JSON.stringify({ Name: 'First' }),
          headers: { 'Content-Type': 'application/json' },
        })) as { id: string; created: boolean };
        expect(result.created).toBe(true);
        expect(result.id.startsWith('a00')).toBe(true);
        const rows = await conn.query(
          "SELECT Name, Legacy_Id__c FROM Inspection__c WHERE Legacy_Id__c = 'L-1'",
        );
        expect(rows.records.map((r) => [r.Name, r.Legacy_Id__c])).toEqual([['First', 'L-1']]);
      } finally {
        started.child.kill('SIGTERM');
        await started.exited;
      }
    },
    SPAWN_TIMEOUT,
  );
});
