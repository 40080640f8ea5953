import SimulatorOutbox from './simulator-outbox.component.ts';

export { SimulatorOutbox };
if (!customElements.get('ss-simulator-outbox')) customElements.define('ss-simulator-outbox', SimulatorOutbox);

declare global {
  interface HTMLElementTagNameMap {
    'ss-simulator-outbox': SimulatorOutbox;
  }
}
