/** One object's download in a sync: how it is brought up to date and the statements bound for it. */

import type { PlanObject } from '../../compiler/plan.ts';
import type { WindowAnswers } from './change-window.ts';
import type { BoundQuery } from './download-queries.ts';

/** `count`: a delta, then the plan's COUNT() queries stand in for the Id re-read (count-check.ts). */
export type Mode = 'delta' | 'reconcile' | 'count';

export interface ObjectWork {
  readonly object: PlanObject;
  readonly mode: Mode | null;
  /** Per union member, its bound statements (several when the member has an idSource). */
  readonly queries: BoundQuery[][];
  readonly window?: WindowAnswers;
  readonly fromScratch: boolean;
  /**
   * An object reconciled every sync also runs its delta in the same round: what changed comes with the
   * Id query, so only records that entered unchanged are fetched by Id afterwards.
   */
  readonly changed?: BoundQuery[][];
}
