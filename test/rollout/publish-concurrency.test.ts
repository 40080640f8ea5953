/**
 * Two admins who publish at once: ten publishes fired together, each through its own jsforce connection,
 * against the embedded org. Each claims a number from what it read; the org's order (CreatedDate, then
 * Id) numbers them, so the ten get ten distinct numbers 1..10 and none is lost.
 */

import { Connection } from 'jsforce';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { listVersions, publishVersion } from '../../src/org/published-plans.ts';
import { compilePlan, startHarness, type Harness } from '../runtime/helpers/e2e-org.ts';
import { energyScope } from '../runtime/helpers/scopes.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

it('ten concurrent publishes give ten distinct versions 1..10, all ten kept', async () => {
  const plan = compilePlan(energyScope);
  const notes = Array.from({ length: 10 }, (_, i) => `admin ${i + 1}`);
  const published = await Promise.all(
    notes.map((note) => {
      const connection = new Connection({
        instanceUrl: h.org.url,
        accessToken: h.org.token,
        version: '62.0',
      });
      return publishVersion({ transport: connection, apiVersion: '62.0' }, energyScope, plan, note);
    }),
  );
  expect(published.map((v) => v.versionNumber).sort((a, b) => a - b)).toEqual([
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
  ]);
  const listed = await listVersions({ transport: h.conn, apiVersion: '62.0' }, energyScope.name);
  expect(listed.map((v) => v.versionNumber)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  expect(listed.map((v) => v.note).sort()).toEqual([...notes].sort());
  // What each publish returned is what the list says of that version.
  for (const version of published)
    expect(listed.find((v) => v.versionId === version.versionId)?.versionNumber).toBe(version.versionNumber);
});
