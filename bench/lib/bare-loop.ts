/**
 * The initial-sync baseline: no engine. For each plan object in dependency order, the plan's full
 * queries (idSource templates bound from what the loop stored, chunked as the runtime chunks), paged with
 * jsforce's queryMore, each page inserted into the same SQLite table in one transaction. No watermarks,
 * no outbox, no resumable cursors, no reconciliation: the floor a sync engine can approach.
 */

import type { Connection } from 'jsforce';
import type { SyncPlan } from '../../src/compiler/plan.ts';
import { toStoredRecord } from '../../src/runtime/records.ts';
import { bindChunked, bindSoql, isSalesforceId } from '../../src/runtime/soql-binding.ts';
import type { DeviceTable } from './device-table.ts';
import { chunks } from './scope-oracle.ts';

export async function bareInitialSync(
  conn: Connection,
  table: DeviceTable,
  plan: SyncPlan,
  userId: string,
): Promise<number> {
  let stored = 0;
  const values = { userId, parameterTypes: plan.parameters };
  for (const object of plan.objects)
    for (const template of object.queries.full) {
      let statements: string[];
      if (!template.idSource) statements = [bindSoql(template, values)];
      else {
        const { object: source, field } = template.idSource;
        const ids = new Set<string>();
        for (const record of table.list(source)) {
          const value = field === 'Id' ? record.Id : record[field];
          if (isSalesforceId(value)) ids.add(value);
        }
        statements = chunks([...ids].sort(), template.idsPerQuery ?? 500).flatMap((chunk) =>
          bindChunked(template, values, chunk, { apiVersion: plan.apiVersion }).map((s) => s.soql),
        );
      }
      for (const soql of statements) {
        let result = await conn.query<Record<string, unknown>>(soql);
        table.putPage(object.name, result.records.map(toStoredRecord));
        stored += result.records.length;
        while (!result.done && result.nextRecordsUrl) {
          result = await conn.queryMore<Record<string, unknown>>(result.nextRecordsUrl);
          table.putPage(object.name, result.records.map(toStoredRecord));
          stored += result.records.length;
        }
      }
    }
  return stored;
}
