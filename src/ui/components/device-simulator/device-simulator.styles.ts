import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ss-space-2);
    align-items: center;
    margin-bottom: var(--ss-space-3);
  }
  .progress {
    margin: var(--ss-space-2) 0 var(--ss-space-3);
  }
  progress {
    width: 100%;
    height: 0.75rem;
    accent-color: var(--ss-brand);
  }
  .steps {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
    gap: var(--ss-space-1);
    margin: var(--ss-space-2) 0 0;
    padding: 0;
    list-style: none;
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
  }
  .steps li {
    padding: var(--ss-space-1) var(--ss-space-2);
    border-left: 3px solid var(--ss-border);
    background: var(--ss-surface-alt);
  }
  .steps li[data-state='running'] {
    border-left-color: var(--ss-brand);
  }
  .steps li[data-state='done'] {
    border-left-color: var(--ss-success);
  }
  .steps li[data-state='stopped'],
  .steps li[data-state='skipped'] {
    border-left-color: var(--ss-error);
  }
  .progress[data-state='failed'] progress {
    accent-color: var(--ss-error);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr));
    gap: var(--ss-space-3);
  }
  .schedule {
    display: inline-flex;
    gap: var(--ss-space-1);
    align-items: center;
  }
  .ok {
    color: var(--ss-success);
    font-weight: 700;
  }
  .failed {
    color: var(--ss-error);
    font-weight: 700;
  }
`;
