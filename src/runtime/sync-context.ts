/** Everything one sync run shares between its phases. */

import type { PlanObject, SyncPlan } from '../compiler/plan.ts';
import type { Clock } from './effects.ts';
import type { SyncProgress } from './progress.ts';
import { emptyCounts } from './progress.ts';
import type { RecordTally } from './record-progress.ts';
import type { SalesforceApi } from './salesforce-api.ts';
import type { ChangeOp, ObjectCounts, SyncStore } from './store/sync-store.ts';

export interface SyncContext {
  readonly store: SyncStore;
  readonly api: SalesforceApi;
  readonly plan: SyncPlan;
  readonly clock: Clock;
  readonly userId?: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Manual syncs download every object; scheduled ones only those whose interval passed. */
  readonly downloadAll: boolean;
  readonly counts: Record<string, ObjectCounts>;
  readonly errors: string[];
  readonly dropped: { object: string; recordId: string; op: ChangeOp }[];
  readonly progress: (event: SyncProgress) => void;
  /** Records done / expected per phase and object in this sync (see record-progress.ts). */
  readonly tallies: Map<string, RecordTally>;
}

export function countsFor(context: SyncContext, object: string): ObjectCounts {
  let counts = context.counts[object];
  if (!counts) context.counts[object] = counts = emptyCounts();
  return counts;
}

export function planObject(plan: SyncPlan, name: string): PlanObject | undefined {
  return plan.objects.find((o) => o.name === name);
}
