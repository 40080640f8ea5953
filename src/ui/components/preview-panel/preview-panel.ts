import PreviewPanel from './preview-panel.component.ts';

export { PreviewPanel };
if (!customElements.get('ss-preview-panel')) customElements.define('ss-preview-panel', PreviewPanel);

declare global {
  interface HTMLElementTagNameMap {
    'ss-preview-panel': PreviewPanel;
  }
}
