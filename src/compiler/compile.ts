/**
 * The compiler: scope JSON (+ optional org metadata) -> diagnostics and, when there is no error, a plan.
 * Pure and browser-safe: no I/O, no clock; the same input always gives a byte-identical plan.
 *
 * Stages: shape (Ajv) -> model -> semantic passes (names, fields, paths, SOQL, parameters, cycles)
 * -> per-object scope alternatives in dependency order -> templates, each re-parsed and size-checked.
 */

import type { OrderByClause, WhereClause } from '@jetstreamapp/soql-parser-js';
import { canonicalJson, hashJson, hashText } from './canonical-json.ts';
import { countBlocker } from './count-proof.ts';
import type { Diagnostic } from './diagnostics.ts';
import { DiagnosticSink, sortDiagnostics } from './diagnostics.ts';
import { describeObject, findField } from './metadata-lookup.ts';
import type { OrgMetadata } from './org-metadata.ts';
import type { OrgPermissions } from './org-permissions.ts';
import { checkPermissions } from './permission-checks.ts';
import type { PlanFieldType, PlanObject, PlanPath, QueryTemplate, SyncPlan, UploadPolicy } from './plan.ts';
import { PLAN_VERSION } from './plan.ts';
import type { TemplateSpec } from './query-templates.ts';
import { buildTemplate, clearTemplateChecks } from './query-templates.ts';
import { bindCondition, objectScope } from './scope-conditions.ts';
import type { ObjectScope } from './scope-conditions.ts';
import {
  BIG_OBJECT_RECORDS,
  checkFields,
  checkObjectInOrg,
  checkObjectNames,
  checkOrderBy,
  checkParameters,
  checkPaths,
  checkUploadPolicy,
} from './scope-checks.ts';
import { checkCycles, dependenciesOf, dependencyOrder } from './scope-graph.ts';
import type { ModelObject, ScopeModel } from './scope-model.ts';
import { buildScopeModel } from './scope-model.ts';
import { checkScopeShape } from './scope-shape.ts';
import { clearConditionCaches, parseOrderBy, parseWhere } from './soql-condition.ts';
import { checkWhere } from './where-checks.ts';
import { andAll, parenthesize } from './where-ast.ts';

export interface CompileOptions {
  /** Describe-shaped org metadata: lints the scope; changes the plan only by adding createable/updateable fields. */
  readonly metadata?: OrgMetadata;
  /** Permission sets and the scope's audience: warns about what those users cannot read or edit. */
  readonly permissions?: OrgPermissions;
}

export interface CompileResult {
  /** Present when there is no error diagnostic. */
  readonly plan?: SyncPlan;
  /** Every diagnostic, sorted by path then position. */
  readonly diagnostics: Diagnostic[];
}

interface Analysis {
  readonly model: ModelObject;
  readonly where?: WhereClause;
  readonly orderBy?: OrderByClause[];
  readonly relativeDates: readonly string[];
  /** Why `queries.count` cannot be emitted for the own `where` (see count-proof.ts). */
  readonly countBlocker?: string;
}

export function compile(scope: unknown, options: CompileOptions = {}): CompileResult {
  try {
    return compileOrThrow(scope, options);
  } catch (error) {
    // A bug must not take down the editor that compiles on every keystroke: report it like any problem.
    const message = error instanceof Error ? error.message : String(error);
    return {
      diagnostics: [
        {
          code: 'INTERNAL_ERROR',
          severity: 'error',
          path: '',
          message: `the compiler failed: ${message} (please report this scope)`,
        },
      ],
    };
  }
}

