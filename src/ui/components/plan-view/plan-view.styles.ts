import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .stale {
    margin-bottom: var(--ss-space-3);
  }
  details {
    border: 1px solid var(--ss-border);
    border-radius: var(--ss-radius);
    margin-bottom: var(--ss-space-2);
    background: var(--ss-surface);
  }
  summary {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ss-space-2);
    padding: var(--ss-space-2) var(--ss-space-3);
    cursor: pointer;
    font-weight: 700;
  }
  .body {
    padding: 0 var(--ss-space-3) var(--ss-space-3);
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--ss-space-1) var(--ss-space-3);
    margin: 0 0 var(--ss-space-2);
  }
  dt {
    color: var(--ss-text-weak);
  }
  dd {
    margin: 0;
  }
  .template {
    margin-top: var(--ss-space-2);
  }
  .template-head {
    display: flex;
    align-items: center;
    gap: var(--ss-space-2);
  }
  .template-head h4 {
    margin: 0;
    font-size: var(--slds-g-font-scale-1, 0.875rem);
  }
  pre {
    margin: var(--ss-space-1) 0 0;
    padding: var(--ss-space-2) var(--ss-space-3);
    background: #032d60;
    color: #fff;
    border-radius: var(--ss-radius);
    font-family: var(--ss-mono);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
    line-height: 1.5;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;
