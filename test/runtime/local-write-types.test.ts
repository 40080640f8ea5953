/** Local writes are checked against the plan's field types (upload.fieldTypes) before they are queued. */

import { describe, expect, it } from 'vitest';
import type { PlanFieldType, SyncPlan } from '../../src/compiler/plan.ts';
import { MemoryStore } from '../../src/runtime/store/memory-store.ts';
import { SyncEngine } from '../../src/runtime/sync-engine.ts';
import { LocalWriteError } from '../../src/runtime/sync-errors.ts';
import type { Transport } from '../../src/runtime/transport.ts';
import { unitPlan } from './helpers/test-plan.ts';

const offline: Transport = { request: () => Promise.reject(new Error('offline')) };
const A = '001000000000001AAA';

const fieldTypes: Record<string, PlanFieldType> = {
  Name: { type: 'string', length: 10 },
  StartDate__c: { type: 'date' },
  Visit__c: { type: 'datetime' },
  Amount__c: { type: 'currency' },
  Seats__c: { type: 'int' },
  Active__c: { type: 'boolean' },
  Stage__c: { type: 'picklist', length: 40, values: ['New', 'Done'] },
  Parent__c: { type: 'reference' },
};
const extra = Object.keys(fieldTypes).filter((f) => f !== 'Name');
const account = unitPlan.objects[0]!;
const plan: SyncPlan = {
  ...unitPlan,
  objects: [
    {
      ...account,
      fields: [...account.fields, ...extra],
      upload: { ...account.upload, updateableFields: ['Name', 'Phone', ...extra], fieldTypes },
    },
    unitPlan.objects[1]!,
  ],
};

function engine(): SyncEngine {
  const store = new MemoryStore();
  const e = new SyncEngine({ transport: offline, store, plan });
  store.putRecord('Account', { Id: A, LastModifiedDate: '2024-01-01T00:00:00.000Z', Name: 'Acme' });
  return e;
}

function refusal(write: () => unknown): [string, string, string | undefined] | 'queued' {
  try {
    write();
    return 'queued';
  } catch (error) {
    if (!(error instanceof LocalWriteError)) throw error;
    return [error.code, error.message, error.field];
  }
}

describe('local writes against field types', () => {
  it('refuses values not of the field type, naming the field and the expected form', () => {
    const e = engine();
    expect(refusal(() => e.update('Account', A, { StartDate__c: 'not a date' }))).toEqual([
      'INVALID_VALUE',
      'Account.StartDate__c (date) wants a date YYYY-MM-DD, not "not a date"',
      'StartDate__c',
    ]);
    expect(refusal(() => e.create('Account', { Name: 'x', StartDate__c: '2023-02-29' }))).toEqual([
      'INVALID_VALUE',
      'Account.StartDate__c (date) wants a date YYYY-MM-DD, not "2023-02-29"',
      'StartDate__c',
    ]);
    expect(refusal(() => e.update('Account', A, { Visit__c: '2024-01-01' }))?.[1]).toBe(
      'Account.Visit__c (datetime) wants a datetime like 2024-01-01T09:00:00Z, not "2024-01-01"',
    );
    expect(refusal(() => e.update('Account', A, { Amount__c: '12' }))?.[1]).toBe(
      'Account.Amount__c (currency) wants a number, not "12"',
    );
    expect(refusal(() => e.update('Account', A, { Seats__c: 1.5 }))?.[1]).toBe(
      'Account.Seats__c (int) wants a whole number, not 1.5',
    );
    expect(refusal(() => e.update('Account', A, { Active__c: 'yes' }))?.[1]).toBe(
      'Account.Active__c (boolean) wants true or false, not "yes"',
    );
    expect(refusal(() => e.update('Account', A, { Stage__c: 'Lost' }))?.[1]).toBe(
      'Account.Stage__c (picklist) wants one of "New", "Done", not "Lost"',
    );
    expect(refusal(() => e.update('Account', A, { Parent__c: "x' OR 1=1" }))?.[1]).toBe(
      `Account.Parent__c (reference) wants a record Id (15 or 18 letters and digits, or a local Id), not "x' OR 1=1"`,
    );
    expect(refusal(() => e.update('Account', A, { Name: 'Eleven char' }))?.[1]).toBe(
      'Account.Name (string) wants text of at most 10 characters (got 11), not "Eleven char"',
    );
    expect(e.pendingChanges()).toEqual([]);
  });

  it('queues values of the right form, and null (clearing) for any type', () => {
    const e = engine();
    const local = e.create('Account', { Name: 'New' });
    expect(
      refusal(() =>
        e.update('Account', A, {
          Name: 'Ten chars!',
          StartDate__c: '2024-02-29',
          Visit__c: '2024-02-29T09:30:00Z',
          Amount__c: 12.5,
          Seats__c: 3,
          Active__c: false,
          Stage__c: 'Done',
          Parent__c: local,
        }),
      ),
    ).toBe('queued');
    expect(refusal(() => e.update('Account', A, { StartDate__c: null, Seats__c: null }))).toBe('queued');
    expect(e.pendingChanges().map((c) => c.op)).toEqual(['create', 'update']);
  });
});
