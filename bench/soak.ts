/**
 * `npm run soak`: endurance of the device runtime against the embedded org (issue 6). Five devices, one per
 * demo technician, each a SqliteStore file synced by a child process (bench/sync-child.ts) that may be
 * killed mid-sync. Between syncs: random server edits through the REST API, device edits through the
 * engine, clock moves (org clock and per-device skew), and faults injected through /__emulator/faults
 * (503s, dropped connections, expired sessions, API limit reached). A third of the syncs with trouble, and
 * the final syncs, start a second process on the same device database at the same moment (issue 11): the sync lease
 * (store/sqlite-sync-lease.ts) lets one upload at a time, the other waits; a killed holder's lease is
 * taken over.
 *
 * After every completed sync: the device holds exactly the plan's scope on the server (the plan's full
 * queries run on the org), and every device edit whose outbox entry is gone is on the server (no change
 * lost), and no create exists twice (none uploaded twice). Prints the counts and exits non-zero if any
 * divergence, loss or duplicate was found. The run is deterministic given --seed (the kill points are
 * request numbers, not wall-clock moments), except which of two processes takes the lease first.
 *
 *   npm run soak -- [--minutes 30] [--seed 1] [--records 5000] [--verbose]
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { Connection } from 'jsforce';
import type { SyncPlan } from '../src/compiler/plan.ts';
import { ADMIN_USER_ID, DEMO_TECHNICIAN_IDS, startOrg } from '../src/emulator/index.ts';
import type { SfRecord } from '../src/runtime/records.ts';
import { SqliteStore } from '../src/runtime/store/sqlite-store.ts';
import { SyncEngine } from '../src/runtime/sync-engine.ts';
import { runSyncChild } from './lib/child.ts';
import { scopeOnServer } from './lib/scope-oracle.ts';
import { controlOf, examplePlan, START } from './lib/technician-org.ts';

const program = new Command()
  .option('--minutes <n>', 'how long to run', (v) => Number(v), 30)
  .option('--seed <n>', 'random seed', (v) => Number(v), 1)
  .option('--records <n>', 'demo org size', (v) => Number(v), 5000)
  .option('--verbose', 'print every step')
  .parse();
const options = program.opts<{ minutes: number; seed: number; records: number; verbose?: boolean }>();

/** mulberry32 */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(options.seed);
const chance = (p: number): boolean => random() < p;
const between = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
function pick<T>(list: readonly T[]): T | undefined {
  return list.length ? list[Math.floor(random() * list.length)] : undefined;
}

type EditKind = 'updateWorkOrder' | 'updateContact' | 'createLineItem' | 'createWorkOrder' | 'deleteLineItem';
interface DeviceEdit {
  readonly n: number;
  readonly device: number;
  readonly kind: EditKind;
  readonly object: string;
  /** Local Id for creates (and for updates of records created on the device). */
  readonly recordId: string;
  readonly field: string;
  readonly token: string;
  state: 'pending' | 'settled' | 'superseded' | 'dropped' | 'checked';
  settledStep?: number;
}

interface Device {
  readonly index: number;
  readonly userId: string;
  readonly db: string;
  token: string;
  skewMs: number;
}

const counts = {
  steps: 0,
  syncsRun: 0,
  /** Syncs that ran with a second process syncing the same device database. */
  doubleSyncs: 0,
  /** Processes that waited for the other one's lease. */
  leaseWaits: 0,
  syncsCompleted: 0,
  syncsFailed: 0,
  kills: 0,
  faultsInjected: 0,
  faultsByKind: {} as Record<string, number>,
  serverEdits: 0,
  serverEditsRefused: 0,
  deviceEdits: 0,
  clockMoves: 0,
  conflictsResolved: 0,
  divergences: 0,
  losses: 0,
  duplicates: 0,
};
const problems: string[] = [];
const say = (line: string): void => {
  if (options.verbose) console.log(line);
};
const problem = (line: string): void => {
  problems.push(line);
  console.log(`!! ${line}`);
};

