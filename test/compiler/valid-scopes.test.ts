import { readFileSync } from 'node:fs';
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type { WhereClause } from '@jetstreamapp/soql-parser-js';
import { describe, expect, it } from 'vitest';
import { compile, planToJson, URL_BUDGET_BYTES, withSampleLiterals } from '../../src/compiler/index.ts';
import type { PlanObject, QueryTemplate, SyncPlan } from '../../src/compiler/index.ts';
import { fixtureMetadata } from './fixture-metadata.ts';
import { planSchemaErrors } from './plan-schema.ts';

interface PinnedObject {
  full: string[];
  delta: string[];
  ids: string[];
  count: string[] | null;
  reconcileReason: string | null;
  upload: unknown;
}

interface ValidCase {
  description: string;
  scope: unknown;
  describe?: boolean;
  diagnostics: { code: string; path: string; position?: { start: number; end: number } }[];
  plan: Record<string, PinnedObject>;
}

const cases = JSON.parse(
  readFileSync(new URL('../fixtures/compiler/valid-scopes.json', import.meta.url), 'utf8'),
) as ValidCase[];
const metadata = fixtureMetadata();

function templatesOf(o: PlanObject): QueryTemplate[] {
  return [
    ...o.queries.full,
    ...o.queries.delta,
    ...o.queries.ids,
    ...(o.queries.byIds ? [o.queries.byIds] : []),
    ...o.paths.flatMap((p) =>
      p.kind === 'childOf' ? [p.byParentIds] : p.kind === 'referencedBy' ? [p.byIds] : [],
    ),
  ];
}

/** Semi-joins at the top level of a parsed WHERE, with the OR/NOT operators seen before each. */
function semiJoinsOf(
  where: WhereClause | undefined,
): { subqueryWhere: WhereClause | undefined; governedBy: string[] }[] {
  const out: { subqueryWhere: WhereClause | undefined; governedBy: string[] }[] = [];
  const operators: string[] = [];
  let node = where as (WhereClause & { operator?: string; right?: WhereClause }) | undefined;
  while (node) {
    const left = node.left as { valueQuery?: { where?: WhereClause } } | null;
    if (left?.valueQuery)
      out.push({ subqueryWhere: left.valueQuery.where, governedBy: operators.filter((o) => o !== 'AND') });
    if (node.operator) operators.push(node.operator);
    node = node.right as typeof node;
  }
  return out;
}

describe('valid scopes (test/fixtures/compiler/valid-scopes.json)', () => {
  it.each(cases.map((c) => [c.description, c] as const))('%s', (_, c) => {
    const result = compile(c.scope, c.describe ? { metadata } : {});
    expect(
      result.diagnostics
        .filter((d) => d.severity !== 'info')
        .map((d) =>
          d.position ? { code: d.code, path: d.path, position: d.position } : { code: d.code, path: d.path },
        ),
    ).toEqual(c.diagnostics);
    const plan = JSON.parse(planToJson(result.plan as SyncPlan)) as SyncPlan;
    expect(plan).toEqual(result.plan);
    expect(planSchemaErrors(plan)).toEqual([]);
    for (const [name, expected] of Object.entries(c.plan)) {
      const object = plan.objects.find((o) => o.name === name) as PlanObject;
      expect({
        full: object.queries.full.map((q) => q.soql),
        delta: object.queries.delta.map((q) => q.soql),
        ids: object.queries.ids.map((q) => q.soql),
        count: object.queries.count?.map((q) => q.soql) ?? null,
        reconcileReason: object.reconcileReason ?? null,
        upload: object.upload,
      }).toEqual(expected);
    }
  });

  it.each(cases.map((c) => [c.description, c] as const))(
    'every template of "%s" is REST SOQL once bound, within the URL budget',
    (_, c) => {
      const plan = compile(c.scope, c.describe ? { metadata } : {}).plan as SyncPlan;
      const types = new Map(Object.entries(plan.parameters));
      for (const object of plan.objects) {
        for (const template of templatesOf(object)) {
          const bound = withSampleLiterals(template.soql, types, template.idsPerQuery ?? 1);
          expect(bound).not.toMatch(/(^|\s|\()(:[A-Za-z])/);
          expect(() => parseQuery(bound)).not.toThrow();
          expect(encodeURIComponent(bound).length).toBeLessThan(URL_BUDGET_BYTES);
          // Semi-joins: at most 2 per WHERE, never nested, never under OR or NOT.
          const semiJoins = semiJoinsOf(parseQuery(bound).where);
          expect(semiJoins.length).toBeLessThanOrEqual(2);
          for (const s of semiJoins) {
            expect(semiJoinsOf(s.subqueryWhere)).toEqual([]);
            expect(s.governedBy).toEqual([]);
          }
          expect(template.binds).toEqual(
            [...template.soql.matchAll(/(?<![\w])(:[A-Za-z]\w*)/g)]
              .map((m) => (m[1] as string).slice(1))
              .filter((name, i, all) => all.indexOf(name) === i)
              .map((name) =>
                ['watermark', 'userId', 'parentIds', 'ids'].includes(name) ? name : `param:${name}`,
              ),
          );
        }
      }
    },
  );
});
