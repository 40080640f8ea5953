/**
 * Moving a device to another scope because the org now assigns its user another one (docs/rollout.md).
 * The sync uploads the device's pending changes with the plan they were made under first; only when
 * nothing is left in the outbox (no failed change, no conflict) does it install the new scope's plan,
 * which purges the old scope's records, and download the new scope. Otherwise the device keeps its
 * scope and says what it waits for, so a swap never strands a local change.
 */

import type { SyncPlan } from '../compiler/plan.ts';
import { installPlan } from './plan-change.ts';
import type { PlanInstalled } from './progress.ts';
import type { PublishedVersion } from './published-plan-source.ts';
import { SalesforceApi } from './salesforce-api.ts';
import type { SyncContext } from './sync-context.ts';
import type { Transport } from './transport.ts';

export interface ScopeSwap {
  readonly plan: SyncPlan;
  readonly version: PublishedVersion;
  /** Why the org assigns it (rollout-state.ts). */
  readonly reason: string;
}

/** After the upload: the context to download the new scope with, or undefined when changes are left. */
export function completeScopeSwap(
  context: SyncContext,
  swap: ScopeSwap,
  transport: Transport,
  pageSize: number | undefined,
): { context: SyncContext; installed: PlanInstalled } | undefined {
  const left = context.store.listChanges().length;
  if (left > 0) {
    context.errors.push(
      `the org now assigns "${swap.plan.scopeName}" v${swap.version.versionNumber} to this user; the device moves to it once its ${left === 1 ? '1 local change is' : `${left} local changes are`} uploaded (retry or undo failed changes, resolve conflicts): this sync kept "${context.plan.scopeName}"`,
    );
    return undefined;
  }
  const change = installPlan(context.store, swap.plan, { allowScopeChange: true });
  return {
    context: {
      ...context,
      plan: swap.plan,
      api: new SalesforceApi(transport, swap.plan.apiVersion, pageSize),
    },
    installed: {
      versionId: swap.version.versionId,
      versionNumber: swap.version.versionNumber,
      ...change,
      reason: swap.reason,
    },
  };
}
