import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  header {
    display: flex;
    align-items: center;
    gap: var(--ss-space-3);
    margin-bottom: var(--ss-space-2);
  }
  h2 {
    margin: 0;
    font-size: var(--slds-g-font-scale-4, 1.25rem);
    font-weight: 700;
  }
  .label-text {
    color: var(--ss-text-weak);
  }
  header .spacer {
    flex: 1;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: var(--ss-space-3);
  }
  .empty {
    padding: var(--ss-space-4);
    color: var(--ss-text-weak);
  }
`;
