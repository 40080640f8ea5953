import ParameterEditor from './parameter-editor.component.ts';

export { ParameterEditor };
if (!customElements.get('ss-parameter-editor')) customElements.define('ss-parameter-editor', ParameterEditor);

declare global {
  interface HTMLElementTagNameMap {
    'ss-parameter-editor': ParameterEditor;
  }
}
