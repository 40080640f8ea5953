/**
 * The oracle: what the plan's scope holds on the server right now, from the plan's `full` queries run
 * straight on the org (idSource templates bound from the oracle's own results, Ids chunked under the URL
 * limit). The benchmarks size the data with it; the soak and the runtime's end-to-end tests compare every
 * device with it.
 *
 * Deliberately not src/org/scope-evaluator.ts, the product's evaluator behind preview, why and diff: an
 * oracle that checks the product must not be the product. The evaluator reads the plan's `ids` templates
 * and COUNT()s through the server's OrgClient and binder; the oracle reads the `full` templates (whole
 * records, the fields a device stores) with jsforce directly, so a device agreeing with the oracle and
 * preview agreeing with the device (test/server/preview-vs-runtime.test.ts) are two checks, not one
 * check of the evaluator against itself. It shares the runtime's binder and limit merge (soql-binding.ts,
 * firstByOrder): those have their own tests, and binding differently from the device would make the
 * oracle disagree with every correct device.
 */

import type { Connection } from 'jsforce';
import { MAX_IDS_PER_QUERY } from '../../src/compiler/index.ts';
import type { SyncPlan } from '../../src/compiler/plan.ts';
import { orderKeysOf } from '../../src/runtime/download/order-keys.ts';
import { firstByOrder } from '../../src/runtime/download/reconcile.ts';
import { toStoredRecord, type SfRecord } from '../../src/runtime/records.ts';
import { bindChunked, bindSoql } from '../../src/runtime/soql-binding.ts';

export async function queryAll(conn: Connection, soql: string): Promise<SfRecord[]> {
  const out: SfRecord[] = [];
  let result = await conn.query<Record<string, unknown>>(soql);
  for (const record of result.records) out.push(toStoredRecord(record));
  while (!result.done && result.nextRecordsUrl) {
    result = await conn.queryMore<Record<string, unknown>>(result.nextRecordsUrl);
    for (const record of result.records) out.push(toStoredRecord(record));
  }
  return out;
}

/** Records in scope per plan object, each list sorted by Id. */
export async function scopeOnServer(
  conn: Connection,
  plan: SyncPlan,
  userId: string,
): Promise<Record<string, SfRecord[]>> {
  const result: Record<string, SfRecord[]> = {};
  for (const object of plan.objects) {
    const rows: SfRecord[] = [];
    let statements = 0;
    for (const template of object.queries.full) {
      const values = { userId, parameterTypes: plan.parameters };
      if (!template.idSource) {
        append(rows, await queryAll(conn, bindSoql(template, values)));
        statements += 1;
        continue;
      }
      const { object: source, field } = template.idSource;
      const ids = [
        ...new Set(
          (result[source] ?? [])
            .map((r) => (field === 'Id' ? r.Id : r[field]))
            .filter((v): v is string => typeof v === 'string'),
        ),
      ].sort();
      for (const chunk of chunks(ids, MAX_IDS_PER_QUERY))
        for (const statement of bindChunked(template, values, chunk, { apiVersion: plan.apiVersion })) {
          append(rows, await queryAll(conn, statement.soql));
          statements += 1;
        }
    }
    const byId = new Map(rows.map((r) => [r.Id, r] as const));
    let records = [...byId.values()];
    if (object.limit !== undefined && statements > 1)
      records = firstByOrder(records, orderKeysOf(object), object.limit);
    result[object.name] = records.sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
  }
  return result;
}

/** `rows.push(...more)` without spreading: a million arguments overflow the call stack. */
function append<T>(rows: T[], more: readonly T[]): void {
  for (const row of more) rows.push(row);
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function countRecords(scope: Record<string, readonly unknown[]>): number {
  return Object.values(scope).reduce((n, list) => n + list.length, 0);
}
