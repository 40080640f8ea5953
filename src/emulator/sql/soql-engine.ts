/**
 * The emulator's SOQL engine: parses SOQL, validates it against describe metadata with Salesforce's
 * errors, translates it to SQLite (bound parameters only) and serves the result through a cursor.
 *
 * A cursor is a snapshot, as Salesforce's query locators are: `open` runs the filter and ORDER BY once
 * and keeps the ordered Id list; each `next` fetches one page of those Ids by primary key. Page cost
 * does not grow with depth (no OFFSET scans), totalSize is exact, and no SQLite iterator stays open
 * between pages, so the connection remains free for writes.
 *
 * Usage (the REST layer):
 *   const engine = new SoqlEngine(db, metadata);
 *   const cursor = engine.open(q, { scanAll: false, now: clock.now(), userId, apiVersion: '62.0' });
 *   const records = cursor.next(batchSize); // then cursor.totalSize, cursor.done
 * Errors are ApiError (400 MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE, ...), ready to send.
 */

import type Database from 'better-sqlite3';
import type { Query } from '@jetstreamapp/soql-parser-js';
import type { OrgMetadata, SObjectDescribe } from '../../compiler/org-metadata.ts';
import { aggregateRecord } from './aggregate-query.ts';
import { ApiError } from '../api-error.ts';
import { MetadataIndex } from './metadata-index.ts';
import {
  QueryCompiler,
  type CompiledQuery,
  type CompiledSubquery,
  type QueryAccess,
} from './query-compiler.ts';
import { RecordShaper, type Row, type SObjectRecord, type SubqueryResult } from './record-shaper.ts';
import { SoqlErrors } from './soql-errors.ts';
import { parseSoql } from './soql-parse.ts';
import { UNICODE_LOWER_FUNCTION } from './where-translator.ts';

export type { SObjectRecord, SubqueryResult } from './record-shaper.ts';
export type { QueryAccess } from './query-compiler.ts';

export interface QueryOptions {
  /** queryAll: include records in the recycle bin (IsDeleted = 1). */
  readonly scanAll: boolean;
  /** The emulator's clock; relative date literals (TODAY, LAST_N_DAYS:n, ...) are evaluated in UTC. */
  readonly now: Date;
  /** The querying user (for `USING SCOPE mine`). */
  readonly userId: string;
  /** API version for `attributes.url`; default `62.0`. */
  readonly apiVersion?: string;
  /** The querying user's access (their describe and visible records); absent: every record and field. */
  readonly access?: QueryAccess;
}

export interface QueryCursor {
  /** Exact number of records the query matches (for COUNT(), the count). */
  readonly totalSize: number;
  /** True once every record has been returned by `next`. */
  readonly done: boolean;
  /** The next up to `batchSize` records (none for COUNT()). */
  next(batchSize: number): SObjectRecord[];
}

const STATEMENT_CACHE_SIZE = 256;

export class SoqlEngine {
  private readonly index: MetadataIndex;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    metadata: OrgMetadata,
  ) {
    this.index = new MetadataIndex(metadata);
    db.function(UNICODE_LOWER_FUNCTION, { deterministic: true }, (value: unknown) =>
      typeof value === 'string' ? value.toLowerCase() : value,
    );
  }

  open(soql: string, options: QueryOptions): QueryCursor {
    const errors = new SoqlErrors(soql);
    const query = parseSoql(soql, errors);
    const compiled = new QueryCompiler(options.access?.index ?? this.index, errors, options).compile(query);
    try {
      return this.run(compiled, options);
    } catch (error) {
      // SQLite's own limits (expression depth, compound terms) mean the query is too complex for us.
      if (
        error instanceof Error &&
        /too large|too many|too complex|stack overflow|at most \d+ tables/i.test(error.message)
      )
        throw new ApiError(
          400,
          'QUERY_TOO_COMPLICATED',
          `Query is either selecting too many fields or the filter conditions are too complicated (${error.message}).`,
        );
      throw error;
    }
  }

  /**
   * Parses, validates and compiles `soql` without running it (with the errors `open` would give): for
   * answers about a query's shape, such as `query?columns=true`.
   */
  compile(soql: string, options: QueryOptions): { query: Query; compiled: CompiledQuery } {
    const errors = new SoqlErrors(soql);
    const query = parseSoql(soql, errors);
    const index = options.access?.index ?? this.index;
    return { query, compiled: new QueryCompiler(index, errors, options).compile(query) };
  }

  /** The object named `name` (any case), if the org has it. */
  describe(name: string): SObjectDescribe | undefined {
    return this.index.object(name)?.describe;
  }

  private run(compiled: CompiledQuery, options: QueryOptions): QueryCursor {
    if (compiled.aggregate) {
      const { sql, params, columns } = compiled.aggregate;
      const rows = this.statement(sql)
        .pluck(false)
        .raw(true)
        .all(...params) as unknown[][];
      return new ListCursor(rows.map((row) => aggregateRecord(columns, row)));
    }
    const snapshot = this.statement(compiled.snapshotSql);
    if (compiled.kind === 'count') {
      const count = Number(snapshot.pluck(true).get(...compiled.snapshotParams));
      return new CountCursor(count);
    }
    // Prepared now, so that a statement SQLite refuses fails the query, not a later page.
    this.statement(compiled.pageSql);
    for (const sub of compiled.subqueries) this.statement(sub.sql);
    const ids = snapshot.pluck(true).all(...compiled.snapshotParams) as string[];
    return new SnapshotCursor(this, compiled, ids, new RecordShaper(options.apiVersion ?? '62.0'));
  }

  /** Prepared statements are cached by SQL text (values are always bound, so the text repeats). */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement) {
      this.statements.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = this.statements.keys().next().value;
        if (oldest !== undefined) this.statements.delete(oldest);
      }
    }
    this.statements.set(sql, statement);
    return statement;
  }
}

