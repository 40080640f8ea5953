/**
 * The sync engine in real Chromium with the network refusing: Chromium rejects fetch with its own
 * `TypeError: Failed to fetch`, which must count as offline (transient), so the scheduler retries after the
 * first backoff step (30 s), not at the plan's interval (30 min), and the retry succeeds once the org is
 * reachable again. Time is injected (a timer the test fires, a clock it moves), as in
 * test/runtime/scheduler.test.ts.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  MemoryStore,
  SyncEngine,
  type SyncSummary,
  type Timer,
  type Transport,
} from '../../src/runtime/index.ts';
import { backoffDelay } from '../../src/runtime/scheduler.ts';
import { createProxyTransport } from '../../src/ui/org-proxy-client.ts';
import { ApiClient } from '../../src/ui/api-client.ts';
import { makeStore } from './fixtures.ts';

class FakeTimer implements Timer {
  next = 1;
  pending: { id: number; ms: number; callback: () => void }[] = [];
  setTimeout(callback: () => void, ms: number): number {
    const id = this.next++;
    this.pending.push({ id, ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }
}

/** The device's way to the org, switched by the test: the network down, then back. */
class SwitchableTransport implements Transport {
  constructor(public current: Transport) {}
  readonly instanceUrl = null;
  request<R>(request: Parameters<Transport['request']>[0]): PromiseLike<R> {
    return this.current.request<R>(request);
  }
}

describe('a sync in Chromium without network', function () {
  this.timeout(60000);

  it("classifies Chromium's fetch error as offline and retries within the backoff", async () => {
    const port = await executeServerCommand<number, undefined>('closed-port');
    const session = await new ApiClient().session();
    const user = session.users.filter((u) => u.id !== session.connectedUser.id).at(-1)!;
    const offline = createProxyTransport({ baseUrl: `http://127.0.0.1:${port}` });
    const transport = new SwitchableTransport(offline);
    const timer = new FakeTimer();
    let now = Date.now();
    const engine = new SyncEngine({
      transport,
      store: new MemoryStore(),
      plan: makeStore().plan!,
      userId: user.id,
      clock: { now: () => now },
      timer,
    });
    const fire = async (): Promise<{ summary: SyncSummary; delay: number | undefined }> => {
      const armed = timer.pending.shift();
      if (!armed) throw new Error('no timer armed');
      now += armed.ms;
      const done = new Promise<SyncSummary>((resolve) => {
        const off = engine.on('summary', (summary) => {
          off();
          resolve(summary);
        });
      });
      armed.callback();
      const summary = await done;
      await new Promise((resolve) => setTimeout(resolve, 0)); // the scheduler re-arms
      return { summary, delay: timer.pending[0]?.ms };
    };

    // The error a real refused fetch gives in this browser.
    let raw: unknown;
    await fetch(`http://127.0.0.1:${port}/api/org/request`, { method: 'POST' }).catch((e: unknown) => {
      raw = e;
    });
    expect(String(raw)).to.equal('TypeError: Failed to fetch');

    engine.start();
    const failed = await fire();
    expect(failed.summary.ok).to.equal(false);
    expect(failed.summary.failure).to.equal('offline');
    expect(failed.summary.apiCalls).to.equal(0);
    expect(failed.summary.error).to.equal('composite request failed: TypeError: Failed to fetch');
    // The first backoff step, not the plan's 30 minutes.
    expect(failed.delay).to.equal(backoffDelay(1));
    expect(failed.summary.nextSyncAt).to.equal(now + backoffDelay(1));

    // Still offline: the next step doubles.
    const again = await fire();
    expect(again.summary.failure).to.equal('offline');
    expect(again.delay).to.equal(backoffDelay(2));

    // The network is back: the retry the scheduler armed succeeds.
    transport.current = createProxyTransport();
    const retried = await fire();
    expect(retried.summary.ok).to.equal(true);
    expect(retried.summary.failure).to.equal(undefined);
    expect(retried.summary.apiCalls).to.be.greaterThan(0);
    expect(engine.records('WorkOrder').length).to.be.greaterThan(0);
    engine.stop();
  });
});
