/**
 * The simulator runs the field app's device, scheduler included: with "Run scheduled syncs" on, a sync
 * that falls due runs by itself and the simulator shows it as it shows Sync now (progress, summary,
 * history naming what started it). Time is injected into the device (a timer the test fires, a clock it
 * moves), as in test/runtime/scheduler.test.ts; the org is the embedded demo org behind a real config
 * server (see web-test-runner.config.js).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemoryDevice } from '../../src/app/device/create-memory-device.ts';
import { localSyncLock } from '../../src/app/device/sync-lock.ts';
import type { Timer, Transport } from '../../src/runtime/index.ts';
import '../../src/ui/components/device-simulator/device-simulator.ts';
import type { DeviceSimulator } from '../../src/ui/components/device-simulator/device-simulator.ts';
import { ApiClient } from '../../src/ui/api-client.ts';
import { deep, deepAll, makeStore, shadow } from './fixtures.ts';

const api = new ApiClient();

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

async function technicianId(): Promise<string> {
  const session = await api.session();
  return session.users.filter((u) => u.id !== session.connectedUser.id).at(-1)!.id;
}

async function summaryShown(el: DeviceSimulator): Promise<void> {
  await waitUntil(() => el.shadowRoot!.querySelector('[data-summary]'), 'no summary', { timeout: 60000 });
  await el.updateComplete;
}

function historyTriggers(el: DeviceSimulator): string[] {
  return deepAll(el, 'table[aria-label="Sync history"] tbody tr td:nth-child(2)').map((td) =>
    td.textContent!.trim(),
  );
}

describe('ss-device-simulator: scheduled syncs', function () {
  this.timeout(90000);

  it('with "Run scheduled syncs" on, a due sync runs by itself and shows like Sync now', async () => {
    const timer = new FakeTimer();
    let now = Date.now();
    const clock = { now: () => now };
    const el = await fixture<DeviceSimulator>(
      html`<ss-device-simulator
        .store=${makeStore()}
        .api=${api}
        .deviceFactory=${(transport: Transport) =>
          createMemoryDevice({ transport, lock: localSyncLock(), timer, clock })}
        user-id=${await technicianId()}
      ></ss-device-simulator>`,
    );
    shadow<HTMLButtonElement>(el, '.toolbar button.brand').click();
    await summaryShown(el);
    expect(el.summary!.ok).to.equal(true);
    const due = el.summary!.nextSyncAt!;
    // Off by default: nothing armed.
    expect(timer.pending).to.deep.equal([]);

    const schedule = deep<HTMLInputElement>(el, '.toolbar input[type="checkbox"]');
    schedule.click();
    await el.updateComplete;
    expect(el.runSchedule).to.equal(true);
    expect(timer.pending.map((p) => p.ms)).to.deep.equal([due - now]);

    // The clock reaches the due time and the timer fires: the device syncs by itself.
    const armed = timer.pending.shift()!;
    now += armed.ms;
    // The simulator subscribed before this listener: it has seen the start when this one does.
    const started = new Promise<string>((resolve) => {
      const off = el.device!.subscribe((event) => {
        if (event.type !== 'syncStarted') return;
        off();
        resolve(event.trigger);
      });
    });
    armed.callback();
    expect(await started).to.equal('schedule');
    expect(el.syncing).to.equal(true);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-summary]')).to.equal(null);
    expect(shadow(el, '.progress').dataset['state']).to.equal('syncing');
    await summaryShown(el);
    expect(el.summary!.ok).to.equal(true);
    expect(el.summary!.trigger).to.equal('scheduled');
    expect(shadow(el, '.progress').dataset['state']).to.equal('done');
    expect(historyTriggers(el)).to.deep.equal(['Schedule', 'Sync now (menu)']);
    // Re-armed for the next due time.
    expect(timer.pending.map((p) => p.ms)).to.deep.equal([el.summary!.nextSyncAt! - now]);

    // Off again: the timer is cleared.
    schedule.click();
    await el.updateComplete;
    expect(timer.pending).to.deep.equal([]);
  });
});