/** A result computed at open (aggregate queries return few rows). */
class ListCursor implements QueryCursor {
  private position = 0;
  constructor(private readonly records: readonly SObjectRecord[]) {}
  get totalSize(): number {
    return this.records.length;
  }
  get done(): boolean {
    return this.position >= this.records.length;
  }
  next(batchSize: number): SObjectRecord[] {
    const page = this.records.slice(this.position, this.position + Math.max(1, Math.floor(batchSize)));
    this.position += page.length;
    return page;
  }
}

class CountCursor implements QueryCursor {
  readonly done = true;
  constructor(readonly totalSize: number) {}
  next(): SObjectRecord[] {
    return [];
  }
}

class SnapshotCursor implements QueryCursor {
  private position = 0;

  constructor(
    private readonly engine: SoqlEngine,
    private readonly compiled: CompiledQuery,
    private readonly ids: readonly string[],
    private readonly shaper: RecordShaper,
  ) {}

  get totalSize(): number {
    return this.ids.length;
  }

  get done(): boolean {
    return this.position >= this.ids.length;
  }

  next(batchSize: number): SObjectRecord[] {
    const size = Math.max(1, Math.floor(batchSize));
    const pageIds = this.ids.slice(this.position, this.position + size);
    this.position += pageIds.length;
    if (pageIds.length === 0) return [];
    const idsJson = JSON.stringify(pageIds);
    const rows = this.engine.statement(this.compiled.pageSql).pluck(false).raw(true).all(idsJson) as Row[];
    const children = this.compiled.subqueries.map((sub) => this.children(sub, idsJson));
    const { sObject, nodes } = this.compiled;
    return rows.map((row) =>
      this.shaper.shape(nodes, row, sObject, 0, (index) => {
        const byParent = children[index];
        const sub = this.compiled.subqueries[index];
        const childRows = byParent?.get(String(row[0]));
        if (!sub || !childRows || childRows.length === 0) return null;
        const records = childRows.map((r) => this.shaper.shape(sub.nodes, r, sub.childType, 1));
        return { totalSize: records.length, done: true, records } satisfies SubqueryResult;
      }),
    );
  }

  /** Runs one subquery for the page's parents; rows grouped by parent Id, in order. */
  private children(sub: CompiledSubquery, idsJson: string): Map<string, Row[]> {
    const last = sub.limit === undefined ? Number.MAX_SAFE_INTEGER : sub.offset + sub.limit;
    const window = sub.windowed ? [sub.offset, last] : [];
    const rows = this.engine
      .statement(sub.sql)
      .pluck(false)
      .raw(true)
      .all(idsJson, ...sub.whereParams, ...window) as Row[];
    const byParent = new Map<string, Row[]>();
    for (const row of rows) {
      const parent = String(row[0]);
      let list = byParent.get(parent);
      if (!list) byParent.set(parent, (list = []));
      list.push(row);
    }
    return byParent;
  }
}
