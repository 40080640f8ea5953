import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  form {
    display: grid;
    gap: var(--ss-space-2);
    max-width: 40rem;
    margin-bottom: var(--ss-space-4);
  }
  form .row {
    display: flex;
    gap: var(--ss-space-2);
    align-items: center;
  }
  .drafts {
    list-style: none;
    padding: 0;
    display: grid;
    gap: var(--ss-space-2);
  }
  .drafts li {
    display: flex;
    gap: var(--ss-space-2);
    align-items: center;
  }
`;
