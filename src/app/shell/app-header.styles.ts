import { css } from 'lit';

export default css`
  :host {
    display: block;
    position: sticky;
    top: 0;
    z-index: 10;
  }
  header {
    display: flex;
    align-items: center;
    gap: var(--ss-space-2);
    min-height: 56px;
    padding: 0 var(--ss-space-2);
    background: var(--ss-header);
    color: #fff;
  }
  .icon-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: var(--ss-touch);
    height: var(--ss-touch);
    border: 0;
    border-radius: var(--ss-radius);
    background: transparent;
    color: inherit;
    cursor: pointer;
    text-decoration: none;
  }
  .icon-button:focus-visible {
    outline: 2px solid #fff;
    outline-offset: -2px;
  }
  h1 {
    flex: 1;
    min-width: 0;
    margin: 0;
    font-size: 1.125rem;
    font-weight: 700;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .offline {
    display: inline-flex;
    align-items: center;
    gap: var(--ss-space-1);
    padding: 0 var(--ss-space-2);
    border-radius: 15rem;
    background: #fff;
    color: var(--ss-error);
    font-size: 0.875rem;
    font-weight: 700;
  }
  .activity[data-state='syncing'] svg {
    animation: spin 1.2s linear infinite;
  }
  .activity[data-state='failed'] {
    background: var(--ss-error);
  }
  @keyframes spin {
    to {
      transform: rotate(-360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .activity[data-state='syncing'] svg {
      animation: none;
    }
  }
`;
