import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/runtime/store/memory-store.ts';
import { SqliteStore } from '../../src/runtime/store/sqlite-store.ts';
import { emptyObjectState, type SyncStore } from '../../src/runtime/store/sync-store.ts';
import { unitPlan } from './helpers/test-plan.ts';
import { storeContract } from './store-contract.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const stores: [string, () => SyncStore][] = [
  ['MemoryStore', () => new MemoryStore()],
  ['SqliteStore', () => new SqliteStore(':memory:')],
];

describe.each(stores)('%s', (_name, makeStore) => storeContract(makeStore, { it, expect }));

describe('SqliteStore durability', () => {
  it('keeps everything across a close and reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'syncscope-store-'));
    dirs.push(dir);
    const path = join(dir, 'device.sqlite');
    const first = new SqliteStore(path);
    first.putPlan(unitPlan);
    first.putRecord('Account', { Id: '001A', Name: 'a' });
    const change = first.appendChange({
      object: 'Account',
      op: 'update',
      recordId: '001A',
      fields: { Name: 'b' },
      status: 'inFlight',
      attempts: 1,
      changedAt: 1,
    });
    first.putObjectState({ ...emptyObjectState('Account', 'a1'), watermark: '2024-01-01T00:00:00.000Z' });
    first.close();
    const second = new SqliteStore(path);
    expect(second.getPlan()).toEqual(unitPlan);
    expect(second.listRecords('Account')).toEqual([{ Id: '001A', Name: 'a' }]);
    expect(second.listChanges()).toEqual([{ ...change }]);
    expect(second.getObjectState('Account')?.watermark).toBe('2024-01-01T00:00:00.000Z');
    second.close();
  });
});
