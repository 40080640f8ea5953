/**
 * Why a user cannot read a record, in words that follow "WorkOrder 00000123 is": "not shared with Tess
 * Fielding: WorkOrder is Private and owned by Omar Iyer". Asked with an admin session: the record's owner (or, for a detail object, its
 * master's owner) and the object's org-wide default from EntityDefinition.InternalSharingModel. An org
 * that cannot answer EntityDefinition (the embedded org) gets the sentence without the default.
 */

import type { SObjectDescribe } from '../compiler/org-metadata.ts';
import { OrgServiceError } from './errors.ts';
import type { OrgClient } from './org-client.ts';
import { soqlString } from './soql-text.ts';
import type { UserPermissions } from './user-permissions.ts';

const MODEL_NAMES: Readonly<Record<string, string>> = {
  Private: 'Private',
  Read: 'Public Read Only',
  ReadWrite: 'Public Read/Write',
  ReadWriteTransfer: 'Public Read/Write/Transfer',
  FullAccess: 'Public Full Access',
  ControlledByParent: 'Controlled by Parent',
};

/** The reason `user` cannot read the record, or null when they can. */
export async function sharingReason(
  org: OrgClient,
  user: UserPermissions,
  readable: boolean,
  describe: SObjectDescribe,
  recordId: string,
): Promise<string | null> {
  const object = describe.name;
  if (!user.access.object(object).read) {
    const sets = user.access.permissionSetLabels.join(', ') || 'none';
    return `not readable by ${user.user.name}: none of their permission sets (${sets}) grants Read on ${object}`;
  }
  if (readable) return null;
  const model = await sharingModelOf(org, object);
  const modelText = model ? `${object} is ${MODEL_NAMES[model] ?? model} and ` : '';
  const ownerField = describe.fields.find((f) => f.name === 'OwnerId');
  if (ownerField) {
    const owner = await ownerName(org, object, recordId);
    return `not shared with ${user.user.name}: ${modelText}${owner ? `owned by ${owner}` : 'owned by someone else'}`;
  }
  const master = describe.fields.find(
    (f) =>
      f.type === 'reference' &&
      f.referenceTo.length === 1 &&
      !f.nillable &&
      f.name !== 'CreatedById' &&
      f.name !== 'LastModifiedById',
  );
  if (master) {
    const [record] = await org.queryAll(
      `SELECT ${master.name} FROM ${object} WHERE Id = ${soqlString(recordId)}`,
    );
    const parentId = record?.[master.name];
    const parentObject = master.referenceTo[0]!;
    if (typeof parentId === 'string' && parentId !== '') {
      const owner = await ownerName(org, parentObject, parentId);
      return `not shared with ${user.user.name}: ${modelText}its ${parentObject} ${parentId} is ${owner ? `owned by ${owner}` : 'not shared with them'}`;
    }
  }
  return `not shared with ${user.user.name}${model ? `: ${object} is ${MODEL_NAMES[model] ?? model}` : ''}`;
}

/** The object's org-wide default, or null when the org does not say (no EntityDefinition). */
async function sharingModelOf(org: OrgClient, object: string): Promise<string | null> {
  try {
    const [row] = await org.queryAll(
      `SELECT InternalSharingModel FROM EntityDefinition WHERE QualifiedApiName = ${soqlString(object)}`,
    );
    return typeof row?.InternalSharingModel === 'string' ? row.InternalSharingModel : null;
  } catch (error) {
    if (error instanceof OrgServiceError && error.kind === 'org-refused') return null;
    throw error;
  }
}

/** The name of the user who owns the record (null when a queue owns it or it is gone). */
async function ownerName(org: OrgClient, object: string, recordId: string): Promise<string | null> {
  const [record] = await org.queryAll(`SELECT OwnerId FROM ${object} WHERE Id = ${soqlString(recordId)}`);
  const ownerId = record?.OwnerId;
  if (typeof ownerId !== 'string' || !ownerId.startsWith('005')) return null;
  const [owner] = await org.queryAll(`SELECT Name FROM User WHERE Id = ${soqlString(ownerId)}`);
  return typeof owner?.Name === 'string' ? owner.Name : null;
}