const work = mkdtempSync(join(tmpdir(), 'syncscope-soak-'));
const org = await startOrg({
  seed: 'demo',
  records: options.records,
  now: new Date(START),
  dailyApiLimit: 1e9,
});
const control = controlOf(
  new Connection({ instanceUrl: org.url, accessToken: org.token, version: '62.0' }),
  org.url,
);
const admin = new Connection({ instanceUrl: org.url, accessToken: org.token, version: '62.0' });
const db = org.org.db;
const plan: SyncPlan = examplePlan();
const planFile = join(work, 'plan.json');
writeFileSync(planFile, JSON.stringify(plan));
const devices: Device[] = DEMO_TECHNICIAN_IDS.slice(0, 5).map((userId, index) => ({
  index,
  userId,
  db: join(work, `device-${index}.sqlite`),
  token: org.org.createSession(userId),
  skewMs: 0,
}));
const edits: DeviceEdit[] = [];
/** Tokens of device creates deleted together with a record the soak deleted on the server. */
let orgNow = Date.parse(START);
let movedMs = 0;
const MAX_MOVE_MS = 12 * 86_400_000; // stay inside the recycle bin's 15 days and the seeded work orders
let tokenSeq = 0;
const token = (): string => `soak-${options.seed}-${++tokenSeq}`;

function newSessions(): void {
  for (const device of devices) device.token = org.org.createSession(device.userId);
  admin.accessToken = org.org.createSession(ADMIN_USER_ID);
}

function rows<T>(sql: string, ...params: unknown[]): T[] {
  return db.prepare(sql).all(...params) as T[];
}

// Server edits -------------------------------------------------------------------------------------------

const techs = devices.map((d) => d.userId);
const inList = techs.map(() => '?').join(', ');

