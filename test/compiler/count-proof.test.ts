import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, metadataFrom } from '../../src/compiler/index.ts';
import type { SObjectDescribe, SyncPlan } from '../../src/compiler/index.ts';

const account = JSON.parse(
  readFileSync(new URL('../fixtures/compiler/describe/Account.json', import.meta.url), 'utf8'),
) as SObjectDescribe;

function countOf(where: string, options: Parameters<typeof compile>[1] = {}): string[] | undefined {
  const result = compile(
    {
      scopeVersion: 1,
      name: 'count proof',
      apiVersion: '62.0',
      objects: { Account: { fields: ['Name', 'Industry'], where } },
    },
    options,
  );
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return (result.plan as SyncPlan).objects[0]!.queries.count?.map((q) => q.soql);
}

describe('queries.count: emitted only when counting proves the scope', () => {
  it('own fields only: the Id query with COUNT()', () => {
    expect(countOf("Industry = 'Energy' AND Name != null")).toEqual([
      "SELECT COUNT() FROM Account WHERE Industry = 'Energy' AND Name != NULL",
    ]);
  });

  it('not for a condition that reads another record', () => {
    expect(countOf("Owner.Name = 'Ada'")).toBeUndefined();
  });

  it('not for a semi-join', () => {
    expect(countOf('Id IN (SELECT AccountId FROM Contact)')).toBeUndefined();
  });

  it('not for a relative date literal', () => {
    expect(countOf('CreatedDate = LAST_N_DAYS:30')).toBeUndefined();
  });

  it('not for a formula field, when org metadata says so', () => {
    const formula = {
      ...account,
      fields: account.fields.map((f) => (f.name === 'Industry' ? { ...f, calculated: true } : f)),
    };
    expect(countOf("Industry = 'Energy'", { metadata: metadataFrom([account]) })).toEqual([
      "SELECT COUNT() FROM Account WHERE Industry = 'Energy'",
    ]);
    expect(countOf("Industry = 'Energy'", { metadata: metadataFrom([formula]) })).toBeUndefined();
  });
});
