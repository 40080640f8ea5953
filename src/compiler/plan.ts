/**
 * The sync plan: the versioned JSON contract between the compiler and every device.
 *
 * Rules for changing it (the PowerSync rule): a field may be added to planVersion 1 when old devices can
 * ignore it safely; a change of meaning needs planVersion 2. schemas/sync-plan.schema.json mirrors this file.
 *
 * SOQL templates hold placeholders that the runtime replaces with escaped literals before sending
 * (the REST API has no bind variables): see `Placeholder`.
 */

export const PLAN_VERSION = 1 as const;

/** Placeholders that may appear in a template's SOQL, each written as `:name`. */
export type Placeholder =
  /** Datetime literal: the object's watermark minus the overlap window. */
  | 'watermark'
  /** The running user's 18-character Id, as a quoted string literal. */
  | 'userId'
  /** A parenthesised list of quoted Ids of parent records newly in scope, e.g. `('001..','001..')`. */
  | 'parentIds'
  /** A parenthesised list of quoted Ids of records to fetch by Id. */
  | 'ids'
  /** A scope-declared parameter: `param:<name>` in `binds`, written `:<name>` in the SOQL. */
  | `param:${string}`;

export type WatermarkField = 'LastModifiedDate' | 'SystemModstamp';
export type Access = 'read' | 'readWrite';
export type ConflictPolicy = 'clientWins' | 'serverWins' | 'manual';

/** One SOQL statement with the placeholders it uses. */
export interface QueryTemplate {
  readonly soql: string;
  /** Every placeholder in `soql`, in order of first appearance, without the leading colon. */
  readonly binds: readonly Placeholder[];
  /**
   * Present when a `full` / `delta` / `ids` template binds `:parentIds` or `:ids` over the whole current
   * scope of another object (a path that one query cannot express): bind the distinct non-null values of
   * `field` over the device's in-scope records of `object`, in chunks, and union the results.
   */
  readonly idSource?: { readonly object: string; readonly field: string };
  /**
   * Present when the template binds `:parentIds` or `:ids`: the most Ids one request may carry so the
   * query URL stays within the 16,000-byte budget (at most 500).
   */
  readonly idsPerQuery?: number;
}

/**
 * A set of queries whose results are unioned (deduplicated by Id) to give the records of one kind of
 * download. Usually one query; more when a path cannot be one query (semi-join limits, several paths).
 */
export type QueryUnion = readonly QueryTemplate[];

/** How records enter the object's scope: one per `childOf` / `referencedBy` path, or the root filter. */
export type PlanPath =
  | { readonly kind: 'root' }
  | {
      readonly kind: 'childOf';
      /** The parent object. */
      readonly object: string;
      /** Reference field on this object that points at the parent. */
      readonly field: string;
      /** All records of this object under the given parent Ids (`:parentIds`), own filter applied. */
      readonly byParentIds: QueryTemplate;
    }
  | {
      readonly kind: 'referencedBy';
      /** The object whose records point at this one. */
      readonly object: string;
      /** Reference field on that object. */
      readonly field: string;
      /** Records of this object by Id (`:ids`), own filter applied. */
      readonly byIds: QueryTemplate;
    };

export interface UploadPolicy {
  readonly access: Access;
  /** Present only when access is readWrite. */
  readonly conflict?: ConflictPolicy;
  /** Fields the device may set on create; present only when org metadata was given. */
  readonly createableFields?: readonly string[];
  /** Fields the device may change on update; present only when org metadata was given. */
  readonly updateableFields?: readonly string[];
  /** An external-Id field used to upsert creates idempotently, when the scope names one. */
  readonly externalIdField?: string;
  /**
   * Added to version 1: each createable or updateable field's type, present only when org metadata was
   * given, so a device checks a local write before queueing it (older devices ignore it).
   */
  readonly fieldTypes?: Readonly<Record<string, PlanFieldType>>;
}

