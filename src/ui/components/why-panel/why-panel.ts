import WhyPanel from './why-panel.component.ts';

export { WhyPanel };
if (!customElements.get('ss-why-panel')) customElements.define('ss-why-panel', WhyPanel);

declare global {
  interface HTMLElementTagNameMap {
    'ss-why-panel': WhyPanel;
  }
}
