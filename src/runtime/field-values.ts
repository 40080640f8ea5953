/**
 * A local write's values checked against the fields' types the plan carries (upload.fieldTypes, from org
 * metadata), so "not a date" in StartDate is refused when typed, not when the upload fails hours later.
 */

import type { PlanFieldType } from '../compiler/plan.ts';
import { isLocalId } from './local-ids.ts';

const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Undefined when `value` (not null: clearing is always a valid form) fits `field`; else the expected form. */
export function expectedFormOf(field: PlanFieldType, value: unknown): string | undefined {
  switch (field.type) {
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? undefined : 'a date YYYY-MM-DD';
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'a datetime like 2024-01-01T09:00:00Z';
    case 'int':
      return Number.isSafeInteger(value) ? undefined : 'a whole number';
    case 'double':
    case 'currency':
    case 'percent':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'reference':
    case 'id':
      return typeof value === 'string' && (ID.test(value) || isLocalId(value))
        ? undefined
        : 'a record Id (15 or 18 letters and digits, or a local Id)';
    case 'picklist':
    case 'multipicklist': {
      if (typeof value !== 'string') return 'text';
      const values = field.values;
      const chosen = field.type === 'multipicklist' ? value.split(';') : [value];
      if (values && values.length > 0 && !chosen.every((v) => values.includes(v)))
        return `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
      return tooLong(field, value);
    }
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
      return typeof value === 'string' ? tooLong(field, value) : 'text';
    default:
      return undefined; // types the device does not check (time, base64, address, location)
  }
}

function tooLong(field: PlanFieldType, value: string): string | undefined {
  return field.length !== undefined && [...value].length > field.length
    ? `text of at most ${field.length} characters (got ${[...value].length})`
    : undefined;
}
