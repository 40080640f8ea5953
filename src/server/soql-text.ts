/**
 * SOQL text helpers for the server: literals escaped as Salesforce requires, placeholder binding of plan
 * templates, and splitting a condition at its top-level ANDs. Everything scans the text with quotes in
 * mind, so a `:name` or `AND` inside a string literal is never touched.
 */

import { checkParameterValue, ParameterValueError } from '../compiler/parameter-value.ts';
import { isSalesforceId, soqlString } from '../runtime/soql-binding.ts';

// One escaper for the whole product: the server quotes values exactly as devices do.
export { isSalesforceId, soqlString };

/** `('a','b')`: an IN list of quoted Ids. An empty list is not valid SOQL; callers skip empty chunks. */
export function idList(ids: readonly string[]): string {
  return `(${ids.map(soqlString).join(',')})`;
}

/** A value of a declared scope parameter as a SOQL literal of its type (checked by checkParameterValue). */
export function parameterLiteral(type: string, value: string | number | boolean): string {
  let typed: string | number | boolean;
  try {
    typed = checkParameterValue(type, value);
  } catch (error) {
    if (error instanceof ParameterValueError) throw new TypeError(error.message);
    throw error;
  }
  return typeof typed === 'string'
    ? type === 'string' || type === 'id'
      ? soqlString(typed)
      : typed
    : String(typed);
}

/**
 * Replaces each `:name` placeholder outside string literals with `values[name]` (already a SOQL literal).
 * Throws naming the first placeholder without a value.
 */
export function bindSoql(soql: string, values: Readonly<Record<string, string>>): string {
  let out = '';
  let i = 0;
  while (i < soql.length) {
    const c = soql[i]!;
    if (c === "'") {
      const end = endOfString(soql, i);
      out += soql.slice(i, end);
      i = end;
      continue;
    }
    if (c === ':' && /[A-Za-z_]/.test(soql[i + 1] ?? '')) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(soql.slice(i + 1))!;
      const name = match[0];
      // Own properties only: `:constructor` must not bind Object.prototype.constructor.
      const value = Object.hasOwn(values, name) ? values[name] : undefined;
      if (value === undefined) throw new Error(`no value for :${name}`);
      out += value;
      i += 1 + name.length;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

/** Placeholder names used in `soql`, in order of first appearance. */
export function placeholdersOf(soql: string): string[] {
  const names: string[] = [];
  bindSoql(
    soql,
    new Proxy(
      {},
      {
        // bindSoql asks whether the name is an own property, then reads it: every name is, and binds ''.
        getOwnPropertyDescriptor: () => ({ value: '', configurable: true, enumerable: true, writable: true }),
        get: (_target, name) => {
          if (typeof name === 'string' && !names.includes(name)) names.push(name);
          return '';
        },
      },
    ),
  );
  return names;
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