function compileOrThrow(scope: unknown, options: CompileOptions): CompileResult {
  const sink = new DiagnosticSink();
  const metadata = options.metadata;
  checkScopeShape(scope, sink);
  const model = buildScopeModel(scope);

  checkObjectNames(model, sink);
  const usedParameters = new Set<string>();
  const analyses = new Map<string, Analysis>();
  const names = new Set(model.objects.map((o) => o.name));
  for (const object of model.objects) {
    const known = metadata ? checkObjectInOrg(object, metadata, sink) : true;
    const objectMetadata = known ? metadata : undefined;
    checkFields(object, objectMetadata, sink);
    checkPaths(names, object, metadata, sink);
    checkUploadPolicy(object, sink);
    let where: WhereClause | undefined;
    let relativeDates: readonly string[] = [];
    if (object.where !== undefined) {
      const at = `${object.pointer}/where`;
      const parsed = parseWhere(object.where, at, sink);
      if (parsed) {
        const facts = checkWhere(object.name, parsed, at, model.parameters, objectMetadata, sink);
        facts.parameters.forEach((p) => usedParameters.add(p));
        relativeDates = facts.relativeDates;
        where = parsed.where;
        if (facts.relativeDates.length > 0)
          sink.add(
            'TIME_DEPENDENT_FILTER',
            at,
            `${facts.relativeDates.join(', ')} makes the scope change with time: records enter and leave without being modified, so ${object.name} is reconciled (an Id query of its whole scope) on every sync`,
            positionOf(parsed.tokens, facts.relativeDates[0] as string),
          );
      }
    }
    let orderBy: OrderByClause[] | undefined;
    if (object.orderBy !== undefined) {
      const parsed = parseOrderBy(object.orderBy, `${object.pointer}/orderBy`, sink);
      if (parsed) orderBy = checkOrderBy(object, parsed, objectMetadata, sink);
    }
    const blocker = countBlocker(object.name, where, objectMetadata);
    analyses.set(object.name, {
      model: object,
      ...(blocker ? { countBlocker: blocker } : {}),
      ...(where ? { where } : {}),
      ...(orderBy ? { orderBy } : {}),
      relativeDates,
    });
    costWarnings(model, object, objectMetadata, sink);
  }
  checkParameters(model, usedParameters, sink);
  if (options.permissions) checkPermissions(model, metadata, options.permissions, sink);
  const acyclic = checkCycles(model.objects, sink);

  if (sink.hasErrors() || !acyclic) return { diagnostics: sortDiagnostics(sink.items) };
  const plan = buildPlan(scope, model, analyses, metadata, sink);
  const diagnostics = sortDiagnostics(sink.items);
  return sink.hasErrors() ? { diagnostics } : { plan, diagnostics };
}

function positionOf(
  tokens: readonly { text: string; start: number; end: number }[],
  text: string,
): { start: number; end: number } | undefined {
  const token = tokens.find((t) => t.text === text);
  return token ? { start: token.start, end: token.end } : undefined;
}

