import type { WhereClause } from '@jetstreamapp/soql-parser-js';
import { describe, expect, it } from 'vitest';
import { bindsOf, buildTemplate, withSampleLiterals } from '../../src/compiler/query-templates.ts';

const types = new Map([['region', 'string']]);

describe('query templates', () => {
  it('lists placeholders in order of first appearance, skipping string literals and date literals', () => {
    expect(
      bindsOf(
        "SELECT Id FROM A WHERE B = ':notABind' AND C = :region AND D IN :ids AND E = NEXT_N_DAYS:3 AND F = :region",
      ),
    ).toEqual(['param:region', 'ids']);
  });

  it('binds sample literals the way the runtime binds real ones', () => {
    expect(
      withSampleLiterals(
        "SELECT Id FROM A WHERE B = :region AND C IN :parentIds AND D > :watermark AND E = ':x'",
        types,
        2,
      ),
    ).toBe(
      "SELECT Id FROM A WHERE B = 'sample' AND C IN ('001000000000000AAA','001000000000000AAA') AND D > 2024-01-31T00:00:00Z AND E = ':x'",
    );
  });

  it('reports a composed statement that does not parse (the compile-time check)', () => {
    // An unbalanced parenthesis, as a combinator bug would produce.
    const broken = {
      left: { field: 'Region__c', operator: '=', value: "'North'", literalType: 'STRING', openParen: 1 },
    } as WhereClause;
    const { template, problem } = buildTemplate(
      { object: 'Site__c', fields: ['Id'], where: broken },
      types,
      '62.0',
    );
    expect(template.soql).toBe("SELECT Id FROM Site__c WHERE (Region__c = 'North'");
    expect(problem?.code).toBe('TEMPLATE_INVALID');
  });

  it('accepts a well-formed statement and sizes its Id chunks', () => {
    const where = {
      left: { field: 'Site__c', operator: 'IN', value: 'parentIds', literalType: 'APEX_BIND_VARIABLE' },
    } as WhereClause;
    const result = buildTemplate(
      { object: 'Visit__c', fields: ['Id', 'Name'], where, idSource: { object: 'Site__c', field: 'Id' } },
      types,
      '62.0',
    );
    expect(result).toEqual({
      template: {
        soql: 'SELECT Id, Name FROM Visit__c WHERE Site__c IN :parentIds',
        binds: ['parentIds'],
        idSource: { object: 'Site__c', field: 'Id' },
        idsPerQuery: 500,
      },
    });
  });
});
