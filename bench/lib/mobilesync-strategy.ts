/**
 * The baseline users would pick instead of syncscope: Salesforce Mobile SDK sync (MobileSync) run on the
 * same plan, the way MobileSync runs it.
 *
 * - A sync target is one SOQL query (a plan object's full query; for a template bound to Ids the device
 *   holds, one target per chunk of 500 Ids, MobileSync's chunk size). Each target is its own REST call,
 *   results paged by 2,000 with queryMore; no /composite grouping.
 * - reSync: every target's query again with `LastModifiedDate > <max stamp the target received>` (no
 *   overlap window, as MobileSync's maxTimeStamp), every sync, for every target.
 * - cleanResyncGhosts: the target's query reduced to `SELECT Id`, paged through in full; local records of
 *   the object that did not come back are deleted.
 * - syncUp: one request per locally changed record (POST create, PATCH update), children after their
 *   parent with the parent's new server Id (merge mode OVERWRITE: no pre-read).
 */

import type { Connection } from 'jsforce';
import type { PlanObject, QueryTemplate, SyncPlan } from '../../src/compiler/plan.ts';
import { toStoredRecord } from '../../src/runtime/records.ts';
import { bindChunked, bindSoql, isSalesforceId } from '../../src/runtime/soql-binding.ts';
import type { DeviceTable } from './device-table.ts';
import { chunks } from './scope-oracle.ts';

/** MobileSync's Id chunk (SyncManager / MobileSync's `MAX_IDS_PER_SOQL`-style batching). */
export const MOBILESYNC_IDS_PER_QUERY = 500;

/** An offline change both upload strategies send (creates may reference an earlier create's `key`). */
export type BenchChange =
  | {
      readonly kind: 'create';
      readonly object: string;
      readonly key: string;
      readonly fields: Readonly<Record<string, unknown>>;
      /** field -> key of an earlier create in the same list (a child referencing its new parent). */
      readonly refs?: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'update';
      readonly object: string;
      readonly id: string;
      readonly fields: Readonly<Record<string, unknown>>;
    };

export class MobileSyncDevice {
  constructor(
    private readonly conn: Connection,
    private readonly table: DeviceTable,
    private readonly plan: SyncPlan,
    private readonly userId: string,
  ) {}

  /** First sync of every target. Returns the records stored. */
  syncDown(): Promise<number> {
    return this.#runTargets('full');
  }

  /** A later sync: every target again, filtered by its max stamp. Returns the records stored. */
  reSync(): Promise<number> {
    return this.#runTargets('delta');
  }

  /** Ghost cleanup of every object. Returns the records removed. */
  async cleanResyncGhosts(): Promise<number> {
    let removed = 0;
    for (const object of this.plan.objects) {
      const remote = new Set<string>();
      for (const template of object.queries.full)
        for (const soql of this.#statements(object, idOnly(template), undefined)) {
          let result = await this.conn.query<{ Id: string }>(soql);
          for (const r of result.records) remote.add(r.Id);
          while (!result.done && result.nextRecordsUrl) {
            result = await this.conn.queryMore<{ Id: string }>(result.nextRecordsUrl);
            for (const r of result.records) remote.add(r.Id);
          }
        }
      removed += this.table.deleteIds(
        object.name,
        this.table.ids(object.name).filter((id) => !remote.has(id)),
      );
    }
    return removed;
  }

  /** One request per changed record. Returns the server Ids of the creates, by key. */
  async syncUp(changes: readonly BenchChange[]): Promise<Map<string, string>> {
    const created = new Map<string, string>();
    for (const change of changes) {
      if (change.kind === 'create') {
        const fields: Record<string, unknown> = { ...change.fields };
        for (const [field, key] of Object.entries(change.refs ?? {})) fields[field] = created.get(key);
        const result = (await this.conn.sobject(change.object).create(fields)) as {
          id?: string;
          success: boolean;
        };
        if (!result.success || !result.id) throw new Error(`MobileSync create ${change.object} failed`);
        created.set(change.key, result.id);
      } else {
        const result = (await this.conn
          .sobject(change.object)
          .update({ Id: change.id, ...change.fields })) as { success: boolean };
        if (!result.success) throw new Error(`MobileSync update ${change.object} ${change.id} failed`);
      }
    }
    return created;
  }

  async #runTargets(kind: 'full' | 'delta'): Promise<number> {
    let stored = 0;
    const stamps = this.table.getMeta<Record<string, string>>('maxTimeStamp') ?? {};
    for (const object of this.plan.objects) {
      const templates = kind === 'full' ? object.queries.full : object.queries.delta;
      for (let index = 0; index < templates.length; index++) {
        const key = `${object.name}#${index}`;
        const since =
          kind === 'delta' && stamps[key] ? Date.parse(stamps[key]) : kind === 'delta' ? 0 : undefined;
        for (const soql of this.#statements(object, templates[index]!, since)) {
          let result = await this.conn.query<Record<string, unknown>>(soql);
          stored += this.#store(object, result.records, key, stamps);
          while (!result.done && result.nextRecordsUrl) {
            result = await this.conn.queryMore<Record<string, unknown>>(result.nextRecordsUrl);
            stored += this.#store(object, result.records, key, stamps);
          }
        }
      }
    }
    this.table.setMeta('maxTimeStamp', stamps);
    return stored;
  }

  #store(
    object: PlanObject,
    raw: readonly Record<string, unknown>[],
    key: string,
    stamps: Record<string, string>,
  ): number {
    const records = raw.map(toStoredRecord);
    for (const record of records) {
      const stamp = record[this.plan.watermarkField];
      if (typeof stamp === 'string' && (!stamps[key] || Date.parse(stamp) > Date.parse(stamps[key])))
        stamps[key] = stamp;
    }
    this.table.putPage(object.name, records);
    return records.length;
  }

  /** The target statements of a template: one, or one per 500 Ids the device holds for its idSource. */
  #statements(object: PlanObject, template: QueryTemplate, watermarkMs: number | undefined): string[] {
    const values = { userId: this.userId, parameterTypes: this.plan.parameters, watermarkMs };
    if (!template.idSource) return [bindSoql(template, values)];
    const { object: source, field } = template.idSource;
    const ids = new Set<string>();
    for (const record of this.table.list(source)) {
      const value = field === 'Id' ? record.Id : record[field];
      if (isSalesforceId(value)) ids.add(value);
    }
    void object;
    return chunks([...ids].sort(), MOBILESYNC_IDS_PER_QUERY).flatMap((chunk) =>
      bindChunked(template, values, chunk, { apiVersion: this.plan.apiVersion }).map((s) => s.soql),
    );
  }
}

/** The template reduced to `SELECT Id`, as MobileSync's ghost cleanup queries a target. */
function idOnly(template: QueryTemplate): QueryTemplate {
  return { ...template, soql: template.soql.replace(/^SELECT\s[\s\S]*?\sFROM\s/i, 'SELECT Id FROM ') };
}
