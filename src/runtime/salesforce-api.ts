/**
 * The REST calls the runtime makes, on top of an injected Transport: queries and their pages, /composite
 * batches, getUpdated/getDeleted. Counts API calls as the org does (a composite is one call) and refreshes
 * the session at most once per sync on a 401.
 */

import type { Transport, TransportRequest } from './transport.ts';
import { ApiRequestError, classifyTransportError } from './sync-errors.ts';

export interface QueryResult {
  readonly totalSize: number;
  readonly done: boolean;
  readonly nextRecordsUrl?: string;
  readonly records: readonly Record<string, unknown>[];
}

export interface CompositeSubrequest {
  readonly method: TransportRequest['method'];
  readonly url: string;
  readonly referenceId: string;
  readonly body?: unknown;
  readonly httpHeaders?: Readonly<Record<string, string>>;
}

export interface CompositeSubresponse {
  readonly body: unknown;
  readonly httpStatusCode: number;
  readonly referenceId: string;
}

export interface ApiErrorBody {
  readonly errorCode?: string;
  readonly message?: string;
  readonly fields?: readonly string[];
}

/** `/composite` allows 25 subrequests, at most 5 of them queries or sObject Collections. */
export const COMPOSITE_MAX_SUBREQUESTS = 25;
export const COMPOSITE_MAX_QUERIES = 5;

/** `collateSubrequests` exists from API 48.0 (default false there, true from 49.0). */
const COLLATE_SUBREQUESTS_VERSION = 48;

/**
 * API calls of `batchGet` for a request sequence (true = a query), as it packs them: in order, up to
 * `maxSubrequests` per /composite, closing a call before a query beyond `maxQueries`; a lone last request
 * goes on its own (still one call).
 */
export function compositeCallsOf(
  sequence: readonly boolean[],
  maxQueries = COMPOSITE_MAX_QUERIES,
  maxSubrequests = COMPOSITE_MAX_SUBREQUESTS,
): number {
  let calls = 0;
  let i = 0;
  while (i < sequence.length) {
    let size = 0;
    let queries = 0;
    while (i < sequence.length && size < maxSubrequests) {
      if (sequence[i] && queries === maxQueries) break;
      if (sequence[i]) queries += 1;
      size += 1;
      i += 1;
    }
    calls += 1;
  }
  return calls;
}

export class SalesforceApi {
  /** API calls made since the last `resetCounters()`, as the org counts them. */
  apiCalls = 0;
  #refreshed = false;
  /** Off after the org answered that it has no /composite (then every request goes alone). */
  compositeSupported = true;

  constructor(
    private readonly transport: Transport,
    readonly apiVersion: string,
    private readonly pageSize?: number,
  ) {}

  get base(): string {
    return `/services/data/v${this.apiVersion}`;
  }

  get instanceUrlBytes(): number {
    return this.transport.instanceUrl?.length ?? 0;
  }

  resetCounters(): void {
    this.apiCalls = 0;
    this.#refreshed = false;
  }

  async call<R>(request: TransportRequest, what: string): Promise<R> {
    for (;;) {
      let answer: R;
      try {
        answer = await this.transport.request<R>(request);
      } catch (error) {
        const failure = classifyTransportError(error, what);
        // The org counts only requests it answered: a refused or dropped connection is no API call.
        if (failure.reachedOrg) this.apiCalls += 1;
        if (failure.kind === 'auth' && !this.#refreshed && this.transport.refreshSession) {
          this.#refreshed = true;
          try {
            await this.transport.refreshSession();
          } catch (refreshError) {
            throw new ApiRequestError(
              `${what} failed: the session expired and could not be refreshed; log in again`,
              'session',
              'INVALID_SESSION_ID',
              refreshError,
            );
          }
          continue;
        }
        throw failure;
      }
      this.apiCalls += 1;
      return answer;
    }
  }

