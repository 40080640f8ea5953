/**
 * `syncscope device ...`: the device runtime from a terminal, for demos, support and tests.
 *
 *   device sync   (--plan plan.json | --scope-name NAME) --db device.sqlite [--user ID]
 *                 (--org-url URL --token T | --target-org ALIAS) [--wait SECONDS]
 *   device sync   --db device.sqlite --username U --password P [--login-url URL] [--client-id ID]
 *                 (signs in, follows the scope the org assigns the user: docs/rollout.md)
 *   device dump   --db device.sqlite [--object T] [--all]
 *   device edit   --db device.sqlite --object T (--create | --id ID | --delete ID) [--set Field=Value ...]
 *   device status --db device.sqlite [--json]
 *   device resolve|retry|undo <seq> --db device.sqlite   (device-changes.ts)
 */

import { existsSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { ParameterValueError, parseParameterValue } from '../../compiler/parameter-value.ts';
import type { SyncPlan } from '../../compiler/plan.ts';
import { DEFAULT_API_VERSION } from '../../compiler/query-limits.ts';
import { CliError } from '../cli-error.ts';
import { offlineEngine, openExistingDeviceStore } from '../device-store.ts';
import { readInputText } from '../input-file.ts';
import { connectOrg, orgFlagsFrom, sessionUserId } from '../connect-org.ts';
import type { CliIo } from '../cli-io.ts';
import { EXIT_SYNC_BUSY } from '../device-flags.ts';
import {
  assertUsablePlan,
  describeScopeChange,
  PlanError,
  previewScopeChange,
} from '../../runtime/plan-change.ts';
import type { SyncProgress, SyncSummary } from '../../runtime/progress.ts';
import { SqliteStore } from '../../runtime/store/sqlite-store.ts';
import { SqliteSyncLease } from '../../runtime/store/sqlite-sync-lease.ts';
import { SyncEngine } from '../../runtime/sync-engine.ts';
import { sameId } from '../../runtime/records.ts';
import { isSalesforceId } from '../../runtime/soql-binding.ts';
import { LocalWriteError } from '../../runtime/sync-errors.ts';
import type { Transport } from '../../runtime/transport.ts';
import type { UserFacts } from '../../runtime/scope-assignment.ts';
import { fetchUserFacts } from '../../runtime/user-facts.ts';
import { CLIENT_ID_ENV, CLIENT_SECRET_ENV, PASSWORD_ENV, signInWithPassword } from '../password-sign-in.ts';

export interface SyncOptions {
  plan?: string;
  scopeName?: string;
  username?: string;
  password?: string;
  loginUrl?: string;
  clientId?: string;
  clientSecret?: string;
  db: string;
  user?: string;
  orgUrl?: string;
  token?: string;
  targetOrg?: string;
  param?: string[];
  pageSize?: number;
  force?: boolean;
  wait: number;
}

export interface EditOptions {
  db: string;
  object: string;
  create?: boolean;
  id?: string;
  delete?: string;
  set?: string[];
}

function readPlan(file: string): SyncPlan {
  if (!existsSync(file))
    throw new CliError(
      `cannot read the plan ${file}: compile one with \`syncscope compile <scope.json> -o ${file}\``,
    );
  const text = readInputText(file, 'plan');
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (plan && typeof plan === 'object' && !('planVersion' in plan) && 'scopeVersion' in plan)
    throw new CliError(
      `${file} is a sync scope, not a compiled plan: run \`syncscope compile ${file} -o plan.json\` and pass --plan plan.json`,
    );
  try {
    assertUsablePlan(plan);
  } catch (error) {
    if (error instanceof PlanError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
  return plan;
}

function openStore(file: string, mustExist: boolean): SqliteStore {
  return mustExist ? openExistingDeviceStore(file) : new SqliteStore(file);
}

function parseParams(pairs: readonly string[] | undefined, plan: SyncPlan): Record<string, unknown> {
  // Null prototype and own-property reads: `__proto__` or `constructor` are just undeclared names.
  const out = Object.create(null) as Record<string, unknown>;
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CliError(`--param wants name=value, got "${pair}"`);
    const name = pair.slice(0, at);
    const raw = pair.slice(at + 1);
    const type = Object.hasOwn(plan.parameters, name) ? plan.parameters[name] : undefined;
    if (!type)
      throw new CliError(
        `the plan declares no parameter "${name}" (declared: ${Object.keys(plan.parameters).join(', ') || 'none'})`,
      );
    try {
      out[name] = parseParameterValue(type, raw);
    } catch (error) {
      if (error instanceof ParameterValueError)
        throw new CliError(`--param ${name} (${type}): ${error.message}`);
      throw error;
    }
  }
  return { ...out };
}

/** REST API version for the first published-plan check of a device that has no plan yet. */
const FIRST_CHECK_API_VERSION = DEFAULT_API_VERSION;

export async function deviceSync(options: SyncOptions, io: CliIo): Promise<void> {
  if (options.username !== undefined) return deviceSyncSignedIn(options, io);
  if (Boolean(options.plan) === Boolean(options.scopeName))
    throw new CliError(
      'say which plan: --plan plan.json (a compiled file), or --scope-name NAME (the plan published in the org)',
    );
  const plan = options.plan ? readPlan(options.plan) : undefined;
  const store = openStore(options.db, false);
  try {
    if (plan) checkScopeChange(store, plan, options.force ?? false, io);
    const known = plan ?? store.getPlan();
    if (options.param && !known)
      throw new CliError(
        `--param needs the plan's parameter types, and this device has no plan yet: run \`syncscope device sync --scope-name ${options.scopeName} --db ${options.db} ...\` once without --param first`,
      );
    // Local input is checked before the org is reached: a bad --param is the user's to fix, offline too.
    const parameters = options.param && known ? parseParams(options.param, known) : undefined;
    // The one org connector every command uses; a device keeps data, so no throwaway embedded org.
    const org = await connectOrg(
      { ...orgFlagsFrom({ ...options }), apiVersion: known?.apiVersion ?? FIRST_CHECK_API_VERSION },
      { withoutOrgFlags: 'refuse' },
    );
    try {
      // The first request: a wrong instance URL fails here, before the sync starts.
      const sessionUser = await sessionUserId(org);
      const userId = runningUser(options, sessionUser, store.getMeta<string>('userId'), io);
      await runSync(options, io, store, org.connection, plan, userId, parameters);
    } finally {
      await org.close();
    }
  } finally {
    store.close();
  }
}

/**
 * `device sync --username U --password P`: signs in (OAuth username-password flow), reads what the org
 * says of the user (profile, permission sets), and syncs the scope the org assigns them, checking for a
 * newer version or another assignment at every sync (docs/rollout.md).
 */
async function deviceSyncSignedIn(options: SyncOptions, io: CliIo): Promise<void> {
  if (options.plan || options.scopeName)
    throw new CliError(
      '--username follows the scope the org assigns to the user: leave out --plan and --scope-name',
    );
  if (options.token || options.targetOrg)
    throw new CliError('--username signs in with a password: leave out --token and --target-org');
  const password = options.password ?? process.env[PASSWORD_ENV];
  if (!password) throw new CliError(`--username needs a password: pass --password or set ${PASSWORD_ENV}`);
  const loginUrl = options.loginUrl ?? options.orgUrl;
  if (!loginUrl)
    throw new CliError(
      '--username needs where to sign in: --login-url https://login.salesforce.com (or test., or a My Domain URL), or --org-url for the embedded org',
    );
  const clientId = options.clientId ?? process.env[CLIENT_ID_ENV];
  const clientSecret = options.clientSecret ?? process.env[CLIENT_SECRET_ENV];
  const store = openStore(options.db, false);
  try {
    const known = store.getPlan();
    const parameters = options.param && known ? parseParams(options.param, known) : undefined;
    if (options.param && !known)
      throw new CliError(
        `--param needs the plan's parameter types, and this device has no plan yet: sync once without --param first`,
      );
    const session = await signInWithPassword({
      loginUrl,
      username: options.username!,
      password,
      ...(clientId ? { clientId } : {}),
      ...(clientSecret ? { clientSecret } : {}),
    });
    const apiVersion = known?.apiVersion ?? FIRST_CHECK_API_VERSION;
    const org = await connectOrg(
      { orgUrl: session.instanceUrl, token: session.accessToken, apiVersion },
      { withoutOrgFlags: 'refuse' },
    );
    try {
      const facts = await fetchUserFacts({ transport: org.connection, apiVersion }, session.userId);
      io.out(`signed in as ${facts.username} (${describeFacts(facts)})`);
      const userId = runningUser(
        { ...options, user: undefined },
        session.userId,
        store.getMeta<string>('userId'),
        io,
      );
      await runSync(options, io, store, org.connection, undefined, userId, parameters, facts);
    } finally {
      await org.close();
    }
  } finally {
    store.close();
  }
}

function describeFacts(facts: UserFacts): string {
  const profile = facts.profileName === null ? 'no profile known' : `profile ${facts.profileName}`;
  const sets = facts.permissionSets.length ? `, permission sets ${facts.permissionSets.join(', ')}` : '';
  return profile + sets;
}

/** Refuses a plan of another scope unless --force, saying what it would remove; with --force, says it. */
function checkScopeChange(store: SqliteStore, plan: SyncPlan, force: boolean, io: CliIo): void {
  const change = previewScopeChange(store, plan);
  if (!change) return;
  if (!force) throw new CliError(`${describeScopeChange(change)}: pass --force to install it anyway`);
  io.out(`replacing: ${describeScopeChange(change)}`);
}

/**
 * The user a sync runs as: the session's, always. The org stamps the device's creates with the session's
 * user, and finding a create whose answer was lost asks for `CreatedById = <user>`: another user there
 * would not find it, and the create would be sent again. So a --user that disagrees is refused, and a
 * user remembered from an earlier sync gives way (with a note). Only when the org refused the session
 * itself (the sync then fails at its first call and records why) is the given or remembered user used.
 */
function runningUser(
  options: SyncOptions,
  sessionUser: string | undefined,
  remembered: string | undefined,
  io: CliIo,
): string | undefined {
  if (sessionUser === undefined) return options.user ?? remembered;
  if (options.user !== undefined && !sameUser(options.user, sessionUser))
    throw new CliError(
      `--user ${options.user} is not the user of this session (${sessionUser}): the org records the device's changes as made by the session's user. Leave --user out, or log in as that user`,
    );
  if (remembered !== undefined && !sameUser(remembered, sessionUser))
    io.out(
      `note: ${options.db} last synced as user ${remembered}; this sync runs as the session's user ${sessionUser}`,
    );
  return sessionUser;
}

/** Two Ids name one user when Salesforce would say so (15 and 18 characters); anything else must be equal. */
function sameUser(a: string, b: string): boolean {
  return isSalesforceId(a) && isSalesforceId(b) ? sameId(a, b) : a === b;
}

async function runSync(
  options: SyncOptions,
  io: CliIo,
  store: SqliteStore,
  transport: Transport,
  plan: SyncPlan | undefined,
  userId: string | undefined,
  parameters: Record<string, unknown> | undefined,
  follow?: UserFacts,
): Promise<void> {
  const engine = new SyncEngine({
    transport,
    store,
    ...(plan ? { plan } : {}),
    ...(options.scopeName ? { publishedPlan: { scopeName: options.scopeName } } : {}),
    ...(follow ? { publishedPlan: { assignedTo: follow } } : {}),
    ...(userId !== undefined ? { userId } : {}),
    parameters,
    pageSize: options.pageSize,
    allowScopeChange: options.force ?? false,
    lock: new SqliteSyncLease(options.db, {
      waitMs: options.wait * 1000,
      onWait: (holder) =>
        io.out(`waiting for another sync of ${options.db} to finish (${holder}), up to ${options.wait} s`),
    }),
  });
  const progress = progressPrinter(io);
  engine.on('progress', progress.update);
  const summary = await engine.syncNow();
  progress.stop();
  if (summary.blockedBy !== undefined)
    throw new CliError(
      `another sync of ${options.db} is still running (${summary.blockedBy}); nothing was sent: run again when it has finished, or wait longer with --wait <seconds>`,
      EXIT_SYNC_BUSY,
    );
  for (const line of summaryLines(summary)) io.out(line);
  const followed = follow ? store.getPlan() : undefined;
  if (followed) io.out(`  scope: "${followed.scopeName}" (as the org assigns it to ${follow!.username})`);
  io.setExitCode(summary.ok ? 0 : 1);
}

/** A progress bar on a terminal, plain lines otherwise (logs, pipes, tests). */
function progressPrinter(io: CliIo): { update: (p: SyncProgress) => void; stop: () => void } {
  const label = (p: SyncProgress) => `${p.phase}${p.object ? ` ${p.object}` : ''}`;
  if (process.stdout.isTTY && process.env.SYNCSCOPE_PLAIN !== '1') {
    const bar = new cliProgress.SingleBar(
      { format: '{label} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p) => {
        const total = Math.max(p.total ?? p.done, p.done, 1);
        if (!started) {
          bar.start(total, p.done, { label: label(p) });
          started = true;
        } else {
          bar.setTotal(total);
          bar.update(p.done, { label: label(p) });
        }
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  return {
    update: (p) => io.out(`${label(p)}: ${p.done}${p.total !== undefined ? `/${p.total}` : ''}`),
    stop: () => {},
  };
}

export function summaryLines(summary: SyncSummary): string[] {
  const seconds = ((summary.endedAt - summary.startedAt) / 1000).toFixed(1);
  const lines = [
    `${summary.ok ? 'sync complete' : 'sync FAILED'} in ${seconds} s, ${summary.apiCalls} API call${summary.apiCalls === 1 ? '' : 's'}`,
  ];
  const installed = summary.planInstalled;
  if (installed)
    lines.push(
      `  installed published plan v${installed.versionNumber}` +
        (installed.reason ? ` (${installed.reason})` : '') +
        (installed.redownload.length ? `; downloading again: ${installed.redownload.join(', ')}` : '') +
        (installed.removed.length ? `; removed: ${installed.removed.join(', ')}` : ''),
    );
  for (const [object, c] of Object.entries(summary.counts))
    lines.push(
      `  ${object}: ${c.downloaded} downloaded, ${c.removed} removed, ${c.uploaded} uploaded` +
        (c.uploadFailed ? `, ${c.uploadFailed} upload errors` : '') +
        (c.conflicts ? `, ${c.conflicts} conflicts` : '') +
        (c.reconciled ? ', reconciled' : ''),
    );
  for (const [object, c] of Object.entries(summary.counts))
    if (c.fieldsLeftOut?.length)
      lines.push(`  ${object}: ${c.fieldsLeftOut.join(', ')} left out (not readable by this user)`);
  for (const dropped of summary.dropped)
    lines.push(`  dropped (server wins): ${dropped.op} ${dropped.object} ${dropped.recordId}`);
  if (summary.pendingChanges || summary.conflicts)
    lines.push(`  waiting: ${summary.pendingChanges} local changes, ${summary.conflicts} conflicts`);
  for (const error of summary.errors) lines.push(`  error: ${error}`);
  if (summary.nextSyncAt !== undefined)
    lines.push(`  next sync due: ${new Date(summary.nextSyncAt).toISOString()}`);
  return lines;
}

export function deviceDump(options: { db: string; object?: string; all?: boolean }, io: CliIo): void {
  const { engine, store } = offlineEngine(options.db, { readOnly: true });
  try {
    const names = engine.plan.objects.map((o) => o.name);
    if (options.object && !names.includes(options.object))
      throw new CliError(`${options.object} is not in the device's plan (objects: ${names.join(', ')})`);
    const records: Record<string, unknown[]> = {};
    for (const name of options.object ? [options.object] : names)
      records[name] = engine.records(name).sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
    const output = options.all
      ? { records, pendingChanges: engine.pendingChanges(), conflicts: engine.conflicts() }
      : records;
    io.out(JSON.stringify(output, null, 2));
  } finally {
    store.close();
  }
}

function parseSet(pairs: readonly string[] | undefined): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const pair of pairs ?? []) {
    const json = /^([A-Za-z_][A-Za-z0-9_]*):=(.*)$/s.exec(pair);
    if (json) {
      try {
        fields[json[1]!] = JSON.parse(json[2]!);
      } catch {
        throw new CliError(`--set ${pair}: the value after := must be JSON (a number, true, false or null)`);
      }
      continue;
    }
    const text = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(pair);
    if (!text) throw new CliError(`--set wants Field=Value or Field:=JSON, got "${pair}"`);
    fields[text[1]!] = text[2]!;
  }
  return fields;
}

export function deviceEdit(options: EditOptions, io: CliIo): void {
  const modes = [options.create, options.id, options.delete].filter((m) => m !== undefined && m !== false);
  if (modes.length !== 1) throw new CliError('say one of --create, --id ID or --delete ID');
  const fields = parseSet(options.set);
  const { engine, store } = offlineEngine(options.db);
  try {
    if (options.create) {
      const id = engine.create(options.object, fields);
      io.out(id);
    } else if (options.id) {
      if (Object.keys(fields).length === 0) throw new CliError('nothing to change: add --set Field=Value');
      engine.update(options.object, options.id, fields);
      io.out(`queued update of ${options.object} ${options.id}`);
    } else {
      engine.delete(options.object, options.delete!);
      io.out(`queued delete of ${options.object} ${options.delete!}`);
    }
  } catch (error) {
    if (error instanceof LocalWriteError) throw new CliError(error.message);
    throw error;
  } finally {
    store.close();
  }
}

export function deviceStatus(options: { db: string; json?: boolean }, io: CliIo): void {
  const { engine, store } = offlineEngine(options.db, { readOnly: true });
  try {
    const status = engine.status();
    if (options.json) {
      io.out(
        JSON.stringify(
          { ...status, conflicts: engine.conflicts(), pending: engine.pendingChanges() },
          null,
          2,
        ),
      );
      return;
    }
    const last = status.lastSync;
    io.out(
      last
        ? `last sync: ${new Date(last.endedAt).toISOString()} ${last.ok ? 'ok' : `FAILED (${last.error ?? ''})`}, ${last.apiCalls} API call${last.apiCalls === 1 ? '' : 's'}`
        : 'last sync: never',
    );
    io.out(
      `next sync due: ${status.nextSyncAt !== undefined ? new Date(status.nextSyncAt).toISOString() : 'unknown'}`,
    );
    io.out(
      `pending changes: ${status.pendingChanges}, failed: ${status.failedChanges}, conflicts: ${status.conflicts}`,
    );
    for (const change of engine.pendingChanges())
      io.out(
        `  #${change.seq} ${change.op} ${change.object} ${change.recordId} ${change.status}` +
          (change.error ? ` (${change.error.code}: ${change.error.message})` : ''),
      );
    io.out('objects:');
    for (const object of status.objects)
      io.out(
        `  ${object.object}: ${object.records} records, watermark ${object.watermark ?? 'none'}` +
          (object.reconciledAt !== null ? `, reconciled ${new Date(object.reconciledAt).toISOString()}` : ''),
      );
  } finally {
    store.close();
  }
}
