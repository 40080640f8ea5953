/**
 * SOQL text helpers for the server. Placeholders are scanned and bound by the compiler's one scanner
 * (soql-placeholders.ts) and values escaped by its one escaper (soql-literals.ts), exactly as devices do;
 * what is the server's own is splitting a condition at its top-level ANDs, quotes in mind.
 */

import { ParameterValueError } from '../compiler/parameter-value.ts';
import { isSalesforceId, soqlLiteral, soqlString } from '../compiler/soql-literals.ts';
import { bindLiterals, placeholderNames } from '../compiler/soql-placeholders.ts';

export { isSalesforceId, soqlString };

/**
 * Replaces each `:name` placeholder outside string literals with `values[name]` (already a SOQL literal).
 * Throws naming the first placeholder without a value.
 */
export const bindSoql = bindLiterals;

/** Placeholder names used in `soql`, in order of first appearance. */
export const placeholdersOf = placeholderNames;

/** `('a','b')`: an IN list of quoted Ids. An empty list is not valid SOQL; callers skip empty chunks. */
export function idList(ids: readonly string[]): string {
  return `(${ids.map(soqlString).join(',')})`;
}

/** A value of a declared scope parameter as a SOQL literal of its type (checked by checkParameterValue). */
export function parameterLiteral(type: string, value: string | number | boolean): string {
  try {
    return soqlLiteral(type, value);
  } catch (error) {
    if (error instanceof ParameterValueError) throw new TypeError(error.message);
    throw error;
  }
}

/**
 * Splits a condition at its top-level ANDs: `A AND (B OR C) AND D` -> [`A`, `(B OR C)`, `D`]. A condition
 * with a top-level OR is one conjunct (it cannot be split without changing its meaning).
 */
export function topLevelConjuncts(condition: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let sawOr = false;
  let i = 0;
  const keywordAt = (word: string): boolean =>
    depth === 0 &&
    condition.slice(i, i + word.length).toUpperCase() === word &&
    !/[A-Za-z0-9_]/.test(condition[i - 1] ?? ' ') &&
    !/[A-Za-z0-9_]/.test(condition[i + word.length] ?? ' ');
  while (i < condition.length) {
    const c = condition[i]!;
    if (c === "'") {
      i = endOfString(condition, i);
      continue;
    }
    if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (keywordAt('OR')) sawOr = true;
    else if (keywordAt('AND')) {
      parts.push(condition.slice(start, i).trim());
      start = i + 3;
      i += 3;
      continue;
    }
    i += 1;
  }
  parts.push(condition.slice(start).trim());
  if (sawOr) return [condition.trim()];
  return parts.map(stripOuterParens).filter((p) => p !== '');
}

/** `((A))` -> `A`, but `(A) OR (B)` stays. */
function stripOuterParens(text: string): string {
  let t = text;
  while (t.startsWith('(') && t.endsWith(')') && matchingParen(t, 0) === t.length - 1)
    t = t.slice(1, -1).trim();
  return t;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      i = endOfString(text, i) - 1;
      continue;
    }
    if (c === '(') depth += 1;
    else if (c === ')') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Index just past the string literal starting at `start` (a quote); backslash escapes honoured. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === "'") return i + 1;
    else i += 1;
  }
  return text.length;
}
