import SimulatorHistory from './simulator-history.component.ts';

export { SimulatorHistory };
if (!customElements.get('ss-simulator-history'))
  customElements.define('ss-simulator-history', SimulatorHistory);

declare global {
  interface HTMLElementTagNameMap {
    'ss-simulator-history': SimulatorHistory;
  }
}
