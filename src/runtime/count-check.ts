/**
 * Reconciliation by count: the plan's `queries.count` instead of re-reading every Id of the scope.
 *
 * Called right after an object's delta and its pending fetches. The compiler emits `queries.count` only
 * when a record can enter the scope solely by a change of its own (the delta fetched it) or by its parent
 * or referencing record becoming held (the pending fetch got it), so at this point every record of the
 * server scope is held with its current values: S ⊆ L. Each bound count statement then has a local set
 * that holds at least the records the server counts, and equal counts prove the two sets equal: no held
 * record of that set has left the scope. Held records in no statement's set are orphans (their parent or
 * referencing record is no longer held) and are swept. Any mismatch leaves everything as it was and the
 * caller runs the Id reconciliation (reconcile.ts), which finds which records left.
 *
 * Local set of a statement:
 * - the only member of the union, without `idSource`: every held record of the object;
 * - a member whose `idSource` is a `childOf` parent (`idSource.field` is `Id`): held records whose
 *   reference field holds one of the chunk's parent Ids;
 * - a member whose `idSource` is a `referencedBy` path: held records whose Id is one of the chunk's Ids.
 * Anything else (several members, one without `idSource`; a source matching no path or several) is not
 * countable.
 */

import type { PlanObject, QueryTemplate, QueryUnion } from '../compiler/plan.ts';
import { boundStatements, chunkedStatements, idSourceIds } from './download-queries.ts';
import { stateOf } from './object-state.ts';
import type { QueryResult } from './salesforce-api.ts';
import { sweepOrphans } from './scope-sweep.ts';
import { countsFor, type SyncContext } from './sync-context.ts';
import { ApiRequestError } from './sync-errors.ts';

/** One bound COUNT() statement and how many held records its local set has. */
export interface CountStatement {
  readonly soql: string;
  readonly local: number;
}

/**
 * Proves the object's held records equal its server scope by counts and, if so, marks it reconciled
 * (orphans swept by `sweepOrphans`, which counts them as removed; `reconciledAt` now, `needsReconcile`
 * and `needsSweep` off, `rereadIds` empty). Returns false, with nothing changed, when the plan has no
 * count for it, the state does not guarantee every in-scope record is held (unfinished delta, pending
 * fetches, records to re-read), or a count differs: then the caller runs the Id reconciliation. A failed
 * count request throws (ApiRequestError), nothing changed.
 */
export async function reconcileByCount(context: SyncContext, object: PlanObject): Promise<boolean> {
  const union = object.queries.count;
  if (!union || union.length === 0) return false;
  const state = stateOf(context, object);
  if (state.watermark === null || state.deltaCursor !== null) return false;
  if ((state.rereadIds?.length ?? 0) > 0) return false;
  if (Object.values(state.pendingIds).some((ids) => ids.length > 0)) return false;
  const statements = countStatements(context, object, union);
  if (!statements) return false;
  const answers = await context.api.batchGet(
    statements.map((statement) => ({
      url: context.api.queryUrl(statement.soql),
      isQuery: true,
      what: `${object.name} count query`,
    })),
  );
  for (const answer of answers) if (answer instanceof ApiRequestError) throw answer;
  const equal = statements.every((statement, i) => (answers[i] as QueryResult).totalSize === statement.local);
  if (!equal) return false;
  const { store } = context;
  const now = context.clock.now();
  // With one member a held record is in at most one local set (chunks are disjoint): when the local
  // counts add up to every held record, none is an orphan, and the sweep, which reads them all, is skipped.
  const local = statements.reduce((n, statement) => n + statement.local, 0);
  const noOrphans = union.length === 1 && local === store.countRecords(object.name);
  store.transaction(() => {
    if (!noOrphans) sweepOrphans(context, object);
    store.putObjectState({
      ...stateOf(context, object),
      reconciledAt: now,
      needsReconcile: false,
      needsSweep: false,
      rereadIds: [],
    });
  });
  countsFor(context, object.name).reconciled = true;
  return true;
}

/**
 * The bound statements of a count union with their local counts, or null when the union is not
 * countable. An `idSource` member binds one statement per chunk of the Ids the device holds for the
 * source (none when it holds none: then its local sets are empty too).
 */
export function countStatements(
  context: SyncContext,
  object: PlanObject,
  union: QueryUnion,
): CountStatement[] | null {
  // Records held through a root path or kept by a limit are in no chunk's local set.
  if (object.limit !== undefined) return null;
  if (union.some((t) => t.idSource) && object.paths.some((path) => path.kind === 'root')) return null;
  const statements: CountStatement[] = [];
  for (const template of union) {
    if (!template.idSource) {
      if (union.length !== 1) return null;
      const local = context.store.countRecords(object.name);
      for (const soql of boundStatements(context, template)) statements.push({ soql, local });
      continue;
    }
    const localCount = localCounter(context, object, template.idSource);
    if (!localCount) return null;
    for (const chunk of chunkedStatements(context, template, idSourceIds(context, template.idSource)))
      statements.push({ soql: chunk.soql, local: localCount(chunk.ids) });
  }
  return statements;
}

/** Counts the held records in the local set of a chunk of an `idSource` member, or null if unknown. */
function localCounter(
  context: SyncContext,
  object: PlanObject,
  idSource: NonNullable<QueryTemplate['idSource']>,
): ((ids: readonly string[]) => number) | null {
  const paths = object.paths.filter((path) =>
    path.kind === 'childOf'
      ? idSource.field === 'Id' && path.object === idSource.object
      : path.kind === 'referencedBy' && path.object === idSource.object && path.field === idSource.field,
  );
  // Two childOf paths to one parent object would bind the same Ids into different reference fields.
  if (paths.length !== 1) return null;
  const path = paths[0]!;
  const { store } = context;
  if (path.kind === 'childOf') {
    const perParent = new Map<string, number>();
    for (const parentId of store.listStringValues(object.name, path.field))
      perParent.set(parentId, (perParent.get(parentId) ?? 0) + 1);
    return (ids) => ids.reduce((n, id) => n + (perParent.get(id) ?? 0), 0);
  }
  const held = new Set(store.listRecordIds(object.name));
  return (ids) => ids.reduce((n, id) => n + (held.has(id) ? 1 : 0), 0);
}
