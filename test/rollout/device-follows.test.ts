/**
 * A device that follows what the org assigns its user (engine option `publishedPlan: { assignedTo }`),
 * against the embedded org: every sync checks with one query; a new version of the same scope downloads
 * again only the objects whose fingerprint changed; a move to another scope uploads the pending changes
 * first, then swaps the data, and waits while a change cannot be uploaded.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { promoteDraft, publishVersion } from '../../src/org/published-plans.ts';
import type { UserFacts } from '../../src/runtime/scope-assignment.ts';
import { MemoryStore } from '../../src/runtime/store/memory-store.ts';
import { PUBLISHED_VERSION_META, SyncEngine } from '../../src/runtime/sync-engine.ts';
import { fetchUserFacts } from '../../src/runtime/user-facts.ts';
import { compilePlan, startHarness, type Harness } from '../runtime/helpers/e2e-org.ts';
import { caseDeviceIdMetadata, energyScope } from '../runtime/helpers/scopes.ts';

const technicianScope: SyncScope = { ...energyScope, name: 'Field technician' };
const dispatcherScope: SyncScope = {
  ...energyScope,
  name: 'Dispatcher',
  objects: { Account: energyScope.objects.Account!, Product2: energyScope.objects.Product2! },
};

let h: Harness;
let user: UserFacts;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
  // This org has no profiles: the facts say so (null), and user and default assignments still apply.
  user = await fetchUserFacts(org(), h.userId);
});
afterEach(async () => {
  await h.close();
});

const org = () => ({ transport: h.conn, apiVersion: '62.0' });

async function apiCallsSoFar(): Promise<number> {
  return ((await h.control('stats', undefined, 'GET')) as { apiCalls: number }).apiCalls;
}

function followingDevice(facts: UserFacts = user): SyncEngine {
  return new SyncEngine({
    transport: h.conn,
    store: new MemoryStore(),
    publishedPlan: { assignedTo: facts },
    userId: h.userId,
    clock: { now: () => h.now() },
  });
}

describe('a device that follows its user’s assignment', () => {
  it('checks with one query per sync and downloads again only the objects a new version changed', async () => {
    expect(user).toEqual({
      userId: h.userId,
      username: user.username,
      profileName: 'System Administrator',
      permissionSets: [],
    });
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    const ada = await h.create('Contact', { LastName: 'Ada', Email: 'ada@x.example', AccountId: account });
    await h.create('Contact', { LastName: 'Bob', Email: 'bob@x.example', AccountId: account });
    await h.create('Product2', { Name: 'Meter', IsActive: true });
    const v1 = await publishVersion(org(), technicianScope, compilePlan(technicianScope), 'first', {
      assign: [{ kind: 'default' }],
    });
    await h.advance(120);

    const device = followingDevice();
    const first = await device.syncNow();
    expect(first.ok, first.error).toBe(true);
    expect(first.planInstalled).toEqual({
      versionId: v1.versionId,
      versionNumber: 1,
      redownload: [],
      removed: [],
      unchanged: [],
      reason: '"Field technician" v1 via default',
    });

    // The same sync with a plan given by hand costs the check less: the check is exactly one call.
    const plain = h.device(compilePlan(technicianScope));
    expect((await plain.syncNow()).ok).toBe(true);
    await h.advance(120);
    let before = await apiCallsSoFar();
    expect((await plain.syncNow()).ok).toBe(true);
    const plainCalls = (await apiCallsSoFar()) - before;
    before = await apiCallsSoFar();
    const quiet = await device.syncNow();
    const quietCalls = (await apiCallsSoFar()) - before;
    expect(quiet.ok, quiet.error).toBe(true);
    expect(quiet.planInstalled).toBeUndefined();
    expect(plainCalls).toBe(1); // one /composite call asks every object's changes
    expect(quietCalls).toBe(plainCalls + 1);
    expect(quiet.apiCalls).toBe(quietCalls);

    // Version 2 narrows Contact only: the device installs it at its next sync.
    const narrower: SyncScope = {
      ...technicianScope,
      objects: {
        ...technicianScope.objects,
        Contact: { ...technicianScope.objects.Contact!, where: "Email != null AND LastName != 'Bob'" },
      },
    };
    const v2 = await publishVersion(org(), narrower, compilePlan(narrower), 'no Bob');
    await h.advance(120);
    before = await apiCallsSoFar();
    const next = await device.syncNow();
    const nextCalls = (await apiCallsSoFar()) - before;
    expect(next.ok, next.error).toBe(true);
    expect(next.planInstalled).toEqual({
      versionId: v2.versionId,
      versionNumber: 2,
      redownload: ['Contact'],
      removed: [],
      unchanged: ['Account', 'Case', 'Product2'],
      reason: '"Field technician" v2 via default',
    });
    expect(device.store.getMeta(PUBLISHED_VERSION_META)).toBe(v2.versionId);
    // The check, the new plan's download, and the same one /composite call (Contact's first query from
    // scratch rides in it with the other objects' delta checks).
    expect(nextCalls).toBe(3);
    expect(next.apiCalls).toBe(nextCalls);
    expect(next.counts.Contact).toMatchObject({ downloaded: 1 });
    for (const object of ['Account', 'Case', 'Product2'])
      expect({ object, downloaded: next.counts[object]?.downloaded ?? 0 }).toEqual({ object, downloaded: 0 });
    expect(device.store.listRecordIds('Contact')).toEqual([ada]);
    await h.expectDeviceMatchesServer(device);
  });

  it('moved to another scope, uploads its pending changes first, then swaps the data', async () => {
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    const ada = await h.create('Contact', { LastName: 'Ada', Email: 'ada@x.example', AccountId: account });
    await publishVersion(org(), technicianScope, compilePlan(technicianScope), 'technicians', {
      assign: [{ kind: 'default' }],
    });
    await h.advance(120);
    const device = followingDevice();
    expect((await device.syncNow()).ok).toBe(true);
    expect(device.store.listRecordIds('Contact')).toEqual([ada]);

    // A change the org refuses (no LastName) and one it takes; then the admin moves the user.
    device.create('Contact', { Email: 'nameless@x.example', AccountId: account });
    device.update('Contact', ada, { LastName: 'Lovelace' });
    const dispatch = await publishVersion(org(), dispatcherScope, compilePlan(dispatcherScope), 'dispatch', {
      assign: [{ kind: 'user', username: user.username }],
    });
    await h.advance(120);
    const waiting = await device.syncNow();
    expect(waiting.planInstalled).toBeUndefined();
    expect(device.plan.scopeName).toBe('Field technician');
    expect(waiting.errors).toContain(
      'the org now assigns "Dispatcher" v1 to this user; the device moves to it once its 1 local change is uploaded (retry or undo failed changes, resolve conflicts): this sync kept "Field technician"',
    );
    const server = (await h.conn.sobject('Contact').retrieve(ada)) as { LastName: string };
    expect(server.LastName).toBe('Lovelace');

    // The user undoes the refused change: the next sync swaps.
    const [failed] = device.pendingChanges();
    device.undo(failed!.seq);
    const moved = await device.syncNow();
    expect(moved.ok, moved.error).toBe(true);
    expect(moved.planInstalled).toEqual({
      versionId: dispatch.versionId,
      versionNumber: 1,
      redownload: [],
      removed: ['Case', 'Contact'],
      unchanged: ['Account', 'Product2'],
      reason: `"Dispatcher" v1 via user:${user.username.toLowerCase()}`,
    });
    expect(device.plan.scopeName).toBe('Dispatcher');
    expect(device.store.getMeta(PUBLISHED_VERSION_META)).toBe(dispatch.versionId);
    expect(device.store.listRecordIds('Contact')).toEqual([]);
    expect(device.pendingChanges()).toEqual([]);
    await h.expectDeviceMatchesServer(device);
  });

  it('installs a draft only on its test users’ devices; after promotion the others follow, the testers download nothing', async () => {
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy' });
    await h.create('Contact', { LastName: 'Ada', Email: 'ada@x.example', AccountId: account });
    await h.create('Contact', { LastName: 'Bob', Email: 'bob@x.example', AccountId: account });
    await publishVersion(org(), technicianScope, compilePlan(technicianScope), 'technicians', {
      assign: [{ kind: 'default' }],
    });
    await h.advance(120);
    // Two technicians' devices (the facts are what the org would say of them).
    const tester = followingDevice({ ...user, username: 'tess@rollout.example' });
    const other = followingDevice({ ...user, username: 'ivan@rollout.example' });
    expect((await tester.syncNow()).planInstalled?.versionNumber).toBe(1);
    expect((await other.syncNow()).planInstalled?.versionNumber).toBe(1);

    const narrower: SyncScope = {
      ...technicianScope,
      objects: {
        ...technicianScope.objects,
        Contact: { ...technicianScope.objects.Contact!, where: "Email != null AND LastName != 'Bob'" },
      },
    };
    const draft = await publishVersion(org(), narrower, compilePlan(narrower), 'no Bob', {
      draftFor: ['tess@rollout.example'],
    });
    await h.advance(120);
    const tested = await tester.syncNow();
    expect(tested.planInstalled).toMatchObject({
      versionId: draft.versionId,
      versionNumber: 2,
      redownload: ['Contact'],
      reason: 'test user of draft v2 of "Field technician"',
    });
    const untouched = await other.syncNow();
    expect(untouched.planInstalled).toBeUndefined();
    expect(other.store.listRecordIds('Contact')).toHaveLength(2);

    const { version } = await promoteDraft(org(), 'Field technician');
    await h.advance(120);
    const otherAfter = await other.syncNow();
    expect(otherAfter.planInstalled).toMatchObject({ versionId: version.versionId, redownload: ['Contact'] });
    expect(other.store.listRecordIds('Contact')).toHaveLength(1);
    const testerAfter = await tester.syncNow();
    expect(testerAfter.planInstalled).toEqual({
      versionId: version.versionId,
      versionNumber: 3,
      redownload: [],
      removed: [],
      unchanged: ['Account', 'Case', 'Contact', 'Product2'],
      reason: '"Field technician" v3 via default',
    });
  });

  it('fails with what the admin should do while nothing is assigned, then syncs once it is', async () => {
    await publishVersion(org(), technicianScope, compilePlan(technicianScope), 'not assigned yet');
    const device = followingDevice();
    const none = await device.syncNow();
    expect(none.ok).toBe(false);
    expect(none.error).toBe(
      `no scope is assigned to ${user.username}, their profile or permission sets, and there is no default: assign one with \`syncscope publish <scope.json> --assign user:${user.username}\` (or --assign default)`,
    );
    expect(none.apiCalls).toBe(1);
    await publishVersion(org(), technicianScope, compilePlan(technicianScope), 'for everyone', {
      assign: [{ kind: 'default' }],
    });
    const summary = await device.syncNow();
    expect(summary.ok, summary.error).toBe(true);
    expect(summary.planInstalled?.reason).toBe('"Field technician" v2 via default');
  });
});
