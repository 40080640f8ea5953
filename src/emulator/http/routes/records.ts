/**
 * sObject rows: `POST /sobjects/{T}`, `GET|PATCH|DELETE /sobjects/{T}/{id}` (PATCH honours
 * If-Unmodified-Since with 412; DELETE ignores the conditional headers, which the real API does not support
 * on DELETE), upsert and read by external Id (`/sobjects/{T}/{field}/{value}`) and blob fields
 * (`GET /sobjects/ContentVersion/{id}/VersionData`). Reads run as the session's user: a record not shared
 * with them is NOT_FOUND and fields they cannot read are left out (writes: the store's guard).
 */

import { ApiError } from '../../api-error.ts';
import { toId18 } from '../../ids.ts';
import type { EmbeddedOrg } from '../../org.ts';
import { MultipleMatchesError, notFound, type StoredRow } from '../../store/record-store.ts';
import type { ApiRouter } from '../api-router.ts';
import { json, NO_CONTENT, type ApiRequest, type ApiResponse } from '../api-types.ts';

/** The body of a create/update request: a JSON object. */
export function recordBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError(
      400,
      'JSON_PARSER_ERROR',
      'The request body must be a JSON object with the record fields',
    );
  return body as Record<string, unknown>;
}

/** `If-Unmodified-Since` as ms, or undefined; a malformed date is a 400 as in Salesforce. */
export function ifUnmodifiedSince(request: ApiRequest): number | undefined {
  const header = request.headers['if-unmodified-since'];
  if (header === undefined) return undefined;
  const ms = Date.parse(header);
  if (Number.isNaN(ms))
    throw new ApiError(400, 'INVALID_HEADER_TYPE', `If-Unmodified-Since: invalid date: ${header}`, []);
  return ms;
}

function fieldsParam(request: ApiRequest): string[] | undefined {
  const fields = request.query.get('fields');
  return fields
    ? fields
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean)
    : undefined;
}

function created(
  request: ApiRequest,
  type: string,
  id: string,
  extra: Record<string, unknown> = {},
): ApiResponse {
  return json(
    201,
    { id, success: true, errors: [], ...extra },
    { Location: `/services/data/v${request.version}/sobjects/${type}/${id}` },
  );
}

export function registerRecords(router: ApiRouter, org: EmbeddedOrg): void {
  const { store } = org;
  const transact = <T>(fn: () => T): T => org.db.transaction(fn)();

  router.on('POST', '/sobjects/:type', (request, params) => {
    const type = store.describe(params.type as string).name;
    const id = transact(() => store.create(type, recordBody(request.body), request.userId));
    return created(request, type, id);
  });

  router.on('GET', '/sobjects/:type/:id', (request, params) => {
    const type = store.describe(params.type as string).name;
    const id18 = toId18(params.id as string);
    if (!id18 || id18.slice(0, 3) !== store.describe(type).keyPrefix)
      throw new ApiError(
        404,
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${params.id}`,
      );
    const row = store.liveRow(type, id18);
    org.access.checkReadable(request.userId, type, row);
    // Conditional GET: 304 when the record did not change after If-Modified-Since (second precision).
    const modifiedMs = Math.floor(Date.parse(String(row.LastModifiedDate)) / 1000) * 1000;
    const since = request.headers['if-modified-since'];
    if (since !== undefined && !Number.isNaN(Date.parse(since)) && modifiedMs <= Date.parse(since))
      return { status: 304 };
    return json(200, readableRecord(org, request, type, row), {
      'Last-Modified': new Date(modifiedMs).toUTCString(),
    });
  });

  router.on('PATCH', '/sobjects/:type/:id', (request, params) => {
    const type = store.describe(params.type as string).name;
    const options = { ifUnmodifiedSince: ifUnmodifiedSince(request) };
    transact(() =>
      store.update(type, params.id as string, recordBody(request.body), request.userId, options),
    );
    return NO_CONTENT;
  });

  // Salesforce's Conditional Request Headers: "DELETE requests aren't supported". If-Unmodified-Since and
  // If-Modified-Since on a DELETE are ignored (not even a malformed date is refused): the record is deleted.
  router.on('DELETE', '/sobjects/:type/:id', (request, params) => {
    const type = store.describe(params.type as string).name;
    transact(() => store.delete(type, params.id as string, request.userId));
    return NO_CONTENT;
  });

  // GET /sobjects/{T}/{id}/{blobField} and GET /sobjects/{T}/{externalIdField}/{value} share a shape.
  router.on('GET', '/sobjects/:type/:first/:second', (request, params) => {
    const type = store.describe(params.type as string).name;
    const first = params.first as string;
    const second = params.second as string;
    const id18 = toId18(first);
    const blobField = store.field(type, second);
    if (id18 && id18.slice(0, 3) === store.describe(type).keyPrefix && blobField?.type === 'base64') {
      const row = store.liveRow(type, id18);
      org.access.checkReadable(request.userId, type, row);
      const data = row[blobField.name];
      if (typeof data !== 'string') throw notFound();
      return {
        status: 200,
        bytes: Buffer.from(data, 'base64'),
        headers: { 'Content-Type': 'application/octetstream' },
      };
    }
    const ids = store.findByExternalId(type, first, second);
    if (ids.length === 0) throw notFound();
    if (ids.length > 1) return multipleChoices(request, type, ids);
    const row = store.liveRow(type, ids[0] as string);
    org.access.checkReadable(request.userId, type, row);
    return json(200, readableRecord(org, request, type, row));
  });

  // Upsert by external Id: 201 created, 200 updated (API 46.0+ answers with a body), 300 if ambiguous.
  router.on('PATCH', '/sobjects/:type/:field/:value', (request, params) => {
    const type = store.describe(params.type as string).name;
    const body = recordBody(request.body);
    const options = { ifUnmodifiedSince: ifUnmodifiedSince(request) };
    try {
      const result = transact(() =>
        store.upsert(type, params.field as string, params.value as string, body, request.userId, options),
      );
      return result.created
        ? created(request, type, result.id, { created: true })
        : json(200, { id: result.id, success: true, errors: [], created: false });
    } catch (error) {
      if (error instanceof MultipleMatchesError) return multipleChoices(request, type, error.ids);
      throw error;
    }
  });
}

/** The record as GET answers it to the session's user (without the fields they cannot read). */
function readableRecord(
  org: EmbeddedOrg,
  request: ApiRequest,
  type: string,
  row: StoredRow,
): Record<string, unknown> {
  const fields = fieldsParam(request);
  const record = org.store.toRestRecord(type, row, request.version, fields);
  return org.access.restrictRecord(request.userId, type, record, fields);
}

function multipleChoices(request: ApiRequest, type: string, ids: readonly string[]): ApiResponse {
  return json(
    300,
    ids.map((id) => `/services/data/v${request.version}/sobjects/${type}/${id}`),
  );
}
