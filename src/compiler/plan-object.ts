/**
 * One object's plan entry: its fields, the five kinds of query templates (full, delta, ids, by-Id, count)
 * and each path's, the reconciliation reason, the fingerprint and the upload policy.
 */

import type { OrderByClause, WhereClause } from '@jetstreamapp/soql-parser-js';
import { hashText } from './canonical-json.ts';
import type { BuiltObject } from './compile-cache.ts';
import { DiagnosticSink } from './diagnostics.ts';
import type { OrgMetadata } from './org-metadata.ts';
import type { PlanObject, PlanOrderKey, PlanPath, QueryTemplate } from './plan.ts';
import type { TemplateSpec } from './query-templates.ts';
import { buildTemplate, composeCountSoql } from './query-templates.ts';
import { bindCondition, objectScope } from './scope-conditions.ts';
import type { ObjectScope } from './scope-conditions.ts';
import type { ModelObject, ScopeModel } from './scope-model.ts';
import { uploadPolicy } from './upload-policy.ts';
import { andAll, parenthesize } from './where-ast.ts';

/** What the semantic passes found about one object (compile.ts). */
export interface ObjectAnalysis {
  readonly model: ModelObject;
  readonly where?: WhereClause;
  readonly orderBy?: OrderByClause[];
  readonly relativeDates: readonly string[];
  /** Why `queries.count` cannot be emitted for the own `where` (see count-proof.ts). */
  readonly countBlocker?: string;
}

export interface PlanObjectInput {
  readonly model: ScopeModel;
  readonly object: ModelObject;
  readonly analysis: ObjectAnalysis;
  readonly metadata: OrgMetadata | undefined;
  /** Names of the scope's objects. */
  readonly inScope: ReadonlySet<string>;
  readonly dependsOn: readonly string[];
  /** Reference fields other objects' referencedBy paths read from this object. */
  readonly referencedFields: readonly string[];
  /** Scope alternatives of the objects built before this one (its dependencies among them). */
  readonly scopes: ReadonlyMap<string, ObjectScope>;
  /** The fingerprints of `dependsOn`, in order. */
  readonly dependencyFingerprints: readonly string[];
}

