import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ss-space-3);
    align-items: end;
    margin-bottom: var(--ss-space-3);
  }
  .controls > div {
    width: 9rem;
  }
  .totals {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
    gap: var(--ss-space-2);
    margin: var(--ss-space-3) 0;
  }
  .stat {
    padding: var(--ss-space-2) var(--ss-space-3);
    border: 1px solid var(--ss-border);
    border-radius: var(--ss-radius);
  }
  .stat .value {
    display: block;
    font-size: var(--slds-g-font-scale-4, 1.25rem);
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .stat .name {
    color: var(--ss-text-weak);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
  }
  .stale {
    margin: 0 0 var(--ss-space-2);
  }
  details {
    margin-top: var(--ss-space-1);
  }
  .sample {
    overflow: auto;
    max-width: 100%;
  }
  .paths {
    margin: 0;
    padding: 0;
    list-style: none;
    color: var(--ss-text-weak);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
  }
`;
