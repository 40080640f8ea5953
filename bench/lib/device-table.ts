/**
 * The local table both baselines write to: the same `records` table, statement and JSON shape as the
 * runtime's SqliteStore, so the baselines pay the same better-sqlite3 costs as the engine.
 */

import Database from 'better-sqlite3';
import type { SfRecord } from '../../src/runtime/records.ts';

export class DeviceTable {
  readonly db: Database.Database;
  readonly #put: Database.Statement;
  readonly #delete: Database.Statement;
  readonly #list: Database.Statement;
  readonly #ids: Database.Statement;
  readonly #getMeta: Database.Statement;
  readonly #setMeta: Database.Statement;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS records (object TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (object, id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
    this.#put = this.db.prepare('INSERT OR REPLACE INTO records (object, id, data) VALUES (?, ?, ?)');
    this.#delete = this.db.prepare('DELETE FROM records WHERE object = ? AND id = ?');
    this.#list = this.db.prepare('SELECT data FROM records WHERE object = ? ORDER BY id');
    this.#ids = this.db.prepare('SELECT id FROM records WHERE object = ? ORDER BY id');
    this.#getMeta = this.db.prepare('SELECT value FROM meta WHERE key = ?');
    this.#setMeta = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  }

  /** One page in one transaction. */
  putPage(object: string, records: readonly SfRecord[]): void {
    this.db.transaction(() => {
      for (const record of records) this.#put.run(object, record.Id, JSON.stringify(record));
    })();
  }

  deleteIds(object: string, ids: Iterable<string>): number {
    let removed = 0;
    this.db.transaction(() => {
      for (const id of ids) removed += this.#delete.run(object, id).changes;
    })();
    return removed;
  }

  list(object: string): SfRecord[] {
    return (this.#list.all(object) as { data: string }[]).map((row) => JSON.parse(row.data) as SfRecord);
  }

  ids(object: string): string[] {
    return this.#ids.pluck().all(object) as string[];
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
  }

  getMeta<T>(key: string): T | undefined {
    const value = this.#getMeta.pluck().get(key) as string | undefined;
    return value === undefined ? undefined : (JSON.parse(value) as T);
  }

  setMeta(key: string, value: unknown): void {
    this.#setMeta.run(key, JSON.stringify(value));
  }

  close(): void {
    this.db.close();
  }
}
