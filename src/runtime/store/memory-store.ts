/**
 * An in-memory SyncStore (browser pages, tests). Transactions keep an undo log so a throw inside one
 * leaves the store exactly as before, as SQLite would.
 */

import type { SyncPlan } from '../../compiler/plan.ts';
import type { SfRecord } from '../records.ts';
import type {
  NewOutboxEntry,
  ObjectSyncState,
  OutboxEntry,
  SyncHistoryEntry,
  SyncStore,
} from './sync-store.ts';

/** SQLite's default (BINARY) text order, so both stores list in the same order. */
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const clone = <T>(value: T): T => (value === undefined ? value : structuredClone(value));

export class MemoryStore implements SyncStore {
  #records = new Map<string, Map<string, SfRecord>>();
  #outbox = new Map<number, OutboxEntry>();
  #nextSeq = 1;
  #idMap = new Map<string, string>();
  #states = new Map<string, ObjectSyncState>();
  #meta = new Map<string, unknown>();
  #history: SyncHistoryEntry[] = [];
  #plan: SyncPlan | undefined;
  #undo: (() => void)[] | null = null;

  transaction<T>(fn: () => T): T {
    if (this.#undo) return fn();
    const undo: (() => void)[] = [];
    this.#undo = undo;
    try {
      const result = fn();
      this.#undo = null;
      return result;
    } catch (error) {
      this.#undo = null;
      for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
      throw error;
    }
  }

  /** Records how to restore `map`'s entry `key` if the transaction fails. */
  #remember<K, V>(map: Map<K, V>, key: K): void {
    if (!this.#undo) return;
    const had = map.has(key);
    const previous = map.get(key);
    this.#undo.push(() => (had ? map.set(key, previous as V) : map.delete(key)));
  }

  #table(object: string): Map<string, SfRecord> {
    let table = this.#records.get(object);
    if (!table) {
      table = new Map();
      this.#remember(this.#records, object);
      this.#records.set(object, table);
    }
    return table;
  }

  getRecord(object: string, id: string): SfRecord | undefined {
    return clone(this.#records.get(object)?.get(id));
  }
  listRecords(object: string): SfRecord[] {
    const table = this.#records.get(object);
    return this.listRecordIds(object).map((id) => clone(table!.get(id)!));
  }
  listRecordIds(object: string): string[] {
    return [...(this.#records.get(object)?.keys() ?? [])].sort(byCodeUnit);
  }
  countRecords(object: string): number {
    return this.#records.get(object)?.size ?? 0;
  }
  stringValuesById(object: string, field: string): Map<string, string> {
    const table = this.#records.get(object);
    const values = new Map<string, string>();
    for (const id of this.listRecordIds(object)) {
      const value = (table!.get(id) as Record<string, unknown>)[field];
      if (typeof value === 'string') values.set(id, value);
    }
    return values;
  }
  listRecordIdsReferencing(object: string, field: string, id: string): string[] {
    const table = this.#records.get(object);
    const key = id.slice(0, 15);
    return this.listRecordIds(object).filter((recordId) => {
      const value = (table!.get(recordId) as Record<string, unknown>)[field];
      return typeof value === 'string' && value.slice(0, 15) === key;
    });
  }
  listStringValues(object: string, field: string): string[] {
    const table = this.#records.get(object);
    const values: string[] = [];
    for (const id of this.listRecordIds(object)) {
      const value = (table!.get(id) as Record<string, unknown>)[field];
      if (typeof value === 'string') values.push(value);
    }
    return values;
  }
  putRecord(object: string, record: SfRecord): void {
    const table = this.#table(object);
    this.#remember(table, record.Id);
    table.set(record.Id, clone(record));
  }
  getRecordJson(object: string, id: string): string | undefined {
    const record = this.#records.get(object)?.get(id);
    return record ? JSON.stringify(record) : undefined;
  }
  putRecordJson(object: string, id: string, json: string): void {
    const table = this.#table(object);
    this.#remember(table, id);
    table.set(id, JSON.parse(json) as SfRecord);
  }
  deleteRecord(object: string, id: string): void {
    const table = this.#records.get(object);
    if (!table) return;
    this.#remember(table, id);
    table.delete(id);
  }
  listObjects(): string[] {
    return [...this.#records.entries()]
      .filter(([, t]) => t.size > 0)
      .map(([name]) => name)
      .sort(byCodeUnit);
  }
  purgeObject(object: string): void {
    this.#remember(this.#records, object);
    this.#records.delete(object);
  }

  appendChange(entry: NewOutboxEntry): OutboxEntry {
    const seq = this.#nextSeq;
    if (this.#undo) this.#undo.push(() => (this.#nextSeq = seq));
    this.#nextSeq += 1;
    const stored: OutboxEntry = { ...clone(entry), seq };
    this.#remember(this.#outbox, seq);
    this.#outbox.set(seq, stored);
    return clone(stored);
  }
  listChanges(): OutboxEntry[] {
    return [...this.#outbox.values()].sort((a, b) => a.seq - b.seq).map(clone);
  }
  getChange(seq: number): OutboxEntry | undefined {
    return clone(this.#outbox.get(seq));
  }
  replaceChange(entry: OutboxEntry): void {
    if (!this.#outbox.has(entry.seq)) throw new Error(`no outbox entry ${entry.seq}`);
    this.#remember(this.#outbox, entry.seq);
    this.#outbox.set(entry.seq, clone(entry));
  }
  removeChange(seq: number): void {
    this.#remember(this.#outbox, seq);
    this.#outbox.delete(seq);
  }

  mapId(localId: string, serverId: string): void {
    this.#remember(this.#idMap, localId);
    this.#idMap.set(localId, serverId);
  }
  resolveId(localId: string): string | undefined {
    return this.#idMap.get(localId);
  }

  getObjectState(object: string): ObjectSyncState | undefined {
    return clone(this.#states.get(object));
  }
  putObjectState(state: ObjectSyncState): void {
    this.#remember(this.#states, state.object);
    this.#states.set(state.object, clone(state));
  }
  deleteObjectState(object: string): void {
    this.#remember(this.#states, object);
    this.#states.delete(object);
  }

  getPlan(): SyncPlan | undefined {
    return clone(this.#plan);
  }
  putPlan(plan: SyncPlan): void {
    const previous = this.#plan;
    if (this.#undo) this.#undo.push(() => (this.#plan = previous));
    this.#plan = clone(plan);
  }

  getMeta<T>(key: string): T | undefined {
    return clone(this.#meta.get(key)) as T | undefined;
  }
  setMeta(key: string, value: unknown): void {
    this.#remember(this.#meta, key);
    this.#meta.set(key, clone(value));
  }

  appendHistory(entry: SyncHistoryEntry): SyncHistoryEntry {
    const stored = { ...clone(entry), id: (this.#history[this.#history.length - 1]?.id ?? 0) + 1 };
    const length = this.#history.length;
    if (this.#undo) this.#undo.push(() => (this.#history.length = length));
    this.#history.push(stored);
    return clone(stored);
  }
  listHistory(limit = 50): SyncHistoryEntry[] {
    return this.#history.slice(-limit).reverse().map(clone);
  }

  pruneHistory(keep: number): void {
    if (this.#history.length <= keep) return;
    const removed = this.#history.slice(0, this.#history.length - keep);
    if (this.#undo) this.#undo.push(() => this.#history.unshift(...removed));
    this.#history = this.#history.slice(-keep);
  }

  close(): void {}
}
