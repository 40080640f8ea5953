/**
 * A durable SyncStore on SQLite compiled to WebAssembly (@sqlite.org/sqlite-wasm's oo1 API), for the field
 * app's device worker, where the database lives on the Origin Private File System (opfs-sahpool VFS; see
 * src/app/device/worker/opfs-database.ts). Same schema and statements as the Node store
 * (sqlite-schema.ts), and the same synchronous contract: a page of records and its watermark commit in
 * one transaction, so a tab closed or a browser killed mid-sync leaves either both or neither.
 *
 * The store takes an open database and knows nothing of OPFS or of how the wasm module was loaded, so it
 * runs over any oo1 database (an in-memory one in Node tests, an OPFS one in a worker).
 */

import type { SyncPlan } from '../../compiler/plan.ts';
import type { SfRecord } from '../records.ts';
import {
  needsSchema,
  SCHEMA_SQL,
  STATEMENTS,
  topLevelJsonPath,
  type StatementName,
} from './sqlite-schema.ts';
import type {
  NewOutboxEntry,
  ObjectSyncState,
  OutboxEntry,
  SyncHistoryEntry,
  SyncStore,
} from './sync-store.ts';

type SqlValue = string | number | bigint | null | Uint8Array;

/** The part of sqlite-wasm's oo1 PreparedStatement the store uses. */
export interface WasmStatement {
  bind(values: readonly SqlValue[]): unknown;
  step(): boolean;
  get(index: number): unknown;
  reset(alsoClearBinds?: boolean): unknown;
  finalize(): unknown;
}

/** The part of sqlite-wasm's oo1 Database the store uses. */
export interface WasmDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): WasmStatement;
  selectValue(sql: string): unknown;
  changes(): number;
  isOpen(): boolean;
  close(): void;
}

export class WasmSqliteStore implements SyncStore {
  readonly #db: WasmDatabase;
  readonly #statements = new Map<StatementName | 'lastRowId', WasmStatement>();
  /** Open transactions: 0 outside, 1 in BEGIN, more in savepoints. */
  #depth = 0;

  /** Takes an open database (creating the tables on first use); `close()` closes it. */
  constructor(db: WasmDatabase) {
    this.#db = db;
    const version = Number(db.selectValue('PRAGMA user_version'));
    if (needsSchema(version)) db.exec(SCHEMA_SQL);
  }

  transaction<T>(fn: () => T): T {
    // Nested calls become savepoints (as better-sqlite3 does), so an inner throw caught by the caller
    // undoes the inner writes only.
    const savepoint = `s${this.#depth}`;
    this.#db.exec(this.#depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
    this.#depth += 1;
    try {
      const result = fn();
      this.#depth -= 1;
      this.#db.exec(this.#depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
      return result;
    } catch (error) {
      this.#depth -= 1;
      this.#db.exec(this.#depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      throw error;
    }
  }

