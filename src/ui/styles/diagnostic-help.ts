import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Diagnostic } from '../state/scope-store.ts';

/**
 * The help text under a control: its diagnostics, one per line, `code: message`. `id` is what the control's
 * `aria-describedby` names, so screen readers read the problem with the control.
 */
export function diagnosticHelp(
  id: string,
  diagnostics: readonly Diagnostic[],
): TemplateResult | typeof nothing {
  if (diagnostics.length === 0) return nothing;
  return html`<ul class="help" id=${id} data-diagnostics-for=${id}>
    ${diagnostics.map(
      (d) =>
        html`<li class=${d.severity} data-code=${d.code}>
          <span class="assistive-text">${d.severity} </span><code>${d.code}</code>: ${d.message}
        </li>`,
    )}
  </ul>`;
}

/** `aria-invalid` for a control: true only when it has an error (warnings do not make it invalid). */
export function ariaInvalid(diagnostics: readonly Diagnostic[]): 'true' | 'false' {
  return diagnostics.some((d) => d.severity === 'error') ? 'true' : 'false';
}
