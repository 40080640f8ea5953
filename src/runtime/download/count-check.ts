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
 *
 * A record entering the scope on the server between the delta and the count breaks S ⊆ L for that
 * moment: alone it makes a count differ (the Id reconciliation runs); with a ghost in the same statement
 * the two cancel out, and the ghost stays until the next sync, whose delta fetches the newcomer.
 */

import type { PlanObject, PlanPath, QueryTemplate, QueryUnion } from '../../compiler/plan.ts';
import { boundStatements, chunkedStatements, idSourceIds } from './download-queries.ts';
import { stateOf, updateObjectState } from './object-state.ts';
import type { QueryResult } from '../salesforce-api.ts';
import { sweepOrphans } from './scope-sweep.ts';
import type { SyncContext } from '../sync-context.ts';
import { countsFor } from '../sync-tallies.ts';
import { ApiRequestError } from '../sync-errors.ts';

/** One bound COUNT() statement of a union member (one per Id chunk for an `idSource` member). */
export interface CountStatement {
  readonly soql: string;
  /** The chunk's Ids (`idSource` members). */
  readonly ids?: readonly string[];
}

/** A member of the count union, bound, with what its statements' local sets are. */
export interface CountMember {
  readonly statements: readonly CountStatement[];
  /**
   * `all`: the only member, its local set every held record; `childOf`: held records whose `field` holds
   * one of the chunk's Ids; `referencedBy`: held records whose Id is one of the chunk's Ids.
   */
  readonly kind: 'all' | 'childOf' | 'referencedBy';
  readonly field?: string;
}

/** An object's count statements, bound once its delta and pending fetches are done. */
export interface CountCheck {
  readonly object: PlanObject;
  readonly members: readonly CountMember[];
  /** For `context.api.batchGet`, in statement order (several objects' checks may share the calls). */
  readonly requests: readonly { url: string; isQuery: true; what: string }[];
  /** The object's `needsReconcile` when bound: a flag raised later is not answered by these counts. */
  readonly neededReconcile: boolean;
}

/**
 * Proves the object's held records equal its server scope by counts and, if so, marks it reconciled
 * (orphans swept by `sweepOrphans`, which counts them as removed; `reconciledAt` now, `needsReconcile`
 * off, `rereadIds` empty). Returns false, with nothing changed, when the plan has no
 * count for it, the state does not guarantee every in-scope record is held (unfinished delta, pending
 * fetches, records to re-read), or a count differs: then the caller runs the Id reconciliation. A failed
 * count request throws (ApiRequestError), nothing changed.
 */
export async function reconcileByCount(context: SyncContext, object: PlanObject): Promise<boolean> {
  const check = prepareCountCheck(context, object);
  if (!check) return false;
  return settleCountCheck(context, check, await context.api.batchGet(check.requests));
}

/**
 * The first half of `reconcileByCount`: the bound count statements, or null when the object cannot be
 * reconciled by count now (then the caller runs the Id reconciliation). Reads the store only.
 */
export function prepareCountCheck(context: SyncContext, object: PlanObject): CountCheck | null {
  const union = object.queries.count;
  if (!union || union.length === 0) return null;
  const state = stateOf(context, object);
  if (state.watermark === null || state.deltaCursor !== null) return null;
  if ((state.rereadIds?.length ?? 0) > 0) return null;
  if (Object.values(state.pendingIds).some((ids) => ids.length > 0)) return null;
  const members = countMembers(context, object, union);
  if (!members) return null;
  const requests = members.flatMap((member) =>
    member.statements.map((statement) => ({
      url: context.api.queryUrl(statement.soql),
      isQuery: true as const,
      what: `${object.name} count query`,
    })),
  );
  return { object, members, requests, neededReconcile: state.needsReconcile };
}

/**
 * The second half: the answers to `check.requests` (as `batchGet` gives them) compared with the device.
 * True when equal (the object is marked reconciled); false when a count differs, nothing changed. Must
 * run before anything else changes the object's records. Throws the first failed answer's error.
 *
 * The counts speak of the parents and referencing records held when the check was prepared. If some
 * left since (another object's check swept them), the flag they raised stays: `needsSweep` is only
 * cleared by a sweep, and a `needsReconcile` raised after the check was prepared is kept.
 */
export function settleCountCheck(
  context: SyncContext,
  check: CountCheck,
  answers: readonly unknown[],
): boolean {
  const { object, members } = check;
  for (const answer of answers) if (answer instanceof ApiRequestError) throw answer;
  const server = answers.map((answer) => (answer as QueryResult).totalSize);
  const verdict = compare(context, object, members, server);
  if (verdict === 'differs') return false;
  const { store } = context;
  const now = context.clock.now();
  store.transaction(() => {
    if (verdict === 'equalWithOrphans') sweepOrphans(context, object);
    updateObjectState(context, object, (state) => ({
      reconciledAt: now,
      needsReconcile: state.needsReconcile && !check.neededReconcile,
      rereadIds: [],
    }));
  });
  countsFor(context, object.name).reconciled = true;
  return true;
}

type Verdict = 'differs' | 'equal' | 'equalWithOrphans';

/**
 * Compares the server's counts (in statement order) with the local sets. Each statement's local set holds
 * at least what the server counts (S ⊆ L), and one member's local sets are disjoint (distinct Ids per
 * chunk, one value per record). So a member whose server counts add up to every held record is equal on
 * every statement and reaches every held record: no orphan, and its local sets need not be counted (the
 * usual case, where counting would read a field of every record). Other members' local sets are counted.
 */
