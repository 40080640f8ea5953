import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../src/compiler/diagnostics.ts';
import type { Diagnostic } from '../../src/compiler/diagnostics.ts';
import { clearConditionCaches, parseOrderBy, parseWhere } from '../../src/compiler/soql-condition.ts';

type Parse = typeof parseWhere | typeof parseOrderBy;

function diagnosticsOf(parse: Parse, text: string): Diagnostic[] {
  const sink = new DiagnosticSink();
  parse(text, '/objects/Account/where', sink);
  return sink.items;
}

/** Diagnostics of every prefix of `text`, typed one character at a time (caches warm from earlier keystrokes). */
function typed(parse: Parse, text: string): Diagnostic[][] {
  clearConditionCaches();
  return [...text].map((_, i) => diagnosticsOf(parse, text.slice(0, i + 1)));
}

/** The same prefixes, each parsed with every cache empty. */
function cold(parse: Parse, text: string): Diagnostic[][] {
  return [...text].map((_, i) => {
    clearConditionCaches();
    return diagnosticsOf(parse, text.slice(0, i + 1));
  });
}

const conditions = [
  "Amount__c > 250 AND Status__c != 'Closed'",
  "Name = 'x' AND AND Industry = 'Energy'",
  "(Status__c = 'Open' OR Status__c = 'New') AND Amount__c >= 100 AND CreatedDate = LAST_N_DAYS:30",
  'Amount__c 250 AND Name = null',
  "Id IN (SELECT AccountId FROM Contact WHERE Email != null) AND Name LIKE 'A%' LIMIT 5",
];

describe('error positions while a condition is typed', () => {
  it('are the same whether earlier keystrokes were parsed or not', () => {
    for (const text of conditions) expect(typed(parseWhere, text)).toEqual(cold(parseWhere, text));
    const orderBy = 'StartDate ASC NULLS LAST, Name DESC WHERE x';
    expect(typed(parseOrderBy, orderBy)).toEqual(cold(parseOrderBy, orderBy));
  });

  it('point at the first token that cannot continue, after typing up to it', () => {
    clearConditionCaches();
    const text = "Name = 'x' AND AND Industry = 'Energy'";
    const steps = typed(parseWhere, text);
    // "Name = 'x' AND " and "Name = 'x' AND A" (a field name so far) only end early; the second AND does not.
    expect(steps[14]).toEqual([
      {
        code: 'SOQL_SYNTAX',
        severity: 'error',
        path: '/objects/Account/where',
        message: 'the condition ends too early (a value, a closing parenthesis or a clause is missing)',
        position: { start: 15, end: 15 },
      },
    ]);
    expect(steps[15]?.map((d) => [d.code, d.position])).toEqual([['SOQL_SYNTAX', { start: 16, end: 16 }]]);
    expect(steps[17]?.map((d) => [d.code, d.message, d.position])).toEqual([
      ['SOQL_SYNTAX', 'unexpected "AND"', { start: 15, end: 18 }],
    ]);
    expect(steps.at(-1)?.map((d) => [d.code, d.message, d.position])).toEqual([
      ['SOQL_SYNTAX', 'unexpected "AND"', { start: 15, end: 18 }],
    ]);
  });
});
