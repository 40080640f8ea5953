/**
 * How each object's records in scope are expressed as queries. A path contributes one query per way its
 * source object's scope can be written as a condition (a union). Every server-side alternative carries two
 * equivalent forms of its condition:
 *
 *   where: the readable form, which may hold semi-joins (`WorkOrderId IN (SELECT Id FROM WorkOrder WHERE ...)`)
 *   flat:  the same without semi-joins, read through relationships (`WorkOrder.OwnerId = :userId`), when one
 *          exists; a semi-join on this object may only wrap a flat condition (Salesforce forbids nesting).
 *
 * Per path, the first that applies:
 *   1. a semi-join on the source's flat condition:
 *        childOf:      `WorkOrderId IN (SELECT Id FROM WorkOrder WHERE <flat>)`
 *        referencedBy: `Id IN (SELECT AccountId FROM WorkOrder WHERE <flat>)`
 *   2. childOf only: the source's readable condition read through the relationship, where its semi-joins
 *      stand on the parent's Id (`Id IN (...)` on Account becomes `AccountId IN (...)` on Contact);
 *   3. the device's own Ids: `WorkOrderId IN :parentIds` / `Id IN :ids`, bound in chunks from the records the
 *      device holds (always right, since objects sync after the objects they depend on).
 * A source with a `limit` is always case 3: "the first n by an order" is not a SOQL condition.
 */

import type { ValueQueryCondition, WhereClause } from '@jetstreamapp/soql-parser-js';
import {
  andAll,
  countSemiJoins,
  isSemiJoin,
  leavesOf,
  relationshipDepth,
  throughRelationship,
  whereOf,
} from './where-ast.ts';
import type { ModelObject, ModelPath } from './scope-model.ts';
import { conventionalRelationshipName } from './scope-model.ts';

/** A condition that may be absent (`undefined` = every record), wrapped so "no form" can be told apart. */
export interface Condition {
  readonly where: WhereClause | undefined;
}

/** One query's worth of an object's scope: its full condition on the object. */
export type ScopeAlternative =
  | {
      readonly kind: 'server';
      readonly where: WhereClause | undefined;
      /** The semi-join-free equivalent, when there is one. */
      readonly flat: Condition | undefined;
      readonly path: ModelPath | undefined;
    }
  | {
      readonly kind: 'device';
      readonly where: WhereClause;
      readonly path: ModelPath;
      readonly idSource: { readonly object: string; readonly field: string };
    };

export interface ObjectScope {
  readonly alternatives: readonly ScopeAlternative[];
  /** True when dependents must use the device's Ids (a limit makes the scope inexpressible). */
  readonly deviceOnly: boolean;
}

/** Salesforce: at most 2 semi-joins per WHERE; 5 levels of child-to-parent relationships. */
const MAX_SEMI_JOINS = 2;
const MAX_RELATIONSHIP_DEPTH = 5;
/** Beyond this many queries for one path, the device's Ids are cheaper than the union. */
const MAX_QUERIES_PER_PATH = 4;
const NOT_IN_SEMI_JOIN = new Set(['task', 'event', 'note', 'attachment', 'activityhistory', 'openactivity']);
/**
 * Standard polymorphic reference fields: their relationship (What, Who, Owner...) exposes only a few common
 * fields, so a parent's condition cannot be read through it. The plan must not depend on org metadata, so
 * this is a fixed list.
 */
const POLYMORPHIC_FIELDS = new Set([
  'whatid',
  'whoid',
  'ownerid',
  'relatedtoid',
  'linkedentityid',
  'parentid',
]);

function semiJoin(
  field: string,
  object: string,
  selected: string,
  where: WhereClause | undefined,
): WhereClause {
  const condition: ValueQueryCondition = {
    field,
    operator: 'IN',
    literalType: 'SUBQUERY',
    valueQuery: {
      fields: [{ type: 'Field', field: selected }],
      sObject: object,
      ...(where ? { where } : {}),
    },
  };
  return whereOf(condition);
}

export function bindCondition(field: string, operator: 'IN' | '>', placeholder: string): WhereClause {
  return whereOf({ field, operator, literalType: 'APEX_BIND_VARIABLE', value: placeholder });
}