function compare(
  context: SyncContext,
  object: PlanObject,
  members: readonly CountMember[],
  server: readonly number[],
): Verdict {
  const held = context.store.countRecords(object.name);
  const sums: number[] = [];
  let index = 0;
  for (const member of members) {
    sums.push(server.slice(index, index + member.statements.length).reduce((a, b) => a + b, 0));
    index += member.statements.length;
  }
  const covering = sums.indexOf(held);
  const local = new LocalSets(context, object);
  index = 0;
  for (const [m, member] of members.entries()) {
    if (m !== covering)
      for (const [k, statement] of member.statements.entries())
        if (local.count(member, statement) !== server[index + k]) return 'differs';
    index += member.statements.length;
  }
  if (covering >= 0) return 'equal';
  // Every statement is equal: each member's local sets add up to its server counts.
  return orphansPossible(context, object, members, sums, held) ? 'equalWithOrphans' : 'equal';
}

/** Counts the held records in a statement's local set, reading each field of the object once. */
class LocalSets {
  readonly #perParent = new Map<string, Map<string, number>>();
  #heldIds: Set<string> | undefined;

  constructor(
    private readonly context: SyncContext,
    private readonly object: PlanObject,
  ) {}

  count(member: CountMember, statement: CountStatement): number {
    const { store } = this.context;
    const name = this.object.name;
    if (member.kind === 'all') return store.countRecords(name);
    if (member.kind === 'childOf') {
      let perParent = this.#perParent.get(member.field!);
      if (!perParent) {
        perParent = new Map();
        for (const parentId of store.listStringValues(name, member.field!))
          perParent.set(parentId, (perParent.get(parentId) ?? 0) + 1);
        this.#perParent.set(member.field!, perParent);
      }
      const counts = perParent;
      return statement.ids!.reduce((n, id) => n + (counts.get(id) ?? 0), 0);
    }
    const held = (this.#heldIds ??= new Set(store.listRecordIds(name)));
    return statement.ids!.reduce((n, id) => n + (held.has(id) ? 1 : 0), 0);
  }
}

/**
 * Whether some held record may be in no statement's local set (then the sweep reads them all), given
 * each member's local set sizes. With a union of at most one `childOf` member, records reached by a
 * `referencedBy` chunk but not by the `childOf` member are looked up one by one (referenced records are
 * few); any other union is swept.
 */
function orphansPossible(
  context: SyncContext,
  object: PlanObject,
  members: readonly CountMember[],
  sizes: readonly number[],
  held: number,
): boolean {
  if (members.length === 1) return true;
  const children = members.filter((member) => member.kind === 'childOf');
  if (children.length > 1 || members.some((member) => member.kind === 'all')) return true;
  const child = children[0];
  let covered = child ? sizes[members.indexOf(child)]! : 0;
  const parents = new Set(child?.statements.flatMap((statement) => statement.ids!) ?? []);
  const seen = new Set<string>();
  for (const member of members)
    if (member.kind === 'referencedBy')
      for (const id of member.statements.flatMap((statement) => statement.ids!)) {
        if (seen.has(id)) continue;
        seen.add(id);
        const record = context.store.getRecord(object.name, id);
        if (!record) continue;
        const parent = child ? record[child.field!] : undefined;
        if (typeof parent !== 'string' || !parents.has(parent)) covered += 1;
      }
  return covered !== held;
}

/**
 * The count union bound into statements, per member, or null when it is not countable. An `idSource`
 * member binds one statement per chunk of the Ids the device holds for the source (none when it holds
 * none: then its local sets are empty too).
 */
export function countMembers(
  context: SyncContext,
  object: PlanObject,
  union: QueryUnion,
): CountMember[] | null {
  // Records held through a root path or kept by a limit are in no chunk's local set.
  if (object.limit !== undefined) return null;
  if (union.some((t) => t.idSource) && object.paths.some((path) => path.kind === 'root')) return null;
  const members: CountMember[] = [];
  for (const template of union) {
    if (!template.idSource) {
      if (union.length !== 1) return null;
      const statements = boundStatements(context, template).map((soql) => ({ soql }));
      members.push({ kind: 'all', statements });
      continue;
    }
    const path = pathOf(object, template.idSource);
    if (!path) return null;
    const ids = idSourceIds(context, template.idSource);
    const statements = chunkedStatements(context, template, ids).map((chunk) => ({
      soql: chunk.soql,
      ids: chunk.ids,
    }));
    members.push({ kind: path.kind, field: path.field, statements });
  }
  return members;
}

/** The path an `idSource` member follows, or undefined when no path or several match it. */
function pathOf(
  object: PlanObject,
  idSource: NonNullable<QueryTemplate['idSource']>,
): Extract<PlanPath, { kind: 'childOf' | 'referencedBy' }> | undefined {
  const paths = object.paths.filter(
    (path): path is Extract<PlanPath, { kind: 'childOf' | 'referencedBy' }> =>
      path.kind === 'childOf'
        ? idSource.field === 'Id' && path.object === idSource.object
        : path.kind === 'referencedBy' && path.object === idSource.object && path.field === idSource.field,
  );
  // Two childOf paths to one parent object would bind the same Ids into different reference fields.
  return paths.length === 1 ? paths[0] : undefined;
}
