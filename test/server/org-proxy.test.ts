/**
 * The org proxy with a session that expires: the server lets jsforce refresh it with the refresh token
 * (as a --target-org login does) and retries once; the page sees the answer, never either token.
 */

import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrg, type RunningOrg } from '../../src/emulator/index.ts';
import type { OrgResponse } from '../../src/org/api-types.ts';
import { startConfigServer, type ConfigServer } from '../../src/server/config-server.ts';
import { rawRequest } from './support/http.ts';

let org: RunningOrg;
let connection: Connection;
let server: ConfigServer;

beforeAll(async () => {
  org = await startOrg({ seed: 'none' });
  connection = new Connection({
    oauth2: { clientId: 'syncscope', loginUrl: org.url },
    instanceUrl: org.url,
    accessToken: org.token,
    refreshToken: org.refreshToken,
    version: '62.0',
  });
  server = await startConfigServer({
    org: { kind: 'org', connection, instanceUrl: org.url, apiVersion: '62.0' },
    port: 0,
    uiDir: null,
  });
});

afterAll(async () => {
  await server?.close();
  await org?.close();
});

const proxied = (url: string) =>
  rawRequest(server.port, {
    method: 'POST',
    path: '/api/org/request',
    body: { method: 'GET', url },
    headers: { Origin: `http://127.0.0.1:${server.port}` },
  });

describe('org proxy', () => {
  it('refreshes an expired session once and answers as if nothing happened', async () => {
    const before = await proxied('/services/data/v62.0/query?q=SELECT+Id+FROM+User');
    expect(before.json<OrgResponse>()).toMatchObject({ status: 200, body: { totalSize: 1 } });

    const expire = await fetch(`${org.url}/__emulator/faults`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${org.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ expireSessions: true }),
    });
    expect(expire.status).toBe(200);

    const after = await proxied('/services/data/v62.0/query?q=SELECT+Id+FROM+User');
    expect(after.status).toBe(200);
    expect(after.json<OrgResponse>()).toMatchObject({ status: 200, body: { totalSize: 1 } });
    expect(connection.accessToken).not.toBe(org.token);
    for (const text of [before.text, after.text]) {
      expect(text).not.toContain(org.token);
      expect(text).not.toContain(connection.accessToken!);
      expect(text).not.toContain(org.refreshToken);
    }
  });
});

describe('an org that hides its limits', () => {
  it('answers the session without the API budget when /limits is refused', async () => {
    const fault = await fetch(`${org.url}/__emulator/faults`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${org.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ failNext: 1, status: 403, errorCode: 'INSUFFICIENT_ACCESS', path: '/limits' }),
    });
    expect(fault.status).toBe(200);
    const session = await rawRequest(server.port, { path: '/api/session' });
    expect(session.status).toBe(200);
    expect(session.json<{ dailyApiRequests: unknown; connectedUser: { name: string } }>()).toMatchObject({
      dailyApiRequests: null,
      connectedUser: { name: 'Ada Admin' },
    });
  });
});
