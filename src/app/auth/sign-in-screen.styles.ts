import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  main {
    max-width: 28rem;
    margin: 0 auto;
    padding: var(--ss-space-4);
  }
  .brand-mark {
    display: flex;
    align-items: center;
    justify-content: center;
    width: 64px;
    height: 64px;
    margin: 2rem auto 1rem;
    border-radius: 16px;
    background: var(--ss-header);
    color: #fff;
    font-size: 1.75rem;
    font-weight: 700;
  }
  h1 {
    margin: 0 0 var(--ss-space-2);
    text-align: center;
    font-size: 1.5rem;
  }
  p {
    margin: 0 0 var(--ss-space-4);
    text-align: center;
  }
  .button {
    width: 100%;
  }
  .org {
    margin-top: var(--ss-space-4);
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .problem {
    text-align: left;
    padding: var(--ss-space-3);
    border-left: 4px solid var(--ss-error);
    background: #fef1ee;
  }
  .notice {
    text-align: left;
    padding: var(--ss-space-3);
    border-left: 4px solid var(--ss-brand);
    background: var(--ss-brand-light);
  }
`;
