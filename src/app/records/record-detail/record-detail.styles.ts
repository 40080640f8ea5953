import { css } from 'lit';

export default css`
  header {
    display: grid;
    gap: var(--ss-space-2);
    padding: var(--ss-space-3) var(--ss-space-4);
    border-bottom: 1px solid var(--ss-border);
  }
  .object-label {
    margin: 0;
    color: var(--ss-text-weak);
    font-size: 0.875rem;
  }
  section {
    padding: var(--ss-space-3) var(--ss-space-4);
  }
  section > h3 {
    margin-bottom: var(--ss-space-2);
  }
  dl {
    display: grid;
    grid-template-columns: 1fr;
    gap: var(--ss-space-2) var(--ss-space-4);
    margin: 0;
  }
  @media (min-width: 40rem) {
    dl {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
  .field {
    min-width: 0;
    padding-bottom: var(--ss-space-1);
    border-bottom: 1px solid var(--ss-border);
  }
  dt {
    color: var(--ss-text-weak);
    font-size: 0.875rem;
  }
  dd {
    margin: 0;
    min-height: 1.5rem;
    white-space: pre-wrap;
  }
  .link {
    display: inline-flex;
    align-items: center;
    min-height: var(--ss-touch, 44px);
    padding: 0;
    border: 0;
    background: none;
    color: var(--ss-brand-dark);
    font: inherit;
    text-align: left;
    text-decoration: underline;
    cursor: pointer;
    /* dd keeps its text's line breaks; the template's own around the title must not show (underlined). */
    white-space: normal;
  }
  .link:focus-visible {
    outline: 2px solid var(--ss-brand);
    outline-offset: 2px;
  }
  .related {
    margin-top: var(--ss-space-3);
    border: 1px solid var(--ss-border);
    border-radius: var(--ss-radius);
  }
  .related-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ss-space-2);
    padding: var(--ss-space-2) var(--ss-space-4);
    background: var(--ss-surface-alt);
  }
  .related-head h4 {
    flex: 1;
    margin: 0;
    font-size: 1rem;
  }
`;
