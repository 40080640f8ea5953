/**
 * The compiler: scope JSON (+ optional org metadata) -> diagnostics and, when there is no error, a plan.
 * Pure and browser-safe: no I/O, no clock; the same input always gives a byte-identical plan.
 *
 * Stages: shape (Ajv) -> model -> semantic passes (names, fields, paths, SOQL, parameters, cycles)
 * -> per-object plan entries in dependency order (plan-object.ts: scope alternatives, templates, each
 * re-parsed and size-checked), reused from a CompileCache when one is passed.
 */

import type { OrderByClause, WhereClause } from '@jetstreamapp/soql-parser-js';
import { canonicalJson, hashJson } from './canonical-json.ts';
import type { CompileCache } from './compile-cache.ts';
import { countBlocker } from './count-proof.ts';
import type { Diagnostic } from './diagnostics.ts';
import { DiagnosticSink, sortDiagnostics } from './diagnostics.ts';
import { describeObject, findField } from './metadata-lookup.ts';
import type { OrgMetadata } from './org-metadata.ts';
import type { OrgPermissions } from './org-permissions.ts';
import { checkPermissions } from './permission-checks.ts';
import type { PlanObject, SyncPlan } from './plan.ts';
import { PLAN_VERSION } from './plan.ts';
import { buildPlanObject, type ObjectAnalysis } from './plan-object.ts';
import { clearTemplateChecks } from './query-templates.ts';
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

export interface CompileOptions {
  /** Describe-shaped org metadata: lints the scope; changes the plan only by adding createable/updateable fields. */
  readonly metadata?: OrgMetadata;
  /**
   * Plan entries of earlier compiles to reuse (createCompileCache()): an editor compiling on every
   * keystroke passes one. Without it nothing is shared between calls; the plan is the same either way.
   */
  readonly cache?: CompileCache;
  /** Permission sets and the scope's audience: warns about what those users cannot read or edit. */
  readonly permissions?: OrgPermissions;
}

export interface CompileResult {
  /** Present when there is no error diagnostic. */
  readonly plan?: SyncPlan;
  /** Every diagnostic, sorted by path then position. */
  readonly diagnostics: Diagnostic[];
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
  const analyses = new Map<string, ObjectAnalysis>();
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
  const plan = buildPlan(scope, model, analyses, metadata, sink, options.cache);
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

function buildPlan(
  scope: unknown,
  model: ScopeModel,
  analyses: ReadonlyMap<string, ObjectAnalysis>,
  metadata: OrgMetadata | undefined,
  sink: DiagnosticSink,
  cache: CompileCache | undefined,
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
  const keys = new Map<string, number>();
  const settings = cache
    ? JSON.stringify([
        model.watermarkField,
        model.apiVersion,
        model.syncEveryMinutes,
        [...model.parameters.entries()],
        metadata ? cache.metadataId(metadata) : 0,
      ])
    : '';
  for (const object of ordered) {
    const dependsOn = dependenciesOf(object, inScope);
    // Everything this object's plan entry is computed from: its own definition, the scope settings, who
    // references it, and (through their keys) its dependencies. Unchanged objects are reused, so a
    // keystroke recompiles only the edited object and what depends on it.
    const key = cache?.keyId(
      [
        settings,
        JSON.stringify(object),
        referencedFields.get(object.name)?.join(',') ?? '',
        dependsOn.map((d) => keys.get(d)).join(','),
      ].join('\u0001'),
    );
    let built = key === undefined ? undefined : cache?.get(key);
    if (!built) {
      built = buildPlanObject({
        model,
        object,
        analysis: analyses.get(object.name) as ObjectAnalysis,
        metadata,
        inScope,
        dependsOn,
        referencedFields: referencedFields.get(object.name) ?? [],
        scopes,
        dependencyFingerprints: dependsOn.map((d) => planObjects.get(d)?.fingerprint ?? ''),
      });
      if (key !== undefined) cache?.set(key, built);
    }
    if (key !== undefined) keys.set(object.name, key);
    scopes.set(object.name, built.scope);
    planObjects.set(object.name, built.planObject);
    sink.items.push(...built.diagnostics);
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

/** Forgets every cached parse (tests use it to compare with a cold compile; plan entries live in a CompileCache). */
export function clearCompileCaches(): void {
  clearConditionCaches();
  clearTemplateChecks();
}

/** The plan as JSON text, exactly as `syncscope compile -o` writes it. */
export function planToJson(plan: SyncPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export { canonicalJson };
