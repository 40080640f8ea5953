/**
 * SOQL literal values: string escapes, LIKE patterns, Ids and datetimes, converted to the values the
 * table layout stores (see table-layout.ts), so they can be bound as SQLite parameters.
 */

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** Thrown for an escape sequence SOQL does not allow; `sequence` is e.g. `\q`. */
export class StringEscapeError extends Error {
  constructor(readonly sequence: string) {
    super(`Illegal character sequence '${sequence}' in string literal.`);
  }
}

/**
 * Decodes the body of a quoted SOQL string literal (`raw` includes the quotes). With `forLike`, `\%` and
 * `\_` stay escaped and a literal backslash becomes `\\`, giving a pattern for `LIKE ? ESCAPE '\'`.
 */
export function decodeStringLiteral(raw: string, forLike = false): string {
  const body = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) throw new StringEscapeError('\\');
    i++;
    if (next === 'u') {
      const hex = body.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new StringEscapeError(`\\u${hex}`);
      const decoded = String.fromCharCode(parseInt(hex, 16));
      out += forLike && (decoded === '%' || decoded === '_' || decoded === '\\') ? `\\${decoded}` : decoded;
      i += 4;
    } else if (next === '%' || next === '_') {
      if (!forLike) throw new StringEscapeError(`\\${next}`);
      out += `\\${next}`;
    } else if (next === '\\') {
      out += forLike ? '\\\\' : '\\';
    } else if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
    } else {
      throw new StringEscapeError(`\\${next}`);
    }
  }
  return out;
}

const ID_SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** A 15- or 18-character Salesforce Id as its 18-character form, or undefined if it is not an Id. */
export function normalizeId(value: string): string | undefined {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value)) return undefined;
  if (value.length === 18) return value;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let j = 0; j < 5; j++) {
      const c = value.charCodeAt(chunk * 5 + j);
      if (c >= 65 && c <= 90) bits |= 1 << j;
    }
    suffix += ID_SUFFIX_ALPHABET[bits];
  }
  return value + suffix;
}

const DATETIME_LITERAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/i;

/** A SOQL datetime literal as the stored UTC form `YYYY-MM-DDTHH:MM:SS.sssZ`, or undefined if invalid. */
export function datetimeLiteralToStored(literal: string): string | undefined {
  const match = DATETIME_LITERAL.exec(literal);
  if (!match) return undefined;
  const [, , mo, d, h, mi, s] = match.map(Number) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 59) return undefined;
  const zone = (match[8] as string).toUpperCase();
  const iso = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${match[7] ?? ''}${
    zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`
  }`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A SOQL date literal `YYYY-MM-DD` if it is a real calendar day. */
export function isDateLiteral(literal: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(literal)) return false;
  const ms = Date.parse(`${literal}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === literal;
}

/** The REST API's datetime format: `2024-01-01T00:00:00.000+0000` from the stored UTC form. */
export function storedDatetimeToRest(stored: string): string {
  return stored.endsWith('Z') ? `${stored.slice(0, -1)}+0000` : stored;
}
