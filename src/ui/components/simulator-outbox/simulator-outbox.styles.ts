import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .failed {
    color: var(--ss-error);
    font-weight: 700;
  }
`;