function notNull(field: string): WhereClause {
  return whereOf({ field, operator: '!=', literalType: 'NULL', value: 'NULL' });
}

export function relationshipNameOf(path: ModelPath): string {
  return path.relationshipName ?? conventionalRelationshipName(path.field) ?? path.field;
}

function deviceAlternative(path: ModelPath, own: WhereClause | undefined): ScopeAlternative {
  return path.kind === 'childOf'
    ? {
        kind: 'device',
        where: andAll([bindCondition(path.field, 'IN', 'parentIds'), own]) as WhereClause,
        path,
        idSource: { object: path.object, field: 'Id' },
      }
    : {
        kind: 'device',
        where: andAll([bindCondition('Id', 'IN', 'ids'), own]) as WhereClause,
        path,
        idSource: { object: path.object, field: path.field },
      };
}

/**
 * A parent's condition read from the child through `path` (childOf), with `field != NULL` unless a
 * semi-join on the field already implies it (`Parent.Status != 'Closed'` is true when there is no parent).
 */
function readThrough(path: ModelPath, source: WhereClause | undefined): WhereClause | undefined {
  if (POLYMORPHIC_FIELDS.has(path.field.toLowerCase())) return undefined;
  if (!source) return notNull(path.field);
  const rewritten = throughRelationship(source, relationshipNameOf(path), path.field);
  if (!rewritten || relationshipDepth(rewritten) > MAX_RELATIONSHIP_DEPTH) return undefined;
  const implied = leavesOf(rewritten).some(
    ({ leaf, underOr, underNot }) => isSemiJoin(leaf) && !underOr && !underNot && leaf.field === path.field,
  );
  return implied ? rewritten : andAll([notNull(path.field), rewritten]);
}

/** The alternative for `object` reached through `path` from one server-side alternative of its source. */
function throughPath(
  object: string,
  path: ModelPath,
  source: Extract<ScopeAlternative, { kind: 'server' }>,
  own: WhereClause | undefined,
): ScopeAlternative | undefined {
  const semiJoinAllowed =
    path.object !== object && !NOT_IN_SEMI_JOIN.has(path.object.toLowerCase()) && source.flat !== undefined;
  const ownFlat = countSemiJoins(own) === 0;
  let where: WhereClause | undefined;
  let flat: Condition | undefined;
  if (path.kind === 'childOf') {
    const viaRelationship = source.flat ? readThrough(path, source.flat.where) : undefined;
    if (semiJoinAllowed) where = andAll([semiJoin(path.field, path.object, 'Id', source.flat?.where), own]);
    else {
      const readable = readThrough(path, source.where);
      where = readable ? andAll([readable, own]) : undefined;
    }
    if (viaRelationship && ownFlat) flat = { where: andAll([viaRelationship, own]) };
  } else if (semiJoinAllowed) {
    where = andAll([semiJoin('Id', path.object, path.field, source.flat?.where), own]);
  }
  if (!where || countSemiJoins(where) > MAX_SEMI_JOINS) return undefined;
  return { kind: 'server', where, flat, path };
}

/** Computes an object's alternatives from its paths and the already-computed scopes of its sources. */
export function objectScope(
  object: ModelObject,
  own: WhereClause | undefined,
  sources: ReadonlyMap<string, ObjectScope>,
): ObjectScope {
  const deviceOnly = object.limit !== undefined;
  if (object.paths.length === 0) {
    const flat = countSemiJoins(own) === 0 ? { where: own } : undefined;
    return { alternatives: [{ kind: 'server', where: own, flat, path: undefined }], deviceOnly };
  }
  const alternatives: ScopeAlternative[] = [];
  for (const path of object.paths) {
    const source = sources.get(path.object);
    if (!source) continue;
    const serverSide: ScopeAlternative[] = [];
    let needsDevice = source.deviceOnly || source.alternatives.length > MAX_QUERIES_PER_PATH;
    for (const alternative of needsDevice ? [] : source.alternatives) {
      const reached =
        alternative.kind === 'server' ? throughPath(object.name, path, alternative, own) : undefined;
      if (!reached) {
        needsDevice = true;
        break;
      }
      serverSide.push(reached);
    }
    alternatives.push(...(needsDevice ? [deviceAlternative(path, own)] : serverSide));
  }
  return { alternatives, deviceOnly };
}
