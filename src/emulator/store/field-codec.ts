/**
 * Field values between the REST API's JSON and the SQLite table layout (see ../sql/table-layout.ts):
 * what a request body may send for each field type (Salesforce is lenient: `"true"` for a boolean,
 * `"12"` for a number) and how a stored value is written back (`2024-01-01T10:00:00.000+0000`).
 */

import type { FieldDescribe } from '../../compiler/org-metadata.ts';
import { ApiError } from '../api-error.ts';
import { isTrimmedText, trimText } from './text-trim.ts';

export type StoredValue = string | number | null;

const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?Z?$/i;

function parseError(field: FieldDescribe, sfType: string, value: unknown): ApiError {
  const token =
    typeof value === 'string' ? 'VALUE_STRING' : Array.isArray(value) ? 'START_ARRAY' : 'START_OBJECT';
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return new ApiError(
    400,
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${sfType} from ${token} value ${shown} or request may be missing a required field`,
    [field.name],
  );
}

/** A datetime in the stored form (`YYYY-MM-DDTHH:MM:SS.sssZ`), or undefined if `text` is not one. */
export function parseDatetime(text: string): string | undefined {
  const m = DATETIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const ms = frac ? frac.slice(1, 4).padEnd(3, '0') : '000';
  const z = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${z}`;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  // Reject rolled-over dates such as 2024-02-30.
  if (z === 'Z' && new Date(time).toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) return undefined;
  return new Date(time).toISOString();
}

function parseDate(text: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text ? text : undefined;
}

function toNumber(field: FieldDescribe, sfType: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  throw parseError(field, sfType, value);
}

/** Converts a request body value for `field` to its stored form; throws JSON_PARSER_ERROR when it can't. */
export function toStored(field: FieldDescribe, value: unknown): StoredValue {
  if (value === null || value === undefined) return field.type === 'boolean' ? 0 : null;
  switch (field.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'string' && /^(true|false)$/i.test(value))
        return value.toLowerCase() === 'true' ? 1 : 0;
      throw parseError(field, 'boolean', value);
    case 'int': {
      const n = toNumber(field, 'int', value);
      if (!Number.isInteger(n)) throw parseError(field, 'int', value);
      return n;
    }
    case 'double':
    case 'currency':
    case 'percent':
      return toNumber(field, 'double', value);
    case 'date': {
      const date = typeof value === 'string' ? parseDate(value) : undefined;
      if (date === undefined) throw parseError(field, 'date', value);
      return date;
    }
    case 'datetime': {
      const datetime = typeof value === 'string' ? parseDatetime(value) : undefined;
      if (datetime === undefined) throw parseError(field, 'datetime', value);
      return datetime;
    }
    case 'time': {
      const m = typeof value === 'string' ? TIME.exec(value) : null;
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59)
        throw parseError(field, 'time', value);
      return `${m[1]}:${m[2]}:${m[3] ?? '00'}.${(m[4] ?? '.000').slice(1).padEnd(3, '0')}Z`;
    }
    case 'multipicklist':
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return trimText(value.join(';'));
      if (typeof value === 'string') return trimText(value);
      throw parseError(field, 'String', value);
    case 'base64':
      if (typeof value === 'string' && /^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(value))
        return value.replace(/\s+/g, '');
      throw parseError(field, 'base64', value);
    default:
      if (typeof value === 'string') return isTrimmedText(field.type) ? trimText(value) : value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw parseError(field, 'String', value);
  }
}

/** The REST API's datetime format (`2024-01-01T10:00:00.000+0000`) for a stored datetime. */
export function restDatetime(stored: string): string {
  return stored.endsWith('Z') ? `${stored.slice(0, -1)}+0000` : stored;
}

/** Converts a stored value to what the REST API returns for `field`. */
export function toRest(field: FieldDescribe, stored: unknown): unknown {
  if (stored === null || stored === undefined) return field.type === 'boolean' ? false : null;
  switch (field.type) {
    case 'boolean':
      return stored === 1 || stored === true;
    case 'datetime':
      return restDatetime(String(stored));
    default:
      return stored;
  }
}
