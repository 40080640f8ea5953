/**
 * Replication: `GET /sobjects/{T}/updated/?start=&end=` -> `{ids, latestDateCovered}` (by
 * SystemModstamp, start within the last 30 days) and `GET /sobjects/{T}/deleted/?start=&end=` ->
 * `{deletedRecords, earliestDateAvailable, latestDateCovered}` (from the recycle bin, 15 days).
 * As in Salesforce, the range is read at minute precision (seconds are dropped).
 */

import { ApiError } from '../../api-error.ts';
import type { EmbeddedOrg } from '../../org.ts';
import { parseDatetime, restDatetime } from '../../store/field-codec.ts';
import { quoteIdent } from '../../sql/table-layout.ts';
import type { ApiRouter } from '../api-router.ts';
import { json, type ApiRequest } from '../api-types.ts';

const DAY = 86_400_000;
const MAX_IDS = 600_000;

function minute(stored: string): string {
  return `${stored.slice(0, 16)}:00.000Z`;
}

function range(request: ApiRequest, org: EmbeddedOrg, maxDaysBack: number): { start: string; end: string } {
  const startText = request.query.get('start');
  const endText = request.query.get('end');
  if (!startText || !endText)
    throw new ApiError(400, 'MISSING_ARGUMENT', 'start and end are required (ISO 8601 datetimes)');
  const start = parseDatetime(startText);
  const end = parseDatetime(endText);
  if (!start)
    throw new ApiError(400, 'INVALID_REPLICATION_DATE', `start is not a valid datetime: ${startText}`);
  if (!end) throw new ApiError(400, 'INVALID_REPLICATION_DATE', `end is not a valid datetime: ${endText}`);
  const startMinute = minute(start);
  const endMinute = minute(end);
  if (endMinute <= startMinute)
    throw new ApiError(400, 'INVALID_REPLICATION_DATE', 'EndDate before StartDate');
  const oldest = org.clock.nowMs() - maxDaysBack * DAY;
  if (Date.parse(startMinute) < Math.floor(oldest / 60_000) * 60_000)
    throw new ApiError(
      400,
      'INVALID_REPLICATION_DATE',
      `startDate cannot be more than ${maxDaysBack} days ago`,
    );
  return { start: startMinute, end: endMinute };
}

/**
 * The end of the range the answer covers: never past the org's current minute, nor past the start of a
 * transaction still in flight (its changes will carry stamps from when it started).
 */
function latestCovered(end: string, org: EmbeddedOrg): string {
  let covered = minute(org.clock.now().toISOString());
  const open = org.earliestOpenTransaction();
  if (open !== undefined) {
    const openMinute = minute(new Date(open).toISOString());
    if (openMinute < covered) covered = openMinute;
  }
  return restDatetime(end < covered ? end : covered);
}

export function registerReplication(router: ApiRouter, org: EmbeddedOrg): void {
  router.on('GET', '/sobjects/:type/updated', (request, params) => {
    const type = org.store.describe(params.type as string).name;
    const { start, end } = range(request, org, 30);
    const ids = org.store
      .statement(
        `SELECT "Id" FROM ${quoteIdent(type)} WHERE "SystemModstamp" >= ? AND "SystemModstamp" < ? AND "IsDeleted" = 0 ORDER BY "Id" LIMIT ${MAX_IDS + 1}`,
      )
      .pluck(true)
      .all(start, end) as string[];
    if (ids.length > MAX_IDS)
      throw new ApiError(400, 'EXCEEDED_ID_LIMIT', `more than ${MAX_IDS} ids; use a smaller date range`);
    return json(200, { ids, latestDateCovered: latestCovered(end, org) });
  });

  router.on('GET', '/sobjects/:type/deleted', (request, params) => {
    const type = org.store.describe(params.type as string).name;
    const { start, end } = range(request, org, 15);
    const rows = org.store.statement(deletedInRangeSql(type)).pluck(false).all(start, end) as {
      id: string;
      deletedDate: string;
    }[];
    return json(200, {
      deletedRecords: rows.map((r) => ({ id: r.id, deletedDate: restDatetime(r.deletedDate) })),
      earliestDateAvailable: restDatetime(minute(org.earliestDeletedAvailable())),
      latestDateCovered: latestCovered(end, org),
    });
  });
}

/** The recycle bin rows of `type` deleted in [start, end), oldest first (parameters: start, end). */
export function deletedInRangeSql(type: string): string {
  return `SELECT "Id" AS id, "_DeletedDate" AS deletedDate FROM ${quoteIdent(type)} WHERE "IsDeleted" = 1 AND "_DeletedDate" >= ? AND "_DeletedDate" < ? ORDER BY "_DeletedDate", "Id"`;
}
