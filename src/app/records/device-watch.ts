/**
 * A reactive controller that keeps a record screen subscribed to its device's events (a sync storing a
 * page, a local edit, a sync starting or ending), re-subscribing when the host gets another device.
 */

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DeviceClient, DeviceEvent } from '../device/device-client.ts';

export class DeviceWatch implements ReactiveController {
  #device: DeviceClient | undefined;
  #unsubscribe: (() => void) | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly device: () => DeviceClient | undefined,
    private readonly onEvent: (event: DeviceEvent) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#follow();
  }

  hostUpdated(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#device = undefined;
  }

  #follow(): void {
    const device = this.#connected ? this.device() : undefined;
    if (device === this.#device) return;
    this.#unsubscribe?.();
    this.#device = device;
    this.#unsubscribe = device?.subscribe((event) => this.onEvent(event));
  }
}

/** True when a 'changed' event concerns `objects` (an event naming no object concerns every screen). */
export function concerns(event: DeviceEvent, objects: readonly string[]): boolean {
  return (
    event.type === 'changed' && (event.objects.length === 0 || event.objects.some((o) => objects.includes(o)))
  );
}