  #queryHeaders(): Record<string, string> | undefined {
    return this.pageSize ? { 'Sforce-Query-Options': `batchSize=${this.pageSize}` } : undefined;
  }

  queryUrl(soql: string): string {
    return `${this.base}/query?q=${encodeURIComponent(soql)}`;
  }

  query(soql: string): Promise<QueryResult> {
    return this.call<QueryResult>(
      { method: 'GET', url: this.queryUrl(soql), headers: this.#queryHeaders() },
      'query',
    );
  }

  queryMore(nextRecordsUrl: string): Promise<QueryResult> {
    return this.call<QueryResult>(
      { method: 'GET', url: nextRecordsUrl, headers: this.#queryHeaders() },
      'query page',
    );
  }

  /**
   * One /composite call. `inOrder` runs the subrequests in the order given: from API 49.0 the org may
   * otherwise collate (reorder) subrequests that have no explicit `@{ref}` dependency between them.
   */
  async composite(
    subrequests: readonly CompositeSubrequest[],
    options: { inOrder?: boolean } = {},
  ): Promise<CompositeSubresponse[]> {
    const collation =
      options.inOrder && Number.parseFloat(this.apiVersion) >= COLLATE_SUBREQUESTS_VERSION
        ? { collateSubrequests: false }
        : {};
    const response = await this.call<{ compositeResponse: CompositeSubresponse[] }>(
      {
        method: 'POST',
        url: `${this.base}/composite`,
        body: JSON.stringify({ allOrNone: false, ...collation, compositeRequest: subrequests }),
        headers: { 'Content-Type': 'application/json' },
      },
      'composite request',
    );
    if (!response || !Array.isArray(response.compositeResponse))
      throw new ApiRequestError('composite request failed: unexpected response', 'permanent', 'BAD_RESPONSE');
    return response.compositeResponse;
  }

  /**
   * Runs GETs (queries, getUpdated/getDeleted) grouped into /composite calls, each answer in the order
   * asked: the parsed body, or an ApiRequestError for that request alone. A whole-call failure throws.
   */
  async batchGet(
    requests: readonly { url: string; isQuery: boolean; what: string }[],
  ): Promise<(unknown | ApiRequestError)[]> {
    const results: (unknown | ApiRequestError)[] = new Array(requests.length);
    let i = 0;
    while (i < requests.length) {
      if (!this.compositeSupported || requests.length - i === 1) {
        const request = requests[i]!;
        try {
          results[i] = await this.call(
            { method: 'GET', url: request.url, headers: this.#queryHeaders() },
            request.what,
          );
        } catch (error) {
          if (error instanceof ApiRequestError && error.kind === 'permanent') results[i] = error;
          else throw error;
        }
        i += 1;
        continue;
      }
      const group: number[] = [];
      let queries = 0;
      while (i < requests.length && group.length < COMPOSITE_MAX_SUBREQUESTS) {
        const request = requests[i]!;
        if (request.isQuery && queries === COMPOSITE_MAX_QUERIES) break;
        if (request.isQuery) queries += 1;
        group.push(i);
        i += 1;
      }
      let responses: CompositeSubresponse[];
      try {
        const headers = this.#queryHeaders();
        responses = await this.composite(
          group.map((index) => ({
            method: 'GET',
            url: requests[index]!.url,
            referenceId: `g${index}`,
            ...(headers && requests[index]!.isQuery ? { httpHeaders: headers } : {}),
          })),
        );
      } catch (error) {
        if (
          error instanceof ApiRequestError &&
          error.kind === 'permanent' &&
          error.errorCode === 'NOT_FOUND'
        ) {
          // An org (or emulator) without /composite: fall back to one call per request.
          this.compositeSupported = false;
          i = group[0]!;
          continue;
        }
        throw error;
      }
      group.forEach((index, k) => {
        const response = responses[k];
        const request = requests[index]!;
        if (!response) {
          results[index] = new ApiRequestError(`${request.what} failed: no answer`, 'server', 'NO_RESPONSE');
          return;
        }
        results[index] =
          response.httpStatusCode >= 400 ? subresponseError(response, request.what) : response.body;
      });
      // A transient failure inside the batch (503, limit) fails the sync like a failed call would.
      for (const index of group) {
        const result = results[index];
        if (result instanceof ApiRequestError && result.kind !== 'permanent') throw result;
      }
    }
    return results;
  }
}

/** The error of one composite subresponse. */
export function subresponseError(response: CompositeSubresponse, what: string): ApiRequestError {
  const body = Array.isArray(response.body) ? (response.body[0] as ApiErrorBody | undefined) : undefined;
  const code = body?.errorCode ?? `ERROR_HTTP_${response.httpStatusCode}`;
  return classifyTransportError(
    { errorCode: code, message: body?.message ?? '', statusCode: response.httpStatusCode },
    what,
  );
}

export function firstError(body: unknown): ApiErrorBody {
  const first = Array.isArray(body) ? (body[0] as ApiErrorBody | undefined) : undefined;
  return first ?? { errorCode: 'UNKNOWN_ERROR', message: JSON.stringify(body) };
}
