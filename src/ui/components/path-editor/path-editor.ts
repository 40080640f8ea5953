import PathEditor from './path-editor.component.ts';

export { PathEditor };
if (!customElements.get('ss-path-editor')) customElements.define('ss-path-editor', PathEditor);

declare global {
  interface HTMLElementTagNameMap {
    'ss-path-editor': PathEditor;
  }
}
