/**
 * SOQL text helpers for the server: literals escaped as Salesforce requires, placeholder binding of plan
 * templates, and splitting a condition at its top-level ANDs. Everything scans the text with quotes in
 * mind, so a `:name` or `AND` inside a string literal is never touched.
 */

import { isSalesforceId, soqlString } from '../runtime/soql-binding.ts';

// One escaper for the whole product: the server quotes values exactly as devices do.
export { isSalesforceId, soqlString };

/** `('a','b')`: an IN list of quoted Ids. An empty list is not valid SOQL; callers skip empty chunks. */
export function idList(ids: readonly string[]): string {
  return `(${ids.map(soqlString).join(',')})`;
}

/** A value of a declared scope parameter as a SOQL literal of its type. */
export function parameterLiteral(type: string, value: string | number | boolean): string {
  switch (type) {
    case 'string':
    case 'id':
      return soqlString(String(value));
    case 'boolean':
      if (typeof value === 'boolean') return String(value);
      if (value === 'true' || value === 'false') return value;
      throw new TypeError(`expected true or false, got ${JSON.stringify(value)}`);
    case 'integer':
      if (Number.isInteger(Number(value)) && String(value).trim() !== '') return String(Number(value));
      throw new TypeError(`expected an integer, got ${JSON.stringify(value)}`);
    case 'double':
      if (Number.isFinite(Number(value)) && String(value).trim() !== '') return String(Number(value));
      throw new TypeError(`expected a number, got ${JSON.stringify(value)}`);
    case 'date':
      if (/^\d{4}-\d{2}-\d{2}$/.test(String(value))) return String(value);
      throw new TypeError(`expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
    case 'datetime':
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(String(value))) {
        return String(value);
      }
      throw new TypeError(`expected a datetime like 2024-01-01T00:00:00Z, got ${JSON.stringify(value)}`);
    default:
      throw new TypeError(`unknown parameter type '${type}'`);
  }
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
      const value = values[name];
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
