/**
 * UserRecordAccess: a read-only object answering what one user may do with up to 200 records:
 *   SELECT RecordId, HasReadAccess, HasEditAccess FROM UserRecordAccess
 *   WHERE UserId = '005...' AND RecordId IN ('0WO...', ...)
 * Selectable: RecordId, HasReadAccess, HasEditAccess, HasDeleteAccess, HasTransferAccess, HasAllAccess,
 * MaxAccessLevel (None, Read, Edit, All). The filter must name one UserId (=) and RecordId (= or IN);
 * more than 200 Ids is Salesforce's "Number of records exceeds limit:200". Records come back in the order
 * the Ids were given; an Id of no record (or a deleted one) answers no access.
 */

import type { Query, WhereClause } from '@jetstreamapp/soql-parser-js';
import { ApiError } from '../api-error.ts';
import { toId18 } from '../ids.ts';
import type { QueryCursor, SObjectRecord } from '../sql/soql-engine.ts';
import { SoqlErrors } from '../sql/soql-errors.ts';
import { parseSoql } from '../sql/soql-parse.ts';
import type { RecordStore } from '../store/record-store.ts';
import type { OrgAccess } from './access-control.ts';

export const MAX_USER_RECORD_ACCESS_IDS = 200;

const FIELDS = [
  'RecordId',
  'HasReadAccess',
  'HasEditAccess',
  'HasDeleteAccess',
  'HasTransferAccess',
  'HasAllAccess',
  'MaxAccessLevel',
] as const;

/** True when `soql` queries UserRecordAccess (cheap test before parsing). */
export function queriesUserRecordAccess(soql: string): boolean {
  return /\bfrom\s+userrecordaccess\b/i.test(soql);
}

function literal(value: string): string {
  return value.replace(/^'(.*)'$/s, '$1');
}

interface Filter {
  readonly field?: unknown;
  readonly operator?: unknown;
  readonly value?: unknown;
}

interface WhereNode {
  readonly left?: Filter | null;
  readonly operator?: string;
  readonly right?: WhereNode;
}

function conditions(where: WhereClause | undefined, errors: SoqlErrors): Filter[] {
  const out: Filter[] = [];
  let node = where as WhereNode | undefined;
  while (node) {
    if (node.operator && node.operator !== 'AND')
      throw errors.malformed('UserRecordAccess filters may only be combined with AND.', node.operator);
    if (node.left) out.push(node.left);
    node = node.right;
  }
  return out;
}

class ListCursor implements QueryCursor {
  private position = 0;
  constructor(private readonly records: readonly SObjectRecord[]) {}
  get totalSize(): number {
    return this.records.length;
  }
  get done(): boolean {
    return this.position >= this.records.length;
  }
  next(batchSize: number): SObjectRecord[] {
    const page = this.records.slice(this.position, this.position + Math.max(1, Math.floor(batchSize)));
    this.position += page.length;
    return page;
  }
}

export function queryUserRecordAccess(
  soql: string,
  access: OrgAccess,
  store: RecordStore,
  apiVersion: string,
): QueryCursor {
  const errors = new SoqlErrors(soql);
  const query: Query = parseSoql(soql, errors);
  const selected = (query.fields ?? []).map((f) => {
    const name = f.type === 'Field' ? f.field : undefined;
    const known = FIELDS.find((k) => k.toLowerCase() === name?.toLowerCase());
    if (!known) {
      const text = f.type === 'Field' ? f.field : (('rawValue' in f ? f.rawValue : undefined) ?? f.type);
      throw errors.noSuchColumn(text, 'UserRecordAccess');
    }
    return known;
  });
  let userId: string | undefined;
  let recordIds: string[] | undefined;
  for (const condition of conditions(query.where, errors)) {
    const field = String(condition.field ?? '').toLowerCase();
    const operator = String(condition.operator ?? '').toUpperCase();
    const value = condition.value;
    if (field === 'userid' && operator === '=' && typeof value === 'string') userId = literal(value);
    else if (field === 'recordid' && operator === '=' && typeof value === 'string')
      recordIds = [literal(value)];
    else if (field === 'recordid' && operator === 'IN' && Array.isArray(value))
      recordIds = value.map((v) => literal(String(v)));
    else
      throw errors.malformed(
        "UserRecordAccess needs WHERE UserId = '<user Id>' AND RecordId = '<Id>' (or RecordId IN (...)).",
        'WHERE',
      );
  }
  if (userId === undefined || recordIds === undefined)
    throw errors.malformed(
      "UserRecordAccess needs WHERE UserId = '<user Id>' AND RecordId = '<Id>' (or RecordId IN (...)).",
      'WHERE',
    );
  if (recordIds.length > MAX_USER_RECORD_ACCESS_IDS)
    throw new ApiError(
      400,
      'MALFORMED_QUERY',
      `Number of records exceeds limit:${MAX_USER_RECORD_ACCESS_IDS}`,
    );
  const user = toId18(userId);
  if (!user || !store.row('User', user))
    throw new ApiError(400, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${userId}`);
  const records = recordIds.map((raw): SObjectRecord => {
    const id = toId18(raw);
    const object = id ? store.objectOfId(id) : undefined;
    const can = (level: 'read' | 'edit' | 'delete'): boolean =>
      id !== undefined && object !== undefined && access.hasAccess(user, object, id, level);
    const read = can('read');
    const edit = read && can('edit');
    const all = edit && can('delete');
    const values: Record<(typeof FIELDS)[number], unknown> = {
      RecordId: id ?? raw,
      HasReadAccess: read,
      HasEditAccess: edit,
      HasDeleteAccess: all,
      HasTransferAccess: all,
      HasAllAccess: all,
      MaxAccessLevel: all ? 'All' : edit ? 'Edit' : read ? 'Read' : 'None',
    };
    const record: SObjectRecord = {
      attributes: {
        type: 'UserRecordAccess',
        url: `/services/data/v${apiVersion}/sobjects/UserRecordAccess/${id ?? raw}`,
      },
    };
    for (const name of selected) record[name] = values[name];
    return record;
  });
  return new ListCursor(records);
}