async function serverEdit(): Promise<string> {
  const roll = random();
  const wo = pick(
    rows<{ Id: string; AccountId: string | null }>(
      `SELECT "Id", "AccountId" FROM "WorkOrder" WHERE "IsDeleted" = 0 AND "OwnerId" IN (${inList}) ORDER BY "Id"`,
      ...techs,
    ),
  );
  const soon = (days: number) =>
    new Date(orgNow + days * 86_400_000 + between(0, 8) * 3_600_000).toISOString();
  if (roll < 0.3 && wo) {
    const change = pick([
      { Priority: pick(['Low', 'Medium', 'High', 'Critical']) },
      { Status: pick(['New', 'In Progress', 'On Hold', 'Closed']) },
      { StartDate: soon(between(-2, 16)) },
      { OwnerId: pick(techs) },
    ])!;
    await admin.sobject('WorkOrder').update({ Id: wo.Id, ...change });
    return `WorkOrder ${wo.Id} ${JSON.stringify(change)}`;
  }
  if (roll < 0.45) {
    const account = pick(
      rows<{ Id: string }>(`SELECT "Id" FROM "Account" WHERE "IsDeleted" = 0 ORDER BY "Id" LIMIT 40`),
    );
    const result = (await admin.sobject('WorkOrder').create({
      Subject: 'Server-side job',
      Status: 'New',
      StartDate: soon(between(0, 13)),
      OwnerId: pick(techs),
      ...(account ? { AccountId: account.Id } : {}),
    })) as { id: string };
    await admin
      .sobject('WorkOrderLineItem')
      .create({ WorkOrderId: result.id, Status: 'New', Description: 'From the office' });
    return `new WorkOrder ${result.id}`;
  }
  if (roll < 0.52 && wo) {
    await admin.sobject('WorkOrder').destroy(wo.Id);
    return `deleted WorkOrder ${wo.Id}`;
  }
  if (roll < 0.62) {
    const item = pick(
      rows<{ Id: string }>(
        `SELECT li."Id" FROM "WorkOrderLineItem" li JOIN "WorkOrder" w ON w."Id" = li."WorkOrderId" WHERE li."IsDeleted" = 0 AND w."OwnerId" IN (${inList}) ORDER BY li."Id"`,
        ...techs,
      ),
    );
    if (!item) return 'nothing';
    if (chance(0.3)) {
      await admin.sobject('WorkOrderLineItem').destroy(item.Id);
      return `deleted WorkOrderLineItem ${item.Id}`;
    }
    await admin
      .sobject('WorkOrderLineItem')
      .update({ Id: item.Id, Status: pick(['New', 'In Progress', 'Completed']) });
    return `WorkOrderLineItem ${item.Id} status`;
  }
  if (roll < 0.77 && wo?.AccountId) {
    const contact = pick(
      rows<{ Id: string; Email: string | null }>(
        `SELECT "Id", "Email" FROM "Contact" WHERE "IsDeleted" = 0 AND "AccountId" = ? ORDER BY "Id"`,
        wo.AccountId,
      ),
    );
    if (!contact) return 'nothing';
    const change = chance(0.5)
      ? { Phone: `+33 6 ${between(10, 99)} ${between(10, 99)} ${between(10, 99)} ${between(10, 99)}` }
      : { Email: contact.Email ? null : `back.${between(1, 999)}@customer.example` };
    await admin.sobject('Contact').update({ Id: contact.Id, ...change });
    return `Contact ${contact.Id} ${JSON.stringify(change)}`;
  }
  if (roll < 0.87 && wo?.AccountId) {
    if (chance(0.5)) {
      await admin.sobject('Account').update({ Id: wo.AccountId, Phone: `+33 4 ${between(10, 99)} 00 00 00` });
      return `Account ${wo.AccountId} phone`;
    }
    const asset = pick(
      rows<{ Id: string }>(
        `SELECT "Id" FROM "Asset" WHERE "IsDeleted" = 0 AND "AccountId" = ? ORDER BY "Id"`,
        wo.AccountId,
      ),
    );
    if (asset && chance(0.3)) {
      await admin.sobject('Asset').destroy(asset.Id);
      return `deleted Asset ${asset.Id}`;
    }
    if (asset) {
      await admin
        .sobject('Asset')
        .update({ Id: asset.Id, Status: pick(['Installed', 'Registered', 'Obsolete']) });
      return `Asset ${asset.Id} status`;
    }
    await admin.sobject('Asset').create({ AccountId: wo.AccountId, Name: 'New equipment' });
    return `new Asset on ${wo.AccountId}`;
  }
  const product = pick(
    rows<{ Id: string; IsActive: number }>(
      `SELECT "Id", "IsActive" FROM "Product2" WHERE "IsDeleted" = 0 ORDER BY "Id"`,
    ),
  );
  if (!product) return 'nothing';
  await admin.sobject('Product2').update({ Id: product.Id, IsActive: product.IsActive !== 1 });
  return `Product2 ${product.Id} active=${product.IsActive !== 1}`;
}

// Device edits -------------------------------------------------------------------------------------------

function openDevice(device: Device): { store: SqliteStore; engine: SyncEngine } {
  const store = new SqliteStore(device.db);
  const engine = new SyncEngine({
    store,
    transport: { request: () => Promise.reject(new Error('offline')) },
    clock: { now: () => orgNow + device.skewMs },
  });
  return { store, engine };
}

function track(
  device: Device,
  kind: EditKind,
  object: string,
  recordId: string,
  field: string,
  value: string,
) {
  // An earlier unsent edit of the same field of the same record is replaced by this one (merged outbox).
  for (const edit of edits)
    if (
      edit.device === device.index &&
      edit.state === 'pending' &&
      edit.object === object &&
      edit.recordId === recordId &&
      edit.field === field
    )
      edit.state = 'superseded';
  edits.push({
    n: edits.length,
    device: device.index,
    kind,
    object,
    recordId,
    field,
    token: value,
    state: 'pending',
  });
}

