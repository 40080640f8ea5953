/**
 * "Why is this record (not) on the device?": for one record Id and one user, which of its object's paths
 * bring it in, which condition of the object's own `where` keeps it out, or whether the object's limit
 * cuts it off. Every answer comes from queries on the org, never from re-implementing SOQL here.
 */

import type { SObjectDescribe } from '../compiler/org-metadata.ts';
import type { FailedCondition, WhyPath, WhyRequest, WhyResponse } from './api-types.ts';
import type { CompiledScope } from './compile-scope.ts';
import { invalidInput } from './errors.ts';
import type { OrgClient } from './org-client.ts';
import { ScopeEvaluator } from './scope-evaluator.ts';
import { sharingReason } from './sharing-reason.ts';
import { loadUserPermissions, readableIds, recordAccessOf } from './user-permissions.ts';
import { isSalesforceId, soqlString, topLevelConjuncts } from './soql-text.ts';

const MAX_VIA = 10;

export async function whyRecord(
  org: OrgClient,
  compiled: CompiledScope,
  request: Pick<WhyRequest, 'userId' | 'recordId' | 'parameters'>,
): Promise<WhyResponse> {
  const { plan, scope } = compiled;
  if (typeof request.userId !== 'string' || !isSalesforceId(request.userId)) {
    throw invalidInput('`userId` must be a 15- or 18-character Salesforce Id (pick a user)');
  }
  if (typeof request.recordId !== 'string' || !isSalesforceId(request.recordId.trim())) {
    throw invalidInput('`recordId` must be a 15- or 18-character Salesforce Id');
  }
  const recordId = to18(request.recordId.trim());
  const base = { recordId, paths: [], failedConditions: [], beyondLimit: false };
  const objectName = await org.objectOfId(recordId);
  if (!objectName) {
    return {
      ...base,
      object: null,
      exists: false,
      recordName: null,
      onDevice: false,
      summary: `No object in the org has the Id prefix ${recordId.slice(0, 3)}.`,
    };
  }
  const describe = await org.describe(objectName);
  const planObject = plan.objects.find((o) => o.name === objectName);
  const nameField = describe ? displayField(describe) : null;
  const pathFields = (planObject?.paths ?? []).flatMap((p) => (p.kind === 'childOf' ? [p.field] : []));
  const fields = [...new Set(['Id', ...(nameField ? [nameField] : []), ...pathFields])];
  const [record] = await org.queryAll(
    `SELECT ${fields.join(', ')} FROM ${objectName} WHERE Id = ${soqlString(recordId)}`,
  );
  const recordName = record && nameField ? ((record[nameField] as string | null) ?? null) : null;
  if (!record) {
    return {
      ...base,
      object: objectName,
      exists: false,
      recordName: null,
      onDevice: false,
      summary: `No ${objectName} with this Id exists in the org (deleted or never created), so no device holds it.`,
    };
  }
  if (!planObject) {
    return {
      ...base,
      object: objectName,
      exists: true,
      recordName,
      onDevice: false,
      summary: `${objectName} is not in the scope "${plan.scopeName}": add it to sync its records.`,
    };
  }

  const user = await loadUserPermissions(org, request.userId, [
    ...new Set([...plan.objects.map((o) => o.name), objectName]),
  ]);
  const evaluator = new ScopeEvaluator(org, plan, {
    userId: request.userId,
    parameters: request.parameters,
    access: recordAccessOf(org, user),
  });
  const onDevice = (await evaluator.idsOf(objectName)).includes(recordId);
  const readable =
    user.access.readsEveryRecord || (await readableIds(org, user.user.id, [recordId])).has(recordId);
  const accessReason = describe ? await sharingReason(org, user, readable, describe, recordId) : null;

  // The object's own filter applies on every path: find the conjuncts the record fails.
  const failedConditions: FailedCondition[] = [];
  const where = scope.objects[objectName]?.where;
  if (where && where.trim() !== '') {
    for (const condition of topLevelConjuncts(where)) {
      const bound = evaluator.bindText(objectName, condition);
      const count = await org.count(
        `SELECT COUNT() FROM ${objectName} WHERE Id = ${soqlString(recordId)} AND (${bound})`,
      );
      if (count === 0)
        failedConditions.push({ condition, path: `/objects/${pointerToken(objectName)}/where` });
    }
  }
  const ownFilterOk = failedConditions.length === 0;

  const paths: WhyPath[] = [];
  for (const path of planObject.paths) {
    if (path.kind === 'root') {
      paths.push({
        label: 'root',
        kind: 'root',
        matches: ownFilterOk,
        via: [],
        ...(ownFilterOk ? {} : { reason: "it does not match the object's filter" }),
      });
      continue;
    }
    const label = `${path.kind} ${path.object}.${path.field}`;
    if (path.kind === 'childOf') {
      const parentId = record[path.field];
      if (typeof parentId !== 'string' || parentId === '') {
        paths.push({ label, kind: 'childOf', matches: false, via: [], reason: `its ${path.field} is empty` });
        continue;
      }
      const parentInScope = (await evaluator.idsOf(path.object)).includes(parentId);
      const reason = !parentInScope
        ? `its ${path.object} ${parentId} is not in scope (ask why for ${parentId})`
        : !ownFilterOk
          ? "its parent is in scope, but it does not match the object's filter"
          : undefined;
      paths.push({
        label,
        kind: 'childOf',
        matches: parentInScope && ownFilterOk,
        via: [parentId],
        ...(reason ? { reason } : {}),
      });
      continue;
    }
    const sourceIds = new Set(await evaluator.idsOf(path.object));
    const pointing = await org.queryAll(
      `SELECT Id FROM ${path.object} WHERE ${path.field} = ${soqlString(recordId)} ORDER BY Id`,
    );
    const inScope = pointing.map((r) => String(r.Id)).filter((id) => sourceIds.has(id));
    const reason =
      inScope.length === 0
        ? pointing.length === 0
          ? `no ${path.object} points at it through ${path.field}`
          : `${pointing.length} ${path.object} record${pointing.length === 1 ? '' : 's'} point at it through ${path.field}, but none is in scope`
        : !ownFilterOk
          ? `in-scope ${path.object} records point at it, but it does not match the object's filter`
          : undefined;
    paths.push({
      label,
      kind: 'referencedBy',
      matches: inScope.length > 0 && ownFilterOk,
      via: inScope.slice(0, MAX_VIA),
      ...(reason ? { reason } : {}),
    });
  }

  const matching = paths.filter((p) => p.matches);
  const beyondLimit = !onDevice && matching.length > 0 && planObject.limit !== undefined;
  const display = recordName ? `${objectName} "${recordName}"` : objectName;
  let summary: string;
  if (onDevice) {
    summary = `On the device: ${display} comes in through ${matching.map((p) => p.label).join(' and ') || 'the scope'}.`;
  } else if (accessReason) {
    summary = `Not on the device: ${display} is ${accessReason}.`;
  } else if (beyondLimit) {
    summary = `Not on the device: ${display} is selected, but beyond the limit of ${planObject.limit} records${planObject.orderBy ? ` by ${planObject.orderBy}` : ''}.`;
  } else if (!ownFilterOk) {
    summary = `Not on the device: ${display} fails ${failedConditions.map((c) => c.condition).join(' and ')}.`;
  } else {
    summary = `Not on the device: ${paths
      .map((p) => p.reason)
      .filter(Boolean)
      .join('; ')}.`;
  }
  return {
    recordId,
    object: objectName,
    exists: true,
    recordName,
    onDevice,
    summary,
    paths,
    failedConditions,
    beyondLimit,
    ...(accessReason ? { accessReason } : {}),
  };
}

/** The field people know a record by. */
function displayField(describe: SObjectDescribe): string | null {
  const names = describe.fields.map((f) => f.name);
  for (const candidate of ['Name', 'CaseNumber', 'WorkOrderNumber', 'LineItemNumber', 'Title', 'Subject']) {
    if (names.includes(candidate)) return candidate;
  }
  return null;
}

function pointerToken(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A 15-character Id as its 18-character form (case-safe suffix); 18-character Ids unchanged. */
export function to18(id: string): string {
  if (id.length !== 15) return id;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const c = id[chunk * 5 + i]!;
      if (c >= 'A' && c <= 'Z') flags |= 1 << i;
    }
    suffix += alphabet[flags];
  }
  return id + suffix;
}
