/**
 * A parent's children as the user sees them (viewRecordsWhere, behind the field app's related lists): the
 * same records, in the same order, as filtering every record of the object (viewRecords), with the outbox
 * on top: a child created offline joins, one moved to another parent or deleted leaves, one moved here
 * joins. In both stores (SQLite answers from the field's JSON value, MemoryStore from its map).
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { viewRecords, viewRecordsWhere } from '../../src/runtime/local-view.ts';
import { sameId } from '../../src/runtime/records.ts';
import { MemoryStore } from '../../src/runtime/store/memory-store.ts';
import { SqliteStore } from '../../src/runtime/store/sqlite-store.ts';
import type { NewOutboxEntry, SyncStore } from '../../src/runtime/store/sync-store.ts';

const PUMP = '0WO000000000001AAA';
const VALVE = '0WO000000000002AAA';
const line = (n: number, workOrder: string | null, status = 'New') => ({
  Id: `1WL00000000000${n}AAA`,
  LineItemNumber: `0000${n}`,
  WorkOrderId: workOrder,
  Status: status,
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const stores: [string, () => SyncStore][] = [
  ['MemoryStore', () => new MemoryStore()],
  [
    'SqliteStore',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'syncscope-local-view-'));
      dirs.push(dir);
      return new SqliteStore(join(dir, 'device.sqlite'));
    },
  ],
];

function change(entry: Partial<NewOutboxEntry> & Pick<NewOutboxEntry, 'op' | 'recordId'>): NewOutboxEntry {
  return { object: 'WorkOrderLineItem', fields: {}, status: 'pending', attempts: 0, changedAt: 1, ...entry };
}

describe.each(stores)('viewRecordsWhere over %s', (_name, open) => {
  it("answers a parent's children with the outbox on top, as filtering every record would", () => {
    const store = open();
    for (const record of [
      line(1, PUMP),
      line(2, VALVE),
      line(3, PUMP.slice(0, 15)),
      line(4, null),
      line(5, PUMP),
      line(6, VALVE),
    ])
      store.putRecord('WorkOrderLineItem', record);
    store.putRecord('WorkOrder', { Id: PUMP, WorkOrderId: PUMP });
    store.appendChange(change({ op: 'update', recordId: line(2, null).Id, fields: { WorkOrderId: PUMP } }));
    store.appendChange(change({ op: 'update', recordId: line(5, null).Id, fields: { WorkOrderId: VALVE } }));
    store.appendChange(change({ op: 'update', recordId: line(1, null).Id, fields: { Status: 'Done' } }));
    store.appendChange(change({ op: 'delete', recordId: line(3, null).Id }));
    store.appendChange(
      change({ op: 'create', recordId: 'local-7', fields: { LineItemNumber: 'new', WorkOrderId: PUMP } }),
    );

    const pump = viewRecordsWhere(store, 'WorkOrderLineItem', 'WorkOrderId', PUMP);
    expect(pump).toEqual([
      { ...line(1, PUMP), Status: 'Done' },
      { ...line(2, VALVE), WorkOrderId: PUMP },
      { Id: 'local-7', LineItemNumber: 'new', WorkOrderId: PUMP },
    ]);
    expect(pump).toEqual(
      viewRecords(store, 'WorkOrderLineItem').filter(
        (r) => typeof r.WorkOrderId === 'string' && sameId(r.WorkOrderId, PUMP),
      ),
    );
    expect(viewRecordsWhere(store, 'WorkOrderLineItem', 'WorkOrderId', VALVE).map((r) => r.Id)).toEqual([
      line(5, null).Id,
      line(6, null).Id,
    ]);
    expect(viewRecordsWhere(store, 'WorkOrderLineItem', 'WorkOrderId', '0WO000000000009AAA')).toEqual([]);
    store.close();
  });
});
