import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .banner {
    display: flex;
    align-items: flex-start;
    gap: var(--ss-space-2);
    padding: var(--ss-space-2) var(--ss-space-2) var(--ss-space-2) var(--ss-space-4);
    border-bottom: 1px solid var(--ss-border);
  }
  .banner.ok {
    background: #ebf7e6;
    border-left: 4px solid var(--ss-success);
  }
  .banner.failed {
    background: #fef1ee;
    border-left: 4px solid var(--ss-error);
  }
  p {
    flex: 1;
    min-width: 0;
    margin: var(--ss-space-2) 0;
    font-size: 0.9375rem;
    overflow-wrap: anywhere;
  }
  .close {
    flex: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: var(--ss-touch);
    height: var(--ss-touch);
    border: 0;
    background: transparent;
    color: var(--ss-text-weak);
    cursor: pointer;
  }
  .close:focus-visible {
    outline: 2px solid var(--ss-brand);
  }
`;
