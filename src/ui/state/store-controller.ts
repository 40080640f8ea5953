import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ScopeStore } from './scope-store.ts';

/** Re-renders its host whenever the host's `store` changes; follows the host to a new store. */
export class StoreController implements ReactiveController {
  #subscribed: ScopeStore | undefined;
  readonly #onChange = (): void => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost & { store?: ScopeStore | undefined }) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
  }

  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#subscribed?.removeEventListener('scope-change', this.#onChange);
    this.#subscribed = undefined;
  }

  #follow(): void {
    const store = this.host.store;
    if (store === this.#subscribed) return;
    this.#subscribed?.removeEventListener('scope-change', this.#onChange);
    store?.addEventListener('scope-change', this.#onChange);
    this.#subscribed = store;
  }
}
