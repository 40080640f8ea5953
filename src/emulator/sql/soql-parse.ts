/**
 * Parses SOQL with soql-parser-js and turns its errors into Salesforce's MALFORMED_QUERY, including
 * Apex bind variables (`:name`), which only Apex accepts.
 */

import { parseQuery, type Query, type WhereClause } from '@jetstreamapp/soql-parser-js';
import type { SoqlErrors } from './soql-errors.ts';

const BIND_MESSAGE = 'Bind variables only allowed in Apex code';

/** Offset of the first `:` that starts a bind (not the one in `LAST_N_DAYS:3`), outside strings. */
function bindOffset(soql: string): number | undefined {
  let inString = false;
  for (let i = 0; i < soql.length; i++) {
    const ch = soql[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === "'") inString = false;
    } else if (ch === "'") {
      inString = true;
    } else if (ch === ':' && !/\w/.test(soql[i - 1] ?? '')) {
      return i;
    }
  }
  return undefined;
}

/** `NOT` keywords outside string literals, except the `NOT IN` operator. */
function countNotKeywords(soql: string): number {
  const code = soql.replace(/'(?:[^'\\]|\\.)*'/g, "''");
  return (code.match(/\bNOT\b(?!\s+IN\b)/gi) ?? []).length;
}

/** Negations the parser kept, in every WHERE of the query (subqueries and semi-joins included). */
function countNegations(where: WhereClause | undefined): number {
  let count = 0;
  let node: WhereClause | undefined = where;
  while (node) {
    const left = node.left as Record<string, unknown> | null;
    const operator = 'operator' in node ? node.operator : undefined;
    if (operator === 'NOT' && (left === null || !('field' in left || 'fn' in left))) count++;
    const inner = left?.['valueQuery'] as Query | undefined;
    if (inner) count += countNegations(inner.where);
    node = 'right' in node ? node.right : undefined;
  }
  return count;
}

function negationsOf(query: Query): number {
  return (query.fields ?? []).reduce(
    (sum, f) => sum + (f.type === 'FieldSubquery' ? countNegations(f.subquery.where) : 0),
    countNegations(query.where),
  );
}

export function parseSoql(soql: string, errors: SoqlErrors): Query {
  const query = parseOrThrow(soql, errors);
  // soql-parser-js keeps at most two NOTs in a row (`NOT NOT NOT x = 1` comes back with two), which
  // would silently invert a filter: refuse rather than answer wrongly.
  if (negationsOf(query) !== countNotKeywords(soql))
    throw errors.malformed(
      'The syncscope emulator cannot read three or more NOT operators in a row; remove the double negation.',
      'NOT',
    );
  return query;
}

function parseOrThrow(soql: string, errors: SoqlErrors): Query {
  // Binds are rejected by the parser itself (`found: ':'`); parsing with allowApexBindVariables would
  // also cost ~30 ms a query, as the library then builds a new parser each time.
  try {
    return parseQuery(soql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const lexing = /unexpected character: ->(.)<- at offset: (\d+)/.exec(message);
    if (lexing) throw errors.unexpectedToken(lexing[1], Number(lexing[2]));
    const found =
      /but found(?::| -->) '(.*?)'(?: <--)?\s*$/s.exec(message) ?? /but found: (.*?)\s*$/s.exec(message);
    if (found) {
      const token = found[1] as string;
      if (token === ':') throw errors.malformed(BIND_MESSAGE, bindOffset(soql));
      throw errors.unexpectedToken(token === '' ? undefined : token);
    }
    throw errors.malformed(message.split('\n')[0] ?? 'malformed query');
  }
}
