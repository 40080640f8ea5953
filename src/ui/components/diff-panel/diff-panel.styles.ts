import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .gain {
    color: var(--ss-success);
  }
  .loss {
    color: var(--ss-error);
  }
  .ids {
    font-family: var(--ss-mono);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
    color: var(--ss-text-weak);
  }
`;
