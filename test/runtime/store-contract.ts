/**
 * The SyncStore contract, one set of cases every store must pass: MemoryStore and SqliteStore in Node
 * (store.test.ts), WasmSqliteStore in Node and inside a Web Worker on OPFS in Chromium
 * (test/app-device/). The cases take vitest's `it` and `expect`, or the same matchers from
 * @vitest/expect in a browser.
 */

import type { expect as vitestExpect } from 'vitest';
import { emptyObjectState, type SyncStore } from '../../src/runtime/store/sync-store.ts';
import { unitPlan } from './helpers/test-plan.ts';

export interface ContractApi {
  readonly it: (name: string, fn: () => void) => void;
  readonly expect: typeof vitestExpect;
}

export function storeContract(makeStore: () => SyncStore, { it, expect }: ContractApi): void {
  it('keeps records per object, listed by Id', () => {
    const store = makeStore();
    store.putRecord('Account', { Id: '001B', Name: 'b' });
    store.putRecord('Account', { Id: '001A', Name: 'a' });
    store.putRecord('Contact', { Id: '003A', LastName: 'x', Account: { Name: 'a' } });
    expect(store.listRecords('Account')).toEqual([
      { Id: '001A', Name: 'a' },
      { Id: '001B', Name: 'b' },
    ]);
    expect(store.getRecord('Contact', '003A')).toEqual({ Id: '003A', LastName: 'x', Account: { Name: 'a' } });
    expect(store.listObjects()).toEqual(['Account', 'Contact']);
    store.deleteRecord('Account', '001A');
    expect(store.listRecordIds('Account')).toEqual(['001B']);
    store.purgeObject('Account');
    expect(store.listRecords('Account')).toEqual([]);
    expect(store.listObjects()).toEqual(['Contact']);
  });

  it('reads and writes a record as its JSON text, the same record as getRecord/putRecord', () => {
    const store = makeStore();
    store.putRecord('Account', { Id: '001A', Name: 'a', Owner: { Name: 'o' } });
    expect(store.getRecordJson('Account', '001A')).toBe('{"Id":"001A","Name":"a","Owner":{"Name":"o"}}');
    expect(store.getRecordJson('Account', '001B')).toBeUndefined();
    expect(store.getRecordJson('Contact', '001A')).toBeUndefined();
    store.putRecordJson('Account', '001B', '{"Id":"001B","Name":"b"}');
    expect(store.getRecord('Account', '001B')).toEqual({ Id: '001B', Name: 'b' });
    expect(store.listRecordIds('Account')).toEqual(['001A', '001B']);
    store.transaction(() => {
      store.putRecordJson('Account', '001C', '{"Id":"001C"}');
      store.putRecordJson('Account', '001A', '{"Id":"001A","Name":"a2"}');
      store.transaction(() => undefined);
    });
    expect(store.getRecord('Account', '001A')).toEqual({ Id: '001A', Name: 'a2' });
    expect(() =>
      store.transaction(() => {
        store.putRecordJson('Account', '001D', '{"Id":"001D"}');
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(store.getRecordJson('Account', '001D')).toBeUndefined();
  });

  it('returns copies: mutating a returned record does not change the store', () => {
    const store = makeStore();
    store.putRecord('Account', { Id: '001A', Name: 'a' });
    const record = store.getRecord('Account', '001A') as unknown as { Name: string };
    record.Name = 'changed';
    expect(store.getRecord('Account', '001A')).toEqual({ Id: '001A', Name: 'a' });
  });

  it('keeps the outbox in order with increasing seq', () => {
    const store = makeStore();
    const base = { object: 'Account', fields: {}, status: 'pending' as const, attempts: 0, changedAt: 1 };
    const a = store.appendChange({ ...base, op: 'create', recordId: 'local-1', fields: { Name: 'x' } });
    const b = store.appendChange({ ...base, op: 'delete', recordId: '001A' });
    expect(b.seq).toBeGreaterThan(a.seq);
    store.replaceChange({ ...a, status: 'inFlight', attempts: 1, attemptId: 'c1-1' });
    expect(store.listChanges().map((c) => [c.seq, c.op, c.status])).toEqual([
      [a.seq, 'create', 'inFlight'],
      [b.seq, 'delete', 'pending'],
    ]);
    store.removeChange(a.seq);
    expect(store.getChange(a.seq)).toBeUndefined();
    expect(() => store.replaceChange(a)).toThrow(`no outbox entry ${a.seq}`);
  });

  it('rolls back every write of a failed transaction', () => {
    const store = makeStore();
    store.putRecord('Account', { Id: '001A', Name: 'a' });
    store.putObjectState(emptyObjectState('Account', 'f1'));
    const seqBefore = store.appendChange({
      object: 'Account',
      op: 'update',
      recordId: '001A',
      fields: { Name: 'z' },
      status: 'pending',
      attempts: 0,
      changedAt: 1,
    }).seq;
    expect(() =>
      store.transaction(() => {
        store.putRecord('Account', { Id: '001A', Name: 'changed' });
        store.putRecord('Account', { Id: '001B', Name: 'new' });
        store.purgeObject('Contact');
        store.putObjectState({ ...emptyObjectState('Account', 'f1'), watermark: '2024-01-01T00:00:00.000Z' });
        store.removeChange(seqBefore);
        store.appendChange({
          object: 'Account',
          op: 'delete',
          recordId: '001A',
          fields: {},
          status: 'pending',
          attempts: 0,
          changedAt: 2,
        });
        store.mapId('local-x', '001X');
        store.setMeta('k', 1);
        store.putPlan(unitPlan);
        throw new Error('crash');
      }),
    ).toThrow('crash');
    expect(store.listRecords('Account')).toEqual([{ Id: '001A', Name: 'a' }]);
    expect(store.getObjectState('Account')?.watermark).toBeNull();
    expect(store.listChanges().map((c) => c.seq)).toEqual([seqBefore]);
    expect(store.resolveId('local-x')).toBeUndefined();
    expect(store.getMeta('k')).toBeUndefined();
    expect(store.getPlan()).toBeUndefined();
    // seq numbers are not reused after a rollback in a way that reorders the outbox
    const next = store.appendChange({
      object: 'Account',
      op: 'delete',
      recordId: '001A',
      fields: {},
      status: 'pending',
      attempts: 0,
      changedAt: 3,
    });
    expect(next.seq).toBeGreaterThan(seqBefore);
  });

  it('keeps nested transactions atomic with the outer one', () => {
    const store = makeStore();
    store.transaction(() => {
      store.putRecord('Account', { Id: '001A' });
      store.transaction(() => store.putRecord('Account', { Id: '001B' }));
    });
    expect(store.listRecordIds('Account')).toEqual(['001A', '001B']);
  });

  it('counts records and lists one field’s string values by record Id, per object', () => {
    const store = makeStore();
    expect(store.countRecords('Contact')).toBe(0);
    expect(store.listStringValues('Contact', 'AccountId')).toEqual([]);
    store.putRecord('Contact', { Id: '003C', AccountId: '001B', Phone: null });
    store.putRecord('Contact', { Id: '003A', AccountId: '001A', Phone: '12' });
    store.putRecord('Contact', { Id: '003B', AccountId: null, Phone: 12 });
    store.putRecord('Contact', { Id: '003D', Phone: true, Account: { Name: 'nested', AccountId: '001X' } });
    store.putRecord('Contact', { Id: '003E', AccountId: '001A', Phone: { a: 1 } });
    store.putRecord('Account', { Id: '001A', AccountId: '001Z' });
    expect(store.countRecords('Contact')).toBe(5);
    expect(store.countRecords('Account')).toBe(1);
    // Absent, null, nested and non-string values are left out; duplicates are kept.
    expect(store.listStringValues('Contact', 'AccountId')).toEqual(['001A', '001B', '001A']);
    expect(store.listStringValues('Contact', 'Phone')).toEqual(['12']);
    expect(store.listStringValues('Contact', 'Id')).toEqual(['003A', '003B', '003C', '003D', '003E']);
    expect(store.listStringValues('Contact', 'Account.AccountId')).toEqual([]);
    expect([...store.stringValuesById('Contact', 'AccountId')]).toEqual([
      ['003A', '001A'],
      ['003C', '001B'],
      ['003E', '001A'],
    ]);
    expect([...store.stringValuesById('Account', 'AccountId')]).toEqual([['001A', '001Z']]);
    expect([...store.stringValuesById('Contact', 'Account.AccountId')]).toEqual([]);
    // A parent's children by its Id; nested, null and non-string values never match.
    expect(store.listRecordIdsReferencing('Contact', 'AccountId', '001A')).toEqual(['003A', '003E']);
    expect(store.listRecordIdsReferencing('Contact', 'AccountId', '001X')).toEqual([]);
    expect(store.listRecordIdsReferencing('Contact', 'Phone', '12')).toEqual(['003A']);
    expect(store.listRecordIdsReferencing('Contact', 'AccountId', '001Q')).toEqual([]);
    // 15- and 18-character Ids of one record are the same Id.
    store.putRecord('Asset', { Id: '02i000000000001AAA', AccountId: '001000000000001' });
    store.putRecord('Asset', { Id: '02i000000000002AAA', AccountId: '001000000000001AAA' });
    store.putRecord('Asset', { Id: '02i000000000003AAA', AccountId: '001000000000002AAA' });
    expect(store.listRecordIdsReferencing('Asset', 'AccountId', '001000000000001AAA')).toEqual([
      '02i000000000001AAA',
      '02i000000000002AAA',
    ]);
    expect(store.listRecordIdsReferencing('Asset', 'AccountId', '001000000000001')).toEqual([
      '02i000000000001AAA',
      '02i000000000002AAA',
    ]);
    store.purgeObject('Asset');
    store.deleteRecord('Contact', '003A');
    expect(store.countRecords('Contact')).toBe(4);
    expect(store.listStringValues('Contact', 'AccountId')).toEqual(['001B', '001A']);
    expect([...store.stringValuesById('Contact', 'AccountId').keys()]).toEqual(['003C', '003E']);
  });

  it('counts and lists values as of a rolled-back transaction’s start', () => {
    const store = makeStore();
    store.putRecord('Asset', { Id: '02iA', AccountId: '001A' });
    expect(() =>
      store.transaction(() => {
        store.putRecord('Asset', { Id: '02iB', AccountId: '001B' });
        store.putRecord('Asset', { Id: '02iA', AccountId: '001C' });
        expect(store.countRecords('Asset')).toBe(2);
        expect(store.listStringValues('Asset', 'AccountId')).toEqual(['001C', '001B']);
        throw new Error('killed');
      }),
    ).toThrow('killed');
    expect(store.countRecords('Asset')).toBe(1);
    expect(store.listStringValues('Asset', 'AccountId')).toEqual(['001A']);
  });

  it('keeps history newest first, plan, meta, id map and object state', () => {
    const store = makeStore();
    const entry = {
      trigger: 'manual' as const,
      startedAt: 1,
      endedAt: 2,
      ok: true,
      apiCalls: 3,
      counts: {},
      errors: [],
      dropped: [],
    };
    store.appendHistory(entry);
    store.appendHistory({ ...entry, startedAt: 5 });
    expect(store.listHistory().map((h) => h.startedAt)).toEqual([5, 1]);
    expect(store.listHistory(1)).toHaveLength(1);
    store.appendHistory({ ...entry, startedAt: 9 });
    store.pruneHistory(2);
    expect(store.listHistory().map((h) => h.startedAt)).toEqual([9, 5]);
    const next = store.appendHistory({ ...entry, startedAt: 10 });
    expect(next.id).toBeGreaterThan(store.listHistory()[1]!.id!);
    store.putPlan(unitPlan);
    expect(store.getPlan()).toEqual(unitPlan);
    store.mapId('local-1', '001000000000001AAA');
    expect(store.resolveId('local-1')).toBe('001000000000001AAA');
    store.setMeta('userId', '005x');
    expect(store.getMeta('userId')).toBe('005x');
    const state = { ...emptyObjectState('Account', 'f'), pendingIds: { '1': ['001A'] } };
    store.putObjectState(state);
    expect(store.getObjectState('Account')).toEqual(state);
    store.deleteObjectState('Account');
    expect(store.getObjectState('Account')).toBeUndefined();
  });
}
