/**
 * A durable SyncStore on SQLite (better-sqlite3): what survives a process kill. The only runtime file that
 * imports better-sqlite3, so the rest of the runtime loads in a browser.
 *
 * WAL mode with synchronous=NORMAL: a committed transaction survives a process crash (the kill the
 * runtime must recover from); FULL would add survival of power loss at the cost of an fsync per page.
 */

import Database from 'better-sqlite3';
import { APPLICATION_IDS, checkDatabaseKind } from '../../compiler/database-kind.ts';
import type { SyncPlan } from '../../compiler/plan.ts';
import type { SfRecord } from '../records.ts';
import type {
  NewOutboxEntry,
  ObjectSyncState,
  OutboxEntry,
  SyncHistoryEntry,
  SyncStore,
} from './sync-store.ts';
import { needsSchema, SCHEMA_SQL, SCHEMA_VERSION, STATEMENTS, topLevelJsonPath } from './sqlite-schema.ts';

export interface SqliteStoreOptions {
  /** Open an existing store for reading only: no schema setup, no marks, no journal change. */
  readonly readOnly?: boolean;
}

export class SqliteStore implements SyncStore {
  readonly #db: Database.Database;
  readonly #statements: ReturnType<typeof prepare>;

  /**
   * Opens (creating if needed) the store at `path`; `:memory:` for a throwaway one. `readOnly` opens an
   * existing store without writing anything (inspecting commands; works on a read-only file). Refuses a
   * file that is not a device store (see compiler/database-kind.ts) before changing it.
   */
  constructor(path: string, options: SqliteStoreOptions = {}) {
    const readOnly = options.readOnly ?? false;
    this.#db = new Database(path, readOnly ? { readonly: true, fileMustExist: true } : {});
    try {
      const markNow = checkDatabaseKind(
        path,
        'device',
        this.#db.pragma('application_id', { simple: true }) as number,
        this.#db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
      );
      if (readOnly) {
        checkSchemaVersion(this.#db, path);
      } else {
        this.#db.pragma('journal_mode = WAL');
        this.#db.pragma('synchronous = NORMAL');
        migrate(this.#db);
        if (markNow) this.#db.pragma(`application_id = ${APPLICATION_IDS.device}`);
      }
      this.#statements = prepare(this.#db);
    } catch (error) {
      this.#db.close();
      throw openError(path, error);
    }
  }

  transaction<T>(fn: () => T): T {
    // better-sqlite3 turns nested calls into savepoints, so an inner throw caught by the caller is safe.
    return this.#db.transaction(fn)();
  }

  getRecord(object: string, id: string): SfRecord | undefined {
    const row = this.#statements.getRecord.get(object, id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as SfRecord) : undefined;
  }
  listRecords(object: string): SfRecord[] {
    return (this.#statements.listRecords.all(object) as { data: string }[]).map(
      (row) => JSON.parse(row.data) as SfRecord,
    );
  }
  listRecordIds(object: string): string[] {
    return this.#statements.listRecordIds.pluck().all(object) as string[];
  }
  countRecords(object: string): number {
    return this.#statements.countRecords.pluck().get(object) as number;
  }
  listStringValues(object: string, field: string): string[] {
    const path = topLevelJsonPath(field);
    return this.#statements.listStringValues.pluck().all(path, object, path) as string[];
  }
  stringValuesById(object: string, field: string): Map<string, string> {
    const path = topLevelJsonPath(field);
    const rows = this.#statements.stringValuesById.raw().all(path, object, path) as [string, string][];
    return new Map(rows);
  }
  listRecordIdsReferencing(object: string, field: string, id: string): string[] {
    const path = topLevelJsonPath(field);
    return this.#statements.listRecordIdsReferencing
      .pluck()
      .all(object, path, path, id.slice(0, 15)) as string[];
  }
  putRecord(object: string, record: SfRecord): void {
    this.#statements.putRecord.run(object, record.Id, JSON.stringify(record));
  }
  getRecordJson(object: string, id: string): string | undefined {
    return this.#statements.getRecordJson.get(object, id) as string | undefined;
  }
  putRecordJson(object: string, id: string, json: string): void {
    this.#statements.putRecord.run(object, id, json);
  }
  deleteRecord(object: string, id: string): void {
    this.#statements.deleteRecord.run(object, id);
  }
  listObjects(): string[] {
    return this.#statements.listObjects.pluck().all() as string[];
  }
  purgeObject(object: string): void {
    this.#statements.purgeObject.run(object);
  }

  appendChange(entry: NewOutboxEntry): OutboxEntry {
    const info = this.#statements.appendChange.run(JSON.stringify(entry));
    return { ...entry, seq: Number(info.lastInsertRowid) };
  }
  listChanges(): OutboxEntry[] {
    return (this.#statements.listChanges.all() as { seq: number; data: string }[]).map(toEntry);
  }
  getChange(seq: number): OutboxEntry | undefined {
    const row = this.#statements.getChange.get(seq) as { seq: number; data: string } | undefined;
    return row ? toEntry(row) : undefined;
  }
  replaceChange(entry: OutboxEntry): void {
    const { seq, ...rest } = entry;
    const info = this.#statements.replaceChange.run(JSON.stringify(rest), seq);
    if (info.changes === 0) throw new Error(`no outbox entry ${seq}`);
  }
  removeChange(seq: number): void {
    this.#statements.removeChange.run(seq);
  }

  mapId(localId: string, serverId: string): void {
    this.#statements.mapId.run(localId, serverId);
  }
  resolveId(localId: string): string | undefined {
    return this.#statements.resolveId.pluck().get(localId) as string | undefined;
  }

  getObjectState(object: string): ObjectSyncState | undefined {
    const data = this.#statements.getState.pluck().get(object) as string | undefined;
    return data ? (JSON.parse(data) as ObjectSyncState) : undefined;
  }
  putObjectState(state: ObjectSyncState): void {
    this.#statements.putState.run(state.object, JSON.stringify(state));
  }
  deleteObjectState(object: string): void {
    this.#statements.deleteState.run(object);
  }

  getPlan(): SyncPlan | undefined {
    return this.getMeta<SyncPlan>('plan');
  }
  putPlan(plan: SyncPlan): void {
    this.setMeta('plan', plan);
  }

  getMeta<T>(key: string): T | undefined {
    const data = this.#statements.getMeta.pluck().get(key) as string | undefined;
    return data === undefined ? undefined : (JSON.parse(data) as T);
  }
  setMeta(key: string, value: unknown): void {
    this.#statements.setMeta.run(key, JSON.stringify(value ?? null));
  }

  appendHistory(entry: SyncHistoryEntry): SyncHistoryEntry {
    const { id: _id, ...rest } = entry;
    const info = this.#statements.appendHistory.run(JSON.stringify(rest));
    return { ...rest, id: Number(info.lastInsertRowid) };
  }
  listHistory(limit = 50): SyncHistoryEntry[] {
    return (this.#statements.listHistory.all(limit) as { id: number; data: string }[]).map((row) => ({
      ...(JSON.parse(row.data) as SyncHistoryEntry),
      id: row.id,
    }));
  }

  pruneHistory(keep: number): void {
    this.#statements.pruneHistory.run(keep);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}

function toEntry(row: { seq: number; data: string }): OutboxEntry {
  return { ...(JSON.parse(row.data) as NewOutboxEntry), seq: row.seq };
}

/** An error of opening `path`, said with the file's name and what to do (no SQLite jargon alone). */
function openError(path: string, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
    return new Error(
      `${path} is not a readable device database (${(error as Error).message}): restore it from a copy, or pass another file to --db (a new file is created)`,
    );
  if (code === 'SQLITE_READONLY_DIRECTORY')
    return new Error(
      `cannot read ${path}: its folder is read-only, and SQLite must create ${path}-shm beside a database in WAL mode to read it; make the folder writable or copy the file elsewhere`,
    );
  return error;
}

/** A read-only open cannot migrate: the store must already be at this syncscope's schema. */
function checkSchemaVersion(db: Database.Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION)
    throw new Error(`${path} was written by a newer syncscope (schema ${version}): update syncscope`);
  if (version < SCHEMA_VERSION)
    throw new Error(`${path} holds no device data yet: run \`syncscope device sync --db ${path} ...\` first`);
}

function migrate(db: Database.Database): void {
  if (needsSchema(db.pragma('user_version', { simple: true }) as number)) db.exec(SCHEMA_SQL);
}

function prepare(db: Database.Database) {
  const sql = STATEMENTS;
  return {
    getRecord: db.prepare(sql.getRecord),
    getRecordJson: db.prepare(sql.getRecord).pluck(),
    listRecords: db.prepare(sql.listRecords),
    listRecordIds: db.prepare(sql.listRecordIds),
    countRecords: db.prepare(sql.countRecords),
    stringValuesById: db.prepare(sql.stringValuesById),
    listStringValues: db.prepare(sql.listStringValues),
    listRecordIdsReferencing: db.prepare(sql.listRecordIdsReferencing),
    putRecord: db.prepare(sql.putRecord),
    deleteRecord: db.prepare(sql.deleteRecord),
    listObjects: db.prepare(sql.listObjects),
    purgeObject: db.prepare(sql.purgeObject),
    appendChange: db.prepare(sql.appendChange),
    listChanges: db.prepare(sql.listChanges),
    getChange: db.prepare(sql.getChange),
    replaceChange: db.prepare(sql.replaceChange),
    removeChange: db.prepare(sql.removeChange),
    mapId: db.prepare(sql.mapId),
    resolveId: db.prepare(sql.resolveId),
    getState: db.prepare(sql.getState),
    putState: db.prepare(sql.putState),
    deleteState: db.prepare(sql.deleteState),
    getMeta: db.prepare(sql.getMeta),
    setMeta: db.prepare(sql.setMeta),
    appendHistory: db.prepare(sql.appendHistory),
    listHistory: db.prepare(sql.listHistory),
    pruneHistory: db.prepare(sql.pruneHistory),
  };
}
