/**
 * What the record screens share beyond the app's tokens and controls: list rows, pending badges, headings.
 * Every row and button is at least 44 px high; long values wrap instead of scrolling sideways.
 */
import { css } from 'lit';

export const recordStyles = css`
  :host {
    display: block;
    overflow-wrap: anywhere;
  }
  h2,
  h3 {
    margin: 0;
    font-weight: 700;
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25rem;
  }
  h3 {
    font-size: 1rem;
  }
  .rows {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .rows li + li {
    border-top: 1px solid var(--ss-border);
  }
  .row {
    display: flex;
    width: 100%;
    min-height: var(--ss-touch, 44px);
    align-items: center;
    gap: var(--ss-space-2);
    padding: var(--ss-space-2) var(--ss-space-4);
    border: 0;
    background: var(--ss-surface);
    color: var(--ss-text);
    font: inherit;
    text-align: left;
    cursor: pointer;
    touch-action: manipulation;
  }
  .row:hover {
    background: var(--ss-surface-alt);
  }
  .row:focus-visible {
    outline: 2px solid var(--ss-brand);
    outline-offset: -2px;
  }
  .row-text {
    flex: 1;
    min-width: 0;
  }
  .row-title {
    display: block;
    color: var(--ss-brand-dark);
    font-weight: 700;
  }
  .row-meta {
    display: block;
    color: var(--ss-text-weak);
    font-size: 0.875rem;
  }
  .row-meta span + span::before {
    content: ' • ';
  }
  .badge.pending {
    background: var(--ss-brand-light);
    color: var(--ss-brand-dark);
  }
  .badge.failed,
  .badge.conflict {
    background: var(--ss-error);
    color: #fff;
  }
  .empty {
    padding: var(--ss-space-4);
    color: var(--ss-text-weak);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ss-space-2);
  }
  .toolbar .grow {
    flex: 1;
    min-width: 0;
  }
`;
