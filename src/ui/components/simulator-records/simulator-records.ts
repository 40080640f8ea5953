import SimulatorRecords from './simulator-records.component.ts';

export { SimulatorRecords };
if (!customElements.get('ss-simulator-records'))
  customElements.define('ss-simulator-records', SimulatorRecords);

declare global {
  interface HTMLElementTagNameMap {
    'ss-simulator-records': SimulatorRecords;
  }
}
