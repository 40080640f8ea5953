import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { ApiClientError } from '../api-client.ts';

/** A server call in flight, as SLDS shows it: a status line screen readers announce. */
export function pendingState(text: string): TemplateResult {
  return html`<p class="weak" role="status" data-state="pending">${text}</p>`;
}

/** A failed server call: the server's code and message, and its diagnostics when the scope has errors. */
export function errorState(error: unknown): TemplateResult {
  const e = error instanceof ApiClientError ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return html`<div class="card" role="alert" data-state="error">
    <p><span class="badge error">${e?.code ?? 'ERROR'}</span> ${message}</p>
    ${
      e?.diagnostics.length
        ? html`<ul class="help">
            ${e.diagnostics
              .filter((d) => d.severity === 'error')
              .map((d) => html`<li class="error"><code>${d.code}</code> ${d.path}: ${d.message}</li>`)}
          </ul>`
        : ''
    }
  </div>`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const numberFormat = new Intl.NumberFormat('en-US');
