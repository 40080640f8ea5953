/**
 * The sync scope: what admins write (examples/field-technician.scope.json).
 * schemas/sync-scope.schema.json is the authority on shape; these types mirror it.
 */

import type { Access, ConflictPolicy, WatermarkField } from './plan.ts';

/** A reference from this object to a parent object through one of this object's fields. */
export interface ChildOfPath {
  /** The parent sObject, which must itself be in the scope. */
  readonly object: string;
  /** This object's reference field pointing at the parent. */
  readonly field: string;
  /** The field's relationship name when it breaks the convention (AccountId -> Account, Foo__c -> Foo__r). */
  readonly relationshipName?: string;
}

/** Records of this object that in-scope records of `object` point at through their `field`. */
export interface ReferencedByPath {
  readonly object: string;
  readonly field: string;
  /** Accepted for symmetry with childOf; the compiler never reads through a referencedBy relationship. */
  readonly relationshipName?: string;
}

export interface ScopeObject {
  readonly fields: readonly string[];
  readonly where?: string;
  readonly orderBy?: string;
  readonly limit?: number;
  readonly childOf?: ChildOfPath | readonly ChildOfPath[];
  readonly referencedBy?: ReferencedByPath | readonly ReferencedByPath[];
  readonly access?: Access;
  readonly conflict?: ConflictPolicy;
  readonly syncEveryMinutes?: number;
  /** An external-Id field of this object; creates upload as upserts on it, so a retry never duplicates. */
  readonly externalIdField?: string;
}

/** SOQL types a declared parameter may have. */
export type ParameterType = 'string' | 'id' | 'boolean' | 'integer' | 'double' | 'date' | 'datetime';

export interface SyncScope {
  readonly $schema?: string;
  readonly scopeVersion: 1;
  readonly name: string;
  readonly description?: string;
  readonly apiVersion?: string;
  readonly watermarkField?: WatermarkField;
  readonly overlapSeconds?: number;
  readonly syncEveryMinutes?: number;
  /** Bind parameters usable as `:name` in `where`, name -> SOQL type. */
  readonly parameters?: Readonly<Record<string, ParameterType>>;
  /** Keyed by sObject API name. */
  readonly objects: Readonly<Record<string, ScopeObject>>;
}
