/**
 * `GET /query?q=` and `/queryAll?q=` through the SOQL engine, and the following pages at
 * `/query/<locator>` (also `/queryAll/<locator>`). `Sforce-Query-Options: batchSize=N` is honoured
 * within Salesforce's 200..2000 (default 2000).
 */

import { ApiError } from '../../api-error.ts';
import { queryColumns } from '../../sql/query-columns.ts';
import type { EmbeddedOrg } from '../../org.ts';
import type { ApiRouter } from '../api-router.ts';
import { json, type ApiRequest } from '../api-types.ts';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
const MAX_SOQL_LENGTH = 100_000;

export function batchSizeOf(request: ApiRequest): number {
  const header = request.headers['sforce-query-options'];
  const match = header ? /batchSize\s*=\s*(\d+)/i.exec(header) : null;
  if (!match) return DEFAULT_BATCH;
  return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(match[1])));
}

export function registerQuery(router: ApiRouter, org: EmbeddedOrg): void {
  const run = (request: ApiRequest, scanAll: boolean) => {
    const soql = request.query.get('q');
    if (soql === null || soql.trim() === '')
      throw new ApiError(400, 'MALFORMED_QUERY', 'A query string (q) is required');
    if (soql.length > MAX_SOQL_LENGTH)
      throw new ApiError(
        400,
        'MALFORMED_QUERY',
        `SOQL statements cannot be longer than ${MAX_SOQL_LENGTH} characters.`,
      );
    // `columns=true` (the sf CLI asks it): the query's columns, not its records.
    if (request.query.get('columns') === 'true') {
      const { query, compiled } = org.compileQuery(soql, {
        scanAll,
        now: org.clock.now(),
        userId: request.userId,
        apiVersion: request.version,
      });
      return json(
        200,
        queryColumns(query, compiled, (name) => org.engine.describe(name)),
      );
    }
    const cursor = org.openQuery(soql, {
      scanAll,
      now: org.clock.now(),
      userId: request.userId,
      apiVersion: request.version,
    });
    return json(200, org.cursors.firstPage(cursor, request.userId, batchSizeOf(request), request.version));
  };
  const more = (request: ApiRequest, locator: string) =>
    json(200, org.cursors.nextPage(locator, request.userId, batchSizeOf(request), request.version));

  router.on('GET', '/query', (request) => run(request, false));
  router.on('GET', '/queryAll', (request) => run(request, true));
  router.on('GET', '/query/:locator', (request, params) => more(request, params.locator as string));
  router.on('GET', '/queryAll/:locator', (request, params) => more(request, params.locator as string));
}
