/**
 * Salesforce stores text without leading or trailing whitespace: "sObject String field values follow the
 * same rules as in the SOAP API: they can never be empty (only null), and they can never include leading
 * and trailing whitespace" (Apex Developer Guide, Primitive Data Types). The whitespace is what Java's
 * String.trim() removes (U+0000 to U+0020): a no-break space (U+00A0) stays.
 */

import type { FieldType } from '../../compiler/org-metadata.ts';

const TEXT_TYPES: ReadonlySet<FieldType> = new Set([
  'string',
  'textarea',
  'picklist',
  'multipicklist',
  'email',
  'phone',
  'url',
]);

// eslint-disable-next-line no-control-regex
const EDGE_WHITESPACE = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;

/** True for the field types whose values Salesforce trims. */
export function isTrimmedText(type: FieldType): boolean {
  return TEXT_TYPES.has(type);
}

/** `value` as Salesforce stores it in a text field: trimmed (an all-whitespace value becomes ''). */
export function trimText(value: string): string {
  return value.replace(EDGE_WHITESPACE, '');
}
