/** Scopes the end-to-end tests compile. */

import type { SyncScope } from '../../../src/compiler/scope.ts';

/** Accounts by a filter, their contacts and cases: every object syncs by delta (nothing time-dependent). */
export const energyScope: SyncScope = {
  scopeVersion: 1,
  name: 'Energy accounts',
  apiVersion: '62.0',
  watermarkField: 'LastModifiedDate',
  overlapSeconds: 60,
  syncEveryMinutes: 30,
  objects: {
    Account: {
      fields: ['Name', 'Phone', 'Industry'],
      where: "Industry = 'Energy'",
      access: 'readWrite',
      conflict: 'manual',
    },
    Contact: {
      fields: ['LastName', 'Email', 'AccountId'],
      childOf: { object: 'Account', field: 'AccountId' },
      where: 'Email != null',
      access: 'readWrite',
      conflict: 'serverWins',
    },
    Case: {
      fields: ['Subject', 'Status', 'AccountId', 'Device_Id__c'],
      childOf: { object: 'Account', field: 'AccountId' },
      access: 'readWrite',
      conflict: 'clientWins',
      externalIdField: 'Device_Id__c',
    },
    Product2: { fields: ['Name', 'IsActive'], where: 'IsActive = true', syncEveryMinutes: 1440 },
  },
};

/** Case gains an external-Id field for idempotent creates. */
export const caseDeviceIdMetadata = [
  {
    name: 'Case',
    fields: [{ name: 'Device_Id__c', type: 'string', length: 64, externalId: true, unique: true }],
  },
];

/** The compiler issue's example, as field technicians use it: time-dependent work orders and what hangs off them. */
export const technicianScope: SyncScope = {
  scopeVersion: 1,
  name: 'Field technician',
  apiVersion: '62.0',
  watermarkField: 'LastModifiedDate',
  overlapSeconds: 60,
  syncEveryMinutes: 30,
  objects: {
    WorkOrder: {
      fields: ['Subject', 'Status', 'StartDate', 'AccountId', 'OwnerId'],
      where: "OwnerId = :userId AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14",
      orderBy: 'StartDate ASC',
      limit: 5,
      access: 'readWrite',
      conflict: 'clientWins',
    },
    WorkOrderLineItem: {
      fields: ['WorkOrderId', 'Status', 'Description'],
      childOf: { object: 'WorkOrder', field: 'WorkOrderId' },
      access: 'readWrite',
      conflict: 'serverWins',
    },
    Account: {
      fields: ['Name', 'Phone'],
      referencedBy: [{ object: 'WorkOrder', field: 'AccountId' }],
    },
    Asset: {
      fields: ['Name', 'AccountId'],
      childOf: { object: 'Account', field: 'AccountId' },
      syncEveryMinutes: 240,
    },
  },
};
