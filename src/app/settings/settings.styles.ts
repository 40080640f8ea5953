/** Shared by the Settings screens: sections, rows of links, tabs and the tables' phone layout. */
import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  main {
    max-width: 48rem;
    margin: 0 auto;
    padding: var(--ss-space-3) var(--ss-space-4) var(--ss-space-4);
  }
  h2 {
    margin: var(--ss-space-4) 0 var(--ss-space-2);
    font-size: 1rem;
    color: var(--ss-text-weak);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .rows {
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--ss-border);
    border-radius: var(--ss-radius);
    background: var(--ss-surface);
  }
  .rows > li + li {
    border-top: 1px solid var(--ss-border);
  }
  .rows a {
    display: flex;
    align-items: center;
    justify-content: space-between;
    min-height: 48px;
    padding: 0 var(--ss-space-4);
    color: var(--ss-text);
    text-decoration: none;
  }
  .rows a::after {
    content: '›';
    font-size: 1.5rem;
    color: var(--ss-text-weak);
  }
  .rows a:focus-visible {
    outline: 2px solid var(--ss-brand);
    outline-offset: -2px;
  }
  .rows .text {
    padding: var(--ss-space-3) var(--ss-space-4);
    overflow-wrap: anywhere;
  }
  p {
    margin: var(--ss-space-2) 0;
    overflow-wrap: anywhere;
  }
  .sync-now .button {
    width: 100%;
  }
  [role='tablist'] {
    display: flex;
    margin-top: var(--ss-space-4);
    border-bottom: 2px solid var(--ss-border);
  }
  [role='tab'] {
    flex: 1;
    min-height: var(--ss-touch);
    padding: 0 var(--ss-space-1);
    border: 0;
    border-bottom: 3px solid transparent;
    margin-bottom: -2px;
    background: transparent;
    color: var(--ss-text-weak);
    font: inherit;
    font-size: 0.9375rem;
    cursor: pointer;
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: var(--ss-brand);
    color: var(--ss-text);
    font-weight: 700;
  }
  [role='tab']:focus-visible {
    outline: 2px solid var(--ss-brand);
    outline-offset: -2px;
  }
  [role='tabpanel'] {
    padding-top: var(--ss-space-3);
  }
  [role='tabpanel']:focus-visible {
    outline: 2px solid var(--ss-brand);
  }
`;
