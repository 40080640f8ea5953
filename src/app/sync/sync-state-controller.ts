/** Re-renders a Lit host whenever the app's SyncState changes (header, menu, banners, Settings). */

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SyncSnapshot, SyncState } from './sync-state.ts';

export class SyncStateController implements ReactiveController {
  #state: SyncState | undefined;
  readonly #onChange = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Follows another state (the host's `syncState` property changed). */
  set state(state: SyncState | undefined) {
    if (state === this.#state) return;
    this.#state?.removeEventListener('change', this.#onChange);
    this.#state = state;
    this.#state?.addEventListener('change', this.#onChange);
    this.host.requestUpdate();
  }

  get snapshot(): SyncSnapshot | undefined {
    return this.#state?.snapshot;
  }

  hostConnected(): void {
    this.#state?.addEventListener('change', this.#onChange);
  }

  hostDisconnected(): void {
    this.#state?.removeEventListener('change', this.#onChange);
  }
}
