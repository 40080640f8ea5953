/**
 * Whether counting can stand in for an Id re-read of an object's scope (the plan's `queries.count`).
 *
 * After a delta, every record in the scope is on the device with its current values, provided a record
 * can enter the scope only by changing itself or through a parent the device fetches when it becomes
 * held. Then equal counts prove nothing held has left. Conditions that read other records (relationship
 * paths, semi-joins), functions and formula fields let records enter or leave without a change of their
 * own, so they need the Id re-read.
 */

import type { WhereClause } from '@jetstreamapp/soql-parser-js';
import { describeField } from './metadata-lookup.ts';
import type { OrgMetadata } from './org-metadata.ts';
import { isSemiJoin, leavesOf } from './where-ast.ts';

/** Why a count cannot prove the object's own `where`, or undefined when it can. */
export function countBlocker(
  object: string,
  where: WhereClause | undefined,
  metadata: OrgMetadata | undefined,
): string | undefined {
  if (!where) return undefined;
  for (const { leaf } of leavesOf(where)) {
    if (isSemiJoin(leaf)) return 'a semi-join reads other records';
    const field = 'field' in leaf && typeof leaf.field === 'string' ? leaf.field : undefined;
    if (!field) return 'a function in the condition';
    if (field.includes('.')) return `${field} reads another record`;
    if (metadata) {
      const resolved = describeField(metadata, object, field);
      if (resolved.kind === 'ok' && resolved.field.calculated) return `${field} is a formula field`;
    }
  }
  return undefined;
}
