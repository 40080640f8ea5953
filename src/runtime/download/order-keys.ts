/**
 * The order a limited object's records are kept by: the plan's `orderKeys`, parsed by the compiler. Plans
 * compiled before that field was added carry only the `orderBy` text; for them alone it is read here, the
 * way those plans meant it (fields separated by commas, ASC/DESC, NULLS FIRST/LAST).
 */

import type { PlanObject, PlanOrderKey } from '../../compiler/plan.ts';

const ID_KEY: PlanOrderKey = { field: 'Id', order: 'ASC', nulls: 'FIRST' };

export function orderKeysOf(object: Pick<PlanObject, 'orderKeys' | 'orderBy'>): readonly PlanOrderKey[] {
  return object.orderKeys ?? orderKeysOfOlderPlan(object.orderBy);
}

/** An older plan's `orderBy` text as keys, then Id (as its queries order). */
function orderKeysOfOlderPlan(orderBy: string | undefined): PlanOrderKey[] {
  const keys = (orderBy ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): PlanOrderKey => {
      const [field = 'Id', ...rest] = part.split(/\s+/);
      const words = rest.join(' ').toUpperCase();
      const desc = /\bDESC\b/.test(words);
      const nullsLast = /NULLS LAST/.test(words) || (desc && !/NULLS FIRST/.test(words));
      return { field, order: desc ? 'DESC' : 'ASC', nulls: nullsLast ? 'LAST' : 'FIRST' };
    });
  return [...keys, ID_KEY];
}
