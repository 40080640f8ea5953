import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .ok {
    color: var(--ss-success);
    font-weight: 700;
  }
  .failed {
    color: var(--ss-error);
    font-weight: 700;
  }
`;
