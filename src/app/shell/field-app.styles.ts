import { css } from 'lit';

export default css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 100vh;
    min-height: 100dvh;
    background: var(--ss-surface-alt);
    overflow-x: hidden;
  }
  .top {
    position: sticky;
    top: 0;
    z-index: 10;
  }
  .content {
    flex: 1;
    min-width: 0;
  }
  .expired {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ss-space-2);
    padding: var(--ss-space-2) var(--ss-space-4);
    border-left: 4px solid var(--ss-error);
    background: #fef1ee;
  }
  .expired p {
    flex: 1 1 14rem;
    margin: 0;
  }
  .first-sync {
    max-width: 28rem;
    margin: 0 auto;
    padding: 2rem var(--ss-space-4);
    text-align: center;
  }
  .first-sync h2 {
    margin: 0 0 var(--ss-space-2);
    font-size: 1.25rem;
  }
  .first-sync ss-sync-progress {
    margin: var(--ss-space-4) 0;
    text-align: left;
  }
  .problem {
    max-width: 28rem;
    margin: 2rem auto;
    padding: var(--ss-space-4);
  }
  .placeholder {
    padding: var(--ss-space-4);
  }
`;
