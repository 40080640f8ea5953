import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .pills {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ss-space-1);
    margin: var(--ss-space-2) 0;
    padding: 0;
    list-style: none;
  }
  .pill {
    display: inline-flex;
    align-items: center;
    gap: var(--ss-space-1);
    padding: 0 0 0 var(--ss-space-2);
    border: 1px solid var(--ss-border);
    border-radius: var(--ss-radius);
    background: var(--ss-surface);
    font-family: var(--ss-mono);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
    line-height: 1.5rem;
  }
  .pill.invalid {
    border-color: var(--ss-error);
    color: var(--ss-error);
  }
  .pill button {
    border: 0;
    background: none;
    color: var(--ss-text-weak);
    cursor: pointer;
    font: inherit;
    padding: 0 var(--ss-space-2);
  }
  .pill button:hover {
    color: var(--ss-error);
  }
  .options {
    max-height: 14rem;
    overflow: auto;
    margin: var(--ss-space-1) 0 0;
    padding: 0;
    border: 1px solid var(--ss-border);
    border-radius: var(--ss-radius);
    list-style: none;
  }
  .options li {
    border-bottom: 1px solid var(--ss-surface-alt);
  }
  .options label {
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: var(--ss-space-2);
    padding: var(--ss-space-1) var(--ss-space-2);
    cursor: pointer;
  }
  .options label:hover {
    background: var(--ss-brand-light);
  }
  .api-name {
    font-family: var(--ss-mono);
    color: var(--ss-text-weak);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
  }
  .type {
    display: flex;
    gap: var(--ss-space-1);
    align-items: center;
  }
  .ref {
    color: var(--ss-brand-dark);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
  }
  .empty {
    padding: var(--ss-space-2);
    color: var(--ss-text-weak);
  }
`;
