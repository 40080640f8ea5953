/**
 * How the emulator stores an org in SQLite. The SOQL engine (reads) and the record store (writes) both
 * follow this; nothing else touches the tables.
 *
 * - One table per sObject, named exactly as the object (`"Account"`, `"Foo__c"`), always quoted.
 * - One column per describe field, named exactly as the field. `Id TEXT PRIMARY KEY`.
 * - Values: text-like, id and reference fields TEXT; boolean INTEGER 0/1 (never NULL); int INTEGER;
 *   double/currency/percent REAL; date TEXT `YYYY-MM-DD`; datetime TEXT `YYYY-MM-DDTHH:MM:SS.sssZ` in UTC
 *   (fixed width, so text order is time order); time TEXT `HH:MM:SS.sssZ`; base64 TEXT (base64);
 *   multipicklist TEXT joined with `;`.
 * - Every object has `IsDeleted` (0/1). A deleted record stays in its table with IsDeleted = 1 and its
 *   deletion time in the hidden column `_DeletedDate` (the recycle bin); `query` hides such rows,
 *   `queryAll` shows them. Hidden bookkeeping columns start with `_` and are never returned by SOQL.
 */

import type Database from 'better-sqlite3';
import type { FieldDescribe, OrgMetadata } from '../../compiler/org-metadata.ts';

export type SqliteAffinity = 'TEXT' | 'INTEGER' | 'REAL';

export function sqliteAffinity(field: Pick<FieldDescribe, 'type'>): SqliteAffinity {
  switch (field.type) {
    case 'boolean':
    case 'int':
      return 'INTEGER';
    case 'double':
    case 'currency':
    case 'percent':
      return 'REAL';
    default:
      return 'TEXT';
  }
}

/** Quotes an identifier for SQLite. Names come from describe metadata, never from request text. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Text types SOQL compares case-insensitively (Ids and references are compared exactly). */
const CASE_INSENSITIVE_TYPES: ReadonlySet<FieldDescribe['type']> = new Set([
  'string',
  'email',
  'phone',
  'url',
  'picklist',
]);

/** Creates (if missing) the table and indexes of every object in `metadata`. */
export function createTables(db: Database.Database, metadata: OrgMetadata): void {
  for (const describe of Object.values(metadata)) {
    const columns = describe.fields.map((field) => {
      if (field.name === 'Id') return `"Id" TEXT PRIMARY KEY`;
      const notNull = field.type === 'boolean' ? ' NOT NULL DEFAULT 0' : '';
      return `${quoteIdent(field.name)} ${sqliteAffinity(field)}${notNull}`;
    });
    if (!describe.fields.some((f) => f.name === 'IsDeleted'))
      columns.push('"IsDeleted" INTEGER NOT NULL DEFAULT 0');
    columns.push('"_DeletedDate" TEXT');
    const table = quoteIdent(describe.name);
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (${columns.join(', ')})`);
    // The recycle bin by deletion time (getDeleted, purging): a partial index over deleted rows only, so
    // a device's getDeleted check does not scan every live row of a big object.
    db.exec(
      `CREATE INDEX IF NOT EXISTS ${quoteIdent(`${describe.name}__DeletedDate_idx`)} ON ${table} ("_DeletedDate") WHERE "IsDeleted" = 1`,
    );
    for (const field of describe.fields) {
      const indexed =
        field.type === 'reference' ||
        field.name === 'SystemModstamp' ||
        field.name === 'LastModifiedDate' ||
        field.externalId ||
        field.indexed === true;
      if (indexed && field.name !== 'Id') {
        const index = quoteIdent(`${describe.name}_${field.name}_idx`);
        db.exec(`CREATE INDEX IF NOT EXISTS ${index} ON ${table} (${quoteIdent(field.name)})`);
        // SOQL compares and sorts text case-insensitively (`= ? COLLATE NOCASE`, LIKE): a NOCASE
        // index lets the SOQL engine use an index for those too.
        if (CASE_INSENSITIVE_TYPES.has(field.type)) {
          const ci = quoteIdent(`${describe.name}_${field.name}_ci_idx`);
          db.exec(`CREATE INDEX IF NOT EXISTS ${ci} ON ${table} (${quoteIdent(field.name)} COLLATE NOCASE)`);
        }
      }
    }
  }
}
