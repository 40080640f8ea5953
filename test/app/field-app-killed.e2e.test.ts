/**
 * The browser killed mid-sync, reopened, synced: nothing lost, nothing uploaded twice. The real app
 * (`syncscope app`) on the embedded org, in headless Chromium on one persistent profile (its OPFS
 * database outlives the browser), killed with SIGKILL twice:
 *
 * 1. mid-upload: an offline edit and an offline create wait; the sync sends them and the org commits
 *    them, but holds its answer (the `responseLatencyMs` fault); the browser dies before the device
 *    stores it. The changes are still `inFlight` when the app reopens.
 * 2. mid-download: the reopened app's sync uploads (the lost create is found in the org, not sent
 *    again), then downloads slowly (the `latencyMs` fault) records changed in the org meanwhile; the
 *    browser dies while "Downloading …" shows.
 *
 * The third launch syncs from the menu, and then the org holds the new work order exactly once and the
 * edit, the device holds exactly the org's work orders of the technician's scope with their current
 * values (the list shows them), and nothing is pending.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureScopePublished } from '../../src/cli/commands/app.ts';
import {
  DEMO_CLIENT_ID,
  DEMO_PASSWORD,
  DEMO_TECHNICIAN_ID,
  DEMO_TECHNICIAN_USERNAME,
  startOrg,
  type RunningOrg,
} from '../../src/emulator/index.ts';
import {
  asPhone,
  deepText,
  find,
  killChromium,
  launchChromium,
  ROOT,
  serveFieldApp,
  signInThroughLoginPage,
  tap,
  waitFor,
  type ServedApp,
} from './app-browser.ts';

const app = (selector: string) => `ss-field-app >>> ${selector}`;

let org: RunningOrg;
let connection: Connection;
let served: ServedApp;
let profile: string;
let browser: Browser | undefined;

beforeAll(async () => {
  org = await startOrg({ seed: 'demo' });
  connection = new Connection({ instanceUrl: org.url, accessToken: org.token, version: '62.0' });
  await ensureScopePublished(
    { connection, apiVersion: '62.0' },
    join(ROOT, 'examples/field-technician.scope.json'),
  );
  served = await serveFieldApp(org.url, DEMO_CLIENT_ID);
  profile = mkdtempSync(join(tmpdir(), 'syncscope-killed-profile-'));
}, 300_000);

afterAll(async () => {
  org?.org.faults.clear();
  await browser?.close().catch(() => undefined);
  await served?.close();
  await org?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Chromium on the test's profile, and the app open in it at 390x844. */
async function openApp(hash = '#/'): Promise<Page> {
  browser = await launchChromium({ userDataDir: profile });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await asPhone(page, 390, 844);
  await page.goto(`${served.url}${hash}`, { waitUntil: 'load' });
  return page;
}

async function kill(): Promise<void> {
  await killChromium(browser!);
  browser = undefined;
}

const soql = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

async function orgWorkOrdersWithSubject(subject: string): Promise<{ Id: string; OwnerId: string }[]> {
  const result = await connection.query<{ Id: string; OwnerId: string }>(
    `SELECT Id, OwnerId FROM WorkOrder WHERE Subject = ${soql(subject)}`,
  );
  return result.records.map(({ Id, OwnerId }) => ({ Id, OwnerId }));
}

/** The technician's work orders as the scope selects them (examples/field-technician.scope.json). */
async function orgScopeWorkOrders(): Promise<{ Id: string; WorkOrderNumber: string; Subject: string }[]> {
  const result = await connection.query<{ Id: string; WorkOrderNumber: string; Subject: string }>(
    `SELECT Id, WorkOrderNumber, Subject FROM WorkOrder WHERE OwnerId = '${DEMO_TECHNICIAN_ID}' AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14 ORDER BY StartDate ASC LIMIT 500`,
  );
  return result.records.map(({ Id, WorkOrderNumber, Subject }) => ({ Id, WorkOrderNumber, Subject }));
}

/** The device's outbox, one line per change. */
function pendingOf(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await document.querySelector('ss-field-app')!.device!.pendingChanges()).map(
      (c) => `${c.op} ${c.object} ${c.status} ${String(c.fields.Subject)}`,
    ),
  );
}

/** The device's syncs, newest first: what started each and whether it ended well. */
function historyOf(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await document.querySelector('ss-field-app')!.device!.history(20)).map(
      (h) => `${String(h.triggeredBy)} ${h.ok ? 'ok' : 'failed'}`,
    ),
  );
}

