import ConflictResolver from './conflict-resolver.component.ts';

export { ConflictResolver };
if (!customElements.get('ss-conflict-resolver'))
  customElements.define('ss-conflict-resolver', ConflictResolver);

declare global {
  interface HTMLElementTagNameMap {
    'ss-conflict-resolver': ConflictResolver;
  }
}
