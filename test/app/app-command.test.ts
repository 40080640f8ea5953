/**
 * `syncscope app`: on the embedded demo org it publishes the example scope, serves the built app and its
 * app-config.json on 127.0.0.1 and prints the URL and the demo sign-in; flags that do not go together
 * are refused with what to do.
 */

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { DEMO_CLIENT_ID, DEMO_PASSWORD, DEMO_TECHNICIAN_USERNAME } from '../../src/emulator/index.ts';

const ROOT = join(import.meta.dirname, '../..');

function captureIo(): CliIo & { out: (t: string) => void; lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (t) => lines.push(t), err: (t) => errors.push(t), setExitCode: () => {} };
}

describe('syncscope app', () => {
  it('serves the app on the embedded org with the scope published, printing the URL and the demo sign-in', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/syncscope.js'), 'app', '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const lines = await new Promise<string[]>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Press Ctrl-C to stop.'))
            resolve(output.split('\n').filter((l) => !/^(building|built in)/.test(l)));
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      const url = /^field app: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(output)?.[1];
      expect(url).toBeDefined();
      expect(lines.slice(0, 4)).toEqual([
        expect.stringMatching(
          /^Connected to embedded demo org at 127\.0\.0\.1:\d+; "Field technician" published as version 1$/,
        ),
        `field app: ${url}`,
        `demo sign-in: ${DEMO_TECHNICIAN_USERNAME} / ${DEMO_PASSWORD}`,
        'Press Ctrl-C to stop.',
      ]);
      const orgHost = /embedded demo org at (127\.0\.0\.1:\d+)/.exec(output)![1];
      const config = await (await fetch(`${url}app-config.json`)).json();
      expect(config).toEqual({
        instanceUrl: `http://${orgHost}`,
        clientId: DEMO_CLIENT_ID,
        scopeName: 'Field technician',
        apiVersion: '62.0',
      });
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>syncscope Field</title>');
      expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' http://${orgHost};`);
      const worker = await fetch(`${url}sw.js`);
      expect(worker.status).toBe(200);
      expect(await worker.text()).toContain('index.html');
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.on('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  }, 240_000);

  it('starts beside the config tool under npm start, printing both URLs and the demo sign-in', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/syncscope.js'), 'start', '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Press Ctrl-C to stop.')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      const lines = output.split('\n');
      const app = lines.findIndex((l) => /^field app: http:\/\/127\.0\.0\.1:\d+\/$/.test(l));
      expect(app).toBeGreaterThan(0);
      expect(lines[app + 1]).toBe(`demo sign-in: ${DEMO_TECHNICIAN_USERNAME} / ${DEMO_PASSWORD}`);
      expect(
        lines.filter((l) => /^syncscope config tool: http:\/\/127\.0\.0\.1:\d+\/$/.test(l)),
      ).toHaveLength(1);
      const appUrl = lines[app]!.slice('field app: '.length);
      expect((await (await fetch(`${appUrl}app-config.json`)).json()).scopeName).toBe('Field technician');
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.on('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  }, 240_000);

  it('wants --instance-url and --client-id together', async () => {
    const io = captureIo();
    expect(await main(['app', '--instance-url', 'https://acme.my.salesforce.com'], io)).toBe(1);
    expect(io.errors).toEqual([
      'error: --instance-url and --client-id go together (the org and its connected app); give both, or neither for the embedded demo org',
    ]);
  });

  it('says when --instance-url is not a URL', async () => {
    const io = captureIo();
    expect(await main(['app', '--instance-url', 'acme', '--client-id', 'k'], io)).toBe(1);
    expect(io.errors).toEqual([
      "error: --instance-url is not a URL: 'acme' (expected e.g. https://acme.my.salesforce.com)",
    ]);
  });
});