export function buildPlanObject(input: PlanObjectInput): BuiltObject {
  const { model, object, analysis, metadata, inScope, dependsOn, scopes } = input;
  const objectSink = new DiagnosticSink();
  const scopeOfObject = objectScope(object, analysis.where, scopes);
  const fields = fieldList([
    'Id',
    model.watermarkField,
    ...object.paths.filter((p) => p.kind === 'childOf').map((p) => p.field),
    ...input.referencedFields,
    ...object.fields.map((f) => f.name),
    ...(object.externalIdField ? [object.externalIdField] : []),
    ...(analysis.orderBy ?? []).map((c) => ('field' in c ? c.field : '')).filter((f) => f !== ''),
  ]);

  const template = (spec: Omit<TemplateSpec, 'object'>, at: string, parse = true): QueryTemplate => {
    const { template: built, problem } = buildTemplate(
      { object: object.name, ...spec },
      model.parameters,
      model.apiVersion,
      parse,
    );
    if (problem) objectSink.add(problem.code, at, problem.message);
    return built;
  };
  const limited = object.limit !== undefined;
  const order: OrderByClause[] | undefined = limited ? withIdLast(analysis.orderBy ?? []) : undefined;
  const deltaOrder: OrderByClause[] = [
    { field: model.watermarkField, order: 'ASC' },
    { field: 'Id', order: 'ASC' },
  ];
  const watermark = bindCondition(model.watermarkField, '>', 'watermark');
  const idFields = fieldList([
    'Id',
    model.watermarkField,
    ...(limited ? (order ?? []).map((c) => ('field' in c ? c.field : 'Id')) : []),
  ]);

  const full: QueryTemplate[] = [];
  const delta: QueryTemplate[] = [];
  const ids: QueryTemplate[] = [];
  const idSpecs: TemplateSpec[] = [];
  for (const alternative of scopeOfObject.alternatives) {
    const idSource = alternative.kind === 'device' ? { idSource: alternative.idSource } : {};
    const at = alternative.path?.pointer ?? object.pointer;
    const where = alternative.where;
    const limitPart = limited ? { orderBy: order, limit: object.limit } : {};
    full.push(template({ fields, ...(where ? { where } : {}), ...limitPart, ...idSource }, at));
    delta.push(
      template(
        {
          fields,
          where: andAll([where ? parenthesize(where) : undefined, watermark]) as WhereClause,
          orderBy: deltaOrder,
          ...idSource,
        },
        at,
      ),
    );
    const idSpec = { fields: idFields, ...(where ? { where } : {}), ...limitPart, ...idSource };
    idSpecs.push({ object: object.name, ...idSpec });
    ids.push(template(idSpec, at));
    if (alternative.kind === 'device')
      objectSink.add(
        'DEVICE_DRIVEN_PATH',
        at,
        `${object.name} is fetched by the Ids of ${alternative.idSource.object}${alternative.idSource.field === 'Id' ? '' : `.${alternative.idSource.field}`} held on the device (in chunks), because ${deviceReason(scopes.get(alternative.path.object), alternative.path.object)}`,
      );
  }
  const paths: PlanPath[] =
    object.paths.length === 0
      ? [{ kind: 'root' }]
      : object.paths
          .filter((p) => inScope.has(p.object))
          .map((p): PlanPath =>
            p.kind === 'childOf'
              ? {
                  kind: 'childOf',
                  object: p.object,
                  field: p.field,
                  byParentIds: template(
                    {
                      fields,
                      where: andAll([
                        bindCondition(p.field, 'IN', 'parentIds'),
                        analysis.where,
                      ]) as WhereClause,
                    },
                    p.pointer,
                  ),
                }
              : {
                  kind: 'referencedBy',
                  object: p.object,
                  field: p.field,
                  byIds: template(
                    {
                      fields,
                      where: andAll([bindCondition('Id', 'IN', 'ids'), analysis.where]) as WhereClause,
                    },
                    p.pointer,
                  ),
                },
          );
  const byIds = template({ fields, where: bindCondition('Id', 'IN', 'ids') }, object.pointer);

  const reasons: string[] = [];
  if (limited) reasons.push(`limit ${object.limit}`);
  if (analysis.relativeDates.length > 0)
    reasons.push(`relative date literal ${analysis.relativeDates.join(', ')}`);
  // Dependents of such an object are not reconciled every sync: the runtime fetches the children of a
  // parent that becomes held and removes those of one that leaves, on the device.
  const reconcileReason = reasons.length > 0 ? reasons.join('; ') : undefined;
  const countable = reasons.length === 0 && analysis.countBlocker === undefined;
  // The Id queries with COUNT() for a select list (never limited here: a limit blocks counting), composed
  // from the same specs; binds, idSource and chunk size stay the Id queries' own.
  const count = countable ? ids.map((t, i) => ({ ...t, soql: composeCountSoql(idSpecs[i]!) })) : undefined;

  const upload = uploadPolicy(object, fields, metadata);
  // The order of the limited queries, parsed, so a device merging their rows needs no SOQL parser.
  const orderKeys =
    limited || object.orderBy !== undefined ? planOrderKeys(withIdLast(analysis.orderBy ?? [])) : undefined;
  // What the device holds for this object depends on exactly these; schedule and upload policy do not.
  const definition = [
    object.name,
    model.watermarkField,
    String(object.limit ?? ''),
    fields.join(','),
    ...paths.map((p) => (p.kind === 'root' ? 'root' : `${p.kind} ${p.object}.${p.field}`)),
    // ids and byIds follow from these fields and the full queries' conditions.
    ...[...full, ...delta].map((t) => t.soql),
    ...input.dependencyFingerprints,
  ].join('\n');
  const planObject: PlanObject = {
    name: object.name,
    fields,
    dependsOn,
    fingerprint: hashText(definition),
    syncEveryMinutes: object.syncEveryMinutes ?? model.syncEveryMinutes,
    upload,
    ...(object.limit !== undefined ? { limit: object.limit } : {}),
    ...(object.orderBy !== undefined ? { orderBy: object.orderBy } : {}),
    ...(orderKeys ? { orderKeys } : {}),
    reconcileEverySync: reconcileReason !== undefined,
    ...(reconcileReason !== undefined ? { reconcileReason } : {}),
    paths,
    queries: { full, delta, ids, byIds, ...(count ? { count } : {}) },
  };
  return { planObject, scope: scopeOfObject, reconcileReason, diagnostics: objectSink.items };
}

function fieldList(names: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const lower = name.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    out.push(name);
  }
  return out;
}

function deviceReason(source: ObjectScope | undefined, name: string): string {
  if (source?.deviceOnly) return `${name} has a limit (the first n by an order is not a SOQL condition)`;
  if (source?.alternatives.some((a) => a.kind === 'device'))
    return `${name} is itself fetched by Ids held on the device`;
  return 'one query cannot express this path within the semi-join rules';
}

/** The admin's order with Id appended as the final key, so pages and limits are stable. */
function withIdLast(order: readonly OrderByClause[]): OrderByClause[] {
  const last = order[order.length - 1];
  if (last && 'field' in last && last.field.toLowerCase() === 'id') return [...order];
  return [...order, { field: 'Id', order: 'ASC' }];
}

/**
 * The order's keys with SOQL's defaults made explicit: ascending unless DESC, and nulls first when
 * ascending, last when descending, unless NULLS FIRST/LAST says otherwise (as Salesforce sorts).
 */
function planOrderKeys(order: readonly OrderByClause[]): PlanOrderKey[] {
  return order.map((clause) => {
    // checkOrderBy admits plain fields only.
    const field = 'field' in clause ? clause.field : 'Id';
    const descending = clause.order === 'DESC';
    return {
      field,
      order: descending ? 'DESC' : 'ASC',
      nulls: clause.nulls ?? (descending ? 'LAST' : 'FIRST'),
    };
  });
}
