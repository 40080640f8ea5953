import { css } from 'lit';

export default css`
  .conflict {
    margin: var(--ss-space-3) var(--ss-space-4);
    border: 1px solid var(--ss-error);
    border-radius: var(--ss-radius);
    padding: var(--ss-space-3);
    display: grid;
    gap: var(--ss-space-3);
  }
  .conflict p {
    margin: 0;
  }
  fieldset {
    margin: 0;
    padding: var(--ss-space-2) 0 0;
    border: 0;
    border-top: 1px solid var(--ss-border);
    min-width: 0;
  }
  legend {
    padding: 0;
    font-weight: 700;
  }
  .choices {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: var(--ss-space-2);
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: var(--ss-space-2);
    min-height: var(--ss-touch, 44px);
    padding: var(--ss-space-2);
    border: 1px solid var(--ss-border);
    border-radius: var(--ss-radius);
    cursor: pointer;
  }
  .choice:has(input:checked) {
    border-color: var(--ss-brand);
    background: var(--ss-brand-light);
  }
  .choice input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.125rem 0 0;
    flex: none;
  }
  .which {
    display: block;
    font-size: 0.875rem;
    color: var(--ss-text-weak);
  }
  .value {
    display: block;
    min-width: 0;
  }
`;
