/**
 * A small in-memory org for the SOQL engine's tests: the describe fixture's tables with known rows.
 * The clock of the tests is Thursday 2026-11-26 12:00 UTC (the week started Sunday 2026-11-22).
 */

import Database from 'better-sqlite3';
import { createTables, quoteIdent } from '../../../src/emulator/sql/table-layout.ts';
import { SoqlEngine, type QueryOptions } from '../../../src/emulator/sql/soql-engine.ts';
import { soqlMetadata } from '../../fixtures/emulator/soql-metadata.ts';

export const NOW = new Date('2026-11-26T12:00:00.000Z');

export const id = (prefix: string, n: number): string => `${prefix}${String(n).padStart(12, '0')}AAA`;

export const U1 = id('005', 1);
export const U2 = id('005', 2);
export const A1 = id('001', 1);
export const A2 = id('001', 2);
export const A3 = id('001', 3);
export const A4 = id('001', 4);
export const A5 = id('001', 5);
export const C1 = id('003', 1);
export const C2 = id('003', 2);
export const C3 = id('003', 3);
export const C4 = id('003', 4);
export const C5 = id('003', 5);
export const W1 = id('0WO', 1);
export const W2 = id('0WO', 2);
export const W3 = id('0WO', 3);

type Row = Record<string, unknown>;

export const testRows: Readonly<Record<string, readonly Row[]>> = {
  User: [
    { Id: U1, Name: 'Ada Admin', Email: 'ada@example.com', IsActive: 1, ManagerId: null },
    { Id: U2, Name: 'Tess Tech', Email: 'tess@example.com', IsActive: 1, ManagerId: U1 },
  ],
  Account: [
    {
      Id: A1,
      Name: 'Acme',
      Industry: 'Energy',
      NumberOfEmployees: 100,
      AnnualRevenue: 1000.5,
      Rating__c: 4.5,
      Tags__c: 'Gold;Priority',
      Description: 'Main customer',
      LastActivityDate: '2026-11-20',
      Logo__c: 'iVBORw0KGgo=',
      OwnerId: U2,
      ParentId: null,
      CreatedDate: '2026-11-01T10:00:00.000Z',
    },
    {
      Id: A2,
      Name: 'acme north',
      Industry: null,
      NumberOfEmployees: 50,
      AnnualRevenue: null,
      Tags__c: 'Silver',
      LastActivityDate: '2026-11-26',
      OwnerId: U1,
      ParentId: A1,
      CreatedDate: '2026-11-25T08:00:00.000Z',
    },
    {
      Id: A3,
      Name: 'Beta 50%_off',
      Industry: 'Retail',
      NumberOfEmployees: null,
      AnnualRevenue: 20,
      Tags__c: null,
      LastActivityDate: null,
      OwnerId: U2,
      ParentId: A2,
      CreatedDate: '2026-10-15T00:00:00.000Z',
    },
    {
      Id: A4,
      Name: 'Deleted Co',
      Industry: 'Energy',
      IsDeleted: 1,
      _DeletedDate: '2026-11-24T00:00:00.000Z',
      OwnerId: U1,
      CreatedDate: '2026-11-02T00:00:00.000Z',
    },
    {
      Id: A5,
      Name: 'Zeta',
      Industry: 'Energy',
      NumberOfEmployees: 10,
      Tags__c: 'Bronze;Gold',
      OwnerId: U1,
      ParentId: A3,
      CreatedDate: '2026-11-26T11:59:59.000Z',
    },
  ],
  Contact: [
    { Id: C1, FirstName: 'Ann', LastName: 'Ample', AccountId: A1, Birthdate: '1990-05-01', OwnerId: U2 },
    { Id: C2, FirstName: 'Bob', LastName: 'Brown', AccountId: A1, DoNotCall: 1, OwnerId: U2 },
    { Id: C3, FirstName: 'Cy', LastName: 'Cole', AccountId: A2, OwnerId: U1 },
    { Id: C4, FirstName: 'Del', LastName: 'Gone', AccountId: A1, IsDeleted: 1, OwnerId: U1 },
    { Id: C5, FirstName: 'Di', LastName: 'Dunn', AccountId: null, OwnerId: U1 },
  ],
  WorkOrder: [
    {
      Id: W1,
      Subject: 'Fix pump',
      Status: 'New',
      StartDate: '2026-11-26T09:00:00.000Z',
      AccountId: A1,
      ContactId: C1,
      OwnerId: U2,
    },
    {
      Id: W2,
      Subject: 'Inspect',
      Status: 'Done',
      StartDate: '2026-11-19T09:00:00.000Z',
      AccountId: A2,
      ContactId: null,
      OwnerId: U2,
    },
    {
      Id: W3,
      Subject: 'Install',
      Status: 'New',
      StartDate: '2026-12-02T15:30:00.000Z',
      AccountId: A1,
      ContactId: C2,
      OwnerId: U1,
    },
  ],
};

export function insertRows(db: Database.Database, table: string, list: readonly Row[]): void {
  for (const row of list) {
    const columns = Object.keys(row);
    db.prepare(
      `INSERT INTO ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) VALUES (${columns
        .map(() => '?')
        .join(', ')})`,
    ).run(...columns.map((c) => row[c]));
  }
}

export interface TestOrg {
  readonly db: Database.Database;
  readonly engine: SoqlEngine;
  /** Runs a query and returns every record (in pages of `batchSize`). */
  query(soql: string, options?: Partial<QueryOptions>, batchSize?: number): QueryResult;
  close(): void;
}

export interface QueryResult {
  totalSize: number;
  done: boolean;
  records: Record<string, unknown>[];
}

export function openTestOrg(): TestOrg {
  const db = new Database(':memory:');
  createTables(db, soqlMetadata);
  for (const [table, list] of Object.entries(testRows)) insertRows(db, table, list);
  const engine = new SoqlEngine(db, soqlMetadata);
  return {
    db,
    engine,
    query(soql, options = {}, batchSize = 2000) {
      const cursor = engine.open(soql, { scanAll: false, now: NOW, userId: U1, ...options });
      const records: Record<string, unknown>[] = [];
      while (!cursor.done) records.push(...cursor.next(batchSize));
      return { totalSize: cursor.totalSize, done: cursor.done, records };
    },
    close: () => db.close(),
  };
}
