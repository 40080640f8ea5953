/**
 * The field app's look inside shadow roots: Salesforce Lightning Design System styling hooks
 * (`--slds-g-*`, inherited through every shadow root) with the SLDS values as fallbacks, sized for
 * thumbs: every control is at least 44 px high (WCAG 2.5.5 / Apple HIG), text 16 px so iOS does not zoom.
 * Record screens (records/) import these too, so the whole app reads as one.
 */
import { css } from 'lit';

export const appTokens = css`
  :host {
    --ss-font: var(
      --slds-g-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'Helvetica Neue',
      Arial,
      sans-serif
    );
    --ss-brand: var(--slds-g-color-brand-base-50, #0176d3);
    --ss-brand-dark: var(--slds-g-color-brand-base-40, #0b5cab);
    --ss-brand-light: var(--slds-g-color-brand-base-95, #eef4ff);
    --ss-text: var(--slds-g-color-on-surface-3, #181818);
    --ss-text-weak: var(--slds-g-color-neutral-base-30, #444444);
    --ss-surface: var(--slds-g-color-surface-1, #ffffff);
    --ss-surface-alt: var(--slds-g-color-neutral-base-95, #f3f3f3);
    --ss-border: var(--slds-g-color-border-1, #c9c9c9);
    --ss-border-strong: var(--slds-g-color-neutral-base-50, #747474);
    --ss-error: var(--slds-g-color-error-base-40, #ba0517);
    --ss-warning-bg: var(--slds-g-color-warning-base-80, #fedfd0);
    --ss-success: var(--slds-g-color-success-base-50, #2e844a);
    --ss-header: var(--slds-g-color-brand-base-30, #014486);
    --ss-radius: 0.25rem;
    --ss-touch: 44px;
    --ss-space-1: 0.25rem;
    --ss-space-2: 0.5rem;
    --ss-space-3: 0.75rem;
    --ss-space-4: 1rem;
    font-family: var(--ss-font);
    font-size: 1rem;
    line-height: 1.5;
    color: var(--ss-text);
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
`;

export const appControls = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--ss-space-2);
    min-height: var(--ss-touch);
    min-width: var(--ss-touch);
    padding: 0 var(--ss-space-4);
    border: 1px solid var(--ss-border);
    border-radius: var(--ss-radius);
    background: var(--ss-surface);
    color: var(--ss-brand-dark);
    font: inherit;
    cursor: pointer;
    touch-action: manipulation;
  }
  .button:hover {
    background: var(--ss-surface-alt);
  }
  .button:focus-visible,
  .input:focus {
    outline: 2px solid var(--ss-brand);
    outline-offset: 2px;
  }
  .button[disabled] {
    color: var(--ss-border-strong);
    cursor: default;
  }
  .button.brand {
    background: var(--ss-brand);
    border-color: var(--ss-brand);
    color: #fff;
  }
  .button.brand:hover {
    background: var(--ss-brand-dark);
  }
  .button.brand[disabled] {
    background: var(--ss-border-strong);
    border-color: var(--ss-border-strong);
  }
  .button.destructive {
    color: var(--ss-error);
  }
  .input {
    box-sizing: border-box;
    width: 100%;
    min-height: var(--ss-touch);
    padding: 0 var(--ss-space-3);
    border: 1px solid var(--ss-border-strong);
    border-radius: var(--ss-radius);
    background: var(--ss-surface);
    color: var(--ss-text);
    font: inherit;
  }
  .label {
    display: block;
    margin-bottom: var(--ss-space-1);
    color: var(--ss-text-weak);
    font-size: 0.875rem;
  }
  .card {
    background: var(--ss-surface);
    border: 1px solid var(--ss-border);
    border-radius: var(--ss-radius);
    padding: var(--ss-space-3) var(--ss-space-4);
  }
  .weak {
    color: var(--ss-text-weak);
  }
  .error-text {
    color: var(--ss-error);
  }
  .badge {
    display: inline-block;
    padding: 0 var(--ss-space-2);
    border-radius: 15rem;
    background: var(--ss-surface-alt);
    font-size: 0.875rem;
    font-weight: 700;
  }
  .badge.error {
    background: var(--ss-error);
    color: #fff;
  }
  .assistive-text {
    position: absolute !important;
    margin: -1px !important;
    border: 0 !important;
    padding: 0 !important;
    width: 1px !important;
    height: 1px !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    white-space: nowrap !important;
  }
`;
