/** The config server given JSON nested 100,000 deep: a 400 in the API's error shape, not a 500 stack overflow. */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/compiler/index.ts';
import { startConfigServer, type ConfigServer } from '../../src/server/config-server.ts';
import { startFixtureOrg, type FixtureOrg } from './support/fixture-org.ts';

const DEEP = 100_000;
const nested = `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`;
const message =
  'objects and arrays nest more than 512 levels deep here, past the limit of 512: nothing in a scope, plan, describe or record nests that deep';

let org: FixtureOrg;
let server: ConfigServer;
let dir: string;
let scopeFile: string;

/** A request with a raw text body (JSON.stringify cannot even write one this deep). */
function send(method: string, path: string, text?: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: {
          Host: `127.0.0.1:${server.port}`,
          Origin: `http://127.0.0.1:${server.port}`,
          'Sec-Fetch-Site': 'same-origin',
          ...(text !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

beforeAll(async () => {
  org = await startFixtureOrg();
  dir = mkdtempSync(join(tmpdir(), 'syncscope-deep-server-'));
  scopeFile = join(dir, 'deep.json');
  writeFileSync(scopeFile, `{"scopeVersion": 1, "name": "t", "objects": {"Account": {"fields": ${nested}}}}`);
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
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('JSON nested past the depth limit', () => {
  it('POST /api/preview and PUT /api/scope answer 400 JSON_TOO_DEEP with the JSON Pointer', async () => {
    // The body's object is level 1, `scope` opens level 2, level 513 is the first too deep.
    const pointer = `/scope${'/0'.repeat(MAX_JSON_DEPTH - 1)}`;
    for (const [method, path] of [
      ['POST', '/api/preview'],
      ['PUT', '/api/scope'],
    ] as const) {
      expect(await send(method, path, `{"scope": ${nested}}`)).toEqual({
        status: 400,
        body: {
          error: { code: 'JSON_TOO_DEEP', message: `the request body is refused: ${pointer}: ${message}` },
        },
      });
    }
  });

  it('GET /api/scope of a scope file nested that deep answers 400 BAD_SCOPE_JSON naming the file', async () => {
    expect(await send('GET', '/api/scope')).toEqual({
      status: 400,
      body: {
        error: {
          code: 'BAD_SCOPE_JSON',
          message: `${scopeFile}: /objects/Account/fields${'/0'.repeat(MAX_JSON_DEPTH - 3)}: ${message}`,
        },
      },
    });
  });

  it('a body at the limit is still read (and then judged as a scope)', async () => {
    const depth = MAX_JSON_DEPTH - 1;
    const answer = await send('POST', '/api/preview', `{"scope": ${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(answer).toEqual({
      status: 400,
      body: {
        error: {
          code: 'BAD_REQUEST',
          message: '`scope` must be a scope object (see schemas/sync-scope.schema.json)',
        },
      },
    });
  });
});
