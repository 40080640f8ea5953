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

function hasBind(where: WhereClause | undefined): boolean {
  let node: WhereClause | undefined = where;
  while (node) {
    const left = node.left as Record<string, unknown> | null;
    if (left) {
      const types = left['literalType'];
      if (types === 'APEX_BIND_VARIABLE' || (Array.isArray(types) && types.includes('APEX_BIND_VARIABLE')))
        return true;
      const inner = left['valueQuery'] as Query | undefined;
      if (inner && hasBind(inner.where)) return true;
    }
    node = 'right' in node ? node.right : undefined;
  }
  return false;
}

function queryHasBind(query: Query): boolean {
  if (hasBind(query.where)) return true;
  return (query.fields ?? []).some((f) => f.type === 'FieldSubquery' && hasBind(f.subquery.where));
}

export function parseSoql(soql: string, errors: SoqlErrors): Query {
  let query: Query;
  try {
    query = parseQuery(soql, { allowApexBindVariables: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const lexing = /unexpected character: ->(.)<- at offset: (\d+)/.exec(message);
    if (lexing) throw errors.unexpectedToken(lexing[1], Number(lexing[2]));
    const found = /but found(?::| -->) '(.*?)'(?: <--)?\s*$/s.exec(message);
    if (found) {
      const token = found[1] as string;
      if (token === ':') throw errors.malformed(BIND_MESSAGE, bindOffset(soql));
      throw errors.unexpectedToken(token === '' ? undefined : token);
    }
    throw errors.malformed(message.split('\n')[0] ?? 'malformed query');
  }
  if (queryHasBind(query)) throw errors.malformed(BIND_MESSAGE, bindOffset(soql));
  return query;
}
