/**
 * The /api routes of api-types.ts on a fastify instance. Handlers validate their input, call the
 * modules that do the work (src/org: preview.ts, why.ts, diff.ts, published-plans.ts; org-proxy.ts here)
 * and answer typed JSON. Failures are thrown as HttpError here or OrgServiceError there; config-server.ts
 * shapes both (http-error.ts `asHttpError`).
 */

import type { FastifyInstance } from 'fastify';
import type { Connection } from 'jsforce';
import type { SObjectDescribe } from '../compiler/org-metadata.ts';
import type { SyncScope } from '../compiler/scope.ts';
import {
  API_ROUTES,
  type DiffRequest,
  type MetadataResponse,
  type OrgKind,
  type OrgRequest,
  type PermissionsResponse,
  type AssignmentsResponse,
  type PreviewRequest,
  type PromoteRequest,
  type PromoteResponse,
  type PublishRequest,
  type RestoreRequest,
  type SaveScopeRequest,
  type SessionInfo,
  type WhyRequest,
} from '../org/api-types.ts';
import { fetchAssignmentsReport } from '../org/assignments-report.ts';
import { compileScope } from '../org/compile-scope.ts';
import { diffScope } from '../org/diff.ts';
import { HttpError, badRequest } from './http-error.ts';
import { OrgClient } from '../org/org-client.ts';
import { proxyOrgRequest } from './org-proxy.ts';
import { previewScope } from '../org/preview.ts';
import {
  findVersion,
  listVersions,
  promoteDraft,
  publishVersion,
  readVersion,
  type PlanStore,
} from '../org/published-plans.ts';
import { notAScopeDiagnostics } from '../org/scope-document.ts';
import type { ScopeFile } from '../org/scope-file.ts';
import { isSalesforceId } from '../org/soql-text.ts';
import { whyRecord } from '../org/why.ts';
import { parseTarget, type AssignmentTarget } from '../runtime/scope-assignment.ts';
import { loadUserPermissions } from '../org/user-permissions.ts';

/** What the routes need from the server that hosts them. */
export interface ApiContext {
  readonly orgKind: OrgKind;
  readonly connection: Connection;
  readonly instanceUrl: string;
  readonly apiVersion: string;
  readonly scopeFile: ScopeFile;
}