function costWarnings(
  model: ScopeModel,
  object: ModelObject,
  metadata: OrgMetadata | undefined,
  sink: DiagnosticSink,
): void {
  const describe = metadata ? describeObject(metadata, object.name) : undefined;
  const count = describe?.recordCount;
  const root = object.paths.length === 0 && !object.declaresPaths;
  if (root && object.where === undefined && object.limit === undefined && !object.whereGiven) {
    sink.add(
      'UNFILTERED_ROOT',
      object.pointer,
      `${object.name} has no where, limit or path, so every record${count !== undefined ? ` (about ${count.toLocaleString('en-US')})` : ''} goes to every device: add a condition or a limit`,
    );
  }
  const limitInRange = object.limit !== undefined && object.limit >= 1 && object.limit <= 50_000;
  if (limitInRange && object.orderBy === undefined)
    sink.add(
      'LIMIT_WITHOUT_ORDER_BY',
      `${object.pointer}/limit`,
      `without orderBy, which ${object.limit} records are kept is arbitrary (the compiler orders by Id): add an orderBy`,
    );
  if (object.orderBy !== undefined && object.limit === undefined)
    sink.add(
      'ORDER_BY_WITHOUT_LIMIT',
      `${object.pointer}/orderBy`,
      'orderBy without a limit only sets the order devices list records in',
    );
  if (limitInRange && object.paths.length > 1)
    sink.add(
      'LIMIT_ACROSS_PATHS',
      `${object.pointer}/limit`,
      `the limit applies to the union of ${object.paths.length} paths: each query is cut at ${object.limit} and the device keeps the first ${object.limit} of the merged result`,
    );
  // Objects reached through paths filter on an indexed reference first; roots may scan the table.
  if (root && describe && count !== undefined && count >= BIG_OBJECT_RECORDS) {
    const field = findField(describe, model.watermarkField);
    if (field && field.indexed === false)
      sink.add(
        'UNINDEXED_WATERMARK',
        model.watermarkFieldGiven ? '/watermarkField' : object.pointer,
        `${object.name} has about ${count.toLocaleString('en-US')} records and ${model.watermarkField} is not indexed, so every delta query scans the table: use "watermarkField": "SystemModstamp"`,
      );
  }
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

function buildPlan(
  scope: unknown,
  model: ScopeModel,
  analyses: ReadonlyMap<string, Analysis>,
  metadata: OrgMetadata | undefined,
  sink: DiagnosticSink,
): SyncPlan {
  const inScope = new Set(model.objects.map((o) => o.name));
  const ordered = dependencyOrder(model.objects);
  // Reference fields other objects' referencedBy paths read from each object.
  const referencedFields = new Map<string, string[]>();
  for (const object of ordered)
    for (const path of object.paths)
      if (path.kind === 'referencedBy')
        referencedFields.set(path.object, [...(referencedFields.get(path.object) ?? []), path.field]);

  const scopes = new Map<string, ObjectScope>();
  const planObjects = new Map<string, PlanObject>();
  const reconcileReasons = new Map<string, string>();
  const keys = new Map<string, number>();
  const settings = JSON.stringify([
    model.watermarkField,
    model.apiVersion,
    model.syncEveryMinutes,
    [...model.parameters.entries()],
    metadata ? metadataId(metadata) : 0,
  ]);
  for (const object of ordered) {
    const dependsOn = dependenciesOf(object, inScope);
    // Everything this object's plan entry is computed from: its own definition, the scope settings, who
    // references it, and (through their keys) its dependencies. Unchanged objects are reused, so a
    // keystroke recompiles only the edited object and what depends on it.
    const key = internKey(
      [
        settings,
        JSON.stringify(object),
        referencedFields.get(object.name)?.join(',') ?? '',
        dependsOn.map((d) => keys.get(d)).join(','),
      ].join('\u0001'),
    );
    keys.set(object.name, key);
    const cached = builtObjects.get(key);
    if (cached) {
      scopes.set(object.name, cached.scope);
      planObjects.set(object.name, cached.planObject);
      if (cached.reconcileReason !== undefined) reconcileReasons.set(object.name, cached.reconcileReason);
      sink.items.push(...cached.diagnostics);
      continue;
    }
    const objectSink = new DiagnosticSink();
    const analysis = analyses.get(object.name) as Analysis;
    const scopeOfObject = objectScope(object, analysis.where, scopes);
    scopes.set(object.name, scopeOfObject);
    const fields = fieldList([
      'Id',
      model.watermarkField,
      ...object.paths.filter((p) => p.kind === 'childOf').map((p) => p.field),
      ...(referencedFields.get(object.name) ?? []),
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
      ids.push(template({ fields: idFields, ...(where ? { where } : {}), ...limitPart, ...idSource }, at));
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
    if (reasons.length > 0) reconcileReasons.set(object.name, reasons.join('; '));
    const countable = reasons.length === 0 && analysis.countBlocker === undefined;
    // The Id queries with COUNT() for a select list (never limited here: a limit blocks counting).
    const count = countable
      ? ids.map((t) => ({ ...t, soql: t.soql.replace(/^SELECT .+? FROM /, 'SELECT COUNT() FROM ') }))
      : undefined;

    const upload = uploadPolicy(object, fields, metadata);
    // What the device holds for this object depends on exactly these; schedule and upload policy do not.
    const definition = [
      object.name,
      model.watermarkField,
      String(object.limit ?? ''),
      fields.join(','),
      ...paths.map((p) => (p.kind === 'root' ? 'root' : `${p.kind} ${p.object}.${p.field}`)),
      // ids and byIds follow from these fields and the full queries' conditions.
      ...[...full, ...delta].map((t) => t.soql),
      ...dependsOn.map((d) => planObjects.get(d)?.fingerprint ?? ''),
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
      reconcileEverySync: reasons.length > 0,
      ...(reasons.length > 0 ? { reconcileReason: reasons.join('; ') } : {}),
      paths,
      queries: { full, delta, ids, byIds, ...(count ? { count } : {}) },
    };
    planObjects.set(object.name, planObject);
    if (builtObjects.size >= MAX_CACHED_OBJECTS) builtObjects.clear();
    // Shared by later compiles: frozen so no caller can change a cached entry.
    deepFreeze(planObject);
    objectSink.items.forEach(deepFreeze);
    builtObjects.set(key, {
      planObject,
      scope: scopeOfObject,
      reconcileReason: reconcileReasons.get(object.name),
      diagnostics: objectSink.items,
    });
    sink.items.push(...objectSink.items);
  }

  const { $schema: _editorHint, ...hashed } = (scope ?? {}) as Record<string, unknown>;
  return {
    planVersion: PLAN_VERSION,
    scopeName: model.name,
    scopeHash: hashJson(hashed),
    apiVersion: model.apiVersion,
    watermarkField: model.watermarkField,
    overlapSeconds: model.overlapSeconds,
    syncEveryMinutes: model.syncEveryMinutes,
    parameters: Object.fromEntries(
      [...model.parameters.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
    objects: ordered.map((o) => planObjects.get(o.name) as PlanObject),
  };
}

/** Plan entries by their inputs' key (see buildPlan), shared by every compile in this process or page. */
interface BuiltObject {
  readonly planObject: PlanObject;
  readonly scope: ObjectScope;
  readonly reconcileReason: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
}
const MAX_CACHED_OBJECTS = 20_000;
const builtObjects = new Map<number, BuiltObject>();
const keyIds = new Map<string, number>();
const metadataIds = new WeakMap<OrgMetadata, number>();
let nextId = 1;

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

function internKey(key: string): number {
  let id = keyIds.get(key);
  if (id === undefined) {
    if (keyIds.size >= MAX_CACHED_OBJECTS) {
      keyIds.clear();
      builtObjects.clear();
    }
    id = nextId++;
    keyIds.set(key, id);
  }
  return id;
}

function metadataId(metadata: OrgMetadata): number {
  let id = metadataIds.get(metadata);
  if (id === undefined) {
    id = nextId++;
    metadataIds.set(metadata, id);
  }
  return id;
}

/** Forgets every cached parse and plan entry (tests use it to compare with a cold compile). */
export function clearCompileCaches(): void {
  builtObjects.clear();
  keyIds.clear();
  clearConditionCaches();
  clearTemplateChecks();
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

/** Field types whose values are text of a bounded length. */
const STRING_LIKE = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist']);

function uploadPolicy(
  object: ModelObject,
  fields: readonly string[],
  metadata: OrgMetadata | undefined,
): UploadPolicy {
  if (object.access !== 'readWrite') return { access: 'read' };
  const describe = metadata ? describeObject(metadata, object.name) : undefined;
  const pick = (flag: 'createable' | 'updateable'): string[] | undefined =>
    describe ? fields.filter((f) => findField(describe, f)?.[flag] === true) : undefined;
  const createableFields = pick('createable');
  const updateableFields = pick('updateable');
  let fieldTypes: Record<string, PlanFieldType> | undefined;
  if (describe) {
    fieldTypes = {};
    for (const name of new Set([...(createableFields ?? []), ...(updateableFields ?? [])])) {
      const field = findField(describe, name)!;
      const values = field.picklistValues?.filter((v) => v.active).map((v) => v.value);
      fieldTypes[name] = {
        type: field.type,
        ...(STRING_LIKE.has(field.type) && field.length > 0 ? { length: field.length } : {}),
        ...(values && values.length > 0 ? { values } : {}),
      };
    }
  }
  return {
    access: 'readWrite',
    conflict: object.conflict ?? 'clientWins',
    ...(createableFields ? { createableFields } : {}),
    ...(updateableFields ? { updateableFields } : {}),
    ...(object.externalIdField ? { externalIdField: object.externalIdField } : {}),
    ...(fieldTypes ? { fieldTypes } : {}),
  };
}

/** The plan as JSON text, exactly as `syncscope compile -o` writes it. */
export function planToJson(plan: SyncPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export { canonicalJson };