  getRecord(object: string, id: string): SfRecord | undefined {
    const data = this.#value<string>('getRecord', [object, id]);
    return data === undefined ? undefined : (JSON.parse(data) as SfRecord);
  }
  listRecords(object: string): SfRecord[] {
    return this.#column<string>('listRecords', [object]).map((data) => JSON.parse(data) as SfRecord);
  }
  listRecordIds(object: string): string[] {
    return this.#column<string>('listRecordIds', [object]);
  }
  countRecords(object: string): number {
    return Number(this.#value<number>('countRecords', [object]) ?? 0);
  }
  listStringValues(object: string, field: string): string[] {
    const path = topLevelJsonPath(field);
    return this.#column<string>('listStringValues', [path, object, path]);
  }
  stringValuesById(object: string, field: string): Map<string, string> {
    const path = topLevelJsonPath(field);
    return new Map(this.#rows('stringValuesById', [path, object, path]) as [string, string][]);
  }
  listRecordIdsReferencing(object: string, field: string, id: string): string[] {
    const path = topLevelJsonPath(field);
    return this.#column<string>('listRecordIdsReferencing', [object, path, path, id.slice(0, 15)]);
  }
  putRecord(object: string, record: SfRecord): void {
    this.#run('putRecord', [object, record.Id, JSON.stringify(record)]);
  }
  getRecordJson(object: string, id: string): string | undefined {
    return this.#value<string>('getRecord', [object, id]);
  }
  putRecordJson(object: string, id: string, json: string): void {
    this.#run('putRecord', [object, id, json]);
  }
  deleteRecord(object: string, id: string): void {
    this.#run('deleteRecord', [object, id]);
  }
  listObjects(): string[] {
    return this.#column<string>('listObjects', []);
  }
  purgeObject(object: string): void {
    this.#run('purgeObject', [object]);
  }

  appendChange(entry: NewOutboxEntry): OutboxEntry {
    this.#run('appendChange', [JSON.stringify(entry)]);
    return { ...entry, seq: this.#lastRowId() };
  }
  listChanges(): OutboxEntry[] {
    return (this.#rows('listChanges', []) as [number, string][]).map(toEntry);
  }
  getChange(seq: number): OutboxEntry | undefined {
    const [row] = this.#rows('getChange', [seq]) as [number, string][];
    return row ? toEntry(row) : undefined;
  }
  replaceChange(entry: OutboxEntry): void {
    const { seq, ...rest } = entry;
    if (this.#run('replaceChange', [JSON.stringify(rest), seq]) === 0)
      throw new Error(`no outbox entry ${seq}`);
  }
  removeChange(seq: number): void {
    this.#run('removeChange', [seq]);
  }

  mapId(localId: string, serverId: string): void {
    this.#run('mapId', [localId, serverId]);
  }
  resolveId(localId: string): string | undefined {
    return this.#value<string>('resolveId', [localId]);
  }

  getObjectState(object: string): ObjectSyncState | undefined {
    const data = this.#value<string>('getState', [object]);
    return data === undefined ? undefined : (JSON.parse(data) as ObjectSyncState);
  }
  putObjectState(state: ObjectSyncState): void {
    this.#run('putState', [state.object, JSON.stringify(state)]);
  }
  deleteObjectState(object: string): void {
    this.#run('deleteState', [object]);
  }

  getPlan(): SyncPlan | undefined {
    return this.getMeta<SyncPlan>('plan');
  }
  putPlan(plan: SyncPlan): void {
    this.setMeta('plan', plan);
  }

  getMeta<T>(key: string): T | undefined {
    const data = this.#value<string>('getMeta', [key]);
    return data === undefined ? undefined : (JSON.parse(data) as T);
  }
  setMeta(key: string, value: unknown): void {
    this.#run('setMeta', [key, JSON.stringify(value ?? null)]);
  }

  appendHistory(entry: SyncHistoryEntry): SyncHistoryEntry {
    const { id: _id, ...rest } = entry;
    this.#run('appendHistory', [JSON.stringify(rest)]);
    return { ...rest, id: this.#lastRowId() };
  }
  listHistory(limit = 50): SyncHistoryEntry[] {
    return (this.#rows('listHistory', [limit]) as [number, string][]).map(([id, data]) => ({
      ...(JSON.parse(data) as SyncHistoryEntry),
      id,
    }));
  }
  pruneHistory(keep: number): void {
    this.#run('pruneHistory', [keep]);
  }

  close(): void {
    if (!this.#db.isOpen()) return;
    for (const statement of this.#statements.values()) statement.finalize();
    this.#statements.clear();
    this.#db.close();
  }

  // Statements: prepared once, bound and stepped per call, always reset (also when a step throws). ----

  #statement(name: StatementName | 'lastRowId'): WasmStatement {
    let statement = this.#statements.get(name);
    if (!statement) {
      statement = this.#db.prepare(name === 'lastRowId' ? 'SELECT last_insert_rowid()' : STATEMENTS[name]);
      this.#statements.set(name, statement);
    }
    return statement;
  }

  /** Every row, each as its column values. */
  #rows(name: StatementName, values: readonly SqlValue[]): unknown[][] {
    const statement = this.#statement(name);
    try {
      if (values.length) statement.bind(values);
      const rows: unknown[][] = [];
      const width =
        name === 'stringValuesById' ||
        name === 'listChanges' ||
        name === 'getChange' ||
        name === 'listHistory'
          ? 2
          : 1;
      while (statement.step()) {
        const row: unknown[] = [];
        for (let i = 0; i < width; i++) row.push(statement.get(i));
        rows.push(row);
      }
      return rows;
    } finally {
      statement.reset(true);
    }
  }

  /** The first column of every row. */
  #column<T>(name: StatementName, values: readonly SqlValue[]): T[] {
    const statement = this.#statement(name);
    try {
      if (values.length) statement.bind(values);
      const column: T[] = [];
      while (statement.step()) column.push(statement.get(0) as T);
      return column;
    } finally {
      statement.reset(true);
    }
  }

  /** The first column of the first row, or undefined without a row. */
  #value<T>(name: StatementName | 'lastRowId', values: readonly SqlValue[]): T | undefined {
    const statement = this.#statement(name);
    try {
      if (values.length) statement.bind(values);
      return statement.step() ? (statement.get(0) as T) : undefined;
    } finally {
      statement.reset(true);
    }
  }

  /** Runs a write; returns how many rows it changed. */
  #run(name: StatementName, values: readonly SqlValue[]): number {
    const statement = this.#statement(name);
    try {
      statement.bind(values);
      statement.step();
    } finally {
      statement.reset(true);
    }
    return this.#db.changes();
  }

  #lastRowId(): number {
    return Number(this.#value<number>('lastRowId', []));
  }
}

function toEntry([seq, data]: [number, string]): OutboxEntry {
  return { ...(JSON.parse(data) as NewOutboxEntry), seq };
}
