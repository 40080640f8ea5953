import { describe, expect, it } from 'vitest';
import {
  compositeCalls,
  dailyCalls,
  pages,
  syncCalls,
  tickMinutesOf,
  type ObjectDeltaRequests,
} from '../../src/server/api-cost.ts';

const object = (
  name: string,
  syncEveryMinutes: number,
  reconcileEverySync: boolean,
): ObjectDeltaRequests => ({
  name,
  syncEveryMinutes,
  reconcileEverySync,
  deltaQueries: 1,
  otherRequests: 1,
  reconcilePages: 1,
});

describe('API-call arithmetic', () => {
  it('counts a page per 2000 rows, and one for an empty result', () => {
    expect([pages(0), pages(1), pages(2000), pages(2001), pages(10_000)]).toEqual([1, 1, 1, 2, 5]);
  });

  it('groups requests into composite calls: 5 queries and 25 subrequests per call', () => {
    expect(compositeCalls({ queries: 0, others: 0 })).toBe(0);
    expect(compositeCalls({ queries: 5, others: 20 })).toBe(1);
    expect(compositeCalls({ queries: 6, others: 0 })).toBe(2);
    expect(compositeCalls({ queries: 11, others: 20 })).toBe(3);
    expect(compositeCalls({ queries: 0, others: 30 })).toBe(2);
  });

  it('costs one sync: reconciling objects add their Id pages, plus the plan check', () => {
    const objects = [object('A', 30, true), object('B', 240, false)];
    // A: 1 delta + 1 reconcile page, B: 1 delta -> 3 queries, 2 getDeleted -> 1 composite + 1 plan check.
    expect(syncCalls(objects, false)).toBe(2);
    // Daily reconciliation of everything: 4 queries, 2 others -> still 1 composite.
    expect(syncCalls(objects, true)).toBe(2);
    expect(syncCalls([], false)).toBe(0);
  });

  it('costs a day at the schedules: every tick the due objects sync together', () => {
    const objects = [object('A', 30, true), object('B', 240, false), object('C', 1440, false)];
    // 48 ticks. t=0: all three reconcile: 6 queries + 3 others -> 2 composites + 1 = 3.
    // t=240..1200 (5 ticks): A (2 queries) + B (1 query), 2 others -> 1 + 1 = 2 each -> 10.
    // the other 42 ticks: A alone, 2 queries + 1 other -> 1 + 1 = 2 each -> 84.
    expect(dailyCalls(objects, 30)).toEqual({ syncsPerDay: 48, apiCallsPerDay: 97 });
  });

  it('ticks at the shortest interval of the plan and its objects', () => {
    expect(tickMinutesOf(30, [{ syncEveryMinutes: 240 }, { syncEveryMinutes: 15 }])).toBe(15);
    expect(tickMinutesOf(30, [{ syncEveryMinutes: 240 }])).toBe(30);
  });
});
