/**
 * A small SOQL tokenizer used only to point at places inside a `where` / `orderBy` string (soql-parser-js
 * gives no positions) and to check string escapes, which the parser does not.
 */

export type TokenKind = 'string' | 'bind' | 'dateN' | 'word' | 'number' | 'punct' | 'other';

export interface SoqlToken {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const WORD = /[A-Za-z_][A-Za-z0-9_.]*/y;
const DATE_N = /[A-Za-z_][A-Za-z0-9_]*:-?[0-9]+/y;
const BIND = /:[A-Za-z_][A-Za-z0-9_.]*(\([^)]*\))?/y;
const NUMBER = /[0-9][0-9A-Za-z:.+-]*/y;
const PUNCT = /!=|<>|<=|>=|[=<>(),]/y;

function matchAt(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

/** Tokens of `text`; an unterminated string becomes one `other` token up to the end. */
export function tokenizeSoql(text: string): SoqlToken[] {
  const tokens: SoqlToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
      const closed = j < text.length;
      const end = closed ? j + 1 : text.length;
      tokens.push({ kind: closed ? 'string' : 'other', text: text.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    const m =
      (ch === ':' ? matchAt(BIND, text, i) : undefined) ??
      matchAt(DATE_N, text, i) ??
      matchAt(WORD, text, i) ??
      matchAt(NUMBER, text, i) ??
      matchAt(PUNCT, text, i);
    if (m !== undefined) {
      const kind: TokenKind =
        ch === ':'
          ? 'bind'
          : /^[A-Za-z_]/.test(m)
            ? m.includes(':')
              ? 'dateN'
              : 'word'
            : /^[0-9]/.test(m)
              ? 'number'
              : 'punct';
      tokens.push({ kind, text: m, start: i, end: i + m.length });
      i += m.length;
      continue;
    }
    tokens.push({ kind: 'other', text: ch, start: i, end: i + 1 });
    i++;
  }
  return tokens;
}

/** Escapes SOQL allows in string literals; `\_` and `\%` only inside LIKE patterns. */
const ESCAPES = new Set(['n', 'r', 't', 'b', 'f', '"', "'", '\\']);

/** Offsets (relative to the token) of invalid escapes in a string token. */
export function invalidEscapes(token: SoqlToken, inLike: boolean): { start: number; end: number }[] {
  const bad: { start: number; end: number }[] = [];
  const body = token.text;
  for (let i = 1; i < body.length - 1; i++) {
    if (body[i] !== '\\') continue;
    const next = body[i + 1] ?? '';
    if (ESCAPES.has(next)) {
      i++;
    } else if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(body.slice(i + 2, i + 6))) {
      i += 5;
    } else if ((next === '_' || next === '%') && inLike) {
      i++;
    } else {
      bad.push({ start: token.start + i, end: token.start + i + 2 });
      i++;
    }
  }
  return bad;
}
