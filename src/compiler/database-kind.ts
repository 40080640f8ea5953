/**
 * The two kinds of SQLite file syncscope writes, told apart by `PRAGMA application_id` (the header field
 * SQLite reserves for "which application's file is this"): the embedded org's database and a device's
 * store. Opening one as the other would add device tables to an org, or seed an org into a device file.
 *
 * Pure: the openers (src/runtime/store/sqlite-store.ts, src/emulator/store/org-database.ts) read the id
 * and the table names and ask `identifyDatabase`; files written before the marks existed are recognised
 * by their tables and marked on their first writable open.
 */

export type DatabaseKind = 'device' | 'org';

/** `PRAGMA application_id` values: "SYND" and "SYNO" in ASCII. */
export const APPLICATION_IDS: Readonly<Record<DatabaseKind, number>> = {
  device: 0x53594e44,
  org: 0x53594e4f,
};

/** What a file is: a kind, `empty` (new: no tables yet) or `foreign` (another application's database). */
export type DatabaseIdentity = DatabaseKind | 'empty' | 'foreign';

/** Tables every device store has (sqlite-store.ts) and the table every org database has. */
const DEVICE_TABLES = ['records', 'outbox', 'meta'];
const ORG_TABLE = '_EmulatorMeta';

export function identifyDatabase(applicationId: number, tables: readonly string[]): DatabaseIdentity {
  for (const [kind, id] of Object.entries(APPLICATION_IDS))
    if (id === applicationId) return kind as DatabaseKind;
  if (applicationId !== 0) return 'foreign';
  const own = tables.filter((t) => !t.startsWith('sqlite_'));
  if (own.length === 0) return 'empty';
  if (own.includes(ORG_TABLE)) return 'org';
  if (DEVICE_TABLES.every((t) => own.includes(t))) return 'device';
  return 'foreign';
}

const WHAT: Readonly<Record<DatabaseIdentity, string>> = {
  device: 'a syncscope device store (`syncscope device sync --db`)',
  org: "the embedded org's database (`syncscope org start --db`)",
  empty: 'an empty database',
  foreign: "another application's SQLite database",
};

/** A SQLite file of the wrong kind for what was asked of it. */
export class DatabaseKindError extends Error {
  constructor(
    readonly file: string,
    readonly expected: DatabaseKind,
    readonly found: DatabaseIdentity,
  ) {
    super(
      `${file} is ${WHAT[found]}, not ${expected === 'device' ? 'a device store' : "an org's database"}: ` +
        'it was left unchanged; pass another file to --db (a new file is created)',
    );
    this.name = 'DatabaseKindError';
  }
}

/**
 * Checks that a file identified as `found` may be opened as `expected`. Returns true when the file should
 * be marked now (empty, or an unmarked file of the right shape); throws DatabaseKindError otherwise.
 */
export function checkDatabaseKind(
  file: string,
  expected: DatabaseKind,
  applicationId: number,
  tables: readonly string[],
): boolean {
  const found = identifyDatabase(applicationId, tables);
  if (found !== expected && found !== 'empty') throw new DatabaseKindError(file, expected, found);
  return applicationId !== APPLICATION_IDS[expected];
}
