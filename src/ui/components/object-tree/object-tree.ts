import ObjectTree from './object-tree.component.ts';

export { ObjectTree };
if (!customElements.get('ss-object-tree')) customElements.define('ss-object-tree', ObjectTree);

declare global {
  interface HTMLElementTagNameMap {
    'ss-object-tree': ObjectTree;
  }
}
