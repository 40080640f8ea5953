import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .editor {
    position: relative;
  }
  .backdrop,
  textarea {
    box-sizing: border-box;
    width: 100%;
    margin: 0;
    padding: var(--ss-space-2) var(--ss-space-3);
    border: 1px solid transparent;
    font-family: var(--ss-mono);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
    line-height: 1.5;
    white-space: pre-wrap;
    overflow-wrap: break-word;
    tab-size: 2;
  }
  .backdrop {
    position: absolute;
    inset: 0;
    overflow: hidden;
    color: transparent;
    pointer-events: none;
  }
  .backdrop mark {
    color: transparent;
    background: rgba(234, 0, 30, 0.1);
    text-decoration: underline wavy var(--ss-error);
    text-decoration-skip-ink: none;
  }
  textarea {
    position: relative;
    display: block;
    height: 32rem;
    border-color: var(--ss-border-strong);
    border-radius: var(--ss-radius);
    background: transparent;
    color: var(--ss-text);
    resize: vertical;
  }
  .problems {
    margin: var(--ss-space-2) 0 0;
    padding: 0;
    list-style: none;
  }
  .problems button {
    border: 0;
    background: none;
    padding: var(--ss-space-1) 0;
    color: inherit;
    font: inherit;
    text-align: left;
    cursor: pointer;
  }
  .problems button:hover,
  .problems button:focus-visible {
    text-decoration: underline;
  }
  .problems .error {
    color: var(--ss-error);
  }
  .problems .warning {
    color: var(--ss-warning);
  }
  .status {
    margin: 0 0 var(--ss-space-2);
  }
`;
