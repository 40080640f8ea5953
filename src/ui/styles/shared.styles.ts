/**
 * Lightning Design System look inside shadow roots. The page loads SLDS itself (its `--slds-g-*` styling
 * hooks inherit into every shadow root); each hook here has the SLDS value as fallback so a component
 * looks the same in a bare test page. Class names follow SLDS blueprints (button, input, badge, pill, card).
 */
import { css } from 'lit';

export const tokens = css`
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
    --ss-mono: var(--slds-g-font-family-monospace, Consolas, Menlo, Monaco, Courier, monospace);
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
    --ss-warning: var(--slds-g-color-warning-base-50, #a96404);
    --ss-success: var(--slds-g-color-success-base-50, #2e844a);
    --ss-radius: 0.25rem;
    --ss-space-1: 0.25rem;
    --ss-space-2: 0.5rem;
    --ss-space-3: 0.75rem;
    --ss-space-4: 1rem;
    font-family: var(--ss-font);
    font-size: var(--slds-g-font-scale-1, 0.875rem);
    color: var(--ss-text);
  }
`;

export const controls = css`
  .label {
    display: block;
    color: var(--ss-text-weak);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
    margin-bottom: 0.125rem;
  }
  .input,
  .select,
  .textarea {
    box-sizing: border-box;
    width: 100%;
    min-height: 2rem;
    padding: 0 var(--ss-space-3);
    border: 1px solid var(--ss-border-strong);
    border-radius: var(--ss-radius);
    background: var(--ss-surface);
    color: var(--ss-text);
    font: inherit;
    line-height: 1.875rem;
  }
  .textarea {
    line-height: 1.5;
    padding: var(--ss-space-2) var(--ss-space-3);
    resize: vertical;
  }
  .input:focus,
  .select:focus,
  .textarea:focus,
  .button:focus-visible {
    outline: none;
    border-color: var(--ss-brand);
    box-shadow: 0 0 3px var(--ss-brand);
  }
  [aria-invalid='true'] {
    border-color: var(--ss-error);
    box-shadow: inset 0 0 0 1px var(--ss-error);
  }
  .help {
    margin: var(--ss-space-1) 0 0;
    padding: 0;
    list-style: none;
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
  }
  .help .error {
    color: var(--ss-error);
  }
  .help .warning {
    color: var(--ss-warning);
  }
  .help .info {
    color: var(--ss-text-weak);
  }
  .help code {
    font-family: var(--ss-mono);
  }
  .button {
    display: inline-flex;
    align-items: center;
    gap: var(--ss-space-1);
    min-height: 2rem;
    padding: 0 var(--ss-space-4);
    border: 1px solid var(--ss-border);
    border-radius: var(--ss-radius);
    background: var(--ss-surface);
    color: var(--ss-brand-dark);
    font: inherit;
    line-height: 1.875rem;
    cursor: pointer;
    white-space: nowrap;
  }
  .button:hover {
    background: var(--ss-surface-alt);
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
    background: var(--ss-border);
    border-color: var(--ss-border);
    color: #fff;
  }
  .button.destructive {
    color: var(--ss-error);
  }
  .button.small {
    min-height: 1.5rem;
    line-height: 1.375rem;
    padding: 0 var(--ss-space-2);
  }
  .badge {
    display: inline-block;
    padding: 0.125rem var(--ss-space-2);
    border-radius: 15rem;
    background: var(--ss-surface-alt);
    color: var(--ss-text);
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
    font-weight: 700;
    line-height: 1.25;
    white-space: nowrap;
  }
  .badge.error {
    background: var(--ss-error);
    color: #fff;
  }
  .badge.warning {
    background: #fddc69;
    color: #181818;
  }
  .badge.success {
    background: var(--ss-success);
    color: #fff;
  }
  .badge.brand {
    background: var(--ss-brand);
    color: #fff;
  }
  .card {
    background: var(--ss-surface);
    border: 1px solid var(--ss-border);
    border-radius: var(--ss-radius);
    padding: var(--ss-space-3) var(--ss-space-4);
  }
  .card-title {
    margin: 0 0 var(--ss-space-2);
    font-size: var(--slds-g-font-scale-2, 1rem);
    font-weight: 700;
  }
  .section-title {
    margin: var(--ss-space-4) 0 var(--ss-space-2);
    padding: var(--ss-space-1) var(--ss-space-2);
    background: var(--ss-surface-alt);
    border-radius: var(--ss-radius);
    font-size: var(--slds-g-font-scale-2, 1rem);
    font-weight: 400;
  }
  .mono {
    font-family: var(--ss-mono);
  }
  .weak {
    color: var(--ss-text-weak);
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
  table.table {
    width: 100%;
    border-collapse: collapse;
  }
  table.table th,
  table.table td {
    padding: var(--ss-space-1) var(--ss-space-2);
    border-bottom: 1px solid var(--ss-border);
    text-align: left;
    vertical-align: top;
  }
  table.table thead th {
    background: var(--ss-surface-alt);
    color: var(--ss-text-weak);
    font-weight: 700;
    font-size: var(--slds-g-font-scale-neg-1, 0.75rem);
    text-transform: uppercase;
  }
  table.table tbody th {
    font-weight: 700;
  }
  table.table td.number,
  table.table th.number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
`;
