/** One outbox change made ready to send: its subrequest and what applying the answer needs. */

import type { PlanObject } from '../../compiler/plan.ts';
import type { CompositeSubrequest } from '../salesforce-api.ts';
import type { OutboxEntry } from '../store/sync-store.ts';

export interface BatchItem {
  readonly entry: OutboxEntry;
  readonly planObject: PlanObject;
  readonly subrequest: CompositeSubrequest;
  /** Resolved values and target Id, for sObject Collections. */
  readonly fields: Record<string, unknown>;
  readonly targetId: string;
  /** A create sent as an upsert on this external-Id field. */
  readonly upsertField?: string;
  /** May go in an sObject Collection: no per-record header, no reference to a record of this call. */
  readonly collectible: boolean;
}
