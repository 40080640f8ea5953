import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { standardMetadata } from '../../../src/emulator/metadata/standard-objects.ts';
import { MetadataIndex } from '../../../src/emulator/sql/metadata-index.ts';
import { QueryCompiler, type CompiledQuery } from '../../../src/emulator/sql/query-compiler.ts';
import { SoqlErrors } from '../../../src/emulator/sql/soql-errors.ts';
import { parseSoql } from '../../../src/emulator/sql/soql-parse.ts';
import { createTables } from '../../../src/emulator/sql/table-layout.ts';
import { NOW } from './soql-test-org.ts';

/**
 * The runtime's count check asks `SELECT COUNT() ... WHERE <reference> IN (<500 Ids>)` per chunk of held
 * parents: the emulator counts such a statement through an index (40k assets, 500 parent Ids: ~5-15 ms),
 * never by scanning the table.
 */
describe('SOQL engine: COUNT() of an Id list', () => {
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
  const plan = (compiled: CompiledQuery): string =>
    (
      db.prepare(`EXPLAIN QUERY PLAN ${compiled.snapshotSql}`).all(...compiled.snapshotParams) as {
        detail: string;
      }[]
    )
      .map((row) => row.detail)
      .join(' | ');
  const ids = Array.from({ length: 500 }, (_, i) => `'001${String(i).padStart(12, '0')}AAA'`).join(',');

  it('counts children of a parent-Id list through the reference index', () => {
    const compiled = compile(`SELECT COUNT() FROM Asset WHERE AccountId IN (${ids})`);
    expect(compiled.kind).toBe('count');
    // The 500 Ids travel as one bound JSON array, not as SQL text.
    expect(compiled.snapshotSql).not.toContain('001000000000000AAA');
    expect(plan(compiled)).toContain('SEARCH t0 USING INDEX Asset_AccountId_idx (AccountId=?)');
    expect(plan(compiled)).not.toMatch(/SCAN t0\b/);
  });

  it('counts records of an Id list through the primary key', () => {
    const compiled = compile(`SELECT COUNT() FROM Account WHERE Id IN (${ids})`);
    expect(compiled.kind).toBe('count');
    expect(plan(compiled)).toContain('SEARCH t0 USING INDEX sqlite_autoindex_Account_1 (Id=?)');
    expect(plan(compiled)).not.toMatch(/SCAN t0\b/);
  });
});