function deviceEdit(device: Device): string {
  const { store, engine } = openDevice(device);
  try {
    // The user settles conflicts first: keep theirs or mine.
    for (const conflict of engine.conflicts()) {
      const resolution = chance(0.5) ? 'mine' : 'theirs';
      engine.resolveConflict(conflict.seq, resolution);
      counts.conflictsResolved += 1;
      if (resolution === 'theirs')
        for (const edit of edits)
          if (
            edit.device === device.index &&
            edit.state === 'pending' &&
            edit.object === conflict.object &&
            edit.recordId === conflict.recordId
          )
            edit.state = 'dropped';
    }
    const roll = random();
    const workOrders = engine.records('WorkOrder');
    if (roll < 0.3) {
      const wo = pick(workOrders);
      if (!wo) return 'nothing to edit';
      const value = token();
      engine.update('WorkOrder', wo.Id, { Subject: value });
      track(device, 'updateWorkOrder', 'WorkOrder', wo.Id, 'Subject', value);
      return `WorkOrder ${wo.Id} Subject=${value}`;
    }
    if (roll < 0.5) {
      const contact = pick(engine.records('Contact'));
      if (!contact) return 'nothing to edit';
      const value = token();
      engine.update('Contact', contact.Id, { FirstName: value });
      track(device, 'updateContact', 'Contact', contact.Id, 'FirstName', value);
      return `Contact ${contact.Id} FirstName=${value}`;
    }
    if (roll < 0.75) {
      const wo = pick(workOrders);
      if (!wo) return 'nothing to edit';
      const value = token();
      const id = engine.create('WorkOrderLineItem', {
        WorkOrderId: wo.Id,
        Status: 'New',
        Description: value,
      });
      track(device, 'createLineItem', 'WorkOrderLineItem', id, 'Description', value);
      return `new WorkOrderLineItem ${id} under ${wo.Id}`;
    }
    if (roll < 0.88) {
      const subject = token();
      const account = pick(engine.records('Account'));
      const id = engine.create('WorkOrder', {
        Subject: subject,
        Status: 'New',
        Priority: 'Medium',
        StartDate: new Date(orgNow + between(1, 10) * 86_400_000).toISOString(),
        OwnerId: device.userId,
        ...(account ? { AccountId: account.Id } : {}),
      });
      track(device, 'createWorkOrder', 'WorkOrder', id, 'Subject', subject);
      const child = token();
      const childId = engine.create('WorkOrderLineItem', {
        WorkOrderId: id,
        Status: 'New',
        Description: child,
      });
      track(device, 'createLineItem', 'WorkOrderLineItem', childId, 'Description', child);
      return `new WorkOrder ${id} with a line item`;
    }
    const item = pick(engine.records('WorkOrderLineItem').filter((r) => !r.Id.startsWith('local')));
    if (!item) return 'nothing to edit';
    engine.delete('WorkOrderLineItem', item.Id);
    track(device, 'deleteLineItem', 'WorkOrderLineItem', item.Id, 'Id', item.Id);
    return `deleted WorkOrderLineItem ${item.Id}`;
  } finally {
    store.close();
  }
}

// Syncs and checks ---------------------------------------------------------------------------------------

async function injectFault(): Promise<string | undefined> {
  if (!chance(0.4)) return undefined;
  const kind = pick(['503', 'drop', 'expired', 'limit'] as const)!;
  counts.faultsInjected += 1;
  counts.faultsByKind[kind] = (counts.faultsByKind[kind] ?? 0) + 1;
  if (kind === '503') {
    const path = pick([undefined, '/composite', '/query', '/sobjects']);
    await control('faults', {
      failNext: between(1, 6),
      status: 503,
      errorCode: 'SERVER_UNAVAILABLE',
      ...(path ? { path } : {}),
    });
  } else if (kind === 'drop') await control('faults', { dropConnectionNext: between(1, 2) });
  else if (kind === 'expired') await control('faults', { expireSessions: true });
  else await control('faults', { apiLimitRemaining: between(0, 6) });
  return kind;
}

/** Marks device edits whose outbox entry is gone: settled, or dropped by the conflict policy. */
function settle(device: Device, step: number): void {
  const store = new SqliteStore(device.db);
  try {
    const open = store.listChanges();
    const dropped = store.listHistory(1000).flatMap((h) => h.dropped);
    for (const edit of edits) {
      if (edit.device !== device.index || edit.state !== 'pending') continue;
      const inOutbox = open.some(
        (c) =>
          c.object === edit.object &&
          c.recordId === edit.recordId &&
          (edit.kind === 'deleteLineItem' ? c.op === 'delete' : c.fields[edit.field] === edit.token),
      );
      if (inOutbox) continue;
      const serverId = edit.recordId.startsWith('local') ? store.resolveId(edit.recordId) : edit.recordId;
      if (
        dropped.some(
          (d) => d.object === edit.object && (d.recordId === edit.recordId || d.recordId === serverId),
        )
      )
        edit.state = 'dropped';
      else {
        edit.state = 'settled';
        edit.settledStep = step;
      }
    }
  } finally {
    store.close();
  }
}

