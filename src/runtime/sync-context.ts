/**
 * Everything one sync run shares between its phases: what it reads (the dependencies, fixed for the run)
 * and what it counts (the tallies, sync-tallies.ts).
 */

import type { PlanObject, SyncPlan } from '../compiler/plan.ts';
import type { Clock } from './effects.ts';
import type { SyncProgress } from './progress.ts';
import type { SalesforceApi } from './salesforce-api.ts';
import type { SyncStore } from './store/sync-store.ts';
import type { SyncTallies } from './sync-tallies.ts';

/** The read-only inputs of one sync run. */
export interface SyncDependencies {
  readonly store: SyncStore;
  readonly api: SalesforceApi;
  readonly plan: SyncPlan;
  readonly clock: Clock;
  readonly userId?: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Manual syncs download every object; scheduled ones only those whose interval passed. */
  readonly downloadAll: boolean;
  readonly progress: (event: SyncProgress) => void;
  /** Objects this user cannot sync and why (a filter names a field they cannot read; field-access.ts). */
  readonly blocked?: ReadonlyMap<string, string>;
}

export type SyncContext = SyncDependencies & SyncTallies;

export function planObject(plan: SyncPlan, name: string): PlanObject | undefined {
  return plan.objects.find((o) => o.name === name);
}
