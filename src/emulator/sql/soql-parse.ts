/**
 * Parses SOQL with soql-parser-js and turns its errors into Salesforce's MALFORMED_QUERY, including
 * Apex bind variables (`:name`), which only Apex accepts.
 */

import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
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

export function parseSoql(soql: string, errors: SoqlErrors): Query {
  // Binds are rejected by the parser itself (`found: ':'`); parsing with allowApexBindVariables would
  // also cost ~30 ms a query, as the library then builds a new parser each time.
  try {
    return parseQuery(soql);
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
}
