/**
 * The org's token never leaves the process, whatever form an error carries it in: an org (here the
 * emulator with an injected fault) that echoes the session as `sid=...`, URL-encoded or bare, in a token
 * format that is not `00D...!...`.
 */

import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrg, type RunningOrg } from '../../src/emulator/index.ts';
import type { ApiErrorBody } from '../../src/org/api-types.ts';
import { startConfigServer, type ConfigServer } from '../../src/server/config-server.ts';
import { redact } from '../../src/shared/redact.ts';
import { rawRequest } from './support/http.ts';

/** A session token in a format the shape patterns do not know (another identity provider's, say). */
const TOKEN = 'sess.Zq7Xw9Lk2Vb4Nm6Pr8Ts0Uy1';
let org: RunningOrg;
let server: ConfigServer;

beforeAll(async () => {
  org = await startOrg({ seed: 'none', token: TOKEN });
  const connection = new Connection({ instanceUrl: org.url, accessToken: TOKEN, version: '62.0' });
  server = await startConfigServer({
    org: { kind: 'embedded', connection, instanceUrl: org.url, apiVersion: '62.0' },
    scopeFile: null,
    port: 0,
    uiDir: null,
  });
});

afterAll(async () => {
  await server?.close();
  await org?.close();
});

describe('redaction of the literal token', () => {
  it('an org error echoing the token as sid=, URL-encoded and bare reaches the page without it', async () => {
    const echoed = `session sid=${TOKEN}; cookie sid=${encodeURIComponent(TOKEN)}; token ${TOKEN} is not valid here`;
    const fault = await fetch(`${org.url}/__emulator/faults`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        failNext: 1,
        status: 400,
        errorCode: 'INVALID_OPERATION',
        message: echoed,
        path: '/sobjects',
      }),
    });
    expect(fault.status).toBe(200);
    const response = await rawRequest(server.port, {
      path: '/api/sobjects',
      headers: { Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(response.text).not.toContain(TOKEN);
    expect(response.text).not.toContain(encodeURIComponent(TOKEN));
    expect({ status: response.status, body: response.json<ApiErrorBody>() }).toEqual({
      status: 400,
      body: {
        error: {
          code: 'ORG_ERROR',
          message:
            'the org answered INVALID_OPERATION: session sid=<token>; cookie sid=<token>; token <token> is not valid here',
          orgErrorCode: 'INVALID_OPERATION',
        },
      },
    });
  });

  it('redact removes held tokens in every form, and session-shaped ones it never saw', () => {
    expect(redact(`a ${TOKEN} b ${encodeURIComponent(TOKEN)} "${TOKEN}"`)).toBe(
      'a <token> b <token> "<token>"',
    );
    expect(redact('sid=00D5g000004ABCD%21ARgAQx.y-z and 00D5g000004ABCD!ARgAQx')).toBe(
      'sid=<token> and <token>',
    );
    expect(redact('Authorization: Bearer abc.def, OAuth xyz')).toBe(
      'Authorization: Bearer <token>, OAuth <token>',
    );
  });
});
