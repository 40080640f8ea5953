import WhereEditor from './where-editor.component.ts';

export { WhereEditor };
if (!customElements.get('ss-where-editor')) customElements.define('ss-where-editor', WhereEditor);

declare global {
  interface HTMLElementTagNameMap {
    'ss-where-editor': WhereEditor;
  }
}
