/**
 * Large synthetic scopes for the compiler benchmarks: `count` custom objects in a tree (each object a
 * child of an earlier one through `Parent__c`, at most 5 levels), filters on every fifth object, a
 * user-owned root, and the describe-shaped metadata the config tool would have loaded from the org, so
 * compile() runs its full lint as it does in the UI.
 */

import type {
  FieldDescribe,
  FieldType,
  OrgMetadata,
  SObjectDescribe,
} from '../../src/compiler/org-metadata.ts';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { standardMetadata } from '../../src/emulator/metadata/standard-objects.ts';

const FANOUT = 4;

export function objectName(i: number): string {
  return `Obj${String(i).padStart(3, '0')}__c`;
}

function parentOf(i: number): number | undefined {
  return i === 0 ? undefined : Math.floor((i - 1) / FANOUT);
}

function field(name: string, type: FieldType, extra: Partial<FieldDescribe> = {}): FieldDescribe {
  const system = ['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'].includes(name);
  return {
    name,
    label: name.replace(/__c$/, '').replace(/_/g, ' '),
    type,
    length:
      type === 'string' || type === 'picklist'
        ? 255
        : type === 'textarea'
          ? 32_768
          : type === 'id' || type === 'reference'
            ? 18
            : 0,
    referenceTo: [],
    relationshipName: null,
    nillable: !system && name !== 'Name',
    createable: !system,
    updateable: !system,
    filterable: type !== 'textarea',
    sortable: type !== 'textarea',
    externalId: false,
    unique: false,
    custom: name.endsWith('__c'),
    indexed: system || type === 'reference' || name === 'Name',
    defaultedOnCreate: system,
    calculated: false,
    ...extra,
  };
}

function describe(i: number, count: number): SObjectDescribe {
  const name = objectName(i);
  const parent = parentOf(i);
  const fields: FieldDescribe[] = [
    field('Id', 'id'),
    field('Name', 'string'),
    field('CreatedDate', 'datetime'),
    field('LastModifiedDate', 'datetime'),
    field('SystemModstamp', 'datetime'),
    field('OwnerId', 'reference', { referenceTo: ['User'], relationshipName: 'Owner' }),
    field('Status__c', 'picklist', {
      picklistValues: ['Open', 'Scheduled', 'Closed'].map((v) => ({ value: v, label: v, active: true })),
    }),
    field('Amount__c', 'currency', { precision: 18, scale: 2 }),
    field('Due__c', 'date'),
    field('Notes__c', 'textarea'),
  ];
  if (parent !== undefined)
    fields.push(
      field('Parent__c', 'reference', { referenceTo: [objectName(parent)], relationshipName: 'Parent__r' }),
    );
  const children: number[] = [];
  for (let c = i * FANOUT + 1; c <= i * FANOUT + FANOUT && c < count; c++) children.push(c);
  return {
    name,
    label: name,
    labelPlural: `${name}s`,
    keyPrefix: `a${String(i).padStart(2, '0')}`.slice(0, 3),
    custom: true,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    fields,
    childRelationships: children.map((c) => ({
      childSObject: objectName(c),
      field: 'Parent__c',
      relationshipName: `${objectName(c).replace(/__c$/, '')}s__r`,
      cascadeDelete: false,
    })),
    recordCount: 1000,
  };
}

/** `variant` changes every where clause, so a compile of another variant cannot reuse cached parses. */
export function generatedScope(count: number, variant = 0): { scope: SyncScope; metadata: OrgMetadata } {
  const objects: Record<string, unknown> = {};
  const metadata: Record<string, SObjectDescribe> = { ...standardMetadata() };
  for (let i = 0; i < count; i++) {
    const name = objectName(i);
    metadata[name] = describe(i, count);
    const parent = parentOf(i);
    objects[name] = {
      fields: ['Name', 'Status__c', 'Amount__c', 'Due__c', ...(parent !== undefined ? ['Parent__c'] : [])],
      ...(parent === undefined
        ? { where: `OwnerId = :userId AND Status__c != 'Closed' AND Amount__c >= ${variant}` }
        : { childOf: { object: objectName(parent), field: 'Parent__c' } }),
      ...(i > 0 && i % 5 === 0
        ? { where: `Amount__c > ${100 + i + variant * 1000} AND Due__c = NEXT_N_DAYS:30` }
        : {}),
      ...(i % 3 === 0 ? { access: 'readWrite', conflict: 'clientWins' } : {}),
    };
  }
  const scope = {
    scopeVersion: 1,
    name: `Generated scope of ${count} objects`,
    apiVersion: '62.0',
    watermarkField: 'SystemModstamp',
    overlapSeconds: 60,
    syncEveryMinutes: 30,
    objects,
  } as unknown as SyncScope;
  return { scope, metadata };
}
