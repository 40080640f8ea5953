import PublishPanel from './publish-panel.component.ts';

export { PublishPanel };
if (!customElements.get('ss-publish-panel')) customElements.define('ss-publish-panel', PublishPanel);

declare global {
  interface HTMLElementTagNameMap {
    'ss-publish-panel': PublishPanel;
  }
}
