/**
 * Who gets which scope, against the embedded org: assignments to profiles, permission sets and users,
 * read back with one query and resolved for each user from what the org says of them (SOQL on User,
 * Profile and PermissionSetAssignment); drafts that reach only their test users until promoted.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { listVersions, promoteDraft, publishVersion } from '../../src/org/published-plans.ts';
import { chooseVersionFor, fetchRolloutState } from '../../src/runtime/rollout-state.ts';
import { fetchUserFacts } from '../../src/runtime/user-facts.ts';
import { compilePlan, startHarness, type Harness } from '../runtime/helpers/e2e-org.ts';
import { energyScope } from '../runtime/helpers/scopes.ts';
import { createUser } from './helpers/security-objects.ts';

const technicianScope: SyncScope = { ...energyScope, name: 'Field technician' };
const dispatcherScope: SyncScope = {
  ...energyScope,
  name: 'Dispatcher',
  objects: { Account: energyScope.objects.Account!, Product2: energyScope.objects.Product2! },
};
/** Technician scope, second edition: products no longer filtered on IsActive. */
const technicianScope2: SyncScope = {
  ...technicianScope,
  objects: { ...technicianScope.objects, Product2: { fields: ['Name', 'IsActive'], syncEveryMinutes: 1440 } },
};

let h: Harness;
const ids = new Map<string, string>();
beforeEach(async () => {
  h = await startHarness({ seed: 'demo' });
  ids.clear();
});
afterEach(async () => {
  await h.close();
});

const org = () => ({ transport: h.conn, apiVersion: '62.0' });

async function versionFor(userId: string): Promise<string> {
  const facts = await fetchUserFacts(org(), userId);
  const choice = chooseVersionFor(await fetchRolloutState(org()), facts);
  return choice.version ? `${choice.version.scopeName} v${choice.version.versionNumber}` : choice.problem;
}

describe('assignments', () => {
  it('gives the technician the technician scope, the dispatcher theirs, and a user assignment wins over the profile', async () => {
    const tess = await createUser(h, ids, 'tess@rollout.example', 'Field Technician');
    const omar = await createUser(h, ids, 'omar@rollout.example', 'Field Technician');
    const diane = await createUser(h, ids, 'diane@rollout.example', 'Dispatcher');
    const nina = await createUser(h, ids, 'nina@rollout.example', 'Field Technician', [
      'Dispatch_All_Work_Orders',
    ]);
    const sam = await createUser(h, ids, 'sam@rollout.example', 'Standard User');

    expect(await versionFor(tess)).toBe(
      'no scope is assigned to tess@rollout.example, their profile or permission sets, and there is no default: assign one with `syncscope publish <scope.json> --assign user:tess@rollout.example` (or --assign default)',
    );
    await publishVersion(org(), technicianScope, compilePlan(technicianScope), 'technicians', {
      assign: [{ kind: 'profile', name: 'Field Technician' }, { kind: 'default' }],
    });
    await publishVersion(org(), dispatcherScope, compilePlan(dispatcherScope), 'dispatch', {
      assign: [
        { kind: 'profile', name: 'Dispatcher' },
        { kind: 'user', username: 'omar@rollout.example' },
        { kind: 'permset', name: 'Dispatch_All_Work_Orders' },
      ],
    });

    expect(await fetchUserFacts(org(), nina)).toEqual({
      userId: nina,
      username: 'nina@rollout.example',
      profileName: 'Field Technician',
      permissionSets: ['Dispatch_All_Work_Orders'],
    });
    expect(await versionFor(tess)).toBe('Field technician v1');
    expect(await versionFor(diane)).toBe('Dispatcher v1');
    expect(await versionFor(omar)).toBe('Dispatcher v1'); // user over profile
    expect(await versionFor(nina)).toBe('Dispatcher v1'); // permission set over profile
    expect(await versionFor(sam)).toBe('Field technician v1'); // the default

    // A new technician version keeps the technicians' assignment: it is the scope that is assigned.
    await publishVersion(org(), technicianScope2, compilePlan(technicianScope2), 'all products');
    expect(await versionFor(tess)).toBe('Field technician v2');
    expect(await versionFor(omar)).toBe('Dispatcher v1');
  });
});

describe('drafts', () => {
  it('reach only their test users until promoted; promotion publishes the same plan for everyone', async () => {
    const tess = await createUser(h, ids, 'tess@rollout.example', 'Field Technician');
    const ivan = await createUser(h, ids, 'ivan@rollout.example', 'Field Technician');
    await publishVersion(org(), technicianScope, compilePlan(technicianScope), 'technicians', {
      assign: [{ kind: 'profile', name: 'Field Technician' }],
    });
    const draft = await publishVersion(org(), technicianScope2, compilePlan(technicianScope2), 'try it', {
      draftFor: ['Tess@Rollout.example'],
    });
    expect(draft).toMatchObject({ versionNumber: 2, draft: true, note: 'try it' });

    expect(await versionFor(tess)).toBe('Field technician v2');
    expect(await versionFor(ivan)).toBe('Field technician v1');

    const { version, promoted } = await promoteDraft(org(), 'Field technician');
    expect(promoted.versionId).toBe(draft.versionId);
    expect(version).toMatchObject({
      versionNumber: 3,
      draft: false,
      note: 'Promoted draft v2: try it',
      scopeHash: draft.scopeHash,
    });
    expect(await versionFor(tess)).toBe('Field technician v3');
    expect(await versionFor(ivan)).toBe('Field technician v3');
    expect((await listVersions(org(), 'Field technician')).map((v) => [v.versionNumber, v.draft])).toEqual([
      [3, false],
      [2, true],
      [1, false],
    ]);
    await expect(promoteDraft(org(), 'Field technician')).rejects.toThrow(
      '"Field technician" has no draft newer than its published version v3: publish one with --draft',
    );
    await expect(promoteDraft(org(), 'Field technician', 1)).rejects.toThrow(
      'version 1 of "Field technician" is not a draft (it is published already)',
    );
  });

  it('assigns what the draft was published with only when it is promoted', async () => {
    const diane = await createUser(h, ids, 'diane@rollout.example', 'Dispatcher');
    await publishVersion(org(), technicianScope, compilePlan(technicianScope), 'technicians', {
      assign: [{ kind: 'default' }],
    });
    await publishVersion(org(), dispatcherScope, compilePlan(dispatcherScope), 'dispatch draft', {
      draftFor: ['someone@rollout.example'],
      assign: [{ kind: 'profile', name: 'Dispatcher' }],
    });
    expect(await versionFor(diane)).toBe('Field technician v1');
    await promoteDraft(org(), 'Dispatcher', 1);
    expect(await versionFor(diane)).toBe('Dispatcher v2');
  });
});
