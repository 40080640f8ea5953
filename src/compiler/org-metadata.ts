/**
 * Org metadata in the shape of the REST API's `GET /sobjects/{T}/describe` (the subset syncscope reads).
 * The compiler uses it to lint a scope (it never changes the plan's SOQL); the emulator serves it.
 * A describe file for `--describe` is either one describe object, an array of them, or
 * `{ "sobjects": [ ... ] }`; a directory holds one `<Object>.json` per object.
 */

export type FieldType =
  | 'id'
  | 'reference'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'multipicklist'
  | 'email'
  | 'phone'
  | 'url'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'time'
  | 'base64'
  | 'address'
  | 'location';

export interface FieldDescribe {
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  /** Max length for string-like fields, 0 otherwise. */
  readonly length: number;
  readonly referenceTo: readonly string[];
  /** For reference fields: the name used in parent paths (`AccountId` -> `Account`, `Foo__c` -> `Foo__r`). */
  readonly relationshipName: string | null;
  readonly nillable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly filterable: boolean;
  readonly sortable: boolean;
  readonly externalId: boolean;
  readonly unique: boolean;
  readonly custom: boolean;
  /** True for fields Salesforce indexes (Id, Name, references, SystemModstamp, external Ids, ...). */
  readonly indexed?: boolean;
  readonly defaultedOnCreate: boolean;
  readonly calculated: boolean;
  readonly picklistValues?: readonly {
    readonly value: string;
    readonly label: string;
    readonly active: boolean;
  }[];
  readonly precision?: number;
  readonly scale?: number;
}

export interface ChildRelationship {
  readonly childSObject: string;
  readonly field: string;
  readonly relationshipName: string | null;
  readonly cascadeDelete: boolean;
}

export interface SObjectDescribe {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly custom: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly deletable: boolean;
  readonly queryable: boolean;
  readonly fields: readonly FieldDescribe[];
  readonly childRelationships: readonly ChildRelationship[];
  /** Approximate record count, where known (the compiler warns about unfiltered big objects). */
  readonly recordCount?: number;
}

/** All describes of an org, keyed by sObject API name. */
export type OrgMetadata = Readonly<Record<string, SObjectDescribe>>;
