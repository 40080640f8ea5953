/**
 * A small embedded org whose every record is known, so the config server's answers can be asserted
 * exactly. The clock stands still on Monday 2025-03-03 09:00 UTC (NEXT_N_DAYS:14 = Mar 4 .. Mar 17).
 *
 * For the technician (the example scope's :userId):
 *   WorkOrder  W1 (New, Mar 5, Acc1, C1), W2 (In Progress, Mar 10, Acc2, C4), W6 (New, Mar 4, no account)  -> 3
 *              out: W3 Closed, W4 Apr 20 (beyond 14 days), W5 owned by the other user
 *   WorkOrderLineItem  L1, L2 (W1), L3 (W2)                                 -> 3 (out: L4 of W3, L5 of W5)
 *   Account    Acc1, Acc2 (referenced by W1, W2)                            -> 2 (out: Acc3, Acc4)
 *   Contact    C1, C3 (childOf Acc1/Acc2, with email), C4 (referenced by W2) -> 3 (out: C2 no email, C5)
 *   Asset      As1 (Acc1), As2 (Acc2)                                       -> 2 (out: As3 of Acc3)
 *   Product2   P1, P2 active                                                -> 2 (out: P3 inactive)
 */

import { Connection } from 'jsforce';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startOrg } from '../../../src/emulator/index.ts';
import type { SyncScope } from '../../../src/compiler/scope.ts';

export const FIXTURE_NOW = new Date('2025-03-03T09:00:00Z');
export const EXAMPLE_SCOPE_FILE = join(import.meta.dirname, '../../../examples/field-technician.scope.json');

export function exampleScope(): SyncScope {
  return JSON.parse(readFileSync(EXAMPLE_SCOPE_FILE, 'utf8')) as SyncScope;
}

export interface FixtureOrg {
  readonly url: string;
  readonly token: string;
  readonly connection: Connection;
  readonly ids: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export async function startFixtureOrg(): Promise<FixtureOrg> {
  const handle = await startOrg({ seed: 'none', now: FIXTURE_NOW });
  const connection = new Connection({ instanceUrl: handle.url, accessToken: handle.token, version: '62.0' });
  const ids: Record<string, string> = {};
  const create = async (object: string, records: Record<string, Record<string, unknown>>) => {
    const keys = Object.keys(records);
    const bodies = keys.map((key) => {
      const body: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(records[key]!)) {
        // `@Key` refers to a record created earlier.
        body[field] = typeof value === 'string' && value.startsWith('@') ? ids[value.slice(1)] : value;
      }
      return body;
    });
    const results = await connection.sobject(object).create(bodies, { allOrNone: true });
    results.forEach((result, i) => {
      if (!result.success || !result.id)
        throw new Error(`fixture ${object} ${keys[i]}: ${JSON.stringify(result)}`);
      ids[keys[i]!] = result.id;
    });
  };
  const user = (first: string, last: string) => ({
    FirstName: first,
    LastName: last,
    Username: `${first.toLowerCase()}.${last.toLowerCase()}@fixture.example`,
    Email: `${first.toLowerCase()}@fixture.example`,
    Alias: first.slice(0, 5).toLowerCase(),
    TimeZoneSidKey: 'GMT',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
  });
  await create('User', { tech: user('Tina', 'Tech'), other: user('Oscar', 'Other') });
  await create('Product2', {
    P1: { Name: 'Valve', ProductCode: 'V-1', Family: 'Parts', IsActive: true },
    P2: { Name: 'Filter', ProductCode: 'F-1', Family: 'Parts', IsActive: true },
    P3: { Name: 'Old pump', ProductCode: 'P-0', Family: 'Parts', IsActive: false },
  });
  await create('Account', {
    Acc1: { Name: 'Northwind Dairy', BillingCity: 'Lyon' },
    Acc2: { Name: 'Harbor Hotel', BillingCity: 'Porto' },
    Acc3: { Name: 'Summit School', BillingCity: 'Leeds' },
    Acc4: { Name: 'Cedar Mall', BillingCity: 'Graz' },
  });
  await create('Contact', {
    C1: { LastName: 'Ames', Email: 'ames@fixture.example', AccountId: '@Acc1' },
    C2: { LastName: 'Blake', AccountId: '@Acc1' },
    C3: { LastName: 'Cole', Email: 'cole@fixture.example', AccountId: '@Acc2' },
    C4: { LastName: 'Diaz', Email: 'diaz@fixture.example', AccountId: '@Acc3' },
    C5: { LastName: 'Evans', Email: 'evans@fixture.example', AccountId: '@Acc4' },
  });
  await create('Asset', {
    As1: { Name: 'Chiller 1', SerialNumber: 'CH-1', AccountId: '@Acc1' },
    As2: { Name: 'Boiler 2', SerialNumber: 'BO-2', AccountId: '@Acc2' },
    As3: { Name: 'Pump 3', SerialNumber: 'PU-3', AccountId: '@Acc3' },
  });
  const wo = (owner: string, status: string, start: string, account?: string, contact?: string) => ({
    Subject: `${status} ${start}`,
    Status: status,
    Priority: 'Medium',
    StartDate: start,
    OwnerId: owner,
    ...(account ? { AccountId: account } : {}),
    ...(contact ? { ContactId: contact } : {}),
  });
  await create('WorkOrder', {
    W1: wo('@tech', 'New', '2025-03-05T10:00:00Z', '@Acc1', '@C1'),
    W2: wo('@tech', 'In Progress', '2025-03-10T10:00:00Z', '@Acc2', '@C4'),
    W3: wo('@tech', 'Closed', '2025-03-06T10:00:00Z', '@Acc3'),
    W4: wo('@tech', 'New', '2025-04-20T10:00:00Z', '@Acc4'),
    W5: wo('@other', 'New', '2025-03-05T10:00:00Z', '@Acc3'),
    W6: wo('@tech', 'New', '2025-03-04T10:00:00Z'),
  });
  await create('WorkOrderLineItem', {
    L1: { WorkOrderId: '@W1', Description: 'Replace valve' },
    L2: { WorkOrderId: '@W1', Description: 'Check filter' },
    L3: { WorkOrderId: '@W2', Description: 'Service boiler' },
    L4: { WorkOrderId: '@W3', Description: 'Closed work' },
    L5: { WorkOrderId: '@W5', Description: 'Other technician' },
  });
  return { url: handle.url, token: handle.token, connection, ids, close: async () => handle.close() };
}
