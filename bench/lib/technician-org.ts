/**
 * An embedded org whose demo technician's scope (examples/field-technician.scope.json) holds about
 * `records` records. The demo seed alone caps that scope at a few thousand records (500 work orders at
 * most, each account with 3 contacts and 2 assets), so the seed is topped up through the emulator's own
 * RecordStore with what a large field-service customer has: accounts with many pieces of equipment and
 * contacts, and a large active parts catalog. The org clock stands still at START, so the scope's
 * NEXT_N_DAYS:14 filter selects the same work orders for the whole run.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Connection } from 'jsforce';
import { compile } from '../../src/compiler/index.ts';
import type { SyncPlan } from '../../src/compiler/plan.ts';
import { DEMO_TECHNICIAN_ID, startOrg, type RunningOrg } from '../../src/emulator/index.ts';
import { countRecords, scopeOnServer } from './scope-oracle.ts';

export const START = '2026-03-02T09:00:00.000Z';
export const EXAMPLE_SCOPE = fileURLToPath(
  new URL('../../examples/field-technician.scope.json', import.meta.url),
);

/** Shares of the top-up (of what the seed leaves to reach the target). */
const TOP_UP = { Product2: 0.45, Asset: 0.35, Contact: 0.2 } as const;

export interface TechnicianOrg {
  readonly org: RunningOrg;
  readonly plan: SyncPlan;
  readonly userId: string;
  /** The technician's access token (the device's session). */
  readonly token: string;
  /** Admin connection (server edits, oracle queries, test controls). */
  readonly admin: Connection;
  /** Records per object in the technician's scope. */
  readonly scopeCounts: Readonly<Record<string, number>>;
  readonly scopeSize: number;
  control(path: string, body?: unknown, method?: 'GET' | 'POST' | 'DELETE'): Promise<unknown>;
  apiCalls(): Promise<number>;
  close(): Promise<void>;
}

export function examplePlan(): SyncPlan {
  const result = compile(JSON.parse(readFileSync(EXAMPLE_SCOPE, 'utf8')));
  if (!result.plan)
    throw new Error(`the example scope does not compile: ${JSON.stringify(result.diagnostics)}`);
  return JSON.parse(JSON.stringify(result.plan)) as SyncPlan;
}

export function controlOf(conn: Connection, url: string) {
  return (path: string, body?: unknown, method: 'GET' | 'POST' | 'DELETE' = 'POST'): Promise<unknown> =>
    conn.request({
      method,
      url: `${url}/__emulator/${path}`,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    });
}

export async function startTechnicianOrg(
  records: number,
  /** statistics false: the org keeps no planner statistics (bench/emulator-delta.ts). */
  options: { db?: string; statistics?: boolean } = {},
): Promise<TechnicianOrg> {
  const org = await startOrg({
    seed: 'demo',
    records: Math.max(1000, Math.round(records / 4)),
    now: new Date(START),
    dailyApiLimit: 100_000_000,
    ...(options.db ? { db: options.db } : {}),
    ...(options.statistics === false ? { statistics: false } : {}),
  });
  const admin = new Connection({ instanceUrl: org.url, accessToken: org.token, version: '62.0' });
  const plan = examplePlan();
  const userId = DEMO_TECHNICIAN_ID;
  let scope = await scopeOnServer(admin, plan, userId);
  const missing = records - countRecords(scope);
  if (missing > 0) {
    topUp(org, scope.Account?.map((a) => a.Id) ?? [], missing, options.statistics !== false);
    scope = await scopeOnServer(admin, plan, userId);
  }
  const scopeCounts = Object.fromEntries(Object.entries(scope).map(([name, list]) => [name, list.length]));
  const control = controlOf(admin, org.url);
  return {
    org,
    plan,
    userId,
    token: org.org.createSession(userId),
    admin,
    scopeCounts,
    scopeSize: countRecords(scope),
    control,
    apiCalls: async () => ((await control('stats', undefined, 'GET')) as { apiCalls: number }).apiCalls,
    close: () => org.close(),
  };
}

/** Deterministic extra records in the technician's scope, inserted in one transaction. */
function topUp(
  org: RunningOrg,
  accountIds: readonly string[],
  count: number,
  refreshStatistics: boolean,
): void {
  const { store, db } = org.org;
  const stamp = (n: number): Record<string, string | number> => {
    // Spread over the last 90 days, whole seconds apart, all before START.
    const created = Date.parse(START) - 90 * 86_400_000 + ((n * 7919) % (89 * 86_400)) * 1000;
    const iso = new Date(created).toISOString();
    return {
      CreatedDate: iso,
      CreatedById: org.userId,
      LastModifiedDate: iso,
      LastModifiedById: org.userId,
      SystemModstamp: iso,
      IsDeleted: 0,
    };
  };
  const products = Math.round(count * TOP_UP.Product2);
  const assets = accountIds.length ? Math.round(count * TOP_UP.Asset) : 0;
  const contacts = accountIds.length ? count - products - assets : 0;
  db.transaction(() => {
    for (let i = 0; i < products + (accountIds.length ? 0 : count - products); i++)
      store.insertRow('Product2', {
        Id: store.newId('Product2'),
        Name: `Catalog part ${i + 1}`,
        ProductCode: `CAT-${String(i + 1).padStart(7, '0')}`,
        Family: i % 3 === 0 ? 'Tools' : 'Parts',
        Description: 'Spare part from the regional catalog',
        IsActive: 1,
        QuantityUnitOfMeasure: 'Each',
        ...stamp(i),
      });
    for (let i = 0; i < assets; i++)
      store.insertRow('Asset', {
        Id: store.newId('Asset'),
        AccountId: accountIds[i % accountIds.length]!,
        Name: `Equipment ${i + 1}`,
        SerialNumber: `SN-X${String(i + 1).padStart(8, '0')}`,
        Status: i % 5 === 0 ? 'Registered' : 'Installed',
        InstallDate: new Date(Date.parse(START) - (30 + (i % 900)) * 86_400_000).toISOString().slice(0, 10),
        Quantity: 1,
        OwnerId: org.userId,
        ...stamp(i + 1),
      });
    for (let i = 0; i < contacts; i++)
      store.insertRow('Contact', {
        Id: store.newId('Contact'),
        AccountId: accountIds[i % accountIds.length]!,
        FirstName: 'Site',
        LastName: `Contact ${i + 1}`,
        Name: `Site Contact ${i + 1}`,
        Email: `site.contact.${i + 1}@customer.example`,
        Phone: `+33 4 00 ${String(i % 100).padStart(2, '0')} ${String(i % 97).padStart(2, '0')}`,
        OwnerId: org.userId,
        ...stamp(i + 2),
      });
  })();
  // The org's query planner statistics follow the bulk load (as they would on Salesforce).
  if (refreshStatistics) org.org.refreshStatistics();
}
