import FieldPicker from './field-picker.component.ts';

export { FieldPicker };
if (!customElements.get('ss-field-picker')) customElements.define('ss-field-picker', FieldPicker);

declare global {
  interface HTMLElementTagNameMap {
    'ss-field-picker': FieldPicker;
  }
}
