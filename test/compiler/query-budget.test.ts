import { describe, expect, it } from 'vitest';
import {
  compile,
  MAX_IDS_PER_QUERY,
  URL_BUDGET_BYTES,
  withSampleLiterals,
} from '../../src/compiler/index.ts';
import type { SyncPlan } from '../../src/compiler/index.ts';

const fields = (count: number, width: number) =>
  Array.from({ length: count }, (_, i) => `F${String(i).padStart(width - 4, '0')}__c`);

function scopeWith(rootFields: string[], childFields: string[]) {
  return {
    scopeVersion: 1,
    name: 'wide',
    objects: {
      Site__c: { fields: rootFields, where: "Region__c = 'North'", limit: 100, orderBy: 'Name' },
      Visit__c: { fields: childFields, childOf: { object: 'Site__c', field: 'Site__c' } },
    },
  };
}

describe('the 16,000-byte URL budget', () => {
  it('sizes Id chunks so a bound query stays within the budget', () => {
    const plan = compile(scopeWith(['Name'], fields(300, 30))).plan as SyncPlan;
    const visit = plan.objects.find((o) => o.name === 'Visit__c');
    const full = visit?.queries.full[0];
    expect(full?.idsPerQuery).toBeLessThan(MAX_IDS_PER_QUERY);
    expect(full?.idsPerQuery).toBeGreaterThan(20);
    const atLimit = withSampleLiterals(full?.soql ?? '', new Map(), full?.idsPerQuery ?? 0);
    const oneMore = withSampleLiterals(full?.soql ?? '', new Map(), (full?.idsPerQuery ?? 0) + 1);
    const url = (soql: string) => '/services/data/v62.0/query?q='.length + encodeURIComponent(soql).length;
    expect(url(atLimit)).toBeLessThanOrEqual(URL_BUDGET_BYTES);
    expect(url(oneMore)).toBeGreaterThan(URL_BUDGET_BYTES);
  });

  it('reports QUERY_TOO_LONG at the object when its fields alone overflow the budget', () => {
    const result = compile(scopeWith(fields(600, 30), ['Name']));
    expect(result.plan).toBeUndefined();
    const codes = [
      ...new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path}`)),
    ];
    expect(codes).toEqual(['QUERY_TOO_LONG /objects/Site__c']);
  });

  it('reports QUERY_TOO_LONG at the path when too few Ids would fit in a request', () => {
    const result = compile(scopeWith(['Name'], fields(530, 30)));
    expect(result.plan).toBeUndefined();
    const codes = [
      ...new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path}`)),
    ];
    expect(codes).toEqual(['QUERY_TOO_LONG /objects/Visit__c', 'QUERY_TOO_LONG /objects/Visit__c/childOf']);
  });
});
