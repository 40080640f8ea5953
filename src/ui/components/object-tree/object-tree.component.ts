import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { SObjectSummary } from '../../../org/api-types.ts';
import { SelectObjectEvent } from '../../events/events.ts';
import { addObject, objectsOf } from '../../state/scope-edits.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { scopeTree } from '../../state/scope-tree.ts';
import type { TreeNode } from '../../state/scope-tree.ts';
import { StoreController } from '../../state/store-controller.ts';
import { ariaInvalid, diagnosticHelp } from '../../styles/diagnostic-help.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import styles from './object-tree.styles.ts';

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * @summary The scope's objects as a tree (roots, then the objects their paths bring in), with an
 * "add object" picker. Arrow keys move, Enter selects.
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 *
 * @event ss-select-object - A user selected an object (click, Enter, or after adding it).
 */
export default class ObjectTree extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;
  /** The object shown in the editor. */
  @property() accessor selected = '';
  /** The org's objects, offered by the "add object" picker. */
  @property({ attribute: false }) accessor available: readonly SObjectSummary[] = [];

  @state() accessor newName = '';

  constructor() {
    super();
    new StoreController(this);
  }

  #items(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role="treeitem"]')];
  }

  private handleItemClick(event: Event): void {
    event.stopPropagation();
    const name = (event.currentTarget as HTMLElement).closest<HTMLElement>('[role="treeitem"]')?.dataset[
      'name'
    ];
    if (name) this.dispatchEvent(new SelectObjectEvent(name));
  }

  private handleTreeKeydown(event: KeyboardEvent): void {
    const items = this.#items();
    const current = items.indexOf(event.composedPath()[0] as HTMLElement);
    if (current < 0) return;
    let next = current;
    if (event.key === 'ArrowDown') next = Math.min(items.length - 1, current + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, current - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = items.length - 1;
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const name = items[current]?.dataset['name'];
      if (name) this.dispatchEvent(new SelectObjectEvent(name));
      return;
    } else return;
    event.preventDefault();
    for (const [i, item] of items.entries()) item.tabIndex = i === next ? 0 : -1;
    items[next]?.focus();
  }

  private handleNewNameInput(event: Event): void {
    this.newName = (event.target as HTMLInputElement).value;
  }

  private handleNewNameKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      this.handleAddClick();
    }
  }

  private handleAddClick(): void {
    const name = this.newName.trim();
    if (!NAME.test(name) || !this.store) return;
    // Take the org's spelling when the admin typed another case.
    const known = this.available.find((o) => o.name.toLowerCase() === name.toLowerCase())?.name ?? name;
    this.store.edit((s) => addObject(s, known));
    this.newName = '';
    this.dispatchEvent(new SelectObjectEvent(known));
  }

  /**
   * One tree item. The tree is rendered flat (hierarchy by aria-level, aria-setsize and aria-posinset),
   * so each item's accessible name is its own text only, not its descendants'.
   */
  #renderItem(node: TreeNode, level: number, position: number, siblings: number, tabbable: string): unknown {
    const store = this.store!;
    const diagnostics = store.diagnosticsOfObject(node.name);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    const via = node.via
      ? node.via.kind === 'childOf'
        ? `child via ${node.via.field}`
        : `referenced by .${node.via.field}`
      : node.unattached
        ? 'unattached'
        : 'root';
    return html`<li
      role="treeitem"
      data-name=${node.name}
      aria-level=${level}
      aria-setsize=${siblings}
      aria-posinset=${position}
      aria-selected=${node.name === this.selected ? 'true' : 'false'}
      aria-expanded=${node.children.length ? 'true' : nothing}
      tabindex=${tabbable === `${node.name}@${level}` ? '0' : '-1'}
      style=${`--level:${level - 1}`}
      @click=${this.handleItemClick}
    >
      <span class="name">${node.name}</span>
      <span class="via">${via}</span>
      <span class="spacer"></span>
      ${errors ? html`<span class="badge error" title="errors">${errors}<span class="assistive-text"> errors</span></span>` : nothing}
      ${
        warnings
          ? html`<span class="badge warning" title="warnings"
              >${warnings}<span class="assistive-text"> warnings</span></span
            >`
          : nothing
      }
    </li>`;
  }

  #renderLevel(nodes: readonly TreeNode[], level: number, tabbable: string): unknown[] {
    return nodes.flatMap((n, i) => [
      this.#renderItem(n, level, i + 1, nodes.length, tabbable),
      ...this.#renderLevel(n.children, level + 1, tabbable),
    ]);
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    const tree = scopeTree(store.scope);
    const inScope = new Set(Object.keys(objectsOf(store.scope)));
    const offered = this.available.filter((o) => !inScope.has(o.name));
    const addDiagnostics = store.diagnosticsAt('/objects');
    const firstSelected = tree.find((n) => n.name === this.selected)
      ? `${this.selected}@1`
      : tree[0]
        ? `${tree[0].name}@1`
        : '';
    const canAdd = NAME.test(this.newName.trim()) && !inScope.has(this.newName.trim());
    return html`
      <div class="add">
        <div>
          <label class="label" for="new-object">Add an object</label>
          <input
            id="new-object"
            class="input mono"
            list="org-objects"
            autocomplete="off"
            placeholder="API name, e.g. Case"
            data-pointer="/objects"
            aria-invalid=${ariaInvalid(addDiagnostics)}
            aria-describedby=${addDiagnostics.length ? 'objects-help' : nothing}
            .value=${live(this.newName)}
            @input=${this.handleNewNameInput}
            @keydown=${this.handleNewNameKeydown}
          />
          <datalist id="org-objects">
            ${offered.map((o) => html`<option value=${o.name}>${o.label}</option>`)}
          </datalist>
        </div>
        <button type="button" class="button" ?disabled=${!canAdd} @click=${this.handleAddClick}>Add</button>
      </div>
      ${diagnosticHelp('objects-help', addDiagnostics)}
      <h2 id="tree-title">Objects (${inScope.size})</h2>
      <ul role="tree" aria-labelledby="tree-title" @keydown=${this.handleTreeKeydown}>
        ${this.#renderLevel(tree, 1, firstSelected)}
      </ul>
    `;
  }
}
