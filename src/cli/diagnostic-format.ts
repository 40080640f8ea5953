/**
 * How every command prints a diagnostic (validate, compile, preview, publish, start): one line,
 * `path: severity code: message`, with the SOQL position when there is one.
 */

import type { Diagnostic } from '../compiler/index.ts';

/** `path: severity code: message (at character n-m)`; the scope's root path prints as `(scope)`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.position
    ? ` (at character ${d.position.start + 1}${d.position.end - d.position.start > 1 ? `-${d.position.end}` : ''})`
    : '';
  return `${d.path === '' ? '(scope)' : d.path}: ${d.severity} ${d.code}: ${d.message}${where}`;
}

/** `2 errors, 1 warning, 0 notes` */
export function countsLine(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'note')}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