it('keeps every change through two SIGKILLs mid-sync (mid-upload, mid-download) and uploads each once (390x844)', async () => {
  // First launch: sign in, first sync.
  let page = await openApp();
  await find(page, app('[data-action="sign-in"]'));
  await signInThroughLoginPage(page, app, DEMO_TECHNICIAN_USERNAME, DEMO_PASSWORD);
  await find(page, app('ss-home-page >>> [data-home-list]'), 120_000);
  const held = await page.evaluate(async () =>
    (await document.querySelector('ss-field-app')!.device!.records('WorkOrder')).map((r) => r.Id as string),
  );
  expect(held.sort()).toEqual((await orgScopeWorkOrders()).map((w) => w.Id).sort());
  const edited = held[0]!;

  // Offline: an edit and a new work order wait on the device.
  const stamp = Date.now();
  const editedSubject = `Seal replaced before the crash ${stamp}`;
  const createdSubject = `New pump check after the crash ${stamp}`;
  // Starting in three days: inside the scope's window (StartDate = NEXT_N_DAYS:14), so it stays held.
  const startDate = new Date(stamp + 3 * 86_400_000).toISOString();
  await page.setOfflineMode(true);
  await page.evaluate(
    async (id, edit, create, start) => {
      const device = document.querySelector('ss-field-app')!.device!;
      await device.update('WorkOrder', id, { Subject: edit });
      await device.create('WorkOrder', { Subject: create, Status: 'New', StartDate: start });
    },
    edited,
    editedSubject,
    createdSubject,
    startDate,
  );
  expect(await pendingOf(page)).toEqual([
    `update WorkOrder pending ${editedSubject}`,
    `create WorkOrder pending ${createdSubject}`,
  ]);

  // Kill 1, mid-upload: the org commits the upload and holds its answer; the browser dies unanswered.
  org.org.faults.apply({ responseLatencyMs: 600_000, responseLatencyPath: '/composite' });
  await page.setOfflineMode(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  const committed = await waitFor(
    () => orgWorkOrdersWithSubject(createdSubject),
    (found) => found.length > 0,
    'the create committed in the org',
    120_000,
  );
  expect(await pendingOf(page)).toEqual([
    `update WorkOrder inFlight ${editedSubject}`,
    `create WorkOrder inFlight ${createdSubject}`,
  ]);
  await kill();
  org.org.faults.clear();
  expect(committed).toHaveLength(1);
  const createdId = committed[0]!.Id;

  // Meanwhile the org changes three other work orders of the technician: the next sync downloads them.
  const changedInOrg = held.filter((id) => id !== edited).slice(0, 3);
  expect(changedInOrg).toHaveLength(3);
  for (const [n, id] of changedInOrg.entries())
    await connection.sobject('WorkOrder').update({ Id: id, Subject: `Changed by dispatch ${stamp} #${n}` });

  // Second launch: the changes are still in flight (their answer was never stored).
  page = await openApp();
  await find(page, app('ss-home-page >>> [data-home-list]'), 120_000);
  expect(await pendingOf(page)).toEqual([
    `update WorkOrder inFlight ${editedSubject}`,
    `create WorkOrder inFlight ${createdSubject}`,
  ]);
  // Kill 2, mid-download: every request is slow; the browser dies while the sync downloads.
  org.org.faults.latencyMs = 300;
  await tap(page, app('[aria-label="Menu"]'));
  await tap(page, app('ss-main-menu >>> [data-action="sync-now"]'));
  await waitFor(
    () => deepText(page, app('[data-progress-text]')),
    (text) => text.startsWith('Downloading '),
    'the download under way',
    120_000,
  );
  await kill();
  org.org.faults.clear();

  // Third launch: sync from the menu, to its end.
  page = await openApp();
  await find(page, app('ss-home-page >>> [data-home-list]'), 120_000);
  // The two killed syncs never reached their end: History has the sign-in sync only.
  expect(await historyOf(page)).toEqual(['signIn ok']);
  await tap(page, app('[aria-label="Menu"]'));
  await tap(page, app('ss-main-menu >>> [data-action="sync-now"]'));
  await waitFor(
    () => historyOf(page),
    (syncs) => syncs.length === 2,
    'the sync from the menu',
    120_000,
  );
  expect(await historyOf(page)).toEqual(['menu ok', 'signIn ok']);
  const outcome = await waitFor(
    () => deepText(page, app('[data-sync-outcome]')),
    (text) => text !== '',
    'the sync outcome',
  );
  expect(outcome).toMatch(/^Sync complete\. Next scheduled sync at \d\d:\d\d \(in 30 min\)\.$/);

  // The org: the new work order exactly once (the technician's), the edit applied.
  expect(await orgWorkOrdersWithSubject(createdSubject)).toEqual([
    { Id: createdId, OwnerId: DEMO_TECHNICIAN_ID },
  ]);
  const editedInOrg = (await connection.sobject('WorkOrder').retrieve(edited)) as { Subject: string };
  expect(editedInOrg.Subject).toBe(editedSubject);

  // The device: nothing pending, and exactly the org's work orders of the scope, with their values.
  expect(await pendingOf(page)).toEqual([]);
  const scope = await orgScopeWorkOrders();
  expect(scope.filter((w) => w.Id === createdId).map((w) => w.Subject)).toEqual([createdSubject]);
  expect(scope.filter((w) => w.Id === edited).map((w) => w.Subject)).toEqual([editedSubject]);
  const device = await page.evaluate(async () => {
    const device = document.querySelector('ss-field-app')!.device!;
    const status = await device.status();
    return {
      stored: status.objects.find((o) => o.object === 'WorkOrder')?.records,
      records: (await device.records('WorkOrder')).map((r) => `${String(r.Id)} ${String(r.Subject)}`),
    };
  });
  expect(device.stored).toBe(scope.length);
  expect(device.records.sort()).toEqual(scope.map((w) => `${w.Id} ${w.Subject}`).sort());

  // The list the technician sees: one row per work order of the scope, by number, with its subject.
  await page.goto(`${served.url}#/records/WorkOrder`, { waitUntil: 'load' });
  await find(page, app('ss-record-list >>> [data-id]'));
  const rows = await waitFor(
    () =>
      page.$$eval(app('ss-record-list >>> [data-id]'), (buttons) =>
        buttons.map(
          (b) =>
            `${b.getAttribute('data-id')} ${b.querySelector('.row-title')?.textContent?.trim()} | ${b
              .querySelector('.row-meta span')
              ?.textContent?.trim()}`,
        ),
      ),
    (shown) => shown.length === scope.length,
    'the work order list',
  );
  expect(rows.sort()).toEqual(scope.map((w) => `${w.Id} ${w.WorkOrderNumber} | ${w.Subject}`).sort());
}, 600_000);
