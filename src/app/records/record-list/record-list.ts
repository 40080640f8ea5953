import RecordList from './record-list.component.ts';

export { RecordList };
if (!customElements.get('ss-record-list')) customElements.define('ss-record-list', RecordList);

declare global {
  interface HTMLElementTagNameMap {
    'ss-record-list': RecordList;
  }
}
