import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiErrorBody,
  AssignmentsResponse,
  PromoteResponse,
  PublishResponse,
  PublishedVersion,
} from '../../src/org/api-types.ts';
import { startConfigServer, type ConfigServer } from '../../src/server/config-server.ts';
import { EXAMPLE_SCOPE_FILE, exampleScope, startFixtureOrg, type FixtureOrg } from './support/fixture-org.ts';
import { rawRequest } from './support/http.ts';

// The Publish view's assignments (docs/config-tool.md "Publish: assignments and drafts"): POST /api/publish
// with `assign` and `draft`, POST /api/promote, GET /api/assignments, against the embedded org.

let org: FixtureOrg;
let server: ConfigServer;

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await rawRequest(server.port, {
    method,
    path,
    body,
    headers: { Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' },
  });
  return { status: response.status, body: response.json<T>() };
}

const AT = '2025-03-03T09:00:00.000+0000';

/** The version fields that do not depend on generated Ids. */
function versionOf(v: PublishedVersion) {
  expect(v.versionId).toMatch(/^068/);
  const { versionId: _id, contentDocumentId: _doc, scopeHash: _hash, ...rest } = v;
  return rest;
}

beforeAll(async () => {
  org = await startFixtureOrg();
  const scopeFile = join(mkdtempSync(join(tmpdir(), 'syncscope-assign-')), 'scope.json');
  copyFileSync(EXAMPLE_SCOPE_FILE, scopeFile);
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
});

describe('Publish view assignments', () => {
  it('answers an empty report before anything is assigned', async () => {
    const { status, body } = await api<AssignmentsResponse>('GET', '/api/assignments');
    expect(status).toBe(200);
    expect(body).toEqual({ assignments: [], drafts: [] });
  });

  it('refuses a bad target with 400 naming it, and publishes nothing', async () => {
    const { status, body } = await api<ApiErrorBody>('POST', '/api/publish', {
      scope: exampleScope(),
      note: 'Bad target',
      assign: ['default', 'team:Field'],
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toBe(
      '`assign[1]`: "team:Field" is not an assignment target: write default, profile:<Profile name>, permset:<Permission set name> or user:<username>',
    );
    const notAList = await api<ApiErrorBody>('POST', '/api/publish', {
      scope: exampleScope(),
      note: 'Bad target',
      assign: 'default',
    });
    expect(notAList.status).toBe(400);
    expect(notAList.body.error.message).toBe(
      '`assign` must be a list of targets such as ["default", "profile:Field Technician"]',
    );
    const noTestUser = await api<ApiErrorBody>('POST', '/api/publish', {
      scope: exampleScope(),
      note: 'Draft',
      draft: { testUsers: [' '] },
    });
    expect(noTestUser.status).toBe(400);
    expect(noTestUser.body.error.message).toBe(
      '`draft.testUsers`: a draft needs at least one test user (their username)',
    );
    expect((await api<AssignmentsResponse>('GET', '/api/assignments')).body).toEqual({
      assignments: [],
      drafts: [],
    });
  });

  it('publishes with assignments, then a draft for a test user, then promotes it', async () => {
    const published = await api<PublishResponse>('POST', '/api/publish', {
      scope: exampleScope(),
      note: 'Technicians',
      assign: ['default', 'profile:Field Technician', 'user:Tina.Tech@fixture.example'],
    });
    expect(published.status).toBe(200);
    expect(versionOf(published.body.version)).toEqual({
      scopeName: 'Field technician',
      versionNumber: 1,
      note: 'Technicians',
      publishedAt: AT,
      publishedBy: 'Ada Admin',
      planVersion: 1,
      draft: false,
    });

    const draft = await api<PublishResponse>('POST', '/api/publish', {
      scope: exampleScope(),
      note: 'Try it',
      assign: ['permset:Dispatch_All'],
      draft: { testUsers: ['oscar.other@fixture.example'] },
    });
    expect(draft.status).toBe(200);
    expect(versionOf(draft.body.version)).toEqual({
      scopeName: 'Field technician',
      versionNumber: 2,
      note: 'Try it',
      publishedAt: AT,
      publishedBy: 'Ada Admin',
      planVersion: 1,
      draft: true,
    });

    const before = await api<AssignmentsResponse>('GET', '/api/assignments');
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      assignments: [
        {
          target: 'user:tina.tech@fixture.example',
          scopeName: 'Field technician',
          versionNumber: 1,
          usersReached: 1,
          assignedAt: AT,
          assignedBy: 'Ada Admin',
        },
        {
          target: 'profile:Field Technician',
          scopeName: 'Field technician',
          versionNumber: 1,
          usersReached: 0,
          assignedAt: AT,
          assignedBy: 'Ada Admin',
        },
        {
          target: 'default',
          scopeName: 'Field technician',
          versionNumber: 1,
          usersReached: 2,
          assignedAt: AT,
          assignedBy: 'Ada Admin',
        },
      ],
      drafts: [
        {
          scopeName: 'Field technician',
          versionNumber: 2,
          versionId: draft.body.version.versionId,
          testUsers: ['oscar.other@fixture.example'],
        },
      ],
    });

    const badNumber = await api<ApiErrorBody>('POST', '/api/promote', {
      scopeName: 'Field technician',
      versionNumber: 0,
    });
    expect(badNumber.status).toBe(400);
    const notADraft = await api<ApiErrorBody>('POST', '/api/promote', {
      scopeName: 'Field technician',
      versionNumber: 1,
    });
    expect(notADraft.status).toBe(400);
    expect(notADraft.body.error.message).toBe(
      'version 1 of "Field technician" is not a draft (it is published already)',
    );
    const unknown = await api<ApiErrorBody>('POST', '/api/promote', { scopeName: 'Nobody' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('"Nobody" was never published');

    const promoted = await api<PromoteResponse>('POST', '/api/promote', { scopeName: 'Field technician' });
    expect(promoted.status).toBe(200);
    expect(versionOf(promoted.body.version)).toEqual({
      scopeName: 'Field technician',
      versionNumber: 3,
      note: 'Promoted draft v2: Try it',
      publishedAt: AT,
      publishedBy: 'Ada Admin',
      planVersion: 1,
      draft: false,
    });
    expect(promoted.body.promoted.versionId).toBe(draft.body.version.versionId);

    const after = await api<AssignmentsResponse>('GET', '/api/assignments');
    expect(after.body).toEqual({
      assignments: [
        {
          target: 'user:tina.tech@fixture.example',
          scopeName: 'Field technician',
          versionNumber: 3,
          usersReached: 1,
          assignedAt: AT,
          assignedBy: 'Ada Admin',
        },
        {
          target: 'permset:Dispatch_All',
          scopeName: 'Field technician',
          versionNumber: 3,
          usersReached: 0,
          assignedAt: AT,
          assignedBy: 'Ada Admin',
        },
        {
          target: 'profile:Field Technician',
          scopeName: 'Field technician',
          versionNumber: 3,
          usersReached: 0,
          assignedAt: AT,
          assignedBy: 'Ada Admin',
        },
        {
          target: 'default',
          scopeName: 'Field technician',
          versionNumber: 3,
          usersReached: 2,
          assignedAt: AT,
          assignedBy: 'Ada Admin',
        },
      ],
      drafts: [],
    });
  });
});
