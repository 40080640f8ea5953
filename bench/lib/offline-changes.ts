/**
 * The upload benchmark's offline work: `count` changes a technician makes without network, as a list
 * both upload strategies replay. Updates of work orders (Subject) and line items (Status) the device
 * holds, and new work orders each with a new line item (a create with a child referencing it).
 */

import type { SfRecord } from '../../src/runtime/records.ts';
import { SyncEngine } from '../../src/runtime/sync-engine.ts';
import type { SyncStore } from '../../src/runtime/store/sync-store.ts';
import type { BenchChange } from './mobilesync-strategy.ts';

export function offlineChanges(
  device: { workOrders: readonly SfRecord[]; lineItems: readonly SfRecord[]; accountIds: readonly string[] },
  userId: string,
  count: number,
  startMs: number,
): BenchChange[] {
  const changes: BenchChange[] = [];
  const updates = Math.min(Math.floor(count / 2), device.workOrders.length + device.lineItems.length);
  const woUpdates = Math.min(device.workOrders.length, Math.ceil(updates / 2));
  for (let i = 0; i < woUpdates; i++)
    changes.push({
      kind: 'update',
      object: 'WorkOrder',
      id: device.workOrders[i]!.Id,
      fields: { Subject: `Offline visit note ${i + 1}` },
    });
  for (let i = 0; i < updates - woUpdates; i++)
    changes.push({
      kind: 'update',
      object: 'WorkOrderLineItem',
      id: device.lineItems[i]!.Id,
      fields: { Status: 'In Progress' },
    });
  // Far enough ahead to stay out of the scope's next 14 days: the benchmark does not grow the scope.
  const startDate = new Date(startMs + 60 * 86_400_000).toISOString();
  for (let n = 0; changes.length < count; n++) {
    const key = `wo${n}`;
    changes.push({
      kind: 'create',
      object: 'WorkOrder',
      key,
      fields: {
        Subject: `Follow-up visit ${n + 1}`,
        Status: 'New',
        Priority: 'Medium',
        StartDate: startDate,
        OwnerId: userId,
        ...(device.accountIds.length ? { AccountId: device.accountIds[n % device.accountIds.length] } : {}),
      },
    });
    if (changes.length < count)
      changes.push({
        kind: 'create',
        object: 'WorkOrderLineItem',
        key: `li${n}`,
        fields: { Status: 'New', Description: `Part to bring for follow-up ${n + 1}` },
        refs: { WorkOrderId: key },
      });
  }
  return changes;
}

/** Queues the changes on a device as the app would (no network). */
export function queueOnDevice(store: SyncStore, changes: readonly BenchChange[]): void {
  const engine = new SyncEngine({
    store,
    transport: { request: () => Promise.reject(new Error('offline')) },
  });
  const localIds = new Map<string, string>();
  for (const change of changes) {
    if (change.kind === 'update') engine.update(change.object, change.id, change.fields);
    else {
      const fields: Record<string, unknown> = { ...change.fields };
      for (const [field, key] of Object.entries(change.refs ?? {})) fields[field] = localIds.get(key);
      localIds.set(change.key, engine.create(change.object, fields));
    }
  }
}
