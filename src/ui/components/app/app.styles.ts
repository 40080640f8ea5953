import { css } from 'lit';

export default css`
  :host {
    display: grid;
    grid-template-rows: auto 1fr auto;
    height: 100vh;
    background: var(--slds-g-color-neutral-base-95, #f3f3f3);
  }
  .main {
    display: grid;
    grid-template-columns: minmax(15rem, 18rem) minmax(0, 1fr) minmax(16rem, 22rem);
    gap: var(--ss-space-3);
    padding: var(--ss-space-3);
    min-height: 0;
  }
  .column {
    min-height: 0;
    overflow: auto;
  }
  [role='tablist'] {
    display: flex;
    gap: var(--ss-space-1);
    border-bottom: 1px solid var(--ss-border);
    margin: calc(-1 * var(--ss-space-3)) calc(-1 * var(--ss-space-4)) var(--ss-space-3);
    padding: 0 var(--ss-space-4);
    overflow-x: auto;
  }
  [role='tab'] {
    padding: var(--ss-space-3) var(--ss-space-3);
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    color: var(--ss-text);
    font: inherit;
    cursor: pointer;
    white-space: nowrap;
  }
  [role='tab']:hover {
    border-bottom-color: var(--ss-border);
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: var(--ss-brand);
    font-weight: 700;
  }
  [role='tab']:focus-visible {
    outline: 2px solid var(--ss-brand);
    outline-offset: -2px;
  }
  .user-bar {
    display: flex;
    align-items: end;
    gap: var(--ss-space-3);
    margin-bottom: var(--ss-space-3);
  }
  .user-bar > div {
    width: 20rem;
  }
  footer {
    display: flex;
    gap: var(--ss-space-4);
    padding: var(--ss-space-1) var(--ss-space-4);
    border-top: 1px solid var(--ss-border);
    background: var(--ss-surface);
    color: var(--ss-text-weak);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
  }
  .notices {
    position: fixed;
    top: var(--ss-space-4);
    left: 50%;
    transform: translateX(-50%);
    display: grid;
    gap: var(--ss-space-2);
    z-index: 10;
  }
  .notice {
    padding: var(--ss-space-2) var(--ss-space-4);
    border-radius: var(--ss-radius);
    background: #444;
    color: #fff;
    box-shadow: 0 2px 3px rgba(0, 0, 0, 0.16);
  }
  .notice.success {
    background: var(--ss-success);
  }
  .notice.error {
    background: var(--ss-error);
  }
`;
