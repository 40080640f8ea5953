import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .add {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: var(--ss-space-2);
    align-items: end;
    margin-bottom: var(--ss-space-3);
  }
  h2 {
    margin: 0 0 var(--ss-space-2);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
    font-weight: 700;
    text-transform: uppercase;
    color: var(--ss-text-weak);
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [role='treeitem'] {
    display: flex;
    align-items: center;
    gap: var(--ss-space-2);
    padding: var(--ss-space-1) var(--ss-space-2);
    padding-left: calc(var(--ss-space-2) + var(--level, 0) * 1rem);
    border-radius: var(--ss-radius);
    cursor: pointer;
  }
  [role='treeitem']:hover {
    background: var(--ss-surface-alt);
  }
  [role='treeitem'][aria-selected='true'] {
    background: var(--ss-brand-light);
    box-shadow: inset 4px 0 0 var(--ss-brand);
  }
  [role='treeitem']:focus {
    outline: none;
  }
  [role='treeitem']:focus-visible {
    outline: 2px solid var(--ss-brand);
  }
  .name {
    font-weight: 700;
  }
  .via {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    min-width: 0;
    color: var(--ss-text-weak);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
    font-family: var(--ss-mono);
  }
  .spacer {
    flex: 1;
  }
`;
