import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.ts';
import type { PlanOrderKey } from '../../src/compiler/plan.ts';
import { orderKeysOf } from '../../src/runtime/download/order-keys.ts';
import { firstByOrder as firstByKeys } from '../../src/runtime/download/reconcile.ts';

/** Keys as an older plan's `orderBy` text gives them (a plan compiled before `orderKeys`). */
function firstByOrder(rows: readonly Record<string, unknown>[], orderBy: string, limit: number) {
  return firstByKeys(rows as never, orderKeysOf({ orderBy }), limit);
}

/** The keys the compiler puts in the plan for `orderBy` (a limited root object). */
function compiledKeys(orderBy: string): readonly PlanOrderKey[] {
  const scope = {
    scopeVersion: 1,
    name: 'o',
    objects: { WorkOrder: { fields: ['StartDate', 'Priority'], limit: 5, orderBy } },
  };
  const plan = compile(scope).plan;
  if (!plan) throw new Error(`does not compile: ${orderBy}`);
  return plan.objects[0]!.orderKeys!;
}

describe('firstByOrder (the first `limit` of a union of limited queries)', () => {
  const rows = [
    { Id: 'a5', StartDate: '2026-03-05', Priority: 2 },
    { Id: 'a1', StartDate: '2026-03-01', Priority: null },
    { Id: 'a3', StartDate: '2026-03-03', Priority: 1 },
    { Id: 'a0', StartDate: null, Priority: 3 },
    { Id: 'a2', StartDate: '2026-03-03', Priority: 1 },
  ];

  it('sorts ascending with nulls first, ties broken by Id', () => {
    expect(firstByOrder(rows, 'StartDate ASC', 4).map((r) => r.Id)).toEqual(['a0', 'a1', 'a2', 'a3']);
  });

  it('sorts descending with nulls last, and honours NULLS FIRST/LAST and several keys', () => {
    expect(firstByOrder(rows, 'StartDate DESC', 5).map((r) => r.Id)).toEqual(['a5', 'a2', 'a3', 'a1', 'a0']);
    expect(firstByOrder(rows, 'StartDate ASC NULLS LAST', 2).map((r) => r.Id)).toEqual(['a1', 'a2']);
    expect(firstByOrder(rows, 'Priority DESC NULLS FIRST, StartDate', 3).map((r) => r.Id)).toEqual([
      'a1',
      'a0',
      'a5',
    ]);
  });

  it("gives the same order from the compiler's orderKeys as from an older plan's orderBy text", () => {
    for (const orderBy of [
      'StartDate ASC',
      'StartDate DESC',
      'StartDate ASC NULLS LAST',
      'Priority DESC NULLS FIRST, StartDate',
    ])
      expect(firstByKeys(rows as never, compiledKeys(orderBy), 5)).toEqual(firstByOrder(rows, orderBy, 5));
    expect(compiledKeys('Priority DESC NULLS FIRST, StartDate')).toEqual([
      { field: 'Priority', order: 'DESC', nulls: 'FIRST' },
      { field: 'StartDate', order: 'ASC', nulls: 'FIRST' },
      { field: 'Id', order: 'ASC', nulls: 'FIRST' },
    ]);
  });
});
