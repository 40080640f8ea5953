import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { standardMetadata } from '../../../src/emulator/metadata/standard-objects.ts';
import { MetadataIndex } from '../../../src/emulator/sql/metadata-index.ts';
import { QueryCompiler, type CompiledQuery } from '../../../src/emulator/sql/query-compiler.ts';
import { SoqlErrors } from '../../../src/emulator/sql/soql-errors.ts';
import { parseSoql } from '../../../src/emulator/sql/soql-parse.ts';
import { createTables } from '../../../src/emulator/sql/table-layout.ts';
import { NOW } from './soql-test-org.ts';

/** What the engine sends to SQLite: bound values only, and plans that use the indexes. */
describe('SOQL engine: SQL translation', () => {
  const metadata = standardMetadata();
  const db = new Database(':memory:');
  createTables(db, metadata);
  afterAll(() => db.close());
  const index = new MetadataIndex(metadata);

  const compile = (soql: string): CompiledQuery => {
    const errors = new SoqlErrors(soql);
    return new QueryCompiler(index, errors, { scanAll: false, now: NOW, userId: 'u' }).compile(
      parseSoql(soql, errors),
    );
  };
  const plan = (sql: string, params: readonly unknown[]): string =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((row) => row.detail)
      .join(' | ');

  it('binds every literal as a parameter, never as SQL text', () => {
    const compiled = compile(
      `SELECT Id FROM Account WHERE Name = 'Robert\\'); DROP TABLE "Account"; --' AND NumberOfEmployees > 42 AND Industry IN ('Energy', 'Retail')`,
    );
    expect(compiled.snapshotSql).not.toMatch(/Robert|DROP|42|Energy|Retail/);
    expect(compiled.snapshotParams).toEqual([
      `Robert'); DROP TABLE "Account"; --`,
      42,
      'Energy',
      'Retail',
      -1,
      0,
    ]);
  });

  it('looks up text filters through case-insensitive indexes', () => {
    const compiled = compile(`SELECT Id FROM Account WHERE Name = 'acme'`);
    expect(plan(compiled.snapshotSql, compiled.snapshotParams)).toContain(
      'USING INDEX Account_Name_ci_idx (Name=?)',
    );
    const like = compile(`SELECT Id FROM Contact WHERE Email LIKE 'tess@%'`);
    expect(plan(like.snapshotSql, like.snapshotParams)).toContain(
      'USING INDEX Contact_Email_ci_idx (Email>? AND Email<?)',
    );
  });

  it('uses the reference and SystemModstamp indexes for sync-style filters', () => {
    const compiled = compile(
      `SELECT Id FROM WorkOrder WHERE AccountId = '001000000000001AAA' AND SystemModstamp > 2026-01-01T00:00:00Z`,
    );
    expect(plan(compiled.snapshotSql, compiled.snapshotParams)).toMatch(
      /USING INDEX WorkOrder_(AccountId|SystemModstamp)_idx/,
    );
  });

  it('fetches a page by primary key and parents by their Id', () => {
    const compiled = compile('SELECT Subject, Account.Name, Owner.Name FROM WorkOrder');
    const pagePlan = plan(compiled.pageSql, ['[]']);
    expect(pagePlan).toContain('SCAN page VIRTUAL TABLE');
    expect(pagePlan).toContain('SEARCH t0 USING INDEX sqlite_autoindex_WorkOrder_1 (Id=?)');
    expect(pagePlan).toContain('SEARCH t0_1 USING INDEX sqlite_autoindex_Account_1 (Id=?)');
    expect(pagePlan).toContain('SEARCH t0_3 USING INDEX sqlite_autoindex_User_1 (Id=?)');
    expect(pagePlan).not.toMatch(/SCAN t0\b/);
  });

  it('fetches children of a page through the reference index', () => {
    const plain = compile('SELECT Name, (SELECT Subject FROM WorkOrders) FROM Account').subqueries[0];
    expect(plain?.windowed).toBe(false);
    expect(plain && plan(plain.sql, ['[]'])).toContain('USING INDEX WorkOrder_AccountId_idx (AccountId=?)');
    const limited = compile('SELECT Name, (SELECT Subject FROM WorkOrders LIMIT 5) FROM Account')
      .subqueries[0];
    expect(limited?.windowed).toBe(true);
    expect(limited && plan(limited.sql, ['[]', 0, 5])).toContain(
      'USING INDEX WorkOrder_AccountId_idx (AccountId=?)',
    );
  });
});
