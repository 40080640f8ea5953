import { describe, expect, it } from 'vitest';
import { firstByOrder } from '../../src/runtime/download/reconcile.ts';

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
});
