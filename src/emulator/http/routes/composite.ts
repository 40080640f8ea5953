/**
 * `POST /composite`: up to 25 subrequests (at most 5 queries or sObject Collections), run in order,
 * later ones referring to earlier results with `@{refId.id}` or `@{refId.records[0].Id}`. With
 * allOrNone, the first failing subrequest rolls everything back and the others answer
 * PROCESSING_HALTED. The whole composite counts as one API call.
 */

import { ApiError } from '../../api-error.ts';
import type { EmbeddedOrg } from '../../org.ts';
import { parseApiUrl, type ApiRouter } from '../api-router.ts';
import { json, type ApiRequest, type ApiResponse } from '../api-types.ts';

export const MAX_SUBREQUESTS = 25;
export const MAX_QUERY_SUBREQUESTS = 5;
const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;
const HALTED = 'The transaction was rolled back since another operation in the same transaction failed.';

interface Subrequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

class Rollback extends Error {}
class UnresolvedReference extends Error {}

function halted(referenceId: string, message: string): SubResponse {
  return {
    body: [{ errorCode: 'PROCESSING_HALTED', message }],
    httpHeaders: {},
    httpStatusCode: 400,
    referenceId,
  };
}

function parseSubrequests(body: unknown): { allOrNone: boolean; subrequests: Subrequest[] } {
  if (
    typeof body !== 'object' ||
    body === null ||
    !Array.isArray((body as { compositeRequest?: unknown }).compositeRequest)
  )
    throw new ApiError(400, 'JSON_PARSER_ERROR', 'The request body needs a "compositeRequest" array');
  const b = body as { allOrNone?: unknown; compositeRequest: unknown[] };
  if (b.compositeRequest.length === 0)
    throw new ApiError(400, 'INVALID_BATCH_REQUEST', 'compositeRequest must contain at least one subrequest');
  if (b.compositeRequest.length > MAX_SUBREQUESTS)
    throw new ApiError(
      400,
      'LIMIT_EXCEEDED',
      `Composite request can't have more than ${MAX_SUBREQUESTS} subrequests`,
    );
  const seen = new Set<string>();
  let queries = 0;
  const subrequests = b.compositeRequest.map((raw, i): Subrequest => {
    const s = raw as Partial<Subrequest> | null;
    if (!s || typeof s.method !== 'string' || typeof s.url !== 'string' || typeof s.referenceId !== 'string')
      throw new ApiError(
        400,
        'JSON_PARSER_ERROR',
        `compositeRequest[${i}] needs "method", "url" and "referenceId"`,
      );
    if (!/^[A-Za-z0-9_]+$/.test(s.referenceId))
      throw new ApiError(
        400,
        'INVALID_INPUT',
        `Invalid referenceId: ${s.referenceId}. Use letters, digits and _.`,
      );
    if (seen.has(s.referenceId))
      throw new ApiError(
        400,
        'INVALID_INPUT',
        `Duplicate referenceId provided in the request: ${s.referenceId}`,
      );
    seen.add(s.referenceId);
    if (/\/(query|queryAll)(\/|\?|$)|\/composite\/sobjects/.test(s.url)) queries++;
    return s as Subrequest;
  });
  if (queries > MAX_QUERY_SUBREQUESTS)
    throw new ApiError(
      400,
      'LIMIT_EXCEEDED',
      `Composite request can't have more than ${MAX_QUERY_SUBREQUESTS} query or sObject Collection subrequests`,
    );
  return { allOrNone: b.allOrNone === true, subrequests };
}

/** The value at `path` (`.id`, `.records[0].Id`) of an earlier subrequest's body. */
function lookup(results: Map<string, SubResponse>, referenceId: string, path: string): string {
  const result = results.get(referenceId);
  if (!result || result.httpStatusCode >= 300)
    throw new UnresolvedReference(
      `Invalid reference specified. No value for ${referenceId}${path} found in ${referenceId}. Provided referenceId ${referenceId} refers to a subrequest that did not succeed or does not exist.`,
    );
  let value: unknown = result.body;
  for (const [, key, index] of path.matchAll(/\.([A-Za-z0-9_]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== 'object') {
      value = undefined;
      break;
    }
    value = key !== undefined ? (value as Record<string, unknown>)[key] : (value as unknown[])[Number(index)];
  }
  if (value === undefined || value === null || typeof value === 'object')
    throw new UnresolvedReference(
      `Invalid reference specified. No value for ${referenceId}${path} found in ${referenceId}.`,
    );
  return String(value);
}

function resolve(value: unknown, results: Map<string, SubResponse>): unknown {
  if (typeof value === 'string')
    return value.replace(REFERENCE, (_m, ref: string, path: string) => lookup(results, ref, path));
  if (Array.isArray(value)) return value.map((v) => resolve(v, results));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, results)]));
  return value;
}

export function registerComposite(router: ApiRouter, org: EmbeddedOrg): void {
  const runOne = (parent: ApiRequest, sub: Subrequest, results: Map<string, SubResponse>): SubResponse => {
    let url: string;
    let body: unknown;
    try {
      url = resolve(sub.url, results) as string;
      body = resolve(sub.body, results);
    } catch (error) {
      if (error instanceof UnresolvedReference) return halted(sub.referenceId, error.message);
      throw error;
    }
    const parsed = parseApiUrl(url);
    let response: ApiResponse;
    if (!parsed || /^\/composite(\/batch|\/tree|\/graph)?$/.test(parsed.path)) {
      response = {
        status: 400,
        body: [
          {
            errorCode: 'INVALID_INPUT',
            message: `The URL is not a supported composite subrequest: ${url}`,
            fields: [],
          },
        ],
      };
    } else {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(sub.httpHeaders ?? {})) headers[k.toLowerCase()] = String(v);
      response = router.dispatch({
        method: sub.method.toUpperCase(),
        path: parsed.path,
        url,
        version: parsed.version,
        query: parsed.query,
        headers,
        body,
        userId: parent.userId,
        subrequest: true,
      });
    }
    return {
      body: response.bytes ? response.bytes.toString('base64') : (response.body ?? null),
      httpHeaders: { ...(response.headers ?? {}) },
      httpStatusCode: response.status,
      referenceId: sub.referenceId,
    };
  };

  router.on('POST', '/composite', (request) => {
    if (request.subrequest)
      throw new ApiError(400, 'INVALID_INPUT', 'A composite request cannot contain /composite');
    const { allOrNone, subrequests } = parseSubrequests(request.body);
    const results = new Map<string, SubResponse>();
    const responses: SubResponse[] = [];
    if (!allOrNone) {
      for (const sub of subrequests) {
        const response = runOne(request, sub, results);
        results.set(sub.referenceId, response);
        responses.push(response);
      }
      return json(200, { compositeResponse: responses });
    }
    let failedAt = -1;
    try {
      org.db.transaction(() => {
        for (const [i, sub] of subrequests.entries()) {
          const response = runOne(request, sub, results);
          results.set(sub.referenceId, response);
          responses.push(response);
          if (response.httpStatusCode >= 400) {
            failedAt = i;
            throw new Rollback();
          }
        }
      })();
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
    if (failedAt < 0) return json(200, { compositeResponse: responses });
    return json(200, {
      compositeResponse: subrequests.map((sub, i) =>
        i === failedAt ? (responses[i] as SubResponse) : halted(sub.referenceId, HALTED),
      ),
    });
  });
}
