/** The Synchronise tabs' lists: one card per change, object or sync, readable at 360 px. */
import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  ul.items {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  ul.items > li {
    margin-bottom: var(--ss-space-2);
    padding: var(--ss-space-3);
    border: 1px solid var(--ss-border);
    border-radius: var(--ss-radius);
    background: var(--ss-surface);
    overflow-wrap: anywhere;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--ss-space-2);
    font-weight: 700;
  }
  .line {
    margin: var(--ss-space-1) 0 0;
    font-size: 0.9375rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ss-space-2);
    margin-top: var(--ss-space-2);
  }
  .badge.pending {
    background: var(--ss-brand-light);
    color: var(--ss-brand-dark);
  }
  .badge.ok {
    background: #ebf7e6;
    color: #194e31;
  }
  .badge.failed,
  .badge.conflict {
    background: var(--ss-error);
    color: #fff;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 var(--ss-space-3);
    margin: var(--ss-space-2) 0 0;
    font-size: 0.9375rem;
  }
  dt {
    color: var(--ss-text-weak);
  }
  dd {
    margin: 0;
  }
  .counts {
    margin: var(--ss-space-1) 0 0;
    padding-left: var(--ss-space-4);
    font-size: 0.9375rem;
  }
  .empty {
    padding: var(--ss-space-4) 0;
    color: var(--ss-text-weak);
  }
  a.button {
    text-decoration: none;
  }
`;
