import { css } from 'lit';

export default css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  .top {
    display: grid;
    gap: var(--ss-space-2);
    padding: var(--ss-space-3) var(--ss-space-4);
    border-bottom: 1px solid var(--ss-border);
    background: var(--ss-surface);
  }
  .count {
    font-size: 0.875rem;
  }
  .scroller {
    position: relative;
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overflow-x: hidden;
    /* The list's pull, not the browser's own pull-to-refresh or scroll chaining. */
    overscroll-behavior-y: contain;
  }
  .pull {
    display: flex;
    align-items: flex-end;
    justify-content: center;
    gap: var(--ss-space-2);
    height: 0;
    overflow: hidden;
    color: var(--ss-text-weak);
    font-size: 0.875rem;
  }
  .pull[data-state='pulling'],
  .pull[data-state='armed'] {
    padding-bottom: var(--ss-space-2);
  }
  .pull[data-state='refreshing'] {
    height: 3rem;
    align-items: center;
  }
  .spinner {
    width: 1.5rem;
    height: 1.5rem;
    flex: none;
    border: 3px solid var(--ss-border);
    border-top-color: var(--ss-brand);
    border-radius: 50%;
  }
  .pull[data-state='refreshing'] .spinner {
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .pull[data-state='refreshing'] .spinner {
      animation-duration: 3s;
    }
  }
`;
