import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .summary {
    display: flex;
    gap: var(--ss-space-2);
    align-items: center;
    margin-bottom: var(--ss-space-2);
  }
  h2 {
    margin: 0;
    font-size: var(--slds-g-font-scale-1, 0.875rem);
    font-weight: 700;
  }
  .toggle {
    border: 1px solid transparent;
    cursor: pointer;
    font-family: inherit;
  }
  .toggle[aria-pressed='false'] {
    border-color: var(--ss-border);
    background: var(--ss-surface);
    color: var(--ss-text-weak);
    text-decoration: line-through;
  }
  .summary .toggle:focus-visible {
    outline: 2px solid var(--ss-brand);
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  li + li {
    border-top: 1px solid var(--ss-surface-alt);
  }
  li button {
    display: grid;
    grid-template-columns: 4.5rem 1fr;
    gap: var(--ss-space-2);
    width: 100%;
    padding: var(--ss-space-1) var(--ss-space-2);
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    text-align: left;
    cursor: pointer;
  }
  li button:hover,
  li button:focus-visible {
    background: var(--ss-brand-light);
    outline: none;
  }
  li button .badge {
    align-self: start;
    justify-self: start;
  }
  .where {
    display: block;
    color: var(--ss-brand-dark);
    font-family: var(--ss-mono);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
  }
  .code {
    font-family: var(--ss-mono);
    font-weight: 700;
  }
  .ok {
    color: var(--ss-success);
  }
`;
