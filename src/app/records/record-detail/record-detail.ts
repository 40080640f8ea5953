import RecordDetail from './record-detail.component.ts';

export { RecordDetail };
if (!customElements.get('ss-record-detail')) customElements.define('ss-record-detail', RecordDetail);

declare global {
  interface HTMLElementTagNameMap {
    'ss-record-detail': RecordDetail;
  }
}
