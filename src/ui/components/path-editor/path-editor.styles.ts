import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .kind {
    margin-bottom: var(--ss-space-3);
  }
  .kind-title {
    font-weight: 700;
    margin: 0 0 var(--ss-space-1);
    font-size: var(--slds-g-font-scale-1, 0.875rem);
  }
  .kind-help {
    margin: 0 0 var(--ss-space-2);
    color: var(--ss-text-weak);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
  }
  fieldset {
    border: 1px solid var(--ss-border);
    border-radius: var(--ss-radius);
    margin: 0 0 var(--ss-space-2);
    padding: var(--ss-space-2);
  }
  fieldset:focus {
    outline: 2px solid var(--ss-brand);
  }
  legend {
    padding: 0 var(--ss-space-1);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
    color: var(--ss-text-weak);
  }
  .row {
    display: grid;
    grid-template-columns: 1fr 1fr auto;
    gap: var(--ss-space-2);
    align-items: end;
  }
  .add {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: var(--ss-space-2);
    align-items: end;
  }
`;