/** Every settled edit is on the server (or overwritten by a later-settled edit of the same field). */
function checkEdits(): void {
  const table = (object: string) => `"${object}"`;
  for (const edit of edits) {
    if (edit.state !== 'settled') continue;
    edit.state = 'checked';
    if (edit.kind === 'createLineItem' || edit.kind === 'createWorkOrder') {
      const found = rows<{ Id: string }>(
        `SELECT "Id" FROM ${table(edit.object)} WHERE "${edit.field}" = ?`,
        edit.token,
      );
      if (found.length === 0) {
        counts.losses += 1;
        problem(
          `lost: device ${edit.device} create ${edit.object} ${edit.recordId} (${edit.token}) is not on the server`,
        );
      }
      continue;
    }
    if (edit.kind === 'deleteLineItem') {
      const row = rows<{ IsDeleted: number }>(
        `SELECT "IsDeleted" FROM "WorkOrderLineItem" WHERE "Id" = ?`,
        edit.recordId,
      )[0];
      if (row && row.IsDeleted === 0) {
        counts.losses += 1;
        problem(
          `lost: device ${edit.device} delete of WorkOrderLineItem ${edit.recordId} did not reach the server`,
        );
      }
      continue;
    }
    const store = new SqliteStore(devices[edit.device]!.db);
    const serverId = edit.recordId.startsWith('local') ? store.resolveId(edit.recordId) : edit.recordId;
    store.close();
    const row = serverId
      ? rows<Record<string, unknown>>(
          `SELECT "${edit.field}" AS value FROM ${table(edit.object)} WHERE "Id" = ?`,
          serverId,
        )[0]
      : undefined;
    if (!row) continue; // purged from the recycle bin: nothing left to compare
    if (row.value === edit.token) continue;
    const later = edits.some(
      (other) =>
        other !== edit &&
        other.object === edit.object &&
        other.field === edit.field &&
        other.token === row.value &&
        (other.settledStep ?? -1) >= (edit.settledStep ?? 0),
    );
    if (!later) {
      counts.losses += 1;
      problem(
        `lost: device ${edit.device} ${edit.object} ${serverId}.${edit.field}=${edit.token}, server has ${String(row.value)}`,
      );
    }
  }
  // None uploaded twice: no device-created record exists twice (live or in the recycle bin).
  for (const [object, field] of [
    ['WorkOrderLineItem', 'Description'],
    ['WorkOrder', 'Subject'],
  ] as const) {
    for (const dup of rows<{ value: string; n: number }>(
      `SELECT "${field}" AS value, COUNT(*) AS n FROM "${object}" WHERE "${field}" LIKE 'soak-%' GROUP BY "${field}" HAVING COUNT(*) > 1`,
    )) {
      const key = `${object}:${dup.value}`;
      if (reportedDuplicates.has(key)) continue;
      reportedDuplicates.add(key);
      const edit = edits.find((e) => e.token === dup.value && e.kind.startsWith('create'));
      if (!edit) continue; // an update token copied by a merge is not a create
      counts.duplicates += 1;
      problem(`duplicate: ${object} with ${field}=${dup.value} exists ${dup.n} times`);
    }
  }
}
const reportedDuplicates = new Set<string>();

async function checkDevice(device: Device): Promise<void> {
  const server = await scopeOnServer(admin, plan, device.userId);
  const store = new SqliteStore(device.db);
  try {
    for (const object of plan.objects) {
      const local = store.listRecords(object.name);
      const remote = server[object.name] ?? [];
      if (JSON.stringify(local) === JSON.stringify(remote)) continue;
      counts.divergences += 1;
      problem(`divergence: device ${device.index} ${object.name}: ${describeDiff(local, remote)}`);
    }
  } finally {
    store.close();
  }
}

