/**
 * The page's client of the local server's JSON API (src/org/api-types.ts). Same-origin relative URLs
 * only: the server holds the org's token and refuses cross-origin calls. Every failure becomes an
 * `ApiClientError` with the server's code and message, ready to show to people.
 */
import type {
  ApiDiagnostic,
  ApiErrorBody,
  DiffRequest,
  DiffResponse,
  MetadataResponse,
  PermissionsResponse,
  OrgRequest,
  OrgResponse,
  PreviewRequest,
  PreviewResponse,
  PublishRequest,
  PublishResponse,
  RestoreRequest,
  RestoreResponse,
  AssignmentsResponse,
  PromoteRequest,
  PromoteResponse,
  SaveScopeRequest,
  SaveScopeResponse,
  ScopeDocument,
  SessionInfo,
  SObjectListResponse,
  VersionDetail,
  VersionsResponse,
  WhyRequest,
  WhyResponse,
} from '../org/api-types.ts';
import { API_ROUTES } from '../org/api-types.ts';

export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly diagnostics: readonly ApiDiagnostic[] = [],
    readonly orgErrorCode?: string,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { error?: { code?: unknown } }).error?.code === 'string'
  );
}

export class ApiClient {
  /** `base` is a path prefix for pages served below the root; '' (same origin, root) by default. */
  constructor(private readonly base = '') {}

  async #call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers:
          body === undefined
            ? { accept: 'application/json' }
            : { 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch (error) {
      throw new ApiClientError(
        0,
        'SERVER_UNREACHABLE',
        `The syncscope server did not answer (${error instanceof Error ? error.message : String(error)}). Is \`syncscope serve\` still running?`,
      );
    }
    const text = await response.text();
    let parsed: unknown = null;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (!response.ok) {
      if (isErrorBody(parsed)) {
        const e = parsed.error;
        throw new ApiClientError(response.status, e.code, e.message, e.diagnostics ?? [], e.orgErrorCode);
      }
      throw new ApiClientError(
        response.status,
        'HTTP_' + response.status,
        `The server answered ${response.status} ${response.statusText}.`,
      );
    }
    return parsed as T;
  }

  session(): Promise<SessionInfo> {
    return this.#call('GET', API_ROUTES.session);
  }
  loadScope(): Promise<ScopeDocument> {
    return this.#call('GET', API_ROUTES.scope);
  }
  saveScope(request: SaveScopeRequest): Promise<SaveScopeResponse> {
    return this.#call('PUT', API_ROUTES.scope, request);
  }
  sobjects(): Promise<SObjectListResponse> {
    return this.#call('GET', API_ROUTES.sobjects);
  }
  metadata(objects: readonly string[]): Promise<MetadataResponse> {
    return this.#call('GET', `${API_ROUTES.metadata}?objects=${objects.map(encodeURIComponent).join(',')}`);
  }
  permissions(userId: string, objects: readonly string[]): Promise<PermissionsResponse> {
    return this.#call(
      'GET',
      `${API_ROUTES.permissions}?userId=${encodeURIComponent(userId)}&objects=${objects.map(encodeURIComponent).join(',')}`,
    );
  }
  preview(request: PreviewRequest): Promise<PreviewResponse> {
    return this.#call('POST', API_ROUTES.preview, request);
  }
  why(request: WhyRequest): Promise<WhyResponse> {
    return this.#call('POST', API_ROUTES.why, request);
  }
  diff(request: DiffRequest): Promise<DiffResponse> {
    return this.#call('POST', API_ROUTES.diff, request);
  }
  publish(request: PublishRequest): Promise<PublishResponse> {
    return this.#call('POST', API_ROUTES.publish, request);
  }
  versions(scopeName: string): Promise<VersionsResponse> {
    return this.#call('GET', `${API_ROUTES.versions}?name=${encodeURIComponent(scopeName)}`);
  }
  version(versionId: string): Promise<VersionDetail> {
    return this.#call('GET', API_ROUTES.version.replace(':versionId', encodeURIComponent(versionId)));
  }
  restore(request: RestoreRequest): Promise<RestoreResponse> {
    return this.#call('POST', API_ROUTES.restore, request);
  }
  assignments(): Promise<AssignmentsResponse> {
    return this.#call('GET', API_ROUTES.assignments);
  }
  promote(request: PromoteRequest): Promise<PromoteResponse> {
    return this.#call('POST', API_ROUTES.promote, request);
  }
  /** One REST call to the org through the server (the simulator's transport). */
  orgRequest(request: OrgRequest): Promise<OrgResponse> {
    return this.#call('POST', API_ROUTES.orgRequest, request);
  }
}
