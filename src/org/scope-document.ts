/**
 * Whether a JSON value is a scope document at all, as opposed to a scope with mistakes. The config tool
 * saves drafts (an empty scope, an object without fields yet), so only the top level is held to the
 * schema here: the properties a scope has and no others, `scopeVersion` 1 and an `objects` object. What
 * the compiler finds below that (SCOPE_SCHEMA, UNKNOWN_FIELD, ...) is the editor's to show, not a refusal.
 */

import { compile } from '../compiler/compile.ts';
import type { Diagnostic } from '../compiler/diagnostics.ts';

/** The top-level diagnostics that make a value "not a scope"; empty when it is one (maybe a draft). */
export function notAScopeDiagnostics(value: unknown): Diagnostic[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [
      {
        code: 'SCOPE_SCHEMA',
        severity: 'error',
        path: '',
        message: 'a scope is a JSON object (see schemas/sync-scope.schema.json)',
      },
    ];
  }
  const objects = (value as { objects?: unknown }).objects;
  const problems = compile(value).diagnostics.filter(
    (d) =>
      // A missing or unknown top-level property, or a wrong scopeVersion / objects.
      ((d.code === 'MISSING_PROPERTY' || d.code === 'UNKNOWN_PROPERTY') && d.path.lastIndexOf('/') <= 0) ||
      d.path === '/scopeVersion',
  );
  if (objects !== undefined && (objects === null || typeof objects !== 'object' || Array.isArray(objects))) {
    problems.push({
      code: 'SCOPE_SCHEMA',
      severity: 'error',
      path: '/objects',
      message: '`objects` must be a JSON object of sObject API names',
    });
  }
  return problems;
}
