import ObjectEditor from './object-editor.component.ts';

export { ObjectEditor };
if (!customElements.get('ss-object-editor')) customElements.define('ss-object-editor', ObjectEditor);

declare global {
  interface HTMLElementTagNameMap {
    'ss-object-editor': ObjectEditor;
  }
}
