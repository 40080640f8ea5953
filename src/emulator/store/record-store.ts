/**
 * Record writes and reads for the embedded org, with Salesforce's validation and error codes:
 * unknown fields (INVALID_FIELD), read-only fields (INVALID_FIELD_FOR_INSERT_UPDATE), wrong value types
 * (JSON_PARSER_ERROR), STRING_TOO_LONG, INVALID_EMAIL_ADDRESS, REQUIRED_FIELD_MISSING, references
 * (MALFORMED_ID, FIELD_INTEGRITY_EXCEPTION, INVALID_CROSS_REFERENCE_KEY), ENTITY_IS_DELETED, NOT_FOUND
 * and If-Unmodified-Since (412). System fields are maintained as Salesforce does; deletes go to the
 * recycle bin (IsDeleted = 1, `_DeletedDate`) and cascade to master-detail children.
 *
 * Every method is synchronous, so a caller can wrap several in one SQLite transaction (allOrNone).
 */

import type Database from 'better-sqlite3';
import type { FieldDescribe, OrgMetadata, SObjectDescribe } from '../../compiler/org-metadata.ts';
import { ApiError } from '../api-error.ts';
import type { EmulatorClock } from '../clock.ts';
import { makeId, toId18 } from '../ids.ts';
import { quoteIdent } from '../sql/table-layout.ts';
import { toRest, toStored, type StoredValue } from './field-codec.ts';
import { objectRules, type ObjectRules, type RuleContext } from './object-rules.ts';
import type { OrgDb, Sequences } from './org-database.ts';

export type StoredRow = Record<string, StoredValue | undefined>;
type Statement = Database.Statement<unknown[]>;

const SYSTEM_FIELDS = new Set([
  'Id',
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
]);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface WriteOptions {
  /** `If-Unmodified-Since` as a time in ms: the write fails with 412 if the record changed after it. */
  ifUnmodifiedSince?: number;
}

interface ObjectInfo {
  readonly describe: SObjectDescribe;
  readonly fieldsByLower: ReadonlyMap<string, FieldDescribe>;
  readonly columns: readonly string[];
  readonly rules: ObjectRules;
}

/**
 * Checks a write against the writing user's access (sharing, object permissions, field-level security)
 * before the store validates it; the embedded org's access control (sharing/access-control.ts).
 */
export interface WriteGuard {
  beforeCreate(object: string, body: Record<string, unknown>, userId: string): void;
  beforeUpdate(object: string, existing: StoredRow, body: Record<string, unknown>, userId: string): void;
  beforeDelete(object: string, existing: StoredRow, userId: string): void;
  /** After any write to `object` (caches of who may see what depend on some objects). */
  noteWrite(object: string): void;
}

/** Several records share the external Id an upsert named. */
export class MultipleMatchesError extends ApiError {
  constructor(
    field: string,
    readonly ids: readonly string[],
  ) {
    super(
      400,
      'DUPLICATE_EXTERNAL_ID',
      `${field}: more than one record found for external id field: [${ids.join(', ')}]`,
      [field],
    );
  }
}

