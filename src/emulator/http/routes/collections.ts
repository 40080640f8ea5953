/**
 * sObject Collections: `POST|PATCH /composite/sobjects` `{allOrNone, records}`, `DELETE
 * /composite/sobjects?ids=&allOrNone=` and `GET /composite/sobjects/{T}?ids=&fields=`. At most 200
 * records; HTTP 200 with one `{id, success, errors}` per record, in order. Each record runs in its own
 * savepoint; with allOrNone, one failure rolls every record back and the others report
 * ALL_OR_NONE_OPERATION_ROLLED_BACK. The resource exists from API 42.0, its upsert from 46.0; older
 * versions answer 404 as an org does for a resource it does not have.
 */

import { ApiError } from '../../api-error.ts';
import { toId18 } from '../../ids.ts';
import type { EmbeddedOrg } from '../../org.ts';
import type { ApiRouter } from '../api-router.ts';
import { json, type ApiRequest } from '../api-types.ts';
import { recordBody } from './records.ts';

export const MAX_COLLECTION_RECORDS = 200;

/** First API versions with sObject Collections and with their upsert by external Id. */
export const COLLECTIONS_VERSION = 42;
export const COLLECTIONS_UPSERT_VERSION = 46;

function requireVersion(request: ApiRequest, since: number): void {
  if (Number.parseFloat(request.version) < since)
    throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

export interface SaveResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
}

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [] as string[],
};

class Rollback extends Error {}

/** One record's write; `id` is the record it is about, when known before it runs (update, delete). */
interface Operation {
  readonly id?: string;
  /** Returns the record's Id, or Id and whether it was created (upsert). */
  run(): string | { id: string; created: boolean };
}

function failure(error: unknown, id: string | undefined): SaveResult {
  if (!(error instanceof ApiError)) throw error;
  return {
    ...(id ? { id } : {}),
    success: false,
    errors: [{ statusCode: error.errorCode, message: error.message, fields: [...error.fields] }],
  };
}

/** Runs each operation in a savepoint; under allOrNone, any failure rolls all of them back. */
export function runAll(org: EmbeddedOrg, allOrNone: boolean, operations: readonly Operation[]): SaveResult[] {
  let results: SaveResult[] = [];
  try {
    org.db.transaction(() => {
      results = operations.map((operation) => {
        try {
          const done = org.db.transaction(() => operation.run())();
          return typeof done === 'string'
            ? { id: done, success: true, errors: [] }
            : { id: done.id, success: true, errors: [], created: done.created };
        } catch (error) {
          return failure(error, operation.id);
        }
      });
      if (allOrNone && results.some((r) => !r.success)) throw new Rollback();
    })();
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    results = results.map((r, i) => {
      const id = operations[i]?.id;
      return r.success ? { ...(id ? { id } : {}), success: false, errors: [ROLLED_BACK] } : r;
    });
  }
  return results;
}

function collectionBody(body: unknown): { allOrNone: boolean; records: Record<string, unknown>[] } {
  const b = recordBody(body);
  if (!Array.isArray(b.records))
    throw new ApiError(400, 'JSON_PARSER_ERROR', 'The request body needs a "records" array');
  if (b.records.length > MAX_COLLECTION_RECORDS)
    throw new ApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`,
    );
  return { allOrNone: b.allOrNone === true, records: b.records.map((r) => recordBody(r)) };
}

function typeOf(record: Record<string, unknown>): string {
  const attributes = record.attributes as { type?: unknown } | undefined;
  if (!attributes || typeof attributes.type !== 'string')
    throw new ApiError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
  return attributes.type;
}

function withoutAttributes(record: Record<string, unknown>): Record<string, unknown> {
  const { attributes: _attributes, ...fields } = record;
  return fields;
}

function idsParam(request: ApiRequest): string[] {
  const fromBody =
    request.method !== 'GET' &&
    request.method !== 'DELETE' &&
    typeof request.body === 'object' &&
    request.body
      ? (request.body as { ids?: unknown }).ids
      : undefined;
  const ids = Array.isArray(fromBody)
    ? fromBody.map(String)
    : (request.query.get('ids') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
  if (ids.length === 0) throw new ApiError(400, 'MISSING_ARGUMENT', 'ids is required');
  if (ids.length > MAX_COLLECTION_RECORDS)
    throw new ApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`,
    );
  return ids;
}

