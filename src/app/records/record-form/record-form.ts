import RecordForm from './record-form.component.ts';

export { RecordForm };
if (!customElements.get('ss-record-form')) customElements.define('ss-record-form', RecordForm);

declare global {
  interface HTMLElementTagNameMap {
    'ss-record-form': RecordForm;
  }
}
