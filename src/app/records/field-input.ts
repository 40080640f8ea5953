/**
 * Between a stored value and a form control: what a control shows for a value, and the value (or the
 * message shown by the field) for what the user typed. The same checks the device applies before it
 * queues a change, made here first so the technician sees the problem beside the field.
 */

import { isLocalId } from '../../runtime/local-ids.ts';
import type { FieldInfo } from './record-fields.ts';

export type ParsedInput =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** What the user typed, as the control reports it. */
export interface RawInput {
  /** The control's value ('' when empty); `checked` for a checkbox. */
  readonly value: string;
  readonly checked?: boolean;
  /** The browser could not parse what was typed (a date input's `validity.badInput`). */
  readonly badInput?: boolean;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Salesforce datetimes ("...+0000" or "...Z") -> epoch ms. */
export function parseDatetime(value: string): number {
  return Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

/** The string a control shows for a stored value (datetime-local in the device's time zone). */
export function toControlValue(field: FieldInfo, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.type === 'datetime') {
    const ms = parseDatetime(String(value));
    if (isNaN(ms)) return '';
    const d = new Date(ms);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const fail = (message: string): ParsedInput => ({ ok: false, message });
const ok = (value: unknown): ParsedInput => ({ ok: true, value });

/** The value to queue for what was typed, or why it cannot be queued. */
export function parseControlValue(field: FieldInfo, raw: RawInput): ParsedInput {
  if (field.type === 'boolean') return ok(raw.checked === true);
  if (raw.badInput) return fail(badInputMessage(field));
  const text = field.type === 'textarea' ? raw.value : raw.value.trim();
  if (text === '') return field.required ? fail('Complete this field.') : ok(null);
  switch (field.type) {
    case 'date':
      return isRealDate(text) ? ok(text) : fail(badInputMessage(field));
    case 'datetime': {
      // datetime-local gives local wall time without a zone; Date parses it as local time.
      const ms =
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(text) && isRealDate(text.slice(0, 10))
          ? Date.parse(text)
          : NaN;
      return isNaN(ms) ? fail(badInputMessage(field)) : ok(new Date(ms).toISOString());
    }
    case 'int': {
      const n = Number(text);
      return Number.isInteger(n) ? ok(n) : fail('Enter a whole number.');
    }
    case 'double':
    case 'currency':
    case 'percent': {
      const n = Number(text);
      if (!Number.isFinite(n)) return fail('Enter a number.');
      const decimals = /\.(\d+)$/.exec(text)?.[1]?.length ?? 0;
      if (field.scale !== undefined && decimals > field.scale)
        return fail(`Use at most ${field.scale} decimal place${field.scale === 1 ? '' : 's'}.`);
      return ok(n);
    }
    case 'picklist':
      return field.picklistValues.length && !field.picklistValues.some((p) => p.value === text)
        ? fail('Choose one of the listed values.')
        : ok(text);
    case 'reference':
    case 'id':
      return /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(text) || isLocalId(text)
        ? ok(text)
        : fail('Enter a valid record Id (15 or 18 letters and digits).');
    case 'email':
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return fail('Enter a valid email address.');
      break;
    default:
      break;
  }
  if (field.length > 0 && text.length > field.length)
    return fail(`Use at most ${field.length} characters (now ${text.length}).`);
  return ok(text);
}

function badInputMessage(field: FieldInfo): string {
  if (field.type === 'date') return 'Enter a valid date (YYYY-MM-DD).';
  if (field.type === 'datetime') return 'Enter a valid date and time.';
  if (field.type === 'int') return 'Enter a whole number.';
  if (['double', 'currency', 'percent'].includes(field.type)) return 'Enter a number.';
  return 'Enter a valid value.';
}

/** True when a parsed value equals the stored one (so an update sends only what the user changed). */
export function sameValue(field: FieldInfo, stored: unknown, parsed: unknown): boolean {
  const empty = (v: unknown): boolean => v === null || v === undefined || v === '';
  if (empty(stored) && empty(parsed)) return true;
  if (empty(stored) || empty(parsed)) return field.type === 'boolean' && !stored && !parsed;
  if (field.type === 'datetime') return parseDatetime(String(stored)) === parseDatetime(String(parsed));
  return stored === parsed;
}
