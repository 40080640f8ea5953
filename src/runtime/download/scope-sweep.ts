/**
 * Removing, on the device, records that no path of the scope reaches any more: a child whose parent left,
 * a record no held record references now. For objects whose every path goes through held records, the
 * held parents and referencing records say exactly what is in scope, so this costs no API call, where an
 * Id re-read of a big child object would read every page of it.
 */

import type { PlanObject } from '../../compiler/plan.ts';
import { canSweep, markDependentsOfRemoved, markNeedsReconcile, updateObjectState } from './object-state.ts';
import { isSalesforceId } from '../soql-binding.ts';
import type { SyncContext } from '../sync-context.ts';
import { countsFor } from '../sync-tallies.ts';

/**
 * Deletes the records of `object` that no path reaches from what the device holds, clears `needsSweep`,
 * and flags the objects that depend on it when anything went. Returns how many records were removed.
 * An object the device cannot judge alone (a root path, a limit) is marked for reconciliation instead.
 */
export function sweepOrphans(context: SyncContext, object: PlanObject): number {
  const { store } = context;
  return store.transaction(() => {
    if (!canSweep(object)) {
      updateObjectState(context, object, () => ({ needsSweep: false }));
      markNeedsReconcile(context, object.name);
      return 0;
    }
    // Reference fields are read without parsing whole records (an object may hold tens of thousands).
    const reaches = object.paths.map((path): ((id: string) => boolean) => {
      if (path.kind === 'root') return () => true;
      if (path.kind === 'childOf') {
        const parents = new Set(store.listRecordIds(path.object));
        const parentOf = store.stringValuesById(object.name, path.field);
        return (id) => {
          const parent = parentOf.get(id);
          return parent !== undefined && isSalesforceId(parent) && parents.has(parent);
        };
      }
      const referenced = new Set(
        path.field === 'Id'
          ? store.listRecordIds(path.object)
          : store.listStringValues(path.object, path.field),
      );
      return (id) => referenced.has(id);
    });
    let removed = 0;
    for (const id of store.listRecordIds(object.name))
      if (!reaches.some((reach) => reach(id))) {
        store.deleteRecord(object.name, id);
        removed += 1;
      }
    updateObjectState(context, object, () => ({ needsSweep: false }));
    countsFor(context, object.name).removed += removed;
    if (removed > 0) markDependentsOfRemoved(context, object.name);
    return removed;
  });
}
