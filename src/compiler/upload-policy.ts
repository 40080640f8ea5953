/** The upload policy of one object: what a device may write, and with org metadata, each writable field's type. */

import { describeObject, findField } from './metadata-lookup.ts';
import type { OrgMetadata } from './org-metadata.ts';
import type { PlanFieldType, UploadPolicy } from './plan.ts';
import type { ModelObject } from './scope-model.ts';

/** Field types whose values are text of a bounded length. */
const STRING_LIKE = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist']);

export function uploadPolicy(
  object: ModelObject,
  fields: readonly string[],
  metadata: OrgMetadata | undefined,
): UploadPolicy {
  if (object.access !== 'readWrite') return { access: 'read' };
  const describe = metadata ? describeObject(metadata, object.name) : undefined;
  const pick = (flag: 'createable' | 'updateable'): string[] | undefined =>
    describe ? fields.filter((f) => findField(describe, f)?.[flag] === true) : undefined;
  const createableFields = pick('createable');
  const updateableFields = pick('updateable');
  let fieldTypes: Record<string, PlanFieldType> | undefined;
  if (describe) {
    fieldTypes = {};
    for (const name of new Set([...(createableFields ?? []), ...(updateableFields ?? [])])) {
      const field = findField(describe, name)!;
      const values = field.picklistValues?.filter((v) => v.active).map((v) => v.value);
      fieldTypes[name] = {
        type: field.type,
        ...(STRING_LIKE.has(field.type) && field.length > 0 ? { length: field.length } : {}),
        ...(values && values.length > 0 ? { values } : {}),
      };
    }
  }
  return {
    access: 'readWrite',
    conflict: object.conflict ?? 'clientWins',
    ...(createableFields ? { createableFields } : {}),
    ...(updateableFields ? { updateableFields } : {}),
    ...(object.externalIdField ? { externalIdField: object.externalIdField } : {}),
    ...(fieldTypes ? { fieldTypes } : {}),
  };
}
