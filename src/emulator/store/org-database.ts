/**
 * The embedded org's SQLite database: the record tables of table-layout.ts plus two hidden tables,
 * `_EmulatorMeta` (org facts that must survive a restart with `--db`: org Id, creation time, extra
 * metadata, recycle-bin purge time) and `_EmulatorSequence` (Id counters and auto-numbers).
 */

import Database from 'better-sqlite3';
import { APPLICATION_IDS, checkDatabaseKind } from '../../compiler/database-kind.ts';
import type { OrgMetadata } from '../../compiler/org-metadata.ts';
import { createTables, quoteIdent, sqliteAffinity } from '../sql/table-layout.ts';

export type OrgDb = Database.Database;

/**
 * Opens (creating if needed) the org's database. Refuses a file that is not an org's database, such as a
 * device store, before writing to it (compiler/database-kind.ts); marks a new or unmarked org file.
 */
export function openOrgDatabase(path: string | undefined): OrgDb {
  const db = new Database(path ?? ':memory:');
  let markNow: boolean;
  try {
    markNow = checkDatabaseKind(
      path ?? ':memory:',
      'org',
      db.pragma('application_id', { simple: true }) as number,
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
  } catch (error) {
    db.close();
    throw error;
  }
  if (markNow) db.pragma(`application_id = ${APPLICATION_IDS.org}`);
  if (path) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = OFF');
  db.exec(`CREATE TABLE IF NOT EXISTS "_EmulatorMeta" ("Key" TEXT PRIMARY KEY, "Value" TEXT NOT NULL)`);
  db.exec(
    `CREATE TABLE IF NOT EXISTS "_EmulatorSequence" ("Name" TEXT PRIMARY KEY, "Value" INTEGER NOT NULL)`,
  );
  return db;
}

export function readMeta(db: OrgDb, key: string): string | undefined {
  const row = db.prepare(`SELECT "Value" FROM "_EmulatorMeta" WHERE "Key" = ?`).get(key) as
    { Value: string } | undefined;
  return row?.Value;
}

export function writeMeta(db: OrgDb, key: string, value: string): void {
  db.prepare(
    `INSERT INTO "_EmulatorMeta" ("Key", "Value") VALUES (?, ?) ON CONFLICT("Key") DO UPDATE SET "Value" = excluded."Value"`,
  ).run(key, value);
}

/** Creates missing tables and adds columns for fields that metadata gained since the file was made. */
export function ensureTables(db: OrgDb, metadata: OrgMetadata): void {
  createTables(db, metadata);
  for (const describe of Object.values(metadata)) {
    const table = quoteIdent(describe.name);
    const columns = new Set(
      (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name),
    );
    for (const field of describe.fields) {
      if (columns.has(field.name)) continue;
      const notNull = field.type === 'boolean' ? ' NOT NULL DEFAULT 0' : '';
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${quoteIdent(field.name)} ${sqliteAffinity(field)}${notNull}`);
    }
  }
}

/** Counters kept in `_EmulatorSequence`: `next(name)` gives 1, 2, 3, ... per name, across restarts. */
export class Sequences {
  private readonly select;
  private readonly upsert;
  private readonly cache = new Map<string, number>();

  constructor(db: OrgDb) {
    this.select = db.prepare(`SELECT "Value" FROM "_EmulatorSequence" WHERE "Name" = ?`);
    this.upsert = db.prepare(
      `INSERT INTO "_EmulatorSequence" ("Name", "Value") VALUES (?, ?) ON CONFLICT("Name") DO UPDATE SET "Value" = excluded."Value"`,
    );
  }

  next(name: string): number {
    let current = this.cache.get(name);
    if (current === undefined) {
      const row = this.select.get(name) as { Value: number } | undefined;
      current = row?.Value ?? 0;
    }
    const value = current + 1;
    this.upsert.run(name, value);
    this.cache.set(name, value);
    return value;
  }

  /** Forgets cached values (after a rolled-back transaction, the table is the truth again). */
  invalidate(): void {
    this.cache.clear();
  }
}
