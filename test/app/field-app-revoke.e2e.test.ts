/**
 * A revoked session asks the technician to sign in again without losing a pending change: the real app
 * (`syncscope app`) on the embedded org in headless Chromium at 390x844. After the first sync the org
 * revokes the device's refresh token (POST /services/oauth2/revoke) and times out the user's access
 * tokens (/__emulator/sessions/expire); a work order created on the phone then waits: the sync says the
 * session expired and the change is kept, the org does not have it. Signing in again through the login
 * page uploads it, and the org holds it exactly once.
 */

import { join } from 'node:path';
import { Connection } from 'jsforce';
import type { Browser, HTTPResponse } from 'puppeteer-core';
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
let browser: Browser;

beforeAll(async () => {
  org = await startOrg({ seed: 'demo' });
  connection = new Connection({ instanceUrl: org.url, accessToken: org.token, version: '62.0' });
  await ensureScopePublished(
    { connection, apiVersion: '62.0' },
    join(ROOT, 'examples/field-technician.scope.json'),
  );
  served = await serveFieldApp(org.url, DEMO_CLIENT_ID);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await org?.close();
});

async function workOrdersWithSubject(subject: string): Promise<{ Id: string; OwnerId: string }[]> {
  const escaped = subject.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const result = await connection.query<{ Id: string; OwnerId: string }>(
    `SELECT Id, OwnerId FROM WorkOrder WHERE Subject = '${escaped}'`,
  );
  return result.records.map(({ Id, OwnerId }) => ({ Id, OwnerId }));
}

it('asks to sign in again after the session is revoked, keeps the pending change, then uploads it once (390x844)', async () => {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await asPhone(page, 390, 844);
    await page.goto(served.url, { waitUntil: 'load' });
    await find(page, app('[data-action="sign-in"]'));
    await signInThroughLoginPage(page, app, DEMO_TECHNICIAN_USERNAME, DEMO_PASSWORD);
    await find(page, app('ss-home-page >>> [data-home-list]'), 120_000);
    const device = {
      pending: () =>
        page.evaluate(async () =>
          (await document.querySelector('ss-field-app')!.device!.pendingChanges()).map(
            (c) => `${c.op} ${c.object} ${c.status} ${String(c.fields.Subject)}`,
          ),
        ),
      syncs: () =>
        page.evaluate(async () =>
          (await document.querySelector('ss-field-app')!.device!.history(20)).map(
            (h) => `${(h as { triggeredBy?: string }).triggeredBy} ${h.ok ? 'ok' : 'failed'}`,
          ),
        ),
      refreshToken: () =>
        page.evaluate(
          async () => (await document.querySelector('ss-field-app')!.device!.session())?.refreshToken,
        ),
    };

    // The org times out the user's access tokens and revokes the device's refresh token.
    const refreshToken = await device.refreshToken();
    expect(refreshToken).toMatch(/\S{20,}/);
    // Its access tokens time out first (revoking the refresh token ends them too, as Salesforce does).
    const expired = await fetch(`${org.url}/__emulator/sessions/expire`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${org.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: DEMO_TECHNICIAN_ID }),
    });
    expect(expired.status).toBe(200);
    expect(((await expired.json()) as { expired: number }).expired).toBeGreaterThanOrEqual(1);
    const revoked = await fetch(`${org.url}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: refreshToken! }),
    });
    expect(revoked.status).toBe(200);

    // A work order created on the phone waits as pending.
    const subject = `Replace pump seal after re-login ${Date.now()}`;
    await page.goto(`${served.url}#/records/WorkOrder/new`, { waitUntil: 'load' });
    const subjectInput = await find(page, app('ss-record-form >>> [data-field="Subject"]'));
    await subjectInput.type(subject);
    // Starting in three days: inside the scope's window (StartDate = NEXT_N_DAYS:14), so it stays held.
    const start = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 16);
    const startInput = await find(page, app('ss-record-form >>> [data-field="StartDate"]'));
    await startInput.evaluate((input, at) => {
      const control = input as HTMLInputElement;
      control.value = control.type === 'date' ? at.slice(0, 10) : at;
      control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    }, start);
    await tap(page, app('ss-record-form >>> button[type="submit"]'));
    await find(page, app('ss-record-detail'));
    expect(await device.pending()).toEqual([`create WorkOrder pending ${subject}`]);

    // The sync finds the session gone: it says so, keeps the change, and the org has nothing.
    await tap(page, app('[aria-label="Menu"]'));
    await tap(page, app('ss-main-menu >>> [data-action="sync-now"]'));
    const outcome = await waitFor(
      () => deepText(page, app('[data-sync-outcome]')),
      (text) => text.startsWith('Sync stopped'),
      'the failed sync',
      120_000,
    );
    expect(outcome).toBe(
      'Sync stopped: your session has expired. Sign in again to continue syncing. 1 local change is kept on this device. Records already on this device stay available. Syncing resumes after you sign in.',
    );
    expect(await deepText(page, app('[data-session="expired"] p'))).toBe(
      'Your session has expired. Your records and 1 pending change are kept on this device.',
    );
    // Kept as sent-but-unconfirmed (the runtime's rule after a 401: ask the server before re-sending).
    expect(await device.pending()).toEqual([`create WorkOrder inFlight ${subject}`]);
    const syncsBefore = await device.syncs();
    expect(await workOrdersWithSubject(subject)).toEqual([]);

    // Signing in again through the login page uploads the change, once.
    const uploads: string[] = [];
    const record = (response: HTTPResponse) => {
      const request = response.request();
      if (request.method() !== 'POST' || !request.url().startsWith(`${org.url}/services/data/`)) return;
      // Every time the new work order's Subject leaves the device (a create, single or in a collection).
      const sends = (request.postData() ?? '').split(JSON.stringify(subject)).length - 1;
      for (let n = 0; n < sends; n++)
        uploads.push(`POST ${new URL(request.url()).pathname} ${response.status()}`);
    };
    page.on('response', record);
    // The org's browser session is gone too, so the technician types their password again.
    const orgCookies = await page.cookies(`${org.url}/services/oauth2/authorize`);
    expect(orgCookies.length).toBeGreaterThan(0);
    await page.deleteCookie(...orgCookies);
    expect(
      await signInThroughLoginPage(page, app, DEMO_TECHNICIAN_USERNAME, DEMO_PASSWORD, 'sign-in-again'),
    ).toBe('login page');
    // The sync after signing in ends (the newest History entry, successful).
    const syncsAfter = await waitFor(
      device.syncs,
      (syncs) => syncs.length === syncsBefore.length + 1,
      'the sync after signing in',
      120_000,
    );
    expect(syncsAfter[0]).toMatch(/ ok$/);
    expect(await device.pending()).toEqual([]);
    page.off('response', record);
    const created = await workOrdersWithSubject(subject);
    expect(created).toHaveLength(1);
    expect(created[0]!.OwnerId.slice(0, 15)).toBe(DEMO_TECHNICIAN_ID.slice(0, 15));
    const held = await page.evaluate(
      async (subjectText) =>
        (await document.querySelector('ss-field-app')!.device!.records('WorkOrder'))
          .filter((r) => r.Subject === subjectText)
          .map((r) => r.Id),
      subject,
    );
    expect(held).toEqual([created[0]!.Id]);
    expect(uploads).toEqual(['POST /services/data/v62.0/composite 200']);
  } finally {
    await context.close();
  }
}, 300_000);
