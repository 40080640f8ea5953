import DiffPanel from './diff-panel.component.ts';

export { DiffPanel };
if (!customElements.get('ss-diff-panel')) customElements.define('ss-diff-panel', DiffPanel);

declare global {
  interface HTMLElementTagNameMap {
    'ss-diff-panel': DiffPanel;
  }
}
