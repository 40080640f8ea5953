import ScopeHeader from './scope-header.component.ts';

export { ScopeHeader };
if (!customElements.get('ss-scope-header')) customElements.define('ss-scope-header', ScopeHeader);

declare global {
  interface HTMLElementTagNameMap {
    'ss-scope-header': ScopeHeader;
  }
}
