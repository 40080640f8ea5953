/**
 * How each object's records in scope are expressed as queries. A path contributes one query per way its
 * source object's scope can be written as a condition (a union); the choice, per path:
 *
 *   1. a semi-join on the source's condition: `WorkOrderId IN (SELECT Id FROM WorkOrder WHERE ...)`;
 *   2. for childOf, when the parent's condition already holds a semi-join (no nesting allowed), the same
 *      condition through the relationship: `WorkOrder.OwnerId = :userId`, `AccountId IN (SELECT ...)`;
 *   3. otherwise the device's own Ids: `WorkOrderId IN :parentIds` / `Id IN :ids`, bound in chunks from the
 *      records the device holds (always right, since objects sync after the objects they depend on).
 *
 * A source with a `limit` is always case 3: "the first n by an order" has no SOQL condition.
 */

import type { ValueQueryCondition, WhereClause } from '@jetstreamapp/soql-parser-js';
import { andAll, countSemiJoins, relationshipDepth, throughRelationship, whereOf } from './where-ast.ts';
import type { ModelObject, ModelPath } from './scope-model.ts';
import { conventionalRelationshipName } from './scope-model.ts';

/** One query's worth of an object's scope: its full condition on the object. */
export type ScopeAlternative =
  | { readonly kind: 'server'; readonly where: WhereClause | undefined; readonly path: ModelPath | undefined }
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

/** The condition on `object` for records reached through `path` from one server-side alternative of its source. */
function throughPath(
  object: string,
  path: ModelPath,
  source: WhereClause | undefined,
): WhereClause | undefined {
  const sourceAllowed = path.object !== object && !NOT_IN_SEMI_JOIN.has(path.object.toLowerCase());
  if (path.kind === 'childOf') {
    if (sourceAllowed && countSemiJoins(source) === 0) return semiJoin(path.field, path.object, 'Id', source);
    if (!source || POLYMORPHIC_FIELDS.has(path.field.toLowerCase())) return undefined;
    const rewritten = throughRelationship(source, relationshipNameOf(path), path.field);
    if (!rewritten || relationshipDepth(rewritten) > MAX_RELATIONSHIP_DEPTH) return undefined;
    // `Parent.Status != 'Closed'` is true when there is no parent at all: require one.
    return andAll([
      whereOf({ field: path.field, operator: '!=', literalType: 'NULL', value: 'NULL' }),
      rewritten,
    ]);
  }
  if (sourceAllowed && countSemiJoins(source) === 0) return semiJoin('Id', path.object, path.field, source);
  return undefined;
}

/** Computes an object's alternatives from its paths and the already-computed scopes of its sources. */
export function objectScope(
  object: ModelObject,
  own: WhereClause | undefined,
  sources: ReadonlyMap<string, ObjectScope>,
): ObjectScope {
  const deviceOnly = object.limit !== undefined;
  if (object.paths.length === 0)
    return { alternatives: [{ kind: 'server', where: own, path: undefined }], deviceOnly };
  const alternatives: ScopeAlternative[] = [];
  for (const path of object.paths) {
    const source = sources.get(path.object);
    if (!source) continue;
    const serverSide: ScopeAlternative[] = [];
    let needsDevice = source.deviceOnly || source.alternatives.length > MAX_QUERIES_PER_PATH;
    for (const alternative of needsDevice ? [] : source.alternatives) {
      if (alternative.kind === 'device') {
        needsDevice = true;
        break;
      }
      const condition = throughPath(object.name, path, alternative.where);
      const where = condition ? andAll([condition, own]) : undefined;
      if (!where || countSemiJoins(where) > MAX_SEMI_JOINS) {
        needsDevice = true;
        break;
      }
      serverSide.push({ kind: 'server', where, path });
    }
    alternatives.push(...(needsDevice ? [deviceAlternative(path, own)] : serverSide));
  }
  return { alternatives, deviceOnly };
}