export function notFound(): ApiError {
  return new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

export class RecordStore {
  private readonly objects = new Map<string, ObjectInfo>();
  private readonly objectsByLower = new Map<string, ObjectInfo>();
  private readonly objectsByPrefix = new Map<string, ObjectInfo>();
  private readonly statements = new Map<string, Statement>();
  /** Set by the org: every create, update and delete runs as its user. */
  guard: WriteGuard | undefined;

  constructor(
    readonly db: OrgDb,
    readonly metadata: OrgMetadata,
    readonly clock: EmulatorClock,
    private readonly sequences: Sequences,
  ) {
    for (const describe of Object.values(metadata)) {
      const info: ObjectInfo = {
        describe,
        fieldsByLower: new Map(describe.fields.map((f) => [f.name.toLowerCase(), f] as const)),
        columns: describe.fields.map((f) => f.name),
        rules: objectRules(describe.name),
      };
      this.objects.set(describe.name, info);
      this.objectsByLower.set(describe.name.toLowerCase(), info);
      this.objectsByPrefix.set(describe.keyPrefix, info);
    }
  }

  /** The describe of `name` (case-insensitive), or a 404 as the REST API answers for unknown objects. */
  describe(name: string): SObjectDescribe {
    return this.info(name).describe;
  }

  hasObject(name: string): boolean {
    return this.objectsByLower.has(name.toLowerCase());
  }

  /** The object an Id belongs to, by its key prefix. */
  objectOfId(id: string): string | undefined {
    return this.objectsByPrefix.get(id.slice(0, 3))?.describe.name;
  }

  field(object: string, name: string): FieldDescribe | undefined {
    return this.info(object).fieldsByLower.get(name.toLowerCase());
  }

  newId(object: string): string {
    const { describe } = this.info(object);
    return makeId(describe.keyPrefix, this.sequences.next(`id:${describe.keyPrefix}`));
  }

  nextNumber(name: string): number {
    return this.sequences.next(name);
  }

  nowStamp(): string {
    return this.clock.now().toISOString();
  }

  /** Validates `id` as an Id of `object`: 18-character form, or MALFORMED_ID naming the object. */
  checkId(object: string, id: string): string {
    const { describe } = this.info(object);
    const id18 = toId18(id);
    if (!id18 || id18.slice(0, 3) !== describe.keyPrefix)
      throw new ApiError(400, 'MALFORMED_ID', `${describe.label} ID: id value of incorrect type: ${id}`, [
        'Id',
      ]);
    return id18;
  }

  /** The stored row of a record, deleted or not. */
  row(object: string, id: string): StoredRow | undefined {
    const info = this.info(object);
    const statement = this.statement(`SELECT * FROM ${quoteIdent(info.describe.name)} WHERE "Id" = ?`);
    return statement.get(id) as StoredRow | undefined;
  }

  /** The live (not deleted) row, or NOT_FOUND / ENTITY_IS_DELETED. */
  liveRow(object: string, id: string): StoredRow {
    const row = this.row(object, id);
    if (!row) throw notFound();
    if (row.IsDeleted === 1) throw new ApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
    return row;
  }

  /** A record as `GET /sobjects/{T}/{id}` returns it. */
  toRestRecord(
    object: string,
    row: StoredRow,
    version: string,
    fields?: readonly string[],
  ): Record<string, unknown> {
    const info = this.info(object);
    const type = info.describe.name;
    const id = String(row.Id);
    const record: Record<string, unknown> = {
      attributes: { type, url: `/services/data/v${version}/sobjects/${type}/${id}` },
    };
    const selected = fields ? fields.map((name) => this.requireField(info, name)) : info.describe.fields;
    for (const f of selected) {
      if (f.type === 'base64')
        record[f.name] =
          row[f.name] === null ? null : `/services/data/v${version}/sobjects/${type}/${id}/${f.name}`;
      else record[f.name] = toRest(f, row[f.name]);
    }
    return record;
  }

  create(object: string, body: Record<string, unknown>, userId: string): string {
    const info = this.info(object);
    const { describe } = info;
    if (!describe.createable)
      throw new ApiError(400, 'INVALID_TYPE', `entity type ${describe.name} does not support insert`);
    if (Object.keys(body).some((k) => k.toLowerCase() === 'id' && body[k] !== null && body[k] !== undefined))
      throw new ApiError(
        400,
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        'Record ID: cannot specify Id in an insert call',
        ['Id'],
      );
    this.guard?.beforeCreate(describe.name, body, userId);
    const values = this.convertBody(info, body, 'create');
    const stamp = this.nowStamp();
    const row: StoredRow = {};
    for (const f of describe.fields) row[f.name] = f.type === 'boolean' ? 0 : null;
    Object.assign(row, info.rules.defaults ?? {});
    Object.assign(row, values);
    const id = this.newId(describe.name);
    Object.assign(row, {
      Id: id,
      IsDeleted: 0,
      CreatedDate: stamp,
      CreatedById: userId,
      LastModifiedDate: stamp,
      LastModifiedById: userId,
      SystemModstamp: stamp,
    });
    if (info.fieldsByLower.has('ownerid') && (row.OwnerId === null || row.OwnerId === undefined))
      row.OwnerId = userId;
    this.checkRequired(info, row, Object.keys(values), true);
    this.checkReferences(info, values);
    this.checkUnique(info, values, undefined);
    const context = this.ruleContext(userId, stamp);
    info.rules.beforeInsert?.(row, context);
    this.insertRow(describe.name, row);
    info.rules.afterInsert?.(row, context);
    this.guard?.noteWrite(describe.name);
    return id;
  }

  update(
    object: string,
    id: string,
    body: Record<string, unknown>,
    userId: string,
    options: WriteOptions = {},
  ): void {
    const info = this.info(object);
    const { describe } = info;
    const id18 = this.checkId(describe.name, id);
    const existing = this.liveRow(describe.name, id18);
    this.guard?.beforeUpdate(describe.name, existing, body, userId);
    this.checkPrecondition(existing, options);
    for (const [key, value] of Object.entries(body)) {
      if (key.toLowerCase() === 'id' && value !== null && toId18(String(value)) !== id18)
        throw new ApiError(
          400,
          'INVALID_ID_FIELD',
          'The Id field should not be specified in the sobject data.',
          ['Id'],
        );
    }
    // fromEntries, not assignment: `copy["__proto__"] = v` would set the copy's prototype and drop the
    // key, so a body of only `__proto__` would pass as an empty update instead of an INVALID_FIELD.
    const withoutId = Object.fromEntries(Object.entries(body).filter(([key]) => key.toLowerCase() !== 'id'));
    const values = this.convertBody(info, withoutId, 'update');
    const stamp = this.nowStamp();
    const row: StoredRow = { ...existing, ...values };
    this.checkRequired(info, row, Object.keys(values), false);
    this.checkReferences(info, values);
    this.checkUnique(info, values, id18);
    Object.assign(row, { LastModifiedDate: stamp, LastModifiedById: userId, SystemModstamp: stamp });
    const context = this.ruleContext(userId, stamp);
    info.rules.beforeUpdate?.(row, existing, context);
    const changed = Object.keys(row).filter((k) => row[k] !== existing[k] && k !== 'Id');
    this.updateColumns(describe.name, id18, row, changed);
    info.rules.afterUpdate?.(row, existing, context);
    this.guard?.noteWrite(describe.name);
  }

  delete(object: string, id: string, userId: string, options: WriteOptions = {}): void {
    const info = this.info(object);
    const { describe } = info;
    if (!describe.deletable)
      throw new ApiError(400, 'INVALID_TYPE_FOR_OPERATION', `entity type ${describe.name} cannot be deleted`);
    const id18 = this.checkId(describe.name, id);
    const existing = this.liveRow(describe.name, id18);
    this.guard?.beforeDelete(describe.name, existing, userId);
    this.checkPrecondition(existing, options);
    this.deleteCascading(info, existing, userId, this.nowStamp());
    this.guard?.noteWrite(describe.name);
  }

  /**
   * Upsert by external Id: updates the one live record whose `fieldName` equals `value`, or creates one
   * with that value; several matches throw MultipleMatchesError (REST answers 300 with their URLs).
   */
  upsert(
    object: string,
    fieldName: string,
    value: string,
    body: Record<string, unknown>,
    userId: string,
    options: WriteOptions = {},
  ): { id: string; created: boolean } {
    const type = this.describe(object).name;
    const ids = this.findByExternalId(type, fieldName, value);
    const field = this.field(type, fieldName) as FieldDescribe;
    const fields = { ...body };
    for (const key of Object.keys(fields)) {
      if (key.toLowerCase() !== field.name.toLowerCase()) continue;
      if (fields[key] !== null && String(fields[key]) !== value)
        throw new ApiError(
          400,
          'INVALID_FIELD',
          `The ${field.name} field in the body does not match the external ID value (${value})`,
          [field.name],
        );
      delete fields[key];
    }
    if (ids.length > 1) throw new MultipleMatchesError(field.name, ids);
    if (ids.length === 1) {
      const id = ids[0] as string;
      this.update(type, id, fields, userId, options);
      return { id, created: false };
    }
    if (field.name === 'Id') throw notFound();
    return { id: this.create(type, { ...fields, [field.name]: value }, userId), created: true };
  }

  /** Records of `object` whose external-Id field equals `value` (live ones only). */
  findByExternalId(object: string, fieldName: string, value: string): string[] {
    const info = this.info(object);
    const f = info.fieldsByLower.get(fieldName.toLowerCase());
    if (!f || !(f.externalId || f.name === 'Id'))
      throw new ApiError(
        404,
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${fieldName}`,
      );
    if (f.name === 'Id') {
      const id18 = toId18(value);
      if (!id18) return [];
      const row = this.row(info.describe.name, id18);
      return row && row.IsDeleted === 0 ? [id18] : [];
    }
    const rows = this.statement(
      `SELECT "Id" FROM ${quoteIdent(info.describe.name)} WHERE ${quoteIdent(f.name)} = ? COLLATE NOCASE AND "IsDeleted" = 0`,
    ).all(value) as { Id: string }[];
    return rows.map((r) => r.Id);
  }

  /** Moves deleted records older than `beforeStamp` out of the recycle bin; returns the latest purged time. */
  purgeDeleted(beforeStamp: string): string | undefined {
    let latest: string | undefined;
    for (const { describe } of this.objects.values()) {
      const table = quoteIdent(describe.name);
      const row = this.statement(
        `SELECT MAX("_DeletedDate") AS latest FROM ${table} WHERE "IsDeleted" = 1 AND "_DeletedDate" < ?`,
      ).get(beforeStamp) as { latest: string | null };
      if (!row.latest) continue;
      this.statement(`DELETE FROM ${table} WHERE "IsDeleted" = 1 AND "_DeletedDate" < ?`).run(beforeStamp);
      if (!latest || row.latest > latest) latest = row.latest;
    }
    return latest;
  }

  /** Inserts a complete row as is (the demo seed and system rules use it; no validation). */
  insertRow(object: string, row: StoredRow): void {
    const info = this.info(object);
    const columns = info.columns.filter((c) => c in row);
    const sql = `INSERT INTO ${quoteIdent(info.describe.name)} (${columns.map(quoteIdent).join(', ')}) VALUES (${columns
      .map(() => '?')
      .join(', ')})`;
    this.statement(sql).run(...columns.map((c) => row[c] ?? null));
    this.guard?.noteWrite(info.describe.name);
  }

  /** Writes `columns` of `row` (system rules use it to maintain roll-ups and flags). */
  updateColumns(object: string, id: string, row: StoredRow, columns: readonly string[]): void {
    if (columns.length === 0) return;
    const info = this.info(object);
    const sql = `UPDATE ${quoteIdent(info.describe.name)} SET ${columns
      .map((c) => `${quoteIdent(c)} = ?`)
      .join(', ')} WHERE "Id" = ?`;
    this.statement(sql).run(...columns.map((c) => row[c] ?? null), id);
  }

  statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private info(name: string): ObjectInfo {
    const info = this.objects.get(name) ?? this.objectsByLower.get(name.toLowerCase());
    if (!info) throw notFound();
    return info;
  }

  private requireField(info: ObjectInfo, name: string): FieldDescribe {
    const f = info.fieldsByLower.get(name.trim().toLowerCase());
    if (!f)
      throw new ApiError(
        400,
        'INVALID_FIELD',
        `No such column '${name}' on sobject of type ${info.describe.name}`,
        [name],
      );
    return f;
  }

  private ruleContext(userId: string, stamp: string): RuleContext {
    return { store: this, userId, stamp };
  }

  private checkPrecondition(row: StoredRow, options: WriteOptions): void {
    if (options.ifUnmodifiedSince === undefined) return;
    const modified = Math.floor(Date.parse(String(row.LastModifiedDate)) / 1000) * 1000;
    if (modified > options.ifUnmodifiedSince)
      throw new ApiError(
        412,
        'PRECONDITION_FAILED',
        'The requested resource has been modified since the If-Unmodified-Since date.',
      );
  }

  /** Converts a request body to stored values, checking names, writability, types, lengths and emails. */
  private convertBody(info: ObjectInfo, body: Record<string, unknown>, mode: 'create' | 'update'): StoredRow {
    const values: StoredRow = {};
    const readOnly: string[] = [];
    for (const [key, value] of Object.entries(body)) {
      if (key === 'attributes') continue;
      const f = this.requireField(info, key);
      const writable = mode === 'create' ? f.createable : f.updateable;
      if (!writable || SYSTEM_FIELDS.has(f.name)) {
        readOnly.push(f.name);
        continue;
      }
      values[f.name] = toStored(f, value);
    }
    if (readOnly.length > 0)
      throw new ApiError(
        400,
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        readOnly,
      );
    for (const [name, value] of Object.entries(values)) {
      const f = info.fieldsByLower.get(name.toLowerCase()) as FieldDescribe;
      if (typeof value !== 'string') continue;
      if (f.length > 0 && f.type !== 'reference' && f.type !== 'id' && [...value].length > f.length)
        throw new ApiError(
          400,
          'STRING_TOO_LONG',
          `${f.label}: data value too large: ${value.length > 100 ? `${value.slice(0, 100)}...` : value} (max length=${f.length})`,
          [f.name],
        );
      if (f.type === 'email' && value !== '' && !EMAIL.test(value))
        throw new ApiError(400, 'INVALID_EMAIL_ADDRESS', `${f.label}: invalid email address: ${value}`, [
          f.name,
        ]);
      if (value === '' && f.type !== 'base64') values[name] = null;
    }
    return values;
  }

  private checkRequired(info: ObjectInfo, row: StoredRow, given: readonly string[], creating: boolean): void {
    const missing = info.describe.fields
      .filter(
        (f) =>
          !f.nillable &&
          f.type !== 'boolean' &&
          (creating ? f.createable && !f.defaultedOnCreate : f.updateable && given.includes(f.name)) &&
          (row[f.name] === null || row[f.name] === undefined),
      )
      .map((f) => f.name);
    if (missing.length > 0)
      throw new ApiError(
        400,
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.join(', ')}]`,
        missing,
      );
  }

  private checkReferences(info: ObjectInfo, values: StoredRow): void {
    for (const [name, value] of Object.entries(values)) {
      const f = info.fieldsByLower.get(name.toLowerCase()) as FieldDescribe;
      if (f.type !== 'reference' || value === null) continue;
      const id18 = toId18(String(value));
      if (!id18)
        throw new ApiError(400, 'MALFORMED_ID', `${f.label}: id value of incorrect type: ${value}`, [f.name]);
      const target = this.objectsByPrefix.get(id18.slice(0, 3));
      if (!target || !f.referenceTo.includes(target.describe.name))
        throw new ApiError(
          400,
          'FIELD_INTEGRITY_EXCEPTION',
          `${f.label}: id value of incorrect type: ${value}`,
          [f.name],
        );
      const row = this.statement(
        `SELECT "IsDeleted" FROM ${quoteIdent(target.describe.name)} WHERE "Id" = ?`,
      ).get(id18) as { IsDeleted: number } | undefined;
      if (!row || row.IsDeleted === 1)
        throw new ApiError(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [f.name]);
      values[name] = id18;
    }
  }

  /** Unique fields (Username, StockKeepingUnit, unique external Ids) compare case-insensitively. */
  private checkUnique(info: ObjectInfo, values: StoredRow, selfId: string | undefined): void {
    for (const [name, value] of Object.entries(values)) {
      if (value === null || value === undefined) continue;
      const f = info.fieldsByLower.get(name.toLowerCase()) as FieldDescribe;
      if (!f.unique) continue;
      const clash = this.statement(
        `SELECT "Id" FROM ${quoteIdent(info.describe.name)} WHERE ${quoteIdent(f.name)} = ? COLLATE NOCASE AND "IsDeleted" = 0 AND "Id" IS NOT ? LIMIT 1`,
      ).get(value, selfId ?? null) as { Id: string } | undefined;
      if (clash)
        throw new ApiError(
          400,
          'DUPLICATE_VALUE',
          `duplicate value found: ${f.name} duplicates value on record with id: ${clash.Id}`,
          [f.name],
        );
    }
  }

  private deleteCascading(info: ObjectInfo, row: StoredRow, userId: string, stamp: string): void {
    const id = String(row.Id);
    this.statement(
      `UPDATE ${quoteIdent(info.describe.name)} SET "IsDeleted" = 1, "_DeletedDate" = ?, "LastModifiedDate" = ?, "LastModifiedById" = ?, "SystemModstamp" = ? WHERE "Id" = ?`,
    ).run(stamp, stamp, userId, stamp, id);
    for (const relationship of info.describe.childRelationships) {
      const child = this.objects.get(relationship.childSObject);
      if (!child || !child.fieldsByLower.has(relationship.field.toLowerCase())) continue;
      const table = quoteIdent(child.describe.name);
      const column = quoteIdent(relationship.field);
      if (relationship.cascadeDelete) {
        const children = this.statement(`SELECT * FROM ${table} WHERE ${column} = ? AND "IsDeleted" = 0`).all(
          id,
        ) as StoredRow[];
        for (const childRow of children) this.deleteCascading(child, childRow, userId, stamp);
      } else if (!SYSTEM_FIELDS.has(relationship.field)) {
        // A lookup to a deleted record is cleared: a system change (SystemModstamp only).
        this.statement(
          `UPDATE ${table} SET ${column} = NULL, "SystemModstamp" = ? WHERE ${column} = ? AND "IsDeleted" = 0`,
        ).run(stamp, id);
      }
    }
    info.rules.afterDelete?.(row, this.ruleContext(userId, stamp));
  }
}
