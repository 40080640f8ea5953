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
    font-size: var(--slds-g-font-scale-1, 0.875rem);
    line-height: 1.5;
    letter-spacing: normal;
    white-space: pre-wrap;
    overflow-wrap: break-word;
    word-break: normal;
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
    background: rgba(234, 0, 30, 0.12);
    text-decoration: underline wavy var(--ss-error);
    text-decoration-skip-ink: none;
    text-underline-offset: 3px;
  }
  textarea {
    position: relative;
    display: block;
    min-height: 4.5rem;
    border-color: var(--ss-border-strong);
    border-radius: var(--ss-radius);
    background: transparent;
    color: var(--ss-text);
    resize: vertical;
  }
  [role='listbox'] {
    position: absolute;
    z-index: 5;
    left: 0;
    top: 100%;
    min-width: 16rem;
    max-height: 14rem;
    overflow: auto;
    margin: 2px 0 0;
    padding: var(--ss-space-1) 0;
    list-style: none;
    background: var(--ss-surface);
    border: 1px solid var(--ss-border);
    border-radius: var(--ss-radius);
    box-shadow: 0 2px 3px rgba(0, 0, 0, 0.16);
  }
  [role='listbox'][hidden] {
    display: none;
  }
  [role='option'] {
    display: flex;
    justify-content: space-between;
    gap: var(--ss-space-3);
    padding: var(--ss-space-1) var(--ss-space-3);
    cursor: pointer;
    font-family: var(--ss-mono);
  }
  [role='option'][aria-selected='true'] {
    background: var(--ss-brand-light);
    box-shadow: inset 3px 0 0 var(--ss-brand);
  }
  [role='option'] .detail {
    color: var(--ss-text-weak);
    font-family: var(--ss-font);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
  }
  .hints {
    margin-top: var(--ss-space-1);
    color: var(--ss-text-weak);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
  }
  .hints code {
    font-family: var(--ss-mono);
  }
`;