/** A writable field's type as a device checks values against it. */
export interface PlanFieldType {
  /** The describe type: string, textarea, picklist, reference, boolean, int, double, currency, date... */
  readonly type: string;
  /** The most characters a string-like field holds. */
  readonly length?: number;
  /** A picklist's active values. */
  readonly values?: readonly string[];
}

/** One key of an object's order, SOQL's defaults made explicit. */
export interface PlanOrderKey {
  /** A field of the object itself. */
  readonly field: string;
  readonly order: 'ASC' | 'DESC';
  /** Where records without a value go: FIRST by default when ascending, LAST when descending. */
  readonly nulls: 'FIRST' | 'LAST';
}

export interface PlanObject {
  /** sObject API name. */
  readonly name: string;
  /** Fields downloaded: `Id`, the watermark field, every path's reference field, then the scope's fields. */
  readonly fields: readonly string[];
  /** Objects this one depends on (its paths' objects); all of them come earlier in `objects`. */
  readonly dependsOn: readonly string[];
  /** Hash of this object's own definition and its dependencies' fingerprints. */
  readonly fingerprint: string;
  /** Download interval in minutes (the object's own, else the scope's). */
  readonly syncEveryMinutes: number;
  readonly upload: UploadPolicy;
  /** The scope's limit/orderBy for this object, when set: the device holds exactly the first `limit`. */
  readonly limit?: number;
  readonly orderBy?: string;
  /**
   * Added to version 1: the order of the object's records, parsed, with `Id` as the final key, present
   * when `limit` or `orderBy` is. A device that merges several limited queries keeps the first `limit` by
   * these keys (older plans lack it; older devices ignore it).
   */
  readonly orderKeys?: readonly PlanOrderKey[];
  /**
   * True when the scope uses relative date literals (TODAY, NEXT_N_DAYS:n, ...) or a limit: records
   * enter and leave without being modified, so the device reconciles Ids on every sync.
   */
  readonly reconcileEverySync: boolean;
  /** Why reconcileEverySync is set, for people ('relative date literal NEXT_N_DAYS:14', 'limit 500'). */
  readonly reconcileReason?: string;
  readonly paths: readonly PlanPath[];
  readonly queries: {
    /** First download: every record in scope. */
    readonly full: QueryUnion;
    /** Delta download: `(scope) AND <watermarkField> > :watermark ORDER BY <watermarkField>, Id`. */
    readonly delta: QueryUnion;
    /**
     * `SELECT Id, <watermarkField> ...` of the whole current scope, for reconciliation. With a limit it also
     * selects the orderBy fields and carries `ORDER BY <orderBy>, Id LIMIT n`: with several queries the
     * runtime merges their rows by that order and keeps the first `limit`.
     */
    readonly ids: QueryUnion;
    /**
     * Records by Id (`Id IN :ids`), no filter: fetches records that reconciliation found in scope but not on
     * the device (they entered without being modified). Always emitted by this compiler.
     */
    readonly byIds?: QueryTemplate;
    /**
     * `SELECT COUNT() ...` of each `ids` query, present only when counting proves the device's copy: a
     * record enters this object's scope only by a change of its own (the delta fetches it) or by its
     * parent or referencing record becoming held (the runtime fetches it then). So no limit, no relative
     * date literal, no cross-object condition or formula field in the object's own `where`. After a delta,
     * equal counts mean no held record has left the scope, and the Id re-read can be skipped.
     */
    readonly count?: QueryUnion;
  };
}

export interface SyncPlan {
  readonly planVersion: typeof PLAN_VERSION;
  readonly scopeName: string;
  /** sha256 (hex) of the canonical JSON of the scope the plan was compiled from. */
  readonly scopeHash: string;
  readonly apiVersion: string;
  readonly watermarkField: WatermarkField;
  readonly overlapSeconds: number;
  readonly syncEveryMinutes: number;
  /** Declared parameters (name -> SOQL type) that the device must supply at bind time. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Objects in dependency order: each after every object in its `dependsOn`. */
  readonly objects: readonly PlanObject[];
}
