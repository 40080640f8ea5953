/**
 * Changes still in flight at the start of a sync lost their answer: each is resolved against the server
 * before anything is re-sent (see upload.ts for the guarantee). The lookups of lost creates (a whole
 * sObject Collection of them, after a lost answer) are packed five to a /composite call.
 */

import { isLocalId } from '../local-ids.ts';
import { readRecordsById, recordKey, wantedPerObject } from './records-by-id.ts';
import type { SfRecord } from '../records.ts';
import type { QueryResult } from '../salesforce-api.ts';
import { isSalesforceId, soqlDatetime, soqlId, soqlString } from '../soql-binding.ts';
import { planObject, type SyncContext } from '../sync-context.ts';
import { countsFor } from '../sync-tallies.ts';
import type { OutboxEntry } from '../store/sync-store.ts';
import { ApiRequestError } from '../sync-errors.ts';
import { completeEntry, noteWaitingDependents, OutboxIndex, resolveFields } from './upload-apply.ts';

/** How far before a lost create's attempt (device time) to look for it, allowing for clock skew. */
const LOST_CREATE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Resolves entries whose response was lost (see the file comment). */
export async function recoverInFlight(context: SyncContext, touched: Set<string>): Promise<void> {
  const { store, plan } = context;
  const index = new OutboxIndex(store.listChanges());
  const unverified: OutboxEntry[] = [];
  const needsLookup = (entry: OutboxEntry): boolean => {
    const object = planObject(plan, entry.object);
    return (
      entry.status === 'inFlight' &&
      entry.op === 'create' &&
      object !== undefined &&
      !(object.upload.externalIdField && typeof entry.fields[object.upload.externalIdField] === 'string')
    );
  };
  const lostCreates = store.listChanges().filter(needsLookup);
  const lookups = new Map<number, QueryResult | ApiRequestError>();
  const lostUpdates = await readLostUpdates(
    context,
    store.listChanges().filter((e) => e.status === 'inFlight' && rereadsUpdate(context, e)),
  );
  for (const entry of store.listChanges()) {
    if (entry.status !== 'inFlight') continue;
    const object = planObject(plan, entry.object);
    const setPending = () => store.replaceChange({ ...entry, status: 'pending' });
    if (!object) {
      setPending();
      continue;
    }
    if (entry.op === 'create') {
      if (object.upload.externalIdField && typeof entry.fields[object.upload.externalIdField] === 'string') {
        setPending();
        continue;
      }
      if (!lookups.has(entry.seq)) {
        // This one, and the later ones whose values are all known now (a parent recovered here first
        // gives its children's lookup the server Id), in one go.
        const group = lostCreates.filter(
          (e) => e.seq === entry.seq || (e.seq > entry.seq && !lookups.has(e.seq) && valuesKnown(context, e)),
        );
        const answers = await context.api.batchGet(
          group.map((e) => ({
            url: context.api.queryUrl(lostCreateQuery(context, e, lostCreates).soql),
            isQuery: true,
            what: 'lost-create lookup',
          })),
        );
        group.forEach((e, i) => lookups.set(e.seq, answers[i] as QueryResult | ApiRequestError));
      }
      const found = await findLostCreate(context, entry, lookups.get(entry.seq)!);
      if (found === 'unknown') {
        store.replaceChange({
          ...entry,
          status: 'failed',
          error: {
            code: 'UNVERIFIED_CREATE',
            message:
              'the upload of this new record was interrupted and the server could not be searched for it; ' +
              'check whether it exists, then retry or undo',
          },
        });
        context.errors.push(`${entry.object} ${entry.recordId}: upload interrupted, not verified`);
        unverified.push(entry);
      } else if (found) {
        store.transaction(() => completeEntry(context, entry, found, index));
        touched.add(entry.object);
        countsFor(context, entry.object).uploaded += 1;
      } else setPending();
      continue;
    }
    if (rereadsUpdate(context, entry)) {
      const current = lostUpdates.get(recordKey(entry.object, entry.recordId));
      const applied =
        current !== undefined &&
        Object.entries(resolveFields(context, entry.fields)).every(([k, v]) => sameValue(current[k], v));
      if (applied) {
        store.transaction(() => completeEntry(context, entry, undefined, index));
        touched.add(entry.object);
        countsFor(context, entry.object).uploaded += 1;
        continue;
      }
    }
    setPending();
  }
  if (unverified.length) noteWaitingDependents(context, unverified);
}

