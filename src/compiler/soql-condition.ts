/**
 * Parses an admin's `where` condition and `orderBy` list with soql-parser-js (inside a synthetic
 * `SELECT Id FROM X ...`) and reports syntax problems at character offsets inside the admin's string.
 */

import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type { OrderByClause, Query, WhereClause } from '@jetstreamapp/soql-parser-js';
import { DiagnosticSink } from './diagnostics.ts';
import type { DiagnosticCode } from './diagnostics.ts';
import { invalidEscapes, tokenizeSoql } from './soql-tokens.ts';
import type { SoqlToken } from './soql-tokens.ts';
import { hasMixedAndOr, toTree } from './where-ast.ts';

const WHERE_PREFIX = 'SELECT Id FROM X WHERE ';
const ORDER_BY_PREFIX = 'SELECT Id FROM X ORDER BY ';

export interface ParsedWhere {
  readonly text: string;
  readonly where: WhereClause;
  readonly tokens: readonly SoqlToken[];
}

export interface ParsedOrderBy {
  readonly text: string;
  readonly orderBy: readonly OrderByClause[];
  readonly tokens: readonly SoqlToken[];
}

type ParseOutcome = { query: Query } | { error: Error };

function tryParse(soql: string): ParseOutcome {
  try {
    // ignoreParseErrors must be given: soql-parser-js rebuilds its parser (about 100 ms) whenever the
    // option differs from the last call's, and `undefined` differs from the default `false`.
    return {
      query: parseQuery(soql, { allowApexBindVariables: true, ignoreParseErrors: false, logErrors: false }),
    };
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** A parse error caused only by the text ending early (so the text so far is a viable prefix). */
function endsEarly(error: Error): boolean {
  return /found:? (?:--> )?''/.test(error.message);
}

/**
 * Whether a SOQL text can still become valid, by text. Typing a condition re-probes the same token prefixes
 * keystroke after keystroke (and a parse can take tens of milliseconds on a busy machine), so each is parsed
 * once. Entries are plain booleans of a pure function: safe to share.
 */
const viability = new Map<string, boolean>();
const VIABILITY_CACHE = 5_000;

function isViable(soql: string, outcome: ParseOutcome = tryParse(soql)): boolean {
  const viable = 'query' in outcome || endsEarly(outcome.error);
  if (viability.size >= VIABILITY_CACHE) viability.clear();
  viability.set(soql, viable);
  return viable;
}

/**
 * Where the syntax error is: the first token whose prefix can no longer become valid SOQL (binary search over
 * token prefixes), or the end of the text when the text is only incomplete. `error` is the whole text's parse
 * error.
 */
function locateSyntaxError(
  prefix: string,
  text: string,
  tokens: readonly SoqlToken[],
  error: Error,
): { start: number; end: number } {
  const atEnd = { start: text.length, end: text.length };
  // Ending early is the usual state of a half-typed condition; the whole text is then a viable prefix.
  if (endsEarly(error)) return atEnd;
  const viable = (count: number): boolean => {
    if (count === 0) return true;
    const soql = prefix + text.slice(0, (tokens[count - 1] as SoqlToken).end);
    return viability.get(soql) ?? isViable(soql);
  };
  let lo = 0; // viable
  let hi = tokens.length; // first unknown
  if (viable(hi)) return atEnd;
  // invariant: viable(lo), !viable(hi)
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (viable(mid)) lo = mid;
    else hi = mid;
  }
  const token = tokens[hi - 1] as SoqlToken;
  return { start: token.start, end: token.end };
}

function syntaxMessage(error: Error, text: string, position: { start: number; end: number }): string {
  if (position.start >= text.length)
    return 'the condition ends too early (a value, a closing parenthesis or a clause is missing)';
  const found = text.slice(position.start, position.end);
  const expected = /Expecting token of type --> (\w+) <--/.exec(error.message)?.[1];
  return expected
    ? `unexpected ${JSON.stringify(found)}: expected ${expected.toLowerCase().replace(/_/g, ' ')}`
    : `unexpected ${JSON.stringify(found)}`;
}

/** Checks shared by where and orderBy: unterminated strings, bad escapes, lexing errors. */
function lexicalChecks(
  text: string,
  tokens: readonly SoqlToken[],
  path: string,
  sink: DiagnosticSink,
): boolean {
  let ok = true;
  tokens.forEach((token, index) => {
    if (token.kind === 'other') {
      ok = false;
      sink.add(
        'SOQL_SYNTAX',
        path,
        token.text.startsWith("'")
          ? 'unterminated string: add the closing quote'
          : `unexpected character ${JSON.stringify(token.text)}`,
        { start: token.start, end: token.end },
      );
    } else if (token.kind === 'string') {
      const previous = tokens[index - 1];
      const inLike = previous?.kind === 'word' && previous.text.toUpperCase() === 'LIKE';
      for (const bad of invalidEscapes(token, inLike)) {
        ok = false;
        sink.add(
          'SOQL_INVALID_ESCAPE',
          path,
          `invalid escape ${JSON.stringify(text.slice(bad.start, bad.end))}: SOQL allows \\n \\r \\t \\b \\f \\" \\' \\\\ \\uXXXX, and \\_ \\% only in LIKE`,
          bad,
        );
      }
    }
  });
  return ok;
}

const CLAUSE_WORDS = new Set([
  'LIMIT',
  'ORDER',
  'GROUP',
  'HAVING',
  'OFFSET',
  'WITH',
  'FOR',
  'UPDATE',
  'USING',
  'WHERE',
  'SELECT',
  'FROM',
]);

/** The first clause keyword at parenthesis depth 0, for reporting a clause that does not belong. */
function topLevelClause(tokens: readonly SoqlToken[], skipFirst = false): SoqlToken | undefined {
  let depth = 0;
  for (const [i, token] of tokens.entries()) {
    if (token.text === '(') depth++;
    else if (token.text === ')') depth--;
    else if (
      depth === 0 &&
      token.kind === 'word' &&
      CLAUSE_WORDS.has(token.text.toUpperCase()) &&
      !(skipFirst && i === 0)
    )
      return token;
  }
  return undefined;
}

function extraClauses(query: Query, allowOrderBy: boolean): string[] {
  const extras: string[] = [];
  if (query.limit !== undefined) extras.push('LIMIT');
  if (query.offset !== undefined) extras.push('OFFSET');
  if (!allowOrderBy && query.orderBy) extras.push('ORDER BY');
  if (allowOrderBy && query.where) extras.push('WHERE');
  if (query.groupBy) extras.push('GROUP BY');
  if (query.having) extras.push('HAVING');
  if (query.for) extras.push(`FOR ${query.for}`);
  if (query.update) extras.push(`UPDATE ${query.update}`);
  if (query.withSecurityEnforced || query.withAccessLevel || query.withDataCategory) extras.push('WITH');
  if (query.usingScope) extras.push('USING SCOPE');
  return extras;
}

/** Parses a `where` condition; reports problems at `path` and returns undefined when it is not valid SOQL. */
function parseWhereUncached(text: string, path: string, sink: DiagnosticSink): ParsedWhere | undefined {
  const tokens = tokenizeSoql(text);
  if (!lexicalChecks(text, tokens, path, sink)) return undefined;
  const soql = WHERE_PREFIX + text;
  const outcome = tryParse(soql);
  isViable(soql, outcome);
  if ('error' in outcome) {
    const position = locateSyntaxError(WHERE_PREFIX, text, tokens, outcome.error);
    sink.add('SOQL_SYNTAX', path, syntaxMessage(outcome.error, text, position), position);
    return undefined;
  }
  const extras = extraClauses(outcome.query, false);
  if (extras.length > 0 || !outcome.query.where) {
    const token = topLevelClause(tokens);
    sink.add(
      'SOQL_CLAUSE_NOT_ALLOWED',
      path,
      `\`where\` holds only a condition; ${extras.join(', ') || 'this clause'} is not allowed here (use the object's orderBy / limit)`,
      token ? { start: token.start, end: token.end } : { start: 0, end: text.length },
    );
    return undefined;
  }
  if (hasMixedAndOr(toTree(outcome.query.where))) {
    sink.add(
      'SOQL_SYNTAX',
      path,
      'AND and OR are mixed at one level: add parentheses, e.g. `A AND (B OR C)` (Salesforce rejects the query otherwise)',
      { start: 0, end: text.length },
    );
    return undefined;
  }
  return { text, where: outcome.query.where, tokens };
}

/** Parses an `orderBy` list (`StartDate ASC NULLS LAST, Name`). */
function parseOrderByUncached(text: string, path: string, sink: DiagnosticSink): ParsedOrderBy | undefined {
  const tokens = tokenizeSoql(text);
  if (!lexicalChecks(text, tokens, path, sink)) return undefined;
  const soql = ORDER_BY_PREFIX + text;
  const outcome = tryParse(soql);
  isViable(soql, outcome);
  if ('error' in outcome) {
    const position = locateSyntaxError(ORDER_BY_PREFIX, text, tokens, outcome.error);
    sink.add('SOQL_SYNTAX', path, syntaxMessage(outcome.error, text, position), position);
    return undefined;
  }
  const extras = extraClauses(outcome.query, true);
  if (extras.length > 0 || !outcome.query.orderBy) {
    const token = topLevelClause(tokens);
    sink.add(
      'SOQL_CLAUSE_NOT_ALLOWED',
      path,
      `\`orderBy\` holds only fields with ASC/DESC and NULLS FIRST/LAST; ${extras.join(', ') || 'this clause'} is not allowed here`,
      token ? { start: token.start, end: token.end } : { start: 0, end: text.length },
    );
    return undefined;
  }
  const orderBy = Array.isArray(outcome.query.orderBy) ? outcome.query.orderBy : [outcome.query.orderBy];
  return { text, orderBy, tokens };
}

/**
 * Results by text, so that recompiling on every keystroke re-parses only the condition being typed. The
 * cached ASTs are shared: the compiler never mutates them (every combinator copies).
 */
const caches: Map<string, unknown>[] = [viability];

/** Forgets every cached parse. */
export function clearConditionCaches(): void {
  for (const cache of caches) cache.clear();
}

function memoized<T>(parse: (text: string, path: string, sink: DiagnosticSink) => T | undefined) {
  const cache = new Map<string, { result: T | undefined; problems: DiagnosticSink['items'] }>();
  caches.push(cache);
  return (text: string, path: string, sink: DiagnosticSink): T | undefined => {
    let entry = cache.get(text);
    if (!entry) {
      const local = new DiagnosticSink();
      entry = { result: parse(text, '', local), problems: local.items };
      if (cache.size >= 5_000) cache.clear();
      cache.set(text, entry);
    }
    for (const d of entry.problems) sink.add(d.code as DiagnosticCode, path, d.message, d.position);
    return entry.result;
  };
}

/** Parses a `where` condition; reports problems at `path` and returns undefined when it is not valid SOQL. */
export const parseWhere = memoized(parseWhereUncached);

/** Parses an `orderBy` list (`StartDate ASC NULLS LAST, Name`). */
export const parseOrderBy = memoized(parseOrderByUncached);