function describeDiff(local: readonly SfRecord[], remote: readonly SfRecord[]): string {
  const l = new Map(local.map((r) => [r.Id, JSON.stringify(r)]));
  const r = new Map(remote.map((x) => [x.Id, JSON.stringify(x)]));
  const extra = [...l.keys()].filter((id) => !r.has(id));
  const missing = [...r.keys()].filter((id) => !l.has(id));
  const stale = [...l.keys()].filter((id) => r.has(id) && r.get(id) !== l.get(id));
  const sample = stale[0] ? ` e.g. device ${l.get(stale[0])} server ${r.get(stale[0])}` : '';
  return `device ${local.length} / server ${remote.length}; not in scope: [${extra.slice(0, 3).join(', ')}${extra.length > 3 ? ', ...' : ''}] (${extra.length}), missing: [${missing.slice(0, 3).join(', ')}] (${missing.length}), stale: ${stale.length}${sample}`;
}

async function sync(
  device: Device,
  step: number,
  allowTrouble: boolean,
  twoProcesses = allowTrouble && chance(0.33),
): Promise<void> {
  const fault = allowTrouble ? await injectFault() : undefined;
  const kill =
    allowTrouble && chance(0.25) ? { at: between(1, 10), when: chance(0.5) ? 'before' : 'after' } : undefined;
  const double = twoProcesses;
  const args = (withKill: typeof kill) => [
    '--url',
    org.url,
    '--token',
    device.token,
    '--user',
    device.userId,
    '--plan',
    planFile,
    '--db',
    device.db,
    '--now',
    String(orgNow + device.skewMs),
    ...(withKill ? ['--kill-at-call', String(withKill.at), '--kill-when', withKill.when] : []),
  ];
  counts.syncsRun += double ? 2 : 1;
  if (double) counts.doubleSyncs += 1;
  // The second process starts at the same moment: which one takes the lease first is up to them.
  const runs = await Promise.all([
    runSyncChild('engine', args(kill)),
    ...(double ? [runSyncChild('engine', args(undefined))] : []),
  ]);
  await control('faults', undefined, 'DELETE');
  if (fault === 'expired') newSessions();
  const outcomes = runs.map((run) =>
    run.signal === 'SIGKILL' ? 'killed' : run.report?.ok ? 'completed' : 'failed',
  );
  say(
    `  sync device ${device.index}${fault ? ` fault=${fault}` : ''}${kill ? ` kill@${kill.at}/${kill.when}` : ''}${double ? ' (two processes)' : ''}: ${runs
      .map(
        (run, i) =>
          `${outcomes[i]!}${run.report?.waitedForLease ? ' after waiting' : ''}${run.report?.error ? ` (${run.report.error})` : ''}`,
      )
      .join(', ')}`,
  );
  runs.forEach((run, i) => {
    if (run.report?.waitedForLease) counts.leaseWaits += 1;
    if (outcomes[i] === 'killed') counts.kills += 1;
    else if (outcomes[i] === 'failed') {
      counts.syncsFailed += 1;
      if (!run.report) throw new Error(`the sync child crashed: ${run.stderr.slice(-3000)}`);
    } else counts.syncsCompleted += 1;
  });
  settle(device, step);
  if (!outcomes.includes('completed')) return;
  // The device matches the server only if the last sync to run completed: check when both did.
  if (outcomes.every((o) => o === 'completed')) await checkDevice(device);
  checkEdits();
}

// The run ------------------------------------------------------------------------------------------------

