import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { standardMetadata } from '../../src/emulator/metadata/standard-objects.ts';
import {
  loadMetadataFile,
  MetadataError,
  mergeMetadata,
} from '../../src/emulator/metadata/extra-metadata.ts';

const metadata = standardMetadata();

function fieldNames(object: string): string[] {
  return metadata[object]!.fields.map((f) => f.name);
}

describe('standard objects', () => {
  it('serves the objects syncscope uses with their real key prefixes', () => {
    const prefixes = Object.fromEntries(Object.values(metadata).map((d) => [d.name, d.keyPrefix]));
    expect(prefixes).toEqual({
      Account: '001',
      Asset: '02i',
      Case: '500',
      Contact: '003',
      ContentDocument: '069',
      ContentVersion: '068',
      FieldPermissions: '01k',
      Group: '00G',
      ObjectPermissions: '110',
      PermissionSet: '0PS',
      PermissionSetAssignment: '0Pa',
      Product2: '01t',
      Profile: '00e',
      ServiceAppointment: '08p',
      User: '005',
      UserRole: '00E',
      WorkOrder: '0WO',
      WorkOrderLineItem: '1WL',
    });
  });

  it('gives system fields only to objects that have them in a real org', () => {
    const audit = ['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'];
    for (const d of Object.values(metadata)) {
      for (const name of ['Id', ...audit]) expect(fieldNames(d.name), `${d.name}.${name}`).toContain(name);
    }
    expect(fieldNames('User')).not.toContain('IsDeleted');
    expect(fieldNames('User')).not.toContain('OwnerId');
    expect(fieldNames('Product2')).not.toContain('OwnerId');
    expect(fieldNames('WorkOrderLineItem')).not.toContain('OwnerId');
    expect(fieldNames('WorkOrder')).toEqual(expect.arrayContaining(['OwnerId', 'IsDeleted']));
  });

  it('describes the fields of the example scope as a real org does', () => {
    const wo = metadata.WorkOrder!;
    const byName = (name: string) => wo.fields.find((f) => f.name === name)!;
    expect(byName('WorkOrderNumber')).toMatchObject({ type: 'string', createable: false, updateable: false });
    expect(byName('StartDate')).toMatchObject({ type: 'datetime', createable: true, updateable: true });
    expect(byName('OwnerId')).toMatchObject({
      type: 'reference',
      referenceTo: ['Group', 'User'],
      relationshipName: 'Owner',
      nillable: false,
      defaultedOnCreate: true,
    });
    expect(byName('SystemModstamp')).toMatchObject({ indexed: true, createable: false });
    expect(byName('LastModifiedDate')).toMatchObject({ indexed: false });
    const contactName = metadata.Contact!.fields.find((f) => f.name === 'Name')!;
    expect(contactName).toMatchObject({ createable: false, updateable: false, length: 121 });
    const lastName = metadata.Contact!.fields.find((f) => f.name === 'LastName')!;
    expect(lastName).toMatchObject({ nillable: false, createable: true, length: 80 });
  });

  it('derives child relationships from references', () => {
    expect(metadata.Account!.childRelationships.filter((r) => r.relationshipName)).toEqual([
      { childSObject: 'Account', field: 'ParentId', relationshipName: 'ChildAccounts', cascadeDelete: false },
      { childSObject: 'Asset', field: 'AccountId', relationshipName: 'Assets', cascadeDelete: true },
      { childSObject: 'Case', field: 'AccountId', relationshipName: 'Cases', cascadeDelete: true },
      { childSObject: 'Contact', field: 'AccountId', relationshipName: 'Contacts', cascadeDelete: true },
      {
        childSObject: 'ServiceAppointment',
        field: 'ParentRecordId',
        relationshipName: 'ServiceAppointments',
        cascadeDelete: true,
      },
      { childSObject: 'WorkOrder', field: 'AccountId', relationshipName: 'WorkOrders', cascadeDelete: false },
    ]);
    expect(metadata.WorkOrder!.childRelationships).toContainEqual({
      childSObject: 'WorkOrderLineItem',
      field: 'WorkOrderId',
      relationshipName: 'WorkOrderLineItems',
      cascadeDelete: true,
    });
  });
});

describe('extra metadata (--metadata F)', () => {
  const document = {
    sobjects: [
      {
        name: 'Inspection__c',
        label: 'Inspection',
        labelPlural: 'Inspections',
        fields: [
          { name: 'WorkOrder__c', type: 'reference', referenceTo: ['WorkOrder'] },
          { name: 'Result__c', type: 'picklist' },
          { name: 'Legacy_Id__c', type: 'string', length: 40, externalId: true },
        ],
      },
      { name: 'Account', fields: [{ name: 'Erp_Id__c', type: 'string', length: 20, externalId: true }] },
    ],
  };

  it('adds custom objects with system fields, a custom key prefix and child relationships', () => {
    const merged = mergeMetadata(metadata, document);
    const inspection = merged.Inspection__c!;
    expect(inspection.keyPrefix).toBe('a00');
    expect(inspection.custom).toBe(true);
    expect(inspection.fields.map((f) => f.name)).toEqual([
      'Id',
      'OwnerId',
      'IsDeleted',
      'Name',
      'WorkOrder__c',
      'Result__c',
      'Legacy_Id__c',
      'CreatedDate',
      'CreatedById',
      'LastModifiedDate',
      'LastModifiedById',
      'SystemModstamp',
    ]);
    expect(inspection.fields.find((f) => f.name === 'WorkOrder__c')).toMatchObject({
      relationshipName: 'WorkOrder__r',
      custom: true,
      indexed: true,
    });
    expect(merged.WorkOrder!.childRelationships).toContainEqual({
      childSObject: 'Inspection__c',
      field: 'WorkOrder__c',
      relationshipName: 'Inspections__r',
      cascadeDelete: false,
    });
    expect(merged.Account!.fields.at(-1)).toMatchObject({
      name: 'Erp_Id__c',
      externalId: true,
      indexed: true,
    });
    expect(metadata.Account!.fields.some((f) => f.name === 'Erp_Id__c')).toBe(false);
  });

  it('reads a file and reports mistakes with a JSON Pointer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'syncscope-meta-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(document));
    expect(Object.keys(loadMetadataFile(good, metadata))).toContain('Inspection__c');

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ name: 'X__c', fields: [{ name: 'Y__c', type: 'text' }] }]));
    expect(() => loadMetadataFile(bad, metadata)).toThrow(MetadataError);
    expect(() => loadMetadataFile(bad, metadata)).toThrow(
      `${bad}: /0/fields/0/type: field Y__c has type "text"; use one of id, reference,`,
    );
  });
});