/** A conditional update of a server record: re-read to tell whether its lost send was applied. */
function rereadsUpdate(context: SyncContext, entry: OutboxEntry): boolean {
  const object = planObject(context.plan, entry.object);
  return (
    entry.op === 'update' &&
    object !== undefined &&
    object.upload.conflict !== 'clientWins' &&
    isSalesforceId(entry.recordId)
  );
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The current values of the records whose conditional update lost its answer: per object one Id-list
 * query (per URL-sized chunk) of the fields those updates set, packed five to a /composite call. A
 * record the server no longer has is absent from the map.
 */
async function readLostUpdates(
  context: SyncContext,
  entries: readonly OutboxEntry[],
): Promise<Map<string, SfRecord>> {
  return readRecordsById(
    context,
    wantedPerObject(
      entries,
      (e) => e.object,
      (e) => e.recordId,
      (_, mine) => [...new Set(mine.flatMap((e) => Object.keys(e.fields)))].filter((f) => FIELD_NAME.test(f)),
    ),
    'lost-update re-read',
  );
}

function sameValue(server: unknown, mine: unknown): boolean {
  if (server === mine) return true;
  if (server === null || mine === null || server === undefined || mine === undefined) return false;
  if (typeof server === 'number' || typeof mine === 'number') return Number(server) === Number(mine);
  return String(server) === String(mine);
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Most records one lost-create lookup compares locally; more and the answer is 'unknown'. */
const LOCAL_COMPARE_LIMIT = 2000;

/**
 * Looks for the record a lost create may have made: created by this user since the attempt (less a day of
 * clock-skew allowance) with every sent value equal, and not already on the device. Returns its Id, null
 * when there is none, or 'unknown' when the server cannot be asked such a query.
 *
 * Text values are filtered on the server when it allows; some text fields cannot be filtered (long text
 * areas answer INVALID_FIELD), and then the text values are compared here over every record this user
 * created in the window, or 'unknown' when there are too many to read in one page.
 */
async function findLostCreate(
  context: SyncContext,
  entry: OutboxEntry,
  first: QueryResult | ApiRequestError,
): Promise<string | null | 'unknown'> {
  const { base, texts } = lostCreateQuery(context, entry, []);
  let records: readonly Record<string, unknown>[];
  if (!(first instanceof ApiRequestError)) records = first.records;
  else {
    // A text field that cannot be filtered: read the candidates' text values and compare them here.
    const fields = texts.map(([f]) => `, ${f}`).join('');
    const broad = `SELECT Id${fields} FROM ${entry.object} WHERE ${base.join(' AND ')} ORDER BY CreatedDate, Id LIMIT ${LOCAL_COMPARE_LIMIT + 1}`;
    let answer;
    try {
      answer = await context.api.query(broad);
    } catch (second) {
      if (second instanceof ApiRequestError && second.kind === 'permanent') return 'unknown';
      throw second;
    }
    if (!answer.done || answer.records.length > LOCAL_COMPARE_LIMIT) return 'unknown';
    // Salesforce stores an empty text as null.
    records = answer.records.filter((r) => texts.every(([f, v]) => sameValue(r[f] ?? '', v)));
  }
  for (const record of records) {
    const id = record.Id;
    if (typeof id === 'string' && !context.store.getRecord(entry.object, id)) return id;
  }
  return null;
}

/** True when every local Id the entry names is mapped to a server Id already. */
function valuesKnown(context: SyncContext, entry: OutboxEntry): boolean {
  return Object.values(entry.fields).every((v) => !isLocalId(v) || context.store.resolveId(v) !== undefined);
}

/** Candidates a lookup reads besides the lost creates of the same object that may share its values. */
const LOOKUP_SPARE = 20;

/**
 * The lookup of a lost create: its conditions, its text values, and the query filtering on all it can.
 * It reads enough candidates for every lost create of the object to have the same values (a lost
 * collection of identical line items): each takes the first one not on the device yet.
 */
function lostCreateQuery(
  context: SyncContext,
  entry: OutboxEntry,
  lostCreates: readonly OutboxEntry[],
): { base: string[]; texts: [string, string][]; soql: string } {
  const base: string[] = [];
  if (context.userId && isSalesforceId(context.userId)) base.push(`CreatedById = ${soqlId(context.userId)}`);
  const since = (entry.attemptAt ?? entry.changedAt) - LOST_CREATE_WINDOW_MS;
  base.push(`CreatedDate >= ${soqlDatetime(since)}`);
  const texts: [string, string][] = [];
  for (const [field, raw] of Object.entries(resolveFields(context, entry.fields))) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) continue;
    if (raw === null) base.push(`${field} = null`);
    else if (typeof raw === 'boolean') base.push(`${field} = ${String(raw)}`);
    else if (typeof raw === 'number' && Number.isFinite(raw)) base.push(`${field} = ${String(raw)}`);
    else if (typeof raw === 'string' && !DATE_LIKE.test(raw) && !isLocalId(raw)) texts.push([field, raw]);
  }
  const filtered = texts
    .filter(([, raw]) => raw.length <= 255)
    .map(([f, raw]) => `${f} = ${soqlString(raw)}`);
  const soql = `SELECT Id FROM ${entry.object} WHERE ${[...base, ...filtered].join(' AND ')} ORDER BY CreatedDate, Id LIMIT ${LOOKUP_SPARE + lostCreates.filter((e) => e.object === entry.object).length}`;
  return { base, texts, soql };
}
