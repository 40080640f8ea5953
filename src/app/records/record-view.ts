/**
 * How a record reads on a phone: its title, its values formatted for people, and the records related to
 * it along the plan's paths (work order -> line items, account -> contacts and assets, and back).
 */

import type { SyncPlan } from '../../compiler/plan.ts';
import type { OutboxEntry, SfRecord } from '../../runtime/index.ts';
import { sameId } from '../../runtime/records.ts';
import type { FieldInfo } from './record-fields.ts';
import { planObject, titleField } from './record-fields.ts';

export function recordTitle(plan: SyncPlan | undefined, object: string, record: SfRecord): string {
  const field = titleField(plan, object);
  const value = field ? record[field] : undefined;
  if (typeof value === 'string' && value.trim() !== '') return value;
  const person = [record['FirstName'], record['LastName']].filter((v) => typeof v === 'string' && v !== '');
  if (person.length) return person.join(' ');
  return record.Id;
}

/** Held records by object, for showing a lookup by its record's title. */
export type HeldRecords = ReadonlyMap<string, readonly SfRecord[]>;

export function findHeld(
  held: HeldRecords,
  objects: readonly string[],
  id: string,
): [string, SfRecord] | undefined {
  for (const object of objects) {
    const match = held.get(object)?.find((r) => sameId(r.Id, id));
    if (match) return [object, match];
  }
  return undefined;
}

/** A value as people read it: dates and times in local time, checkboxes Yes/No, lookups by title. */
export function formatValue(
  plan: SyncPlan | undefined,
  field: FieldInfo,
  value: unknown,
  held: HeldRecords = new Map(),
): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'boolean':
      return value === true ? 'Yes' : value === false ? 'No' : String(value);
    case 'date': {
      const ms = Date.parse(`${String(value)}T00:00:00Z`);
      return isNaN(ms) ? String(value) : new Date(ms).toLocaleDateString(undefined, { timeZone: 'UTC' });
    }
    case 'datetime': {
      const ms = Date.parse(String(value).replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
      return isNaN(ms) ? String(value) : new Date(ms).toLocaleString();
    }
    case 'reference': {
      const found = findHeld(held, field.referenceTo, String(value));
      return found ? recordTitle(plan, found[0], found[1]) : String(value);
    }
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** True when every whitespace-separated term of `query` occurs (any case) in one of `texts`. */
export function matchesSearch(query: string, texts: readonly string[]): boolean {
  const terms = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length) return true;
  const haystack = texts.map((t) => t.toLowerCase());
  return terms.every((term) => haystack.some((text) => text.includes(term)));
}

/** A list of records related to the one shown: `object` records whose `field` holds its Id. */
export interface RelatedList {
  readonly object: string;
  readonly field: string;
}

/**
 * The related lists of an `object` record: children along `childOf` paths to it (Account -> Contact.AccountId)
 * and records that brought it into scope (`referencedBy` paths on it: Account <- WorkOrder.AccountId).
 */
export function relatedLists(plan: SyncPlan | undefined, object: string): RelatedList[] {
  const lists: RelatedList[] = [];
  const add = (list: RelatedList): void => {
    if (!lists.some((l) => l.object === list.object && l.field === list.field)) lists.push(list);
  };
  for (const path of planObject(plan, object)?.paths ?? [])
    if (path.kind === 'referencedBy') add({ object: path.object, field: path.field });
  for (const other of plan?.objects ?? [])
    for (const path of other.paths)
      if (path.kind === 'childOf' && path.object === object) add({ object: other.name, field: path.field });
  return lists;
}

export function relatedRecords(records: readonly SfRecord[], field: string, id: string): SfRecord[] {
  return records.filter((r) => typeof r[field] === 'string' && sameId(r[field] as string, id));
}

/** What the outbox says about a record: the newest entry's status, for a badge. */
export type PendingState = 'pending' | 'failed' | 'conflict';

export function pendingStates(changes: readonly OutboxEntry[], object: string): Map<string, PendingState> {
  const states = new Map<string, PendingState>();
  for (const change of changes) {
    if (change.object !== object) continue;
    const state: PendingState =
      change.status === 'conflict' ? 'conflict' : change.status === 'failed' ? 'failed' : 'pending';
    const before = states.get(change.recordId);
    // A conflict or failure outranks a plain pending change of the same record.
    if (!before || before === 'pending') states.set(change.recordId, state);
  }
  return states;
}

export const PENDING_LABELS: Readonly<Record<PendingState, string>> = {
  pending: 'Pending upload',
  failed: 'Upload failed',
  conflict: 'Conflict',
};
