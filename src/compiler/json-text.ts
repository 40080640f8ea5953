/**
 * Reads a scope's JSON text the way an admin needs: a syntax error at its line and column, and duplicated
 * keys (which JSON.parse silently resolves to the last one) reported at their JSON Pointer. Pure.
 */

import type { Diagnostic } from './diagnostics.ts';
import { DIAGNOSTIC_CODES } from './diagnostics.ts';
import { findJsonTooDeep } from './json-depth.ts';
import { escapePointerToken } from './json-pointer.ts';

export interface JsonTextError {
  readonly message: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/**
 * `ok` with the value and the duplicate-key diagnostics; or, for text nested deeper than MAX_JSON_DEPTH,
 * `ok` with no value and a JSON_TOO_DEEP diagnostic at the first place past the limit.
 */
export type JsonTextResult =
  | { readonly ok: true; readonly value: unknown; readonly diagnostics: Diagnostic[] }
  | { readonly ok: false; readonly error: JsonTextError };

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Parses JSON text. Duplicate keys become DUPLICATE_OBJECT diagnostics directly under `/objects`, and
 * DUPLICATE_KEY elsewhere, at the pointer of the later key (the one JSON.parse keeps).
 */
export function parseJsonText(text: string): JsonTextResult {
  // Checked first: the parser below recurses once per level.
  const tooDeep = findJsonTooDeep(text);
  if (tooDeep) {
    const { line, column } = lineColumn(text, tooDeep.offset);
    return {
      ok: true,
      value: undefined,
      diagnostics: [
        {
          code: 'JSON_TOO_DEEP',
          severity: DIAGNOSTIC_CODES.JSON_TOO_DEEP,
          path: tooDeep.path,
          message: `${tooDeep.message} (line ${line}:${column})`,
        },
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  const describeAt = (at: number): string =>
    at >= text.length ? 'the end of the file' : JSON.stringify(text[at]);
  const skipSpace = (): void => {
    while (i < text.length && /[ \t\r\n]/.test(text[i] as string)) i++;
  };
  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const ch = text[i] as string;
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) fail('invalid \\u escape in a string');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail(`invalid escape \\${next ?? ''} in a string`);
      } else if (ch < ' ') {
        fail(
          ch === '\n' ? 'a string is not closed before the end of the line' : 'control character in a string',
        );
      } else i++;
    }
    if (i >= text.length) fail('a string is not closed', start);
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const parseValue = (path: string): void => {
    skipSpace();
    const ch = text[i];
    if (ch === '{') {
      i++;
      const keys = new Map<string, number>();
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describeAt(i)}`);
        const keyAt = i;
        const key = parseString();
        const keyPath = `${path}/${escapePointerToken(key)}`;
        if (keys.has(key)) {
          const { line, column } = lineColumn(text, keyAt);
          const first = lineColumn(text, keys.get(key) as number);
          const code = path === '/objects' ? 'DUPLICATE_OBJECT' : 'DUPLICATE_KEY';
          diagnostics.push({
            code,
            severity: DIAGNOSTIC_CODES[code],
            path: keyPath,
            message: `"${key}" appears twice in this object (line ${first.line}:${first.column} and line ${line}:${column}); only the last one would count: merge them`,
          });
        } else keys.set(key, keyAt);
        skipSpace();
        if (text[i] !== ':') fail(`expected ':' after the property name, found ${describeAt(i)}`);
        i++;
        parseValue(keyPath);
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected ',' or '}' after a property value, found ${describeAt(i)}`);
      }
    }
    if (ch === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        parseValue(`${path}/${index}`);
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected ',' or ']' after an array item, found ${describeAt(i)}`);
      }
    }
    if (ch === '"') {
      parseString();
      return;
    }
    const literal = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)/.exec(
      text.slice(i, i + 400),
    );
    if (!literal) fail(`expected a value, found ${describeAt(i)}`);
    i += (literal as RegExpExecArray)[0].length;
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
    parseValue('');
    skipSpace();
    if (i < text.length) fail(`unexpected ${describeAt(i)} after the end of the JSON value`);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const { line, column } = lineColumn(text, error.offset);
    return { ok: false, error: { message: error.message, offset: error.offset, line, column } };
  }
  return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), diagnostics };
}
