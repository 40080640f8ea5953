/**
 * Preview: what a scope puts on one user's device and what it costs, measured on the connected org.
 * Counts come from the plan's own queries (COUNT() per path, the Id union for the device's set), the
 * payload from real records, the API calls from api-cost.ts's model of the runtime.
 */

import { MAX_IDS_PER_QUERY } from '../compiler/index.ts';
import type { PlanObject } from '../compiler/plan.ts';
import type { PreviewObject, PreviewPathCount, PreviewRequest, PreviewResponse } from './api-types.ts';
import {
  DEFAULT_ASSUMPTIONS,
  dailyCalls,
  firstSyncCalls,
  objectRequests,
  pages,
  syncCalls,
  tickMinutesOf,
  type ObjectDeltaRequests,
} from './api-cost.ts';
import type { CompiledScope } from './compile-scope.ts';
import { invalidInput } from './errors.ts';
import type { OrgClient, OrgRecord } from './org-client.ts';
import { ScopeEvaluator } from './scope-evaluator.ts';
import { loadUserPermissions, recordAccessOf, unreadableFields } from './user-permissions.ts';
import { idList, isSalesforceId } from './soql-text.ts';

/** Records read to estimate the payload per record. */
export const PAYLOAD_SAMPLE = 200;
/** Any datetime works for counting delta statements: they are counted, not run. */
const SOME_WATERMARK = '2000-01-01T00:00:00Z';

export async function previewScope(
  org: OrgClient,
  compiled: CompiledScope,
  request: Pick<PreviewRequest, 'userId' | 'parameters' | 'users' | 'sampleSize'>,
): Promise<PreviewResponse> {
  const { plan, scope } = compiled;
  if (typeof request.userId !== 'string' || !isSalesforceId(request.userId)) {
    throw invalidInput('`userId` must be a 15- or 18-character Salesforce Id (pick a user)');
  }
  const users = request.users ?? 1;
  if (!Number.isInteger(users) || users < 1 || users > 1_000_000)
    throw invalidInput('`users` must be an integer from 1');
  const sampleSize = request.sampleSize ?? 5;
  if (!Number.isInteger(sampleSize) || sampleSize < 0 || sampleSize > 50) {
    throw invalidInput('`sampleSize` must be an integer from 0 to 50');
  }
  // The admin session selects; the user's permissions and record access decide what reaches their device.
  const user = await loadUserPermissions(
    org,
    request.userId,
    plan.objects.map((o) => o.name),
  );
  const evaluator = new ScopeEvaluator(org, plan, {
    userId: request.userId,
    parameters: request.parameters,
    access: recordAccessOf(org, user),
  });

  const objects: PreviewObject[] = [];
  const costs: ObjectDeltaRequests[] = [];
  for (const object of plan.objects) {
    const ids = await evaluator.idsOf(object.name);
    const ownWhere = scope.objects[object.name]?.where;
    const paths: PreviewPathCount[] = [];
    for (const path of object.paths) {
      const count = await evaluator.pathCount(object, path, ownWhere);
      paths.push(
        path.kind === 'root'
          ? { label: 'root', kind: 'root', count }
          : {
              label: `${path.kind} ${path.object}.${path.field}`,
              kind: path.kind,
              object: path.object,
              field: path.field,
              count,
            },
      );
    }
    const droppedFields = unreadableFields(user, object.name, object.fields);
    const fields = object.fields.filter((f) => !droppedFields.includes(f));
    const { sample, avgRecordBytes } = await sampleRecords(org, object.name, fields, ids, sampleSize);
    const cost = await deltaRequests(evaluator, object);
    costs.push(cost);
    const limit = object.limit;
    objects.push({
      name: object.name,
      count: ids.length,
      paths,
      ...(limit !== undefined ? { limit } : {}),
      limitReached:
        limit !== undefined && ids.length >= limit && paths.reduce((n, p) => n + p.count, 0) > limit,
      sample,
      fields,
      droppedFields,
      avgRecordBytes,
      estimatedBytes: avgRecordBytes * ids.length,
      syncEveryMinutes: object.syncEveryMinutes,
      reconcileEverySync: object.reconcileEverySync,
      firstSyncApiCalls:
        (object.reconcileEverySync ? 0 : 2) +
        cost.firstQueries +
        cost.firstExtraPages +
        cost.firstByIdQueries,
      deltaNoChangeRequests:
        objectRequests(cost, false).checks +
        objectRequests(cost, false).queries +
        (object.reconcileEverySync ? cost.reconcileExtraPages : 0),
    });
  }

  const tickMinutes = tickMinutesOf(plan.syncEveryMinutes, plan.objects);
  const day = dailyCalls(costs, tickMinutes);
  const dailyApiRequests = await org.dailyApiRequests();
  const apiCallsPerDay = day.apiCallsPerDay * users;
  return {
    scopeName: plan.scopeName,
    userId: request.userId,
    objects,
    totals: {
      records: objects.reduce((n, o) => n + o.count, 0),
      estimatedBytes: objects.reduce((n, o) => n + o.estimatedBytes, 0),
      firstSyncApiCalls: firstSyncCalls(costs),
      deltaNoChangeApiCalls: syncCalls(costs, false),
      syncsPerDay: day.syncsPerDay,
      apiCallsPerDevicePerDay: day.apiCallsPerDay,
    },
    fleet: {
      users,
      apiCallsPerDay,
      dailyApiRequests,
      percentOfDailyMax:
        dailyApiRequests && dailyApiRequests.max > 0
          ? Math.round((apiCallsPerDay / dailyApiRequests.max) * 1000) / 10
          : null,
      maxUsers:
        dailyApiRequests && day.apiCallsPerDay > 0
          ? Math.floor(dailyApiRequests.max / day.apiCallsPerDay)
          : null,
    },
    assumptions: { ...DEFAULT_ASSUMPTIONS, tickMinutes },
    diagnostics: compiled.diagnostics,
  };
}

