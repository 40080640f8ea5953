import { css } from 'lit';

export default css`
  :host {
    display: block;
    background: var(--ss-surface);
    border-bottom: 1px solid var(--ss-border);
    box-shadow: 0 2px 2px rgba(0, 0, 0, 0.1);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--ss-space-3);
    padding: var(--ss-space-2) var(--ss-space-4);
  }
  .brand {
    display: flex;
    align-items: center;
    gap: var(--ss-space-2);
    align-self: center;
  }
  .logo {
    display: inline-grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    border-radius: var(--ss-radius);
    background: var(--ss-brand);
    color: #fff;
    font-weight: 700;
  }
  .brand h1 {
    margin: 0;
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
    font-weight: 400;
    color: var(--ss-text-weak);
    line-height: 1.2;
  }
  .brand h1 strong {
    display: block;
    color: var(--ss-text);
    font-size: var(--slds-g-font-scale-3, 1.125rem);
  }
  .name {
    min-width: 14rem;
  }
  .small-field {
    width: 8rem;
  }
  .actions {
    display: flex;
    gap: var(--ss-space-1);
    margin-left: auto;
  }
  .file-input {
    display: none;
  }
  .help {
    max-width: 16rem;
  }
`;
