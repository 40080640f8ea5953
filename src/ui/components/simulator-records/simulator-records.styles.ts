import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .edit {
    display: grid;
    grid-template-columns: 1fr 1fr auto;
    gap: var(--ss-space-2);
    align-items: end;
    margin-top: var(--ss-space-2);
  }
  .records {
    max-height: 18rem;
    overflow: auto;
  }
`;
