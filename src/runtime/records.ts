/** Records as the device stores them: the API's JSON without `attributes`, keyed by `Id`. */

export type FieldValue = unknown;

export interface SfRecord {
  readonly Id: string;
  readonly [field: string]: FieldValue;
}

/** Removes `attributes` at every level (parent paths come back as nested objects). */
export function stripAttributes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripAttributes);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'attributes') continue;
    out[key] = stripAttributes(field);
  }
  return out;
}

export function toStoredRecord(apiRecord: unknown): SfRecord {
  const record = stripAttributes(apiRecord) as SfRecord;
  if (typeof record.Id !== 'string') throw new Error('a queried record has no Id');
  return record;
}

/** The record's server stamp (the plan's watermark field) in ms, or undefined. */
export function stampMs(record: SfRecord | undefined, field: string): number | undefined {
  const value = record?.[field];
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return isNaN(ms) ? undefined : ms;
}

/** Salesforce compares 15- and 18-character Ids by their first 15 characters (case-sensitive). */
export function sameId(a: string, b: string): boolean {
  return a.slice(0, 15) === b.slice(0, 15);
}
