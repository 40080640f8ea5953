/**
 * Case-insensitive lookups over describe metadata (SOQL names are case-insensitive; results use the
 * describe's spelling).
 */

import type {
  ChildRelationship,
  FieldDescribe,
  OrgMetadata,
  SObjectDescribe,
} from '../../compiler/org-metadata.ts';

export interface ParentLink {
  /** The reference field (`AccountId`). */
  readonly field: FieldDescribe;
  /** The parent objects known to the org (several for a polymorphic field such as a queue-ownable OwnerId). */
  readonly targets: readonly ObjectInfo[];
}

export interface ChildLink {
  readonly relationship: ChildRelationship;
  readonly child: ObjectInfo;
  /** The child's reference field pointing at the parent (`AccountId`). */
  readonly field: FieldDescribe;
}

export class ObjectInfo {
  private readonly fields = new Map<string, FieldDescribe>();
  private readonly parents = new Map<string, FieldDescribe>();

  constructor(
    readonly describe: SObjectDescribe,
    private readonly index: MetadataIndex,
  ) {
    for (const field of describe.fields) {
      this.fields.set(field.name.toLowerCase(), field);
      if (field.type === 'reference' && field.relationshipName)
        this.parents.set(field.relationshipName.toLowerCase(), field);
    }
  }

  get name(): string {
    return this.describe.name;
  }

  field(name: string): FieldDescribe | undefined {
    return this.fields.get(name.toLowerCase());
  }

  parent(relationshipName: string): ParentLink | undefined {
    const field = this.parents.get(relationshipName.toLowerCase());
    if (!field) return undefined;
    const targets = field.referenceTo
      .map((name) => this.index.object(name))
      .filter((target): target is ObjectInfo => target !== undefined);
    return targets.length > 0 ? { field, targets } : undefined;
  }

  child(relationshipName: string): ChildLink | undefined {
    const wanted = relationshipName.toLowerCase();
    const relationship = this.describe.childRelationships.find(
      (r) => r.relationshipName?.toLowerCase() === wanted,
    );
    if (!relationship) return undefined;
    const child = this.index.object(relationship.childSObject);
    const field = child?.field(relationship.field);
    return child && field ? { relationship, child, field } : undefined;
  }
}

export class MetadataIndex {
  private readonly objects = new Map<string, ObjectInfo>();

  constructor(metadata: OrgMetadata) {
    for (const describe of Object.values(metadata))
      this.objects.set(describe.name.toLowerCase(), new ObjectInfo(describe, this));
  }

  object(name: string): ObjectInfo | undefined {
    return this.objects.get(name.toLowerCase());
  }
}
