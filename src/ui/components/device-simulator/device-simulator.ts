import DeviceSimulator from './device-simulator.component.ts';

export { DeviceSimulator };
if (!customElements.get('ss-device-simulator')) customElements.define('ss-device-simulator', DeviceSimulator);

declare global {
  interface HTMLElementTagNameMap {
    'ss-device-simulator': DeviceSimulator;
  }
}
