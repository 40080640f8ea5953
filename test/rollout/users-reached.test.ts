/**
 * How many users each assignment reaches, against the demo org (1 admin, dispatcher diane, 6 technicians
 * of the Field Technician profile): the winning assignment per active user, so `default` counts only the
 * users no more specific assignment covers.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { fetchAssignmentsReport } from '../../src/org/assignments-report.ts';
import { publishVersion } from '../../src/org/published-plans.ts';
import { fetchActiveUserFacts } from '../../src/org/users-reached.ts';
import { compilePlan, startHarness, type Harness } from '../runtime/helpers/e2e-org.ts';
import { energyScope } from '../runtime/helpers/scopes.ts';

const technicianScope: SyncScope = { ...energyScope, name: 'Field technician' };
const dispatcherScope: SyncScope = {
  ...energyScope,
  name: 'Dispatcher',
  objects: { Account: energyScope.objects.Account!, Product2: energyScope.objects.Product2! },
};

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ seed: 'demo' });
});
afterEach(async () => {
  await h.close();
});

const org = () => ({ transport: h.conn, apiVersion: '62.0' });

describe('users reached by each assignment', () => {
  it('counts the users each assignment wins for, exactly', async () => {
    // What the demo org holds, read as the count reads it.
    const users = await fetchActiveUserFacts(org());
    expect(users.length).toBe(8);
    expect(users.filter((u) => u.profileName === 'Field Technician').length).toBe(6);
    expect(
      users.filter((u) => u.username === 'diane.moreau@syncscope.example').map((u) => u.profileName),
    ).toEqual(['Dispatcher']);

    await publishVersion(org(), technicianScope, compilePlan(technicianScope), 'technicians', {
      assign: [{ kind: 'profile', name: 'Field Technician' }, { kind: 'default' }],
    });
    await publishVersion(org(), dispatcherScope, compilePlan(dispatcherScope), 'dispatch', {
      assign: [{ kind: 'user', username: 'diane.moreau@syncscope.example' }],
    });

    const report = await fetchAssignmentsReport(org());
    expect(report.assignments.map((a) => [a.target, a.scopeName, a.usersReached])).toEqual([
      ['user:diane.moreau@syncscope.example', 'Dispatcher', 1],
      ['profile:Field Technician', 'Field technician', 6],
      // The admin only: diane has her own assignment, the technicians their profile's.
      ['default', 'Field technician', 1],
    ]);
  });

  it('counts 0 for an assignment no active user gets', async () => {
    await publishVersion(org(), technicianScope, compilePlan(technicianScope), 'nobody', {
      assign: [
        { kind: 'user', username: 'nobody@syncscope.example' },
        { kind: 'profile', name: 'Ghost' },
      ],
    });
    const report = await fetchAssignmentsReport(org());
    expect(report.assignments.map((a) => [a.target, a.usersReached])).toEqual([
      ['user:nobody@syncscope.example', 0],
      ['profile:Ghost', 0],
    ]);
  });
});
