import { describe, expect, it } from 'vitest';
import {
  compositeCalls,
  dailyCalls,
  objectRequestSequence,
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
  reconcileQueries: 1,
  reconcileExtraPages: 0,
});

describe('API-call arithmetic', () => {
  it('counts a page per 2000 rows, and one for an empty result', () => {
    expect([pages(0), pages(1), pages(2000), pages(2001), pages(10_000)]).toEqual([1, 1, 1, 2, 5]);
  });

  it('sends a window check before delta queries, none for objects reconciled every sync', () => {
    expect(objectRequestSequence(object('A', 30, false), false)).toEqual([false, false, true]);
    expect(objectRequestSequence({ ...object('A', 30, false), reconcileQueries: 2 }, true)).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(objectRequestSequence({ ...object('B', 30, true), reconcileQueries: 3 }, false)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('packs requests in order into composite calls: at most 5 queries and 25 subrequests each', () => {
    expect(compositeCalls([])).toBe(0);
    expect(compositeCalls([true])).toBe(1);
    expect(compositeCalls(new Array(5).fill(true))).toBe(1);
    expect(compositeCalls(new Array(6).fill(true))).toBe(2);
    expect(compositeCalls(new Array(30).fill(false))).toBe(2);
    // 20 window checks, then 6 queries: the first call takes 20 + 5, the 6th query goes alone.
    expect(compositeCalls([...new Array(20).fill(false), ...new Array(6).fill(true)])).toBe(2);
    // q q q q q c q: the 6th query closes the first call although only 6 subrequests were used.
    expect(compositeCalls([true, true, true, true, true, false, true])).toBe(2);
  });

  it('costs one sync: packed first requests, further Id pages, and the plan check', () => {
    const objects = [{ ...object('A', 30, true), reconcileExtraPages: 2 }, object('B', 240, false)];
    // A: 1 Id query (+2 pages), B: window check + 1 delta query -> 1 composite + 2 pages + 1 plan check.
    expect(syncCalls(objects, false)).toBe(4);
    expect(syncCalls([], false)).toBe(0);
  });

  it('costs a day at the schedules: every tick the due objects sync together', () => {
    const objects = [object('A', 30, true), object('B', 240, false), object('C', 1440, false)];
    // 48 ticks of 30 min; every sync: 1 composite + 1 plan check = 2 calls (at most 3 queries, 7 requests).
    // t=0 reconciles B and C too: A q, B c c q, C c c q -> still one composite.
    expect(dailyCalls(objects, 30)).toEqual({ syncsPerDay: 48, apiCallsPerDay: 96 });
    const many = Array.from({ length: 6 }, (_, i) => object(`O${i}`, 60, false));
    // 24 syncs of 6 objects: 6 x (c c q) = 18 requests, 6 queries -> 2 composites + 1 = 3 calls each.
    expect(dailyCalls(many, 60)).toEqual({ syncsPerDay: 24, apiCallsPerDay: 72 });
  });

  it('ticks at the shortest interval of the plan and its objects', () => {
    expect(tickMinutesOf(30, [{ syncEveryMinutes: 240 }, { syncEveryMinutes: 15 }])).toBe(15);
    expect(tickMinutesOf(30, [{ syncEveryMinutes: 240 }])).toBe(30);
  });
});
