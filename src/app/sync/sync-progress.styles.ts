import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .progress {
    padding: var(--ss-space-2) var(--ss-space-4);
    background: var(--ss-brand-light);
    border-bottom: 1px solid var(--ss-border);
  }
  .text {
    margin: 0 0 var(--ss-space-1);
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .track {
    height: 6px;
    border-radius: 3px;
    background: var(--ss-surface);
    overflow: hidden;
  }
  .bar {
    height: 100%;
    background: var(--ss-brand);
    transition: width 0.2s;
  }
  .bar.indeterminate {
    width: 30%;
    animation: slide 1.2s ease-in-out infinite;
  }
  @keyframes slide {
    from {
      transform: translateX(-100%);
    }
    to {
      transform: translateX(340%);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .bar.indeterminate {
      animation: none;
      width: 100%;
      opacity: 0.5;
    }
  }
`;
