import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clearCompileCaches, compile, createCompileCache } from '../../src/compiler/index.ts';
import type { SyncPlan } from '../../src/compiler/index.ts';

const example = JSON.parse(
  readFileSync(new URL('../../examples/field-technician.scope.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/** A small deterministic PRNG (mulberry32) so the "random" edits are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const oddValues: unknown[] = [
  null,
  0,
  -1,
  1.5,
  '',
  ' ',
  'x',
  '(',
  ":'",
  [],
  {},
  [1],
  { object: 1 },
  true,
  'NOT',
  'Id IN (SELECT',
];

/** Every JSON Pointer to a value inside `value`. */
function pointers(value: unknown, base = ''): string[] {
  if (value === null || typeof value !== 'object') return [base];
  return [base, ...Object.entries(value).flatMap(([k, v]) => pointers(v, `${base}/${k}`))];
}

function setAt(root: unknown, pointer: string, value: unknown): unknown {
  if (pointer === '') return value;
  const copy = structuredClone(root) as Record<string, unknown>;
  const parts = pointer.slice(1).split('/');
  let node = copy as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts.at(-1) as string] = value;
  return copy;
}

describe('the compiler never throws (the config tool compiles on every keystroke)', () => {
  it('survives 2,000 random edits of the example, each giving diagnostics or a plan', () => {
    const next = random(42);
    const all = pointers(example);
    for (let i = 0; i < 2000; i++) {
      const pointer = all[Math.floor(next() * all.length)] as string;
      const value = oddValues[Math.floor(next() * oddValues.length)];
      const result = compile(setAt(example, pointer, value));
      expect(result.diagnostics.filter((d) => d.code === 'INTERNAL_ERROR')).toEqual([]);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length === 0).toBe(result.plan !== undefined);
    }
  });

  it('survives every prefix of a where condition being typed', () => {
    const where =
      "OwnerId = :userId AND (Status != 'Closed' OR Priority = 'High') AND Id IN (SELECT WorkOrderId FROM WorkOrderLineItem WHERE Status = 'New') AND StartDate = NEXT_N_DAYS:14";
    for (let n = 0; n <= where.length; n++) {
      const scope = setAt(example, '/objects/WorkOrder/where', where.slice(0, n));
      const result = compile(scope);
      expect(result.diagnostics.filter((d) => d.code === 'INTERNAL_ERROR')).toEqual([]);
      for (const d of result.diagnostics.filter((x) => x.position)) {
        expect(d.position?.start).toBeGreaterThanOrEqual(0);
        expect(d.position?.end).toBeLessThanOrEqual(n);
      }
    }
    expect(
      (compile(setAt(example, '/objects/WorkOrder/where', where)).plan as SyncPlan).objects,
    ).toHaveLength(6);
  });

  it('gives the same result from its caches as from a cold start', () => {
    const next = random(7);
    const all = pointers(example);
    let scope: unknown = example;
    const cache = createCompileCache();
    for (let i = 0; i < 150; i++) {
      // Walk through a sequence of edits, as an admin typing does, so caches hold neighbours of each scope.
      const pointer = all[Math.floor(next() * all.length)] as string;
      const candidate = setAt(scope, pointer, oddValues[Math.floor(next() * oddValues.length)]);
      const warm = compile(candidate, { cache });
      clearCompileCaches();
      expect(compile(candidate)).toEqual(warm);
      if (warm.plan) scope = candidate;
    }
  });

  it('recompiles an edited object and its dependents, and reuses the others exactly', () => {
    const cache = createCompileCache();
    const before = compile(example, { cache }).plan as SyncPlan;
    const edited = setAt(example, '/objects/Account/fields', ['Name', 'Website']);
    const after = compile(edited, { cache }).plan as SyncPlan;
    clearCompileCaches();
    expect(compile(edited).plan).toEqual(after);
    const changed = after.objects.filter((o, i) => o !== before.objects[i]).map((o) => o.name);
    expect(changed).toEqual(['Account', 'Asset', 'Contact']);
  });

  it('reports a non-object scope instead of failing', () => {
    for (const scope of [undefined, null, 42, 'scope', []]) {
      const result = compile(scope);
      expect(result.plan).toBeUndefined();
      expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([['SCOPE_SCHEMA', '']]);
    }
  });
});
