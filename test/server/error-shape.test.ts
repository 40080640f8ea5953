/**
 * Every refusal of the config server in the API's own error shape `{error: {code, message}}`, also the
 * ones Fastify or Node make by themselves (a long path parameter, a large body, a wrong content type, a
 * malformed request), and a header the org proxy cannot forward is the caller's mistake, not a 502.
 */

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../src/org/api-types.ts';
import { startConfigServer, type ConfigServer } from '../../src/server/config-server.ts';
import { startFixtureOrg, type FixtureOrg } from './support/fixture-org.ts';
import { rawRequest } from './support/http.ts';

let org: FixtureOrg;
let server: ConfigServer;

beforeAll(async () => {
  org = await startFixtureOrg();
  server = await startConfigServer({
    org: { kind: 'embedded', connection: org.connection, instanceUrl: org.url, apiVersion: '62.0' },
    scopeFile: null,
    port: 0,
    uiDir: null,
  });
});

afterAll(async () => {
  await server?.close();
  await org?.close();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: ApiErrorBody }> {
  const response = await rawRequest(server.port, {
    method,
    path,
    body,
    headers: { Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin', ...headers },
  });
  return { status: response.status, body: response.json() };
}

describe('the config server answers every error in its own shape', () => {
  it('a 200-character object name reaches the describe route and its 404', async () => {
    const name = 'A'.repeat(200);
    expect(await call('GET', `/api/describe/${name}`)).toEqual({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: `the org has no object named ${name}` } },
    });
    expect(await call('GET', `/api/describe/${'A'.repeat(1500)}`)).toEqual({
      status: 414,
      body: {
        error: { code: 'URI_TOO_LONG', message: 'a part of the request path is longer than 1000 characters' },
      },
    });
  });

  it('a body over 8 MB is 413 PAYLOAD_TOO_LARGE, not BAD_REQUEST; a non-JSON body is 415', async () => {
    expect(await call('POST', '/api/preview', { scope: 'x'.repeat(9 * 1024 * 1024) })).toEqual({
      status: 413,
      body: {
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          message: 'the request body is larger than 8 MB, the most this server reads',
        },
      },
    });
    const response = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/preview',
      headers: {
        Origin: `http://127.0.0.1:${server.port}`,
        'Sec-Fetch-Site': 'same-origin',
        'Content-Type': 'text/xml',
      },
    });
    expect({ status: response.status, body: response.json() }).toEqual({
      status: 415,
      body: {
        error: {
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: 'send the request body as JSON (Content-Type: application/json)',
        },
      },
    });
  });

  it('a line break in a header the org proxy forwards is a 400 naming the header, not a 502', async () => {
    const answer = await call('POST', '/api/org/request', {
      method: 'GET',
      url: '/services/data/v62.0/limits',
      headers: { 'If-Modified-Since': 'Tue, 03 Mar 2025 09:00:00 GMT\r\nX-Injected: 1' },
    });
    expect(answer).toEqual({
      status: 400,
      body: {
        error: {
          code: 'BAD_REQUEST',
          message: 'the If-Modified-Since header holds a line break or another control character',
        },
      },
    });
  });

  it('a request Node cannot parse (a bare CR inside a header) gets a 400 in the API shape', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () =>
        socket.write(`GET /api/session HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Note: a\rb\r\n\r\n`),
      );
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.on('error', reject);
    });
    const [head, body] = text.split('\r\n\r\n');
    expect(head!.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(body!)).toEqual({
      error: {
        code: 'BAD_REQUEST',
        message: 'the request is not valid HTTP (a header holds a line break or a control character?)',
      },
    });
  });
});
