/**
 * The one scanner of `:name` placeholders in SOQL text, for the compiler (which lists a template's binds),
 * the device and the config tool (which bind them). Rules: string literals are skipped (backslash escapes
 * honoured), and a placeholder is a colon followed by a letter or `_`, not preceded by a letter, digit or
 * `_`, so `NEXT_N_DAYS:14` is no placeholder.
 */

import { BindError } from './soql-literals.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** `soql` with each placeholder replaced by `literalFor(name)`; the text outside placeholders unchanged. */
export function replacePlaceholders(soql: string, literalFor: (name: string) => string): string {
  let out = '';
  let i = 0;
  while (i < soql.length) {
    const c = soql[i]!;
    if (c === "'") {
      // Copy a string literal verbatim.
      let j = i + 1;
      while (j < soql.length && soql[j] !== "'") j += soql[j] === '\\' ? 2 : 1;
      out += soql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === ':' && NAME_START.test(soql[i + 1] ?? '') && !NAME_CHAR.test(soql[i - 1] ?? ' ')) {
      const name = NAME.exec(soql.slice(i + 1))![0];
      out += literalFor(name);
      i += 1 + name.length;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

/** Every placeholder occurrence's name, in order (repeats included). */
export function placeholderOccurrences(soql: string): string[] {
  const names: string[] = [];
  replacePlaceholders(soql, (name) => {
    names.push(name);
    return '';
  });
  return names;
}

/** Placeholder names in order of first appearance. */
export function placeholderNames(soql: string): string[] {
  return [...new Set(placeholderOccurrences(soql))];
}

/**
 * Replaces each placeholder with `literals[name]`, already a SOQL literal (made by soql-literals.ts).
 * Throws naming the first placeholder without one; own properties only, so `:constructor` has none.
 */
export function bindLiterals(soql: string, literals: Readonly<Record<string, string>>): string {
  return replacePlaceholders(soql, (name) => {
    const literal = Object.hasOwn(literals, name) ? literals[name] : undefined;
    if (literal === undefined) throw new BindError(`no value for :${name}`);
    return literal;
  });
}
