import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  h2 {
    margin: 0 0 var(--ss-space-2);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
    font-weight: 700;
    text-transform: uppercase;
    color: var(--ss-text-weak);
  }
  .row {
    display: grid;
    grid-template-columns: 1fr 6rem;
    gap: var(--ss-space-1);
    margin-bottom: var(--ss-space-2);
  }
  .row .wide {
    grid-column: 1 / -1;
    display: flex;
    gap: var(--ss-space-1);
  }
  .empty {
    color: var(--ss-text-weak);
    margin: 0 0 var(--ss-space-2);
  }
`;
