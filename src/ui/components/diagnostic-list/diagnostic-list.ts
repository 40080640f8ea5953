import DiagnosticList from './diagnostic-list.component.ts';

export { DiagnosticList };
if (!customElements.get('ss-diagnostic-list')) customElements.define('ss-diagnostic-list', DiagnosticList);

declare global {
  interface HTMLElementTagNameMap {
    'ss-diagnostic-list': DiagnosticList;
  }
}