const deadline = Date.now() + options.minutes * 60_000;
const outboxes: Record<string, number> = {};
const unverified = { onServerOnce: 0, notOnServer: 0, onServerTwiceOrMore: 0 };
try {
  console.log(
    `soak: ${options.minutes} min, seed ${options.seed}, ${devices.length} devices, org ${org.url}`,
  );
  for (const device of devices) await sync(device, 0, false);
  let step = 0;
  while (Date.now() < deadline) {
    step += 1;
    counts.steps = step;
    // Time passes on the server between actions.
    const tick = between(1, 20);
    await control('clock', { advanceSeconds: tick });
    orgNow += tick * 1000;
    const roll = random();
    if (roll < 0.3) {
      // A refusal by the org (a validation rule, a record deleted meanwhile) is part of the game.
      const what = await serverEdit().catch((error: unknown) => {
        counts.serverEditsRefused += 1;
        return `refused: ${error instanceof Error ? error.message : String(error)}`;
      });
      counts.serverEdits += 1;
      say(`${step} server: ${what}`);
    } else if (roll < 0.58) {
      const device = pick(devices)!;
      const what = deviceEdit(device);
      counts.deviceEdits += 1;
      say(`${step} device ${device.index}: ${what}`);
    } else if (roll < 0.66) {
      counts.clockMoves += 1;
      if (chance(0.5)) {
        const device = pick(devices)!;
        device.skewMs = between(-3600, 3600) * 1000;
        say(`${step} clock: device ${device.index} skew ${device.skewMs / 1000}s`);
      } else {
        const seconds = Math.min(
          pick([300, 3600, 6 * 3600, 30 * 3600])!,
          Math.max(0, (MAX_MOVE_MS - movedMs) / 1000),
        );
        movedMs += seconds * 1000;
        orgNow += seconds * 1000;
        await control('clock', { advanceSeconds: seconds });
        say(`${step} clock: org +${seconds}s`);
      }
    } else {
      const device = pick(devices)!;
      say(`${step} sync device ${device.index}`);
      await sync(device, step, true);
    }
  }
  // Every device ends with a clean sync, by two processes at once (so even a short run has some), and is
  // checked once more.
  for (const device of devices) await sync(device, counts.steps + 1, false, true);
  // What is left in the outboxes; for creates left unverified (answer lost, no external Id), whether the
  // org has the record: the runtime could then have adopted it instead of asking the user.
  for (const device of devices) {
    const store = new SqliteStore(device.db);
    for (const change of store.listChanges()) {
      const key = `${change.status}${change.error ? ` ${change.error.code}` : ''}`;
      outboxes[key] = (outboxes[key] ?? 0) + 1;
      if (change.error?.code !== 'UNVERIFIED_CREATE') continue;
      const field = change.object === 'WorkOrder' ? 'Subject' : 'Description';
      const value = change.fields[field];
      const found = rows<{ n: number }>(
        `SELECT COUNT(*) AS n FROM "${change.object}" WHERE "${field}" = ?`,
        value,
      )[0]!.n;
      unverified[found === 0 ? 'notOnServer' : found === 1 ? 'onServerOnce' : 'onServerTwiceOrMore'] += 1;
    }
    store.close();
  }
} finally {
  await org.close();
}

const tracked = edits.length;
const unsent = edits.filter((e) => e.state === 'pending').length;
console.log(
  [
    `steps ${counts.steps}: server edits ${counts.serverEdits} (${counts.serverEditsRefused} refused by the org), device edits ${counts.deviceEdits} (${tracked} tracked changes, ${unsent} still in outboxes, ${edits.filter((e) => e.state === 'dropped').length} dropped by conflict policy), clock moves ${counts.clockMoves}, conflicts resolved ${counts.conflictsResolved}`,
    `syncs run ${counts.syncsRun}: completed ${counts.syncsCompleted}, failed ${counts.syncsFailed}, killed ${counts.kills}; ${counts.doubleSyncs} times two processes on one device database, ${counts.leaseWaits} waited for the other's lease`,
    `faults injected ${counts.faultsInjected} ${JSON.stringify(counts.faultsByKind)}`,
    `divergences ${counts.divergences}, losses ${counts.losses}, duplicates ${counts.duplicates}`,
  ].join('\n'),
);
console.log(`left in outboxes after the final syncs: ${JSON.stringify(outboxes)}`);
if (Object.values(unverified).some((n) => n > 0))
  console.log(`unverified creates, the record on the server: ${JSON.stringify(unverified)}`);
rmSync(work, { recursive: true, force: true });
if (problems.length) console.log(`first problems:\n${problems.slice(0, 10).join('\n')}`);
process.exit(counts.divergences + counts.losses + counts.duplicates > 0 ? 1 : 0);
