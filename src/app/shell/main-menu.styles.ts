import { css } from 'lit';

export default css`
  :host {
    display: contents;
  }
  .scrim {
    position: fixed;
    inset: 0;
    z-index: 20;
    background: rgba(8, 7, 7, 0.4);
  }
  nav {
    position: fixed;
    z-index: 21;
    top: 0;
    bottom: 0;
    left: 0;
    display: flex;
    flex-direction: column;
    width: min(320px, 85vw);
    background: var(--ss-surface);
    box-shadow: 0 2px 12px rgba(0, 0, 0, 0.3);
  }
  .top {
    display: flex;
    align-items: center;
    justify-content: space-between;
    min-height: 56px;
    padding: 0 var(--ss-space-2) 0 var(--ss-space-4);
    background: var(--ss-header);
    color: #fff;
  }
  .top h2 {
    margin: 0;
    font-size: 1.125rem;
  }
  .who {
    margin: 0;
    padding: var(--ss-space-2) var(--ss-space-4);
    color: var(--ss-text-weak);
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .close {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: var(--ss-touch);
    height: var(--ss-touch);
    border: 0;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .close:focus-visible {
    outline: 2px solid #fff;
    outline-offset: -2px;
  }
  ul {
    flex: 1;
    overflow-y: auto;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  li a {
    display: flex;
    align-items: center;
    min-height: 48px;
    padding: 0 var(--ss-space-4);
    border-bottom: 1px solid var(--ss-surface-alt);
    color: var(--ss-text);
    text-decoration: none;
  }
  li a[aria-current='page'] {
    background: var(--ss-brand-light);
    box-shadow: inset 4px 0 0 var(--ss-brand);
    font-weight: 700;
  }
  li a:focus-visible {
    outline: 2px solid var(--ss-brand);
    outline-offset: -2px;
  }
  .sync {
    padding: var(--ss-space-3) var(--ss-space-4);
    border-top: 1px solid var(--ss-border);
    background: var(--ss-surface-alt);
  }
  .sync .button {
    width: 100%;
  }
  .sync p {
    margin: var(--ss-space-2) 0 0;
    font-size: 0.875rem;
    color: var(--ss-text-weak);
  }
`;
