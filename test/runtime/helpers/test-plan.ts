/** A small hand-written plan for unit tests that need no compiler (Account <- Contact). */

import type { SyncPlan } from '../../../src/compiler/plan.ts';

export const unitPlan: SyncPlan = {
  planVersion: 1,
  scopeName: 'unit',
  scopeHash: 'e'.repeat(64),
  apiVersion: '62.0',
  watermarkField: 'LastModifiedDate',
  overlapSeconds: 60,
  syncEveryMinutes: 30,
  parameters: {},
  objects: [
    {
      name: 'Account',
      fields: ['Id', 'LastModifiedDate', 'Name', 'Phone'],
      dependsOn: [],
      fingerprint: 'a1'.repeat(32),
      syncEveryMinutes: 30,
      upload: { access: 'readWrite', conflict: 'clientWins', updateableFields: ['Name', 'Phone'] },
      reconcileEverySync: false,
      paths: [{ kind: 'root' }],
      queries: {
        full: [{ soql: 'SELECT Id, LastModifiedDate, Name, Phone FROM Account', binds: [] }],
        delta: [
          {
            soql: 'SELECT Id, LastModifiedDate, Name, Phone FROM Account WHERE LastModifiedDate > :watermark ORDER BY LastModifiedDate, Id',
            binds: ['watermark'],
          },
        ],
        ids: [{ soql: 'SELECT Id, LastModifiedDate FROM Account', binds: [] }],
      },
    },
    {
      name: 'Product2',
      fields: ['Id', 'LastModifiedDate', 'Name'],
      dependsOn: [],
      fingerprint: 'b1'.repeat(32),
      syncEveryMinutes: 1440,
      upload: { access: 'read' },
      reconcileEverySync: false,
      paths: [{ kind: 'root' }],
      queries: {
        full: [{ soql: 'SELECT Id, LastModifiedDate, Name FROM Product2', binds: [] }],
        delta: [
          {
            soql: 'SELECT Id, LastModifiedDate, Name FROM Product2 WHERE LastModifiedDate > :watermark ORDER BY LastModifiedDate, Id',
            binds: ['watermark'],
          },
        ],
        ids: [{ soql: 'SELECT Id, LastModifiedDate FROM Product2', binds: [] }],
      },
    },
  ],
};