/** Up to PAYLOAD_SAMPLE records in scope order: the first `sampleSize` shown, all of them sized. */
async function sampleRecords(
  org: OrgClient,
  object: string,
  fields: readonly string[],
  ids: readonly string[],
  sampleSize: number,
): Promise<{ sample: Record<string, unknown>[]; avgRecordBytes: number }> {
  const chosen = ids.slice(0, PAYLOAD_SAMPLE);
  if (chosen.length === 0) return { sample: [], avgRecordBytes: 0 };
  const records = await org.queryAll(
    `SELECT ${fields.join(', ')} FROM ${object} WHERE Id IN ${idList(chosen)}`,
  );
  const byId = new Map(records.map((r) => [String(r.Id), r] as const));
  const ordered = chosen.map((id) => byId.get(id)).filter((r): r is OrgRecord => r !== undefined);
  const bytes = ordered.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)), 0);
  const sample = ordered.slice(0, sampleSize).map((record) => {
    const { attributes: _attributes, ...fields } = record;
    return fields;
  });
  return { sample, avgRecordBytes: ordered.length === 0 ? 0 : Math.round(bytes / ordered.length) };
}

/** The object's requests in a delta sync where nothing changed. */
async function deltaRequests(evaluator: ScopeEvaluator, object: PlanObject): Promise<ObjectDeltaRequests> {
  let deltaQueries = 0;
  for (const template of object.queries.delta) {
    deltaQueries += (await evaluator.bind(object, template, SOME_WATERMARK)).length;
  }
  let reconcileQueries = 0;
  let reconcileExtraPages = 0;
  for (const template of object.queries.ids) {
    for (const query of await evaluator.bind(object, template)) {
      const rows = await evaluator.rowCount(query, object.name);
      reconcileQueries += 1;
      reconcileExtraPages += pages(rows) - 1;
    }
  }
  // The first download: a delta from the epoch selects what the full templates select, statement by
  // statement; an object with a limit (its delta query has none) runs its Id queries and fetches by Id.
  let firstQueries = reconcileQueries;
  let firstExtraPages = reconcileExtraPages;
  let firstByIdQueries = 0;
  if (object.limit !== undefined) {
    const perQuery = Math.min(object.queries.byIds?.idsPerQuery ?? MAX_IDS_PER_QUERY, MAX_IDS_PER_QUERY);
    firstByIdQueries = Math.ceil((await evaluator.idsOf(object.name)).length / perQuery);
  } else {
    firstQueries = 0;
    firstExtraPages = 0;
    for (const template of object.queries.full) {
      for (const query of await evaluator.bind(object, template)) {
        firstQueries += 1;
        firstExtraPages += pages(await evaluator.rowCount(query, object.name)) - 1;
      }
    }
  }
  let countQueries: number | null = null;
  if (object.queries.count) {
    countQueries = 0;
    for (const template of object.queries.count)
      countQueries += (await evaluator.bind(object, template)).length;
  }
  return {
    name: object.name,
    dependsOn: object.dependsOn,
    syncEveryMinutes: object.syncEveryMinutes,
    reconcileEverySync: object.reconcileEverySync,
    deltaQueries,
    reconcileQueries,
    reconcileExtraPages,
    firstQueries,
    firstExtraPages,
    firstByIdQueries,
    bindsHeldIds: object.queries.ids.some((template) => template.idSource !== undefined),
    countQueries,
  };
}
