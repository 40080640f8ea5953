/**
 * PUT /api/scope as an attacker or a careless page would use it: a body that is not a scope, a `file`
 * outside the scope's folder (absolute, `../`, through a symbolic link), an existing file that is not a
 * scope. Nothing may be written in any of these; drafts the editor produces still save.
 */

import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../src/org/api-types.ts';
import { startConfigServer, type ConfigServer } from '../../src/server/config-server.ts';
import { emptyScope } from '../../src/ui/state/scope-edits.ts';
import { exampleScope, startFixtureOrg, type FixtureOrg } from './support/fixture-org.ts';
import { rawRequest } from './support/http.ts';

let org: FixtureOrg;
let server: ConfigServer;
let root: string;
let folder: string;
let outside: string;
let scopeFile: string;
const PACKAGE_JSON = `${JSON.stringify({ name: 'victim', version: '1.0.0', scripts: { test: 'vitest' } }, null, 2)}\n`;

async function put(body: unknown): Promise<{ status: number; body: ApiErrorBody & { file?: string } }> {
  const response = await rawRequest(server.port, {
    method: 'PUT',
    path: '/api/scope',
    body,
    headers: { Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' },
  });
  return { status: response.status, body: response.json() };
}

beforeAll(async () => {
  org = await startFixtureOrg();
  root = mkdtempSync(join(tmpdir(), 'syncscope-save-'));
  folder = join(root, 'scopes');
  outside = join(root, 'project');
  mkdirSync(folder);
  mkdirSync(outside);
  writeFileSync(join(outside, 'package.json'), PACKAGE_JSON);
  writeFileSync(join(folder, 'notes.json'), '{"todo": ["call the customer"]}\n');
  symlinkSync(outside, join(folder, 'elsewhere'));
  scopeFile = join(folder, 'scope.json');
  writeFileSync(scopeFile, `${JSON.stringify(exampleScope(), null, 2)}\n`);
  server = await startConfigServer({
    org: { kind: 'embedded', connection: org.connection, instanceUrl: org.url, apiVersion: '62.0' },
    scopeFile,
    port: 0,
    uiDir: null,
  });
});

afterAll(async () => {
  await server?.close();
  await org?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('PUT /api/scope refuses what is not a scope and where a scope does not go', () => {
  it('refuses a body that is not a scope document, naming what is missing; nothing is written', async () => {
    const answer = await put({ scope: JSON.parse(PACKAGE_JSON), file: 'scope.json' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('NOT_A_SCOPE');
    expect(answer.body.error.message).toBe(
      '`scope` is not a scope document (nothing was saved): /: missing required property "objects" (and 3 more)',
    );
    expect(answer.body.error.diagnostics?.map((d) => `${d.code} ${d.path}`)).toEqual([
      'MISSING_PROPERTY ',
      'MISSING_PROPERTY ',
      'UNKNOWN_PROPERTY /scripts',
      'UNKNOWN_PROPERTY /version',
    ]);
    expect(readFileSync(scopeFile, 'utf8')).toBe(`${JSON.stringify(exampleScope(), null, 2)}\n`);
  });

  it('refuses a file outside the scope folder: absolute, with ../ and through a symbolic link', async () => {
    for (const file of [
      join(outside, 'package.json'),
      '../project/package.json',
      '../project/new.json',
      'elsewhere/package.json',
    ]) {
      const answer = await put({ scope: exampleScope(), file });
      expect([file, answer.status, answer.body.error.code]).toEqual([file, 403, 'OUTSIDE_SCOPE_FOLDER']);
    }
    expect(readFileSync(join(outside, 'package.json'), 'utf8')).toBe(PACKAGE_JSON);
    expect(readdirSync(outside).sort()).toEqual(['package.json']);
    const read = await rawRequest(server.port, {
      path: '/api/scope',
      headers: { Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(read.json<{ file: string }>().file).toBe(scopeFile);
  });

  it('refuses to replace an existing file in the folder that is not a scope', async () => {
    const answer = await put({ scope: exampleScope(), file: 'notes.json' });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toEqual({
      code: 'NOT_A_SCOPE_FILE',
      message: `${join(folder, 'notes.json')} exists and does not hold a scope, so it was not overwritten: choose another file name`,
    });
    expect(readFileSync(join(folder, 'notes.json'), 'utf8')).toBe('{"todo": ["call the customer"]}\n');
  });

  it('still saves what the editor saves: a new file in the folder, then an empty draft over it', async () => {
    const created = await put({ scope: exampleScope(), file: 'copy.json' });
    expect(created.status).toBe(200);
    expect(created.body.file).toBe(join(folder, 'copy.json'));
    // "Start empty" then Save: a draft with no objects yet (a SCOPE_SCHEMA error the editor shows).
    const draft = await put({ scope: emptyScope() });
    expect(draft.status).toBe(200);
    expect(JSON.parse(readFileSync(join(folder, 'copy.json'), 'utf8'))).toEqual(emptyScope());
    // Replacing another scope file in the folder is a normal "save as".
    const again = await put({ scope: exampleScope(), file: 'scope.json' });
    expect(again.status).toBe(200);
  });
});

describe('PUT /api/scope to a path the file system refuses', () => {
  const leftovers = (): string[] => readdirSync(folder).filter((name) => name.endsWith('.tmp'));

  it('saves under the longest name the folder accepts (the temp file name is not longer)', async () => {
    const file = `${'a'.repeat(250)}.json`;
    const answer = await put({ scope: exampleScope(), file });
    expect(answer.status).toBe(200);
    expect(answer.body.file).toBe(join(folder, file));
    expect(leftovers()).toEqual([]);
  });

  it('answers a clear 400 for a name that is too long, without temp paths or the process id', async () => {
    const file = `${'b'.repeat(300)}.json`;
    const answer = await put({ scope: exampleScope(), file });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({
      code: 'CANNOT_SAVE',
      message: `cannot save the scope to ${join(folder, file)}: the file name is too long; choose a shorter one`,
    });
    expect(JSON.stringify(answer.body)).not.toContain(String(process.pid));
    expect(leftovers()).toEqual([]);
  });

  it('answers 409 when the scope file has become a folder, and leaves no temp file', async () => {
    const taken = join(folder, 'taken.json');
    mkdirSync(join(taken, 'inside'), { recursive: true });
    const other = await startConfigServer({
      org: { kind: 'embedded', connection: org.connection, instanceUrl: org.url, apiVersion: '62.0' },
      scopeFile: taken,
      port: 0,
      uiDir: null,
    });
    try {
      const response = await rawRequest(other.port, {
        method: 'PUT',
        path: '/api/scope',
        body: { scope: exampleScope() },
        headers: { Origin: `http://127.0.0.1:${other.port}`, 'Sec-Fetch-Site': 'same-origin' },
      });
      expect(response.status).toBe(409);
      expect(response.json()).toEqual({
        error: {
          code: 'CANNOT_SAVE',
          message: `cannot save the scope to ${taken}: a folder has that name; choose another file name`,
        },
      });
      expect(response.text).not.toContain(String(process.pid));
      expect(leftovers()).toEqual([]);
      expect(readdirSync(taken)).toEqual(['inside']);
    } finally {
      await other.close();
    }
  });
});