export function registerApiRoutes(app: FastifyInstance, context: ApiContext): void {
  const org = new OrgClient(context.connection);
  const store: PlanStore = { transport: context.connection, apiVersion: context.apiVersion };
  const body = <T>(value: unknown): Partial<T> => {
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw badRequest('the request body must be a JSON object');
    return value as Partial<T>;
  };

  app.get(API_ROUTES.session, async (): Promise<SessionInfo> => {
    const [connectedUser, users, dailyApiRequests] = await Promise.all([
      org.connectedUser(),
      org.activeUsers(),
      org.dailyApiRequests(),
    ]);
    return {
      orgKind: context.orgKind,
      instanceHost: new URL(context.instanceUrl).host,
      apiVersion: context.apiVersion,
      connectedUser,
      users,
      dailyApiRequests,
      scopeFile: context.scopeFile.path,
    };
  });

  app.get(API_ROUTES.scope, async () => ({ scope: context.scopeFile.read(), file: context.scopeFile.path }));

  app.put(API_ROUTES.scope, async (request) => {
    const { scope, file } = body<SaveScopeRequest>(request.body);
    if (!scope || typeof scope !== 'object' || Array.isArray(scope))
      throw badRequest('`scope` must be a scope object');
    if (file !== undefined && (typeof file !== 'string' || file.trim() === ''))
      throw badRequest('`file` must be a path');
    const notAScope = notAScopeDiagnostics(scope);
    if (notAScope.length > 0) {
      const [first] = notAScope;
      throw new HttpError(
        400,
        'NOT_A_SCOPE',
        `\`scope\` is not a scope document (nothing was saved): ${first!.path || '/'}: ${first!.message}${notAScope.length > 1 ? ` (and ${notAScope.length - 1} more)` : ''}`,
        { diagnostics: notAScope },
      );
    }
    return context.scopeFile.write(scope, file);
  });

  app.get(API_ROUTES.sobjects, async () => ({ sobjects: await org.sobjects() }));

  app.get<{ Params: { object: string } }>(API_ROUTES.describe, async (request) => {
    const describe = await org.describe(request.params.object);
    if (!describe)
      throw new HttpError(404, 'NOT_FOUND', `the org has no object named ${request.params.object}`);
    return describe;
  });

  app.get<{ Querystring: { objects?: string } }>(
    API_ROUTES.metadata,
    async (request): Promise<MetadataResponse> => {
      const names = [
        ...new Set(
          (request.query.objects ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      if (names.length > 500) throw badRequest('at most 500 objects at once');
      const known = new Set((await org.sobjects()).map((o) => o.name));
      const metadata: Record<string, SObjectDescribe> = {};
      const unknown: string[] = [];
      await Promise.all(
        names.map(async (name) => {
          const describe = known.has(name) ? await org.describe(name) : null;
          if (describe) metadata[name] = describe;
          else unknown.push(name);
        }),
      );
      return { metadata, unknown: unknown.sort() };
    },
  );

  app.get<{ Querystring: { userId?: string; objects?: string } }>(
    API_ROUTES.permissions,
    async (request): Promise<PermissionsResponse> => {
      const userId = request.query.userId ?? '';
      if (!isSalesforceId(userId)) throw badRequest('`userId` must be a 15- or 18-character Salesforce Id');
      const names = [
        ...new Set(
          (request.query.objects ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter((s) => /^[A-Za-z][A-Za-z0-9_]*$/.test(s)),
        ),
      ];
      if (names.length > 500) throw badRequest('at most 500 objects at once');
      const { user, permissions } = await loadUserPermissions(org, userId, names);
      return { user, permissions };
    },
  );

  app.post(API_ROUTES.preview, async (request) => {
    const input = body<PreviewRequest>(request.body);
    const compiled = await compileScope(org, input.scope, { userId: input.userId as string });
    return previewScope(org, compiled, {
      userId: input.userId as string,
      parameters: input.parameters,
      users: input.users,
      sampleSize: input.sampleSize,
    });
  });

  app.post(API_ROUTES.why, async (request) => {
    const input = body<WhyRequest>(request.body);
    const compiled = await compileScope(org, input.scope, { userId: input.userId as string });
    return whyRecord(org, compiled, {
      userId: input.userId as string,
      recordId: input.recordId as string,
      parameters: input.parameters,
    });
  });

  app.post(API_ROUTES.diff, async (request) => {
    const input = body<DiffRequest>(request.body);
    const compiled = await compileScope(org, input.scope, { userId: input.userId as string });
    return diffScope(org, store, compiled, { userId: input.userId as string, parameters: input.parameters });
  });

  app.post(API_ROUTES.publish, async (request) => {
    const input = body<PublishRequest>(request.body);
    const note = typeof input.note === 'string' ? input.note.trim() : '';
    if (note === '') throw badRequest('a publish needs a note: say what changed and why');
    if (note.length > 900) throw badRequest('the note is too long (at most 900 characters)');
    const assign = assignTargetsOf(input.assign);
    const draftFor = draftTestUsersOf(input.draft);
    const compiled = await compileScope(org, input.scope);
    const version = await publishVersion(store, compiled.scope, compiled.plan, note, {
      assign,
      ...(draftFor ? { draftFor } : {}),
    });
    return { version, diagnostics: compiled.diagnostics };
  });

  app.get(API_ROUTES.assignments, async (): Promise<AssignmentsResponse> => fetchAssignmentsReport(store));

  app.post(API_ROUTES.promote, async (request): Promise<PromoteResponse> => {
    const { scopeName, versionNumber } = body<PromoteRequest>(request.body);
    if (typeof scopeName !== 'string' || scopeName.trim() === '')
      throw badRequest('`scopeName` must name the scope whose draft to promote');
    if (versionNumber !== undefined && !(Number.isInteger(versionNumber) && versionNumber > 0))
      throw badRequest(
        '`versionNumber` must be a version number (1, 2, ...) or left out for the newest draft',
      );
    return promoteDraft(store, scopeName.trim(), versionNumber);
  });

  app.get<{ Querystring: { name?: string } }>(API_ROUTES.versions, async (request) => {
    const scopeName = request.query.name ?? context.scopeFile.read()?.name;
    if (typeof scopeName !== 'string' || scopeName === '') {
      throw badRequest('which scope? pass ?name=<scope name> (the server has no scope file)');
    }
    return { scopeName, versions: await listVersions(store, scopeName) };
  });

  app.get<{ Params: { versionId: string } }>(API_ROUTES.version, async (request) => {
    const { versionId } = request.params;
    const version = isSalesforceId(versionId) ? await findVersion(store, versionId) : null;
    if (!version) throw new HttpError(404, 'NOT_FOUND', `no published syncscope version ${versionId}`);
    const document = await readVersion(store, versionId);
    return { version, scope: document.scope, plan: document.plan };
  });

  app.post(API_ROUTES.restore, async (request) => {
    const input = body<RestoreRequest>(request.body);
    const versionId = input.versionId;
    if (typeof versionId !== 'string' || !isSalesforceId(versionId))
      throw badRequest('`versionId` must be a ContentVersion Id');
    const restoredFrom = await findVersion(store, versionId);
    if (!restoredFrom) throw new HttpError(404, 'NOT_FOUND', `no published syncscope version ${versionId}`);
    const document = await readVersion(store, versionId);
    const note =
      typeof input.note === 'string' && input.note.trim() !== ''
        ? input.note.trim()
        : `Restored version ${restoredFrom.versionNumber}`;
    // The stored plan is republished as it was: restoring means devices get exactly that plan again.
    const version = await publishVersion(store, document.scope as SyncScope, document.plan, note);
    return { version, restoredFrom, scope: document.scope };
  });

  app.post(API_ROUTES.orgRequest, async (request) =>
    proxyOrgRequest(context.connection, body<OrgRequest>(request.body) as OrgRequest),
  );
}

/** `assign` of POST /api/publish: target texts, each parsed (a bad one is a 400 naming it). */
function assignTargetsOf(value: unknown): AssignmentTarget[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string'))
    throw badRequest('`assign` must be a list of targets such as ["default", "profile:Field Technician"]');
  return (value as string[]).map((text, i) => {
    try {
      return parseTarget(text);
    } catch (error) {
      throw badRequest(`\`assign[${i}]\`: ${(error as Error).message}`);
    }
  });
}

/** `draft` of POST /api/publish: its test users' usernames, or undefined for a published version. */
function draftTestUsersOf(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const testUsers = (value as { testUsers?: unknown } | null)?.testUsers;
  if (!Array.isArray(testUsers) || testUsers.some((u) => typeof u !== 'string'))
    throw badRequest('`draft` must be {"testUsers": ["<username>", ...]}');
  const usernames = (testUsers as string[]).map((u) => u.trim()).filter((u) => u !== '');
  if (usernames.length === 0)
    throw badRequest('`draft.testUsers`: a draft needs at least one test user (their username)');
  return usernames;
}
