import { css } from 'lit';

export default css`
  form {
    display: grid;
    gap: var(--ss-space-3);
    padding: var(--ss-space-3) var(--ss-space-4);
  }
  @media (min-width: 40rem) {
    .fields {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
  .fields {
    display: grid;
    gap: var(--ss-space-3) var(--ss-space-4);
  }
  .control {
    min-width: 0;
  }
  .required {
    color: var(--ss-error);
    margin-right: 0.125rem;
  }
  textarea.input {
    min-height: 5.5rem;
    padding: var(--ss-space-2) var(--ss-space-3);
    resize: vertical;
  }
  select.input {
    appearance: auto;
  }
  .checkbox {
    display: flex;
    align-items: center;
    gap: var(--ss-space-2);
    min-height: var(--ss-touch, 44px);
  }
  .checkbox input {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
  }
  [aria-invalid='true'] {
    border-color: var(--ss-error);
    box-shadow: inset 0 0 0 1px var(--ss-error);
  }
  .field-error {
    margin: var(--ss-space-1) 0 0;
    color: var(--ss-error);
    font-size: 0.875rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--ss-space-2);
    position: sticky;
    bottom: 0;
    padding: var(--ss-space-2) 0;
    background: var(--ss-surface);
  }
`;
