/**
 * Open query cursors behind `nextRecordsUrl` locators (`01g...-2000`: cursor Id, dash, position).
 * As in Salesforce, a user has at most 10 open cursors (opening another drops the oldest), a cursor
 * expires after 15 minutes unused (on the org's clock), and a locator is only valid at the position
 * the previous page ended (anything else is INVALID_QUERY_LOCATOR).
 */

import { ApiError } from './api-error.ts';
import type { EmulatorClock } from './clock.ts';
import { makeId } from './ids.ts';
import type { QueryCursor } from './sql/soql-engine.ts';

const CURSOR_IDLE_MS = 15 * 60_000;

interface OpenCursor {
  readonly id: string;
  readonly cursor: QueryCursor;
  readonly userId: string;
  position: number;
  lastUsedMs: number;
}

export interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: unknown[];
}

export class QueryCursors {
  private readonly open = new Map<string, OpenCursor>();
  private counter = 0;

  constructor(
    private readonly clock: EmulatorClock,
    private readonly maxPerUser: number,
  ) {}

  /** The first page of a freshly opened cursor; keeps the cursor if more pages remain. */
  firstPage(cursor: QueryCursor, userId: string, batchSize: number, version: string): QueryPage {
    const records = cursor.next(batchSize);
    if (cursor.done) return { totalSize: cursor.totalSize, done: true, records };
    this.expireIdle();
    const mine = [...this.open.values()].filter((c) => c.userId === userId);
    if (mine.length >= this.maxPerUser) {
      const oldest = mine.sort((a, b) => a.lastUsedMs - b.lastUsedMs)[0];
      if (oldest) this.open.delete(oldest.id);
    }
    const id = makeId('01g', ++this.counter);
    const entry: OpenCursor = {
      id,
      cursor,
      userId,
      position: records.length,
      lastUsedMs: this.clock.nowMs(),
    };
    this.open.set(id, entry);
    return this.page(entry, records, version);
  }

  /** The page at `locator` (`<cursorId>-<position>`). */
  nextPage(locator: string, userId: string, batchSize: number, version: string): QueryPage {
    this.expireIdle();
    const match = /^([A-Za-z0-9]{18})-(\d+)$/.exec(locator);
    const entry = match ? this.open.get(match[1] as string) : undefined;
    if (!match || !entry || entry.userId !== userId || Number(match[2]) !== entry.position)
      throw new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    const records = entry.cursor.next(batchSize);
    entry.position += records.length;
    entry.lastUsedMs = this.clock.nowMs();
    return this.page(entry, records, version);
  }

  get size(): number {
    return this.open.size;
  }

  private page(entry: OpenCursor, records: unknown[], version: string): QueryPage {
    if (entry.cursor.done) {
      this.open.delete(entry.id);
      return { totalSize: entry.cursor.totalSize, done: true, records };
    }
    return {
      totalSize: entry.cursor.totalSize,
      done: false,
      nextRecordsUrl: `/services/data/v${version}/query/${entry.id}-${entry.position}`,
      records,
    };
  }

  private expireIdle(): void {
    const now = this.clock.nowMs();
    for (const [id, entry] of this.open) if (now - entry.lastUsedMs > CURSOR_IDLE_MS) this.open.delete(id);
  }
}
