import { describe, expect, it } from 'vitest';
import {
  compositeCalls,
  dailyCalls,
  firstSyncCalls,
  objectRequests,
  pages,
  syncCalls,
  tickMinutesOf,
  waves,
  type ObjectDeltaRequests,
} from '../../src/org/api-cost.ts';

const object = (
  name: string,
  syncEveryMinutes: number,
  reconcileEverySync: boolean,
  dependsOn: string[] = [],
): ObjectDeltaRequests => ({
  name,
  dependsOn,
  syncEveryMinutes,
  reconcileEverySync,
  deltaQueries: 1,
  reconcileQueries: 1,
  reconcileExtraPages: 0,
  firstQueries: 1,
  firstExtraPages: 0,
  firstByIdQueries: 0,
  bindsHeldIds: false,
  countQueries: null,
});

describe('API-call arithmetic', () => {
  it('counts a page per 2000 rows, and one for an empty result', () => {
    expect([pages(0), pages(1), pages(2000), pages(2001), pages(10_000)]).toEqual([1, 1, 1, 2, 5]);
  });

  it('sends a window check with delta queries, none for objects reconciled every sync', () => {
    expect(objectRequests(object('A', 30, false), false)).toEqual({ checks: 2, queries: 1 });
    expect(objectRequests({ ...object('A', 30, false), reconcileQueries: 2 }, true)).toEqual({
      checks: 2,
      queries: 2,
    });
    expect(objectRequests({ ...object('B', 30, true), reconcileQueries: 3 }, false)).toEqual({
      checks: 0,
      queries: 3,
    });
  });

  it('packs requests in order into composite calls: at most 5 queries and 25 subrequests each', () => {
    expect(compositeCalls([])).toBe(0);
    expect(compositeCalls([true])).toBe(1);
    expect(compositeCalls(new Array(5).fill(true))).toBe(1);
    expect(compositeCalls(new Array(6).fill(true))).toBe(2);
    expect(compositeCalls(new Array(30).fill(false))).toBe(2);
    // 20 window checks, then 6 queries: the first call takes 20 + 5, the 6th query goes alone.
    expect(compositeCalls([...new Array(20).fill(false), ...new Array(6).fill(true)])).toBe(2);
  });

  it('groups objects in dependency waves', () => {
    const objects = [
      object('P', 30, false),
      object('W', 30, true),
      object('A', 30, true, ['W']),
      object('C', 30, true, ['A', 'W']),
    ];
    expect(waves(objects).map((w) => w.map((o) => o.name))).toEqual([['P', 'W'], ['A'], ['C']]);
  });

  it('costs one sync: one packed batch, one per wave for Id queries bound with held Ids, further Id pages, and the plan check', () => {
    const objects = [
      object('P', 30, false),
      { ...object('W', 30, true), reconcileExtraPages: 2 },
      { ...object('A', 30, true, ['W']), bindsHeldIds: true },
    ];
    // Asked at once: P c c q + W q -> 1 call, plus W's 2 further pages; A's Id query waits for W's
    // download: 1 call; plan check 1.
    expect(syncCalls(objects, false)).toBe(5);
    // An A that reads W through a semi-join goes with the others: 1 + 2 + 1.
    expect(syncCalls([objects[0]!, objects[1]!, object('A', 30, true, ['W'])], false)).toBe(4);
    // Only A due: its wave alone, plus the plan check.
    expect(syncCalls(objects, false, new Set(['A']))).toBe(2);
    expect(syncCalls(objects, false, new Set())).toBe(0);
  });

  it('costs a day at the schedules: every tick the due objects sync together', () => {
    const objects = [
      object('A', 30, true),
      object('B', 240, false),
      { ...object('C', 1440, false, ['A']), bindsHeldIds: true },
    ];
    // 48 ticks of 30 min. t=0 (the daily reconciliation): A q, B c c q asked at once, 1 call; C's Id
    // query waits for A (c c q), 1 call; + plan check = 3.
    // t=240..1200 (5 ticks): wave 1 only (A, B) -> 1 + 1 = 2. The other 42 ticks: A alone -> 1 + 1 = 2.
    expect(dailyCalls(objects, 30)).toEqual({ syncsPerDay: 48, apiCallsPerDay: 97 });
    const many = Array.from({ length: 6 }, (_, i) => object(`O${i}`, 60, false));
    // 24 syncs of 6 independent objects: 12 checks + 6 queries in one wave -> 2 composites + 1 = 3 each.
    expect(dailyCalls(many, 60)).toEqual({ syncsPerDay: 24, apiCallsPerDay: 72 });
  });

  it('reconciles by count: deltas as usual, then every object’s COUNT() statements packed together', () => {
    const counted = Array.from({ length: 6 }, (_, i) => ({ ...object(`O${i}`, 60, false), countQueries: 2 }));
    // 12 checks + 6 delta queries -> 2 calls; 12 count statements -> 3 calls (5 queries each); plan check.
    expect(syncCalls(counted, true)).toBe(2 + 3 + 1);
    // The other 23 syncs of the day: deltas only.
    expect(dailyCalls(counted, 60)).toEqual({ syncsPerDay: 24, apiCallsPerDay: 6 + 23 * 3 });
    // Without counts, the daily reconciliation runs the Id queries instead (same calls here).
    expect(
      syncCalls(
        counted.map((o) => ({ ...o, countQueries: null })),
        true,
      ),
    ).toBe(3);
  });

  it('ticks at the shortest interval of the plan and its objects', () => {
    expect(tickMinutesOf(30, [{ syncEveryMinutes: 240 }, { syncEveryMinutes: 15 }])).toBe(15);
    expect(tickMinutesOf(30, [{ syncEveryMinutes: 240 }])).toBe(30);
  });
});

describe('first sync arithmetic', () => {
  it('packs first pages together (per wave for those bound with held Ids), then fetches by Id what the Id queries found', () => {
    const first = (
      o: ObjectDeltaRequests,
      firstQueries: number,
      firstExtraPages: number,
      firstByIdQueries: number,
    ) => ({
      ...o,
      firstQueries,
      firstExtraPages,
      firstByIdQueries,
    });
    const objects = [
      first(object('P', 30, false), 1, 3, 0),
      first(object('W', 30, true), 1, 0, 7),
      { ...first(object('A', 30, true, ['W']), 6, 0, 1), bindsHeldIds: true },
    ];
    // Asked at once: P c c q + W q -> 1, P's 3 further pages, W's 7 by-Id fetches in 2 composites.
    // A binds W's Ids: its 6 queries after W -> 2 composites, its by-Id fetch -> 1. Plan check 1.
    expect(firstSyncCalls(objects)).toBe(1 + 3 + 2 + 2 + 1 + 1);
  });
});
