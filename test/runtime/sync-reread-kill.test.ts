/**
 * A record changed by the system only (a roll-up count: SystemModstamp moves, LastModifiedDate does not)
 * shows in getUpdated but not in the delta; the reconciliation that follows re-reads it. When that sync
 * fails before its reconciliation, the next sync must still re-read it: the window has moved past it.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { SqliteStore } from '../../src/runtime/store/sqlite-store.ts';
import { compilePlan, FaultyTransport, startHarness, type Harness } from './helpers/e2e-org.ts';

const scope: SyncScope = {
  scopeVersion: 1,
  name: 'Work orders',
  apiVersion: '62.0',
  watermarkField: 'LastModifiedDate',
  overlapSeconds: 60,
  syncEveryMinutes: 30,
  objects: { WorkOrder: { fields: ['Subject', 'LineItemCount'] } },
};
const plan = compilePlan(scope);

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('a system update seen in the change window', () => {
  for (const when of ['before', 'after'] as const)
    it(`is re-read after the reconciliation request fails ${when} it is sent`, async () => {
      await h.advance(3600);
      const wo = await h.create('WorkOrder', { Subject: 'Pump' });
      await h.advance(60);
      const store = new SqliteStore(':memory:');
      expect((await h.device(plan, { store }).syncNow()).error).toBeUndefined();
      await h.advance(60);
      // A later record moves the watermark past the pump's stamp (and its overlap).
      await h.create('WorkOrder', { Subject: 'Valve' });
      await h.advance(60);
      expect((await h.device(plan, { store }).syncNow()).error).toBeUndefined();
      expect(store.getRecord('WorkOrder', wo)).toMatchObject({ LineItemCount: 0 });

      await h.advance(60);
      await h.create('WorkOrderLineItem', { WorkOrderId: wo, Description: 'Seal' });
      await h.advance(20);
      const transport = new FaultyTransport(h.conn);
      transport.failAt = { call: 2, when };
      const broken = await h.device(plan, { store, transport }).syncNow();
      expect(broken.error).toMatch(/ECONNRESET|socket hang up/);
      expect(transport.log.map((l) => l.split('?')[0])).toEqual([
        'POST /composite', // window and delta
        'GET /query', // the reconciliation's Id query
      ]);

      await h.advance(20);
      const engine = h.device(plan, { store });
      expect((await engine.syncNow()).error).toBeUndefined();
      expect(store.getRecord('WorkOrder', wo)).toMatchObject({ LineItemCount: 1 });
      expect(store.getObjectState('WorkOrder')?.rereadIds).toEqual([]);
      await h.expectDeviceMatchesServer(engine);
    });
});
