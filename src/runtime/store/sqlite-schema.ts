/**
 * The device database's tables and statements, in one place for both SQLite stores: the Node one
 * (sqlite-store.ts, better-sqlite3) and the browser one (wasm-sqlite-store.ts, SQLite compiled to
 * WebAssembly on OPFS). A device database written by either has the same schema and meaning.
 *
 * Records, outbox entries, object states, meta values and history entries are JSON text (`data`): the
 * engine reads and writes whole values, and SQLite's JSON operators reach single fields where a store
 * must not parse every record (listStringValues, stringValuesById).
 */

/** PRAGMA user_version of a current database. */
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
    CREATE TABLE IF NOT EXISTS records (object TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL,
      PRIMARY KEY (object, id)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS id_map (local_id TEXT PRIMARY KEY, server_id TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS object_state (object TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL);
    PRAGMA user_version = ${SCHEMA_VERSION};
  `;

/**
 * Whether a database at `version` (its user_version) needs SCHEMA_SQL; throws for a newer schema than
 * this code knows (a device database written by a newer syncscope).
 */
export function needsSchema(version: number): boolean {
  if (version > SCHEMA_VERSION)
    throw new Error(`this device database was written by a newer syncscope (schema ${version})`);
  return version !== SCHEMA_VERSION;
}

/** A JSON path naming one top-level key, quoted, so any field name reads that key and nothing else. */
export function topLevelJsonPath(field: string): string {
  return `$.${JSON.stringify(field)}`;
}

/** Every statement the stores run, by the SyncStore method that runs it. */
export const STATEMENTS = {
  getRecord: 'SELECT data FROM records WHERE object = ? AND id = ?',
  listRecords: 'SELECT data FROM records WHERE object = ? ORDER BY id',
  listRecordIds: 'SELECT id FROM records WHERE object = ? ORDER BY id',
  countRecords: 'SELECT COUNT(*) FROM records WHERE object = ?',
  /** Parameters: path, object, path. */
  stringValuesById:
    "SELECT id, data ->> ? FROM records WHERE object = ? AND json_type(data, ?) = 'text' ORDER BY id",
  /** Parameters: path, object, path. */
  listStringValues:
    "SELECT data ->> ? FROM records WHERE object = ? AND json_type(data, ?) = 'text' ORDER BY id",
  /** Parameters: object, path, path, the Id's first 15 characters. */
  listRecordIdsReferencing:
    "SELECT id FROM records WHERE object = ? AND json_type(data, ?) = 'text' AND substr(data ->> ?, 1, 15) = ? ORDER BY id",
  putRecord: 'INSERT OR REPLACE INTO records (object, id, data) VALUES (?, ?, ?)',
  deleteRecord: 'DELETE FROM records WHERE object = ? AND id = ?',
  listObjects: 'SELECT DISTINCT object FROM records ORDER BY object',
  purgeObject: 'DELETE FROM records WHERE object = ?',
  appendChange: 'INSERT INTO outbox (data) VALUES (?)',
  listChanges: 'SELECT seq, data FROM outbox ORDER BY seq',
  getChange: 'SELECT seq, data FROM outbox WHERE seq = ?',
  replaceChange: 'UPDATE outbox SET data = ? WHERE seq = ?',
  removeChange: 'DELETE FROM outbox WHERE seq = ?',
  mapId: 'INSERT OR REPLACE INTO id_map (local_id, server_id) VALUES (?, ?)',
  resolveId: 'SELECT server_id FROM id_map WHERE local_id = ?',
  getState: 'SELECT data FROM object_state WHERE object = ?',
  putState: 'INSERT OR REPLACE INTO object_state (object, data) VALUES (?, ?)',
  deleteState: 'DELETE FROM object_state WHERE object = ?',
  getMeta: 'SELECT value FROM meta WHERE key = ?',
  setMeta: 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)',
  appendHistory: 'INSERT INTO history (data) VALUES (?)',
  listHistory: 'SELECT id, data FROM history ORDER BY id DESC LIMIT ?',
  pruneHistory: 'DELETE FROM history WHERE id NOT IN (SELECT id FROM history ORDER BY id DESC LIMIT ?)',
} as const;

export type StatementName = keyof typeof STATEMENTS;
