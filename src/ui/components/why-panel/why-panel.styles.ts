import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  form {
    display: flex;
    gap: var(--ss-space-3);
    align-items: end;
    margin-bottom: var(--ss-space-3);
  }
  form > div {
    width: 16rem;
  }
  .verdict {
    font-size: var(--slds-g-font-scale-2, 1rem);
  }
  .yes {
    color: var(--ss-success);
    font-weight: 700;
  }
  .no {
    color: var(--ss-error);
    font-weight: 700;
  }
  .link {
    border: 0;
    background: none;
    padding: 0;
    color: var(--ss-brand-dark);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
`;
