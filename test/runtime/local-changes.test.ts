import { describe, expect, it } from 'vitest';
import type { Transport } from '../../src/runtime/transport.ts';
import { SyncEngine } from '../../src/runtime/sync-engine.ts';
import { LocalWriteError } from '../../src/runtime/sync-errors.ts';
import { MemoryStore } from '../../src/runtime/store/memory-store.ts';
import { SqliteStore } from '../../src/runtime/store/sqlite-store.ts';
import type { SyncStore } from '../../src/runtime/store/sync-store.ts';
import { isLocalId } from '../../src/runtime/local-ids.ts';
import { unitPlan } from './helpers/test-plan.ts';

const offline: Transport = {
  request: () => Promise.reject(Object.assign(new Error('offline'), { errorCode: 'ECONNREFUSED' })),
};

const A = '001000000000001AAA';

function engineWith(store: SyncStore): SyncEngine {
  let now = 1000;
  const engine = new SyncEngine({
    transport: offline,
    store,
    plan: unitPlan,
    clock: { now: () => (now += 1) },
  });
  // As if downloaded (installing a plan purges records the plan has not downloaded).
  store.putRecord('Account', {
    Id: A,
    LastModifiedDate: '2024-01-01T00:00:00.000Z',
    Name: 'Acme',
    Phone: '1',
  });
  return engine;
}

describe.each([
  ['MemoryStore', () => new MemoryStore()],
  ['SqliteStore', () => new SqliteStore(':memory:')],
])('local writes on %s', (_name, makeStore) => {
  it('shows a create at once under a local Id and queues it', () => {
    const engine = engineWith(makeStore());
    const id = engine.create('Account', { Name: 'New' });
    expect(isLocalId(id)).toBe(true);
    expect(engine.record('Account', id)).toEqual({ Id: id, Name: 'New' });
    expect(engine.pendingChanges().map((c) => [c.op, c.recordId, c.fields, c.status])).toEqual([
      ['create', id, { Name: 'New' }, 'pending'],
    ]);
  });

  it('merges edits of one record into one change carrying only the changed fields and the seen stamp', () => {
    const engine = engineWith(makeStore());
    engine.update('Account', A, { Phone: '2' });
    engine.update('Account', A, { Name: 'Acme 2' });
    expect(engine.pendingChanges().map((c) => [c.op, c.fields, c.baseStamp])).toEqual([
      ['update', { Phone: '2', Name: 'Acme 2' }, '2024-01-01T00:00:00.000Z'],
    ]);
    expect(engine.record('Account', A)).toEqual({
      Id: A,
      LastModifiedDate: '2024-01-01T00:00:00.000Z',
      Name: 'Acme 2',
      Phone: '2',
    });
  });

  it('folds an edit of an unsent local record into its create, and a delete of it removes both', () => {
    const engine = engineWith(makeStore());
    const id = engine.create('Account', { Name: 'New' });
    engine.update('Account', id, { Phone: '9' });
    expect(engine.pendingChanges().map((c) => [c.op, c.fields])).toEqual([
      ['create', { Name: 'New', Phone: '9' }],
    ]);
    engine.delete('Account', id);
    expect(engine.pendingChanges()).toEqual([]);
    expect(engine.record('Account', id)).toBeUndefined();
  });

  it('replaces pending edits by a delete that remembers the stamp the user saw', () => {
    const engine = engineWith(makeStore());
    engine.update('Account', A, { Phone: '2' });
    engine.delete('Account', A);
    expect(engine.pendingChanges().map((c) => [c.op, c.recordId, c.baseStamp])).toEqual([
      ['delete', A, '2024-01-01T00:00:00.000Z'],
    ]);
    expect(engine.records('Account')).toEqual([]);
    engine.undo(engine.pendingChanges()[0]!.seq);
    expect(engine.record('Account', A)?.Name).toBe('Acme');
  });

  it('refuses writes the plan does not allow, storing nothing', () => {
    const engine = engineWith(makeStore());
    const refused = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(LocalWriteError);
        return [(error as LocalWriteError).code, (error as LocalWriteError).message];
      }
      throw new Error('not refused');
    };
    expect(refused(() => engine.create('Product2', { Name: 'x' }))).toEqual([
      'READ_ONLY_OBJECT',
      'Product2 is read-only on devices (the scope\'s access is "read"); ask the admin to set access "readWrite"',
    ]);
    expect(refused(() => engine.update('Account', A, { LastModifiedDate: 'x' }))).toEqual([
      'FIELD_NOT_UPDATEABLE',
      'Account.LastModifiedDate is set by Salesforce and cannot be written',
    ]);
    expect(refused(() => engine.update('Account', A, { Fax: '1' }))).toEqual([
      'UNKNOWN_FIELD',
      'Account.Fax is not a field of the sync plan (fields: Id, LastModifiedDate, Name, Phone)',
    ]);
    expect(refused(() => engine.create('Lead', {}))).toEqual([
      'UNKNOWN_OBJECT',
      'Lead is not in the sync plan',
    ]);
    expect(refused(() => engine.update('Account', '001000000000009AAA', { Name: 'x' }))).toEqual([
      'RECORD_NOT_FOUND',
      'Account 001000000000009AAA is not on this device',
    ]);
    expect(engine.pendingChanges()).toEqual([]);
  });

  it('refuses fields outside updateableFields when the plan lists them', () => {
    const plan = structuredClone(unitPlan) as typeof unitPlan;
    (plan.objects[0]!.upload as unknown as { updateableFields: string[] }).updateableFields = ['Phone'];
    const store = makeStore();
    const engine = new SyncEngine({ transport: offline, store, plan });
    store.putRecord('Account', { Id: A, Name: 'Acme' });
    expect(() => engine.update('Account', A, { Name: 'x' })).toThrow(
      'Account.Name is not updateable for this user',
    );
  });
});
