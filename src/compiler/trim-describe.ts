/**
 * The subset of an org's describe that syncscope reads (org-metadata.ts): a real describe is ~100x bigger.
 * Pure, so the config server and the field app's device share it.
 */

import type { ChildRelationship, FieldDescribe, FieldType, SObjectDescribe } from './org-metadata.ts';

export type RawDescribe = Partial<SObjectDescribe> & {
  name: string;
  fields?: (Partial<FieldDescribe> & { name: string; type: string })[];
  childRelationships?: Partial<ChildRelationship>[];
};

/** Keeps the org-metadata.ts subset of a describe as the REST API answers it. */
export function trimDescribe(raw: RawDescribe): SObjectDescribe {
  return {
    name: raw.name,
    label: raw.label ?? raw.name,
    labelPlural: raw.labelPlural ?? raw.label ?? raw.name,
    keyPrefix: raw.keyPrefix ?? '',
    custom: raw.custom ?? raw.name.endsWith('__c'),
    createable: raw.createable ?? false,
    updateable: raw.updateable ?? false,
    deletable: raw.deletable ?? false,
    queryable: raw.queryable ?? true,
    fields: (raw.fields ?? []).map((f) => {
      const field: FieldDescribe = {
        name: f.name,
        label: f.label ?? f.name,
        type: f.type as FieldType,
        length: f.length ?? 0,
        referenceTo: f.referenceTo ?? [],
        relationshipName: f.relationshipName ?? null,
        nillable: f.nillable ?? true,
        createable: f.createable ?? false,
        updateable: f.updateable ?? false,
        filterable: f.filterable ?? true,
        sortable: f.sortable ?? true,
        externalId: f.externalId ?? false,
        unique: f.unique ?? false,
        custom: f.custom ?? f.name.endsWith('__c'),
        defaultedOnCreate: f.defaultedOnCreate ?? false,
        calculated: f.calculated ?? false,
        ...(f.indexed !== undefined ? { indexed: f.indexed } : {}),
        ...(f.picklistValues && f.picklistValues.length > 0
          ? {
              picklistValues: f.picklistValues.map((p) => ({
                value: p.value,
                label: p.label,
                active: p.active,
              })),
            }
          : {}),
        ...(f.precision !== undefined ? { precision: f.precision } : {}),
        ...(f.scale !== undefined ? { scale: f.scale } : {}),
      };
      return field;
    }),
    childRelationships: (raw.childRelationships ?? []).map((r) => ({
      childSObject: r.childSObject ?? '',
      field: r.field ?? '',
      relationshipName: r.relationshipName ?? null,
      cascadeDelete: r.cascadeDelete ?? false,
    })),
    ...(raw.recordCount !== undefined ? { recordCount: raw.recordCount } : {}),
  };
}