export function registerCollections(router: ApiRouter, org: EmbeddedOrg): void {
  const { store } = org;

  router.on('POST', '/composite/sobjects', (request) => {
    requireVersion(request, COLLECTIONS_VERSION);
    const { allOrNone, records } = collectionBody(request.body);
    const operations = records.map((record): Operation => ({
      run: () => store.create(store.describe(typeOf(record)).name, withoutAttributes(record), request.userId),
    }));
    return json(200, runAll(org, allOrNone, operations));
  });

  router.on('PATCH', '/composite/sobjects', (request) => {
    requireVersion(request, COLLECTIONS_VERSION);
    const { allOrNone, records } = collectionBody(request.body);
    const operations = records.map((record): Operation => {
      const fields = withoutAttributes(record);
      const idKey = Object.keys(fields).find((k) => k.toLowerCase() === 'id');
      const given = idKey && fields[idKey] !== null ? String(fields[idKey]) : '';
      const id = toId18(given) ?? given;
      return {
        ...(id ? { id } : {}),
        run: () => {
          if (!id) throw new ApiError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
          store.update(store.describe(typeOf(record)).name, id, fields, request.userId);
          return id;
        },
      };
    });
    return json(200, runAll(org, allOrNone, operations));
  });

  router.on('DELETE', '/composite/sobjects', (request) => {
    requireVersion(request, COLLECTIONS_VERSION);
    const allOrNone = request.query.get('allOrNone') === 'true';
    const operations = idsParam(request).map((given): Operation => {
      const id = toId18(given) ?? given;
      return {
        id,
        run: () => {
          const type = store.objectOfId(id);
          if (!toId18(given) || !type) throw new ApiError(400, 'MALFORMED_ID', `malformed id ${given}`);
          store.delete(type, id, request.userId);
          return id;
        },
      };
    });
    return json(200, runAll(org, allOrNone, operations));
  });

  // Upsert many by external Id (API 46.0+): per record `{id, success, errors, created}`.
  router.on('PATCH', '/composite/sobjects/:type/:field', (request, params) => {
    requireVersion(request, COLLECTIONS_UPSERT_VERSION);
    const type = store.describe(params.type as string).name;
    const fieldName = params.field as string;
    const { allOrNone, records } = collectionBody(request.body);
    const operations = records.map((record): Operation => ({
      run: () => {
        const fields = withoutAttributes(record);
        const key = Object.keys(fields).find((k) => k.toLowerCase() === fieldName.toLowerCase());
        const value = key === undefined ? null : fields[key];
        if (value === null || value === undefined || value === '')
          throw new ApiError(400, 'MISSING_ARGUMENT', `${fieldName} not specified`, [fieldName]);
        return store.upsert(
          typeOf({ attributes: { type }, ...record }),
          fieldName,
          String(value),
          fields,
          request.userId,
        );
      },
    }));
    return json(200, runAll(org, allOrNone, operations));
  });

  const retrieve = (request: ApiRequest, params: Readonly<Record<string, string>>) => {
    requireVersion(request, COLLECTIONS_VERSION);
    const type = store.describe(params.type as string).name;
    const ids = idsParam(request);
    const body = request.body as { fields?: unknown } | undefined;
    const fieldList = Array.isArray(body?.fields)
      ? body.fields.map(String)
      : request.query.get('fields')?.split(',');
    if (!fieldList || fieldList.length === 0)
      throw new ApiError(400, 'MISSING_ARGUMENT', 'fields is required');
    return json(
      200,
      ids.map((id) => {
        const id18 = toId18(id);
        const row = id18 ? store.row(type, id18) : undefined;
        // A record not shared with the session's user is answered as a missing one (null).
        if (
          !row ||
          row.IsDeleted !== 0 ||
          !org.access.hasAccess(request.userId, type, id18 as string, 'read')
        )
          return null;
        const record = store.toRestRecord(type, row, request.version, fieldList);
        return org.access.restrictRecord(request.userId, type, record, fieldList);
      }),
    );
  };
  router.on('GET', '/composite/sobjects/:type', retrieve);
  router.on('POST', '/composite/sobjects/:type', retrieve);
}
