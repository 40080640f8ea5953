/**
 * Org-wide defaults (OWD): each object's baseline record access for users who do not own a record,
 * named as Salesforce's EntityDefinition.InternalSharingModel names them. An org keeps changes in its
 * database (`_EmulatorMeta` key `sharingModel`), so a `--db` org remembers them.
 *
 * Objects without an owner (Product2, the setup objects) have no sharing: whoever may read the object
 * reads every record. A detail object without an owner is Controlled by Parent through its master field
 * (the reference whose parent's delete cascades to it).
 */

import type { FieldDescribe, SObjectDescribe } from '../../compiler/org-metadata.ts';
import { readMeta, writeMeta, type OrgDb } from '../store/org-database.ts';

export type SharingModel = 'Private' | 'Read' | 'ReadWrite' | 'ControlledByParent';

export const SHARING_MODELS: readonly SharingModel[] = ['Private', 'Read', 'ReadWrite', 'ControlledByParent'];

/**
 * The embedded org's defaults: a field-service org where work is private to its owner and customer
 * data is visible to everyone. Objects not listed get Salesforce's default for a new custom object
 * (Public Read/Write), or Controlled by Parent for a detail object.
 */
const DEFAULTS: Readonly<Record<string, SharingModel>> = {
  Account: 'Read',
  Contact: 'Read',
  Asset: 'Read',
  Case: 'Read',
  WorkOrder: 'Private',
  WorkOrderLineItem: 'ControlledByParent',
  ServiceAppointment: 'Private',
  ContentDocument: 'ReadWrite',
  ContentVersion: 'ReadWrite',
  User: 'Read',
  Group: 'Read',
};

/** The reference through which a detail object's access follows its master, if it has one. */
export function masterField(describe: SObjectDescribe): FieldDescribe | undefined {
  return describe.fields.find(
    (f) =>
      f.type === 'reference' &&
      f.referenceTo.length === 1 &&
      !f.nillable &&
      f.name !== 'CreatedById' &&
      f.name !== 'LastModifiedById' &&
      f.name !== 'OwnerId',
  );
}

export class SharingSettings {
  private overrides: Record<string, SharingModel>;

  constructor(private readonly db: OrgDb) {
    const stored = readMeta(db, 'sharingModel');
    this.overrides = stored ? (JSON.parse(stored) as Record<string, SharingModel>) : {};
  }

  /** The object's OWD, or undefined for an object without sharing (no owner and no master). */
  modelOf(describe: SObjectDescribe): SharingModel | undefined {
    const hasOwner = describe.fields.some((f) => f.name === 'OwnerId');
    const master = hasOwner ? undefined : masterField(describe);
    if (!hasOwner && !master) return undefined;
    const set = this.overrides[describe.name] ?? DEFAULTS[describe.name];
    if (!hasOwner) return 'ControlledByParent';
    if (set === undefined || set === 'ControlledByParent') return set === undefined ? 'ReadWrite' : 'Private';
    return set;
  }

  /** Sets an object's OWD (Setup > Sharing Settings). */
  set(object: string, model: SharingModel): void {
    if (!SHARING_MODELS.includes(model))
      throw new Error(
        `Unknown sharing model '${model}' for ${object}: use one of ${SHARING_MODELS.join(', ')}`,
      );
    this.overrides = { ...this.overrides, [object]: model };
    writeMeta(this.db, 'sharingModel', JSON.stringify(this.overrides));
  }
}
