/**
 * Warnings about what the scope's audience cannot do: objects and fields their permission sets do not let
 * them read (their devices get no records, or leave the field out), and on `readWrite` objects what they
 * cannot edit (their changes are refused). Each names who and the permission sets they hold.
 */

import type { DiagnosticSink } from './diagnostics.ts';
import { describeObject, findField } from './metadata-lookup.ts';
import type { OrgMetadata } from './org-metadata.ts';
import { EffectiveAccess, type OrgPermissions } from './org-permissions.ts';
import type { ScopeModel } from './scope-model.ts';

export function checkPermissions(
  model: ScopeModel,
  metadata: OrgMetadata | undefined,
  permissions: OrgPermissions,
  sink: DiagnosticSink,
): void {
  for (const group of audienceGroups(permissions)) {
    const access = group.access;
    const who = group.names.join(', ');
    const labels = access.permissionSetLabels;
    const sets = labels.length > 0 ? `(${labels.join(', ')})` : '(they hold none)';
    for (const object of model.objects) {
      const objectAccess = access.object(object.name);
      if (!objectAccess.read) {
        sink.add(
          'OBJECT_NOT_READABLE',
          object.pointer,
          `${who} cannot read ${object.name}: none of their permission sets ${sets} grants Read, so their devices get no ${object.name} records`,
        );
        continue;
      }
      const readWrite = object.access === 'readWrite';
      if (readWrite && !objectAccess.edit) {
        sink.add(
          'OBJECT_NOT_EDITABLE',
          `${object.pointer}/access`,
          `${who} cannot edit ${object.name}: none of their permission sets ${sets} grants Edit, so every change they make to ${object.name} is refused`,
        );
      }
      const describe = metadata ? describeObject(metadata, object.name) : undefined;
      for (const field of object.fields) {
        const described = describe ? findField(describe, field.name) : undefined;
        if (describe && !described) continue; // UNKNOWN_FIELD says it
        const name = described?.name ?? field.name;
        const fieldAccess = access.field(describe?.name ?? object.name, name);
        if (!fieldAccess.read) {
          sink.add(
            'FIELD_NOT_READABLE',
            field.pointer,
            `${who} cannot read ${object.name}.${name}: none of their permission sets ${sets} grants Read on it, so their devices leave it out of ${object.name}`,
          );
        } else if (
          readWrite &&
          objectAccess.edit &&
          !fieldAccess.edit &&
          (!described || described.createable || described.updateable)
        ) {
          sink.add(
            'FIELD_NOT_EDITABLE',
            field.pointer,
            `${who} cannot edit ${object.name}.${name}: none of their permission sets ${sets} grants Edit on it, so a change they make to it is refused`,
          );
        }
      }
    }
  }
}

/** Audience members holding the same permission sets, checked (and named) together. */
function audienceGroups(permissions: OrgPermissions): { names: string[]; access: EffectiveAccess }[] {
  const groups = new Map<string, { names: string[]; access: EffectiveAccess }>();
  for (const member of permissions.audience) {
    const key = [...new Set(member.permissionSets)].sort().join('\n');
    const group = groups.get(key);
    if (group) group.names.push(member.name);
    else groups.set(key, { names: [member.name], access: new EffectiveAccess(permissions, member) });
  }
  return [...groups.values()];
}
