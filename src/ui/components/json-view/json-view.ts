import JsonView from './json-view.component.ts';

export { JsonView };
if (!customElements.get('ss-json-view')) customElements.define('ss-json-view', JsonView);

declare global {
  interface HTMLElementTagNameMap {
    'ss-json-view': JsonView;
  }
}
