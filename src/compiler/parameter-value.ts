/**
 * A scope parameter's value, typed by its declared SOQL type: the one parser for every place a value
 * arrives as text (the device CLI's --param, the config tool's test values, the server's API) and the one
 * check for a typed value (the runtime binder). Strict: an empty or partial number is not 0, a date must
 * exist, an Id has Salesforce's shape.
 */

export type ParameterValue = string | number | boolean;

/** A value that is not of its parameter's type; the message says what was expected and what came. */
export class ParameterValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParameterValueError';
  }
}

const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const INTEGER = /^[+-]?\d+$/;
const DOUBLE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** True for a calendar date that exists (2024-02-29 yes, 2023-02-29 no). */
function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  id: 'a Salesforce Id (15 or 18 letters and digits)',
  boolean: 'true or false',
  integer: 'an integer',
  double: 'a number',
  date: 'a date YYYY-MM-DD',
  datetime: 'a datetime like 2024-01-01T00:00:00Z',
};

function refuse(type: string, raw: unknown): never {
  const expected = EXPECTED[type];
  if (expected === undefined) throw new ParameterValueError(`unknown parameter type '${type}'`);
  throw new ParameterValueError(`expected ${expected}, got ${JSON.stringify(raw)}`);
}

/** Parses the text `raw` as a value of `type` (string, id, boolean, integer, double, date, datetime). */
export function parseParameterValue(type: string, raw: string): ParameterValue {
  switch (type) {
    case 'string':
      return raw;
    case 'id':
      return ID.test(raw) ? raw : refuse(type, raw);
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : refuse(type, raw);
    case 'integer': {
      const n = Number(raw);
      return INTEGER.test(raw) && Number.isSafeInteger(n) ? n : refuse(type, raw);
    }
    case 'double': {
      const n = Number(raw);
      return DOUBLE.test(raw) && Number.isFinite(n) ? n : refuse(type, raw);
    }
    case 'date':
      return isRealDate(raw) ? raw : refuse(type, raw);
    case 'datetime':
      return DATETIME.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : refuse(type, raw);
    default:
      return refuse(type, raw);
  }
}

/**
 * A value already typed (JSON from a file, an API body or the store): numbers and booleans as such,
 * other types as their text. Throws ParameterValueError when it is not of `type`.
 */
export function checkParameterValue(type: string, value: unknown): ParameterValue {
  if (type === 'integer' || type === 'double') {
    if (typeof value === 'number')
      return (type === 'integer' ? Number.isSafeInteger(value) : Number.isFinite(value))
        ? value
        : refuse(type, value);
    return typeof value === 'string' ? parseParameterValue(type, value) : refuse(type, value);
  }
  if (type === 'boolean') {
    if (typeof value === 'boolean') return value;
    return typeof value === 'string' ? parseParameterValue(type, value) : refuse(type, value);
  }
  if (typeof value !== 'string') return refuse(type, value);
  return parseParameterValue(type, value);
}
