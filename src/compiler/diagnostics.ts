/**
 * Diagnostics: everything the compiler has to say about a scope, all at once, each at its place.
 * Codes are stable: tools and tests match on them; messages may be reworded.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable code, e.g. `UNKNOWN_FIELD`. See DIAGNOSTIC_CODES. */
  readonly code: string;
  readonly severity: Severity;
  /** JSON Pointer (RFC 6901) into the scope: `/objects/WorkOrder/where`; `` is the whole scope. */
  readonly path: string;
  readonly message: string;
  /** For SOQL strings: character offsets inside the string at `path` (end exclusive). */
  readonly position?: { readonly start: number; readonly end: number };
}

/** Every code the compiler emits, with its severity. */
export const DIAGNOSTIC_CODES = {
  // Shape (JSON Schema) and JSON text
  SCOPE_SCHEMA: 'error',
  MISSING_PROPERTY: 'error',
  UNKNOWN_PROPERTY: 'error',
  INVALID_VALUE: 'error',
  INVALID_NAME: 'error',
  DUPLICATE_KEY: 'error',
  /** The file nests objects/arrays past MAX_JSON_DEPTH (json-depth.ts); nothing else is checked. */
  JSON_TOO_DEEP: 'error',
  // Objects and fields
  DUPLICATE_OBJECT: 'error',
  DUPLICATE_FIELD: 'error',
  UNKNOWN_OBJECT: 'error',
  OBJECT_NOT_QUERYABLE: 'error',
  UNKNOWN_FIELD: 'error',
  FIELD_NOT_FILTERABLE: 'error',
  FIELD_NOT_SORTABLE: 'error',
  NOT_EXTERNAL_ID: 'error',
  OBJECT_NOT_WRITABLE: 'error',
  // Paths
  PATH_OBJECT_NOT_IN_SCOPE: 'error',
  PATH_NOT_REFERENCE: 'error',
  DUPLICATE_PATH: 'error',
  RELATIONSHIP_NAME_MISMATCH: 'error',
  CYCLE: 'error',
  // Parameters
  UNKNOWN_PARAMETER: 'error',
  RESERVED_PARAMETER: 'error',
  UNUSED_PARAMETER: 'warning',
  // SOQL
  SOQL_SYNTAX: 'error',
  SOQL_INVALID_ESCAPE: 'error',
  SOQL_CLAUSE_NOT_ALLOWED: 'error',
  SOQL_BIND_EXPRESSION: 'error',
  BIND_NOT_A_LIST: 'error',
  SEMI_JOIN_UNDER_OR: 'error',
  SEMI_JOIN_UNDER_NOT: 'error',
  SEMI_JOIN_NESTED: 'error',
  SEMI_JOIN_SAME_OBJECT: 'error',
  SEMI_JOIN_OBJECT_NOT_ALLOWED: 'error',
  TOO_MANY_SEMI_JOINS: 'error',
  ORDER_BY_UNSUPPORTED: 'error',
  LITERAL_TYPE_MISMATCH: 'error',
  QUERY_TOO_LONG: 'error',
  TEMPLATE_INVALID: 'error',
  // Upload policy and limits
  CONFLICT_ON_READ_ONLY: 'error',
  EXTERNAL_ID_ON_READ_ONLY: 'warning',
  LIMIT_OUT_OF_RANGE: 'error',
  // Cost and behaviour warnings
  UNFILTERED_ROOT: 'warning',
  UNINDEXED_WATERMARK: 'warning',
  TIME_DEPENDENT_FILTER: 'warning',
  LIMIT_WITHOUT_ORDER_BY: 'warning',
  ORDER_BY_WITHOUT_LIMIT: 'info',
  LIMIT_ACROSS_PATHS: 'info',
  DEVICE_DRIVEN_PATH: 'info',
  // What the scope's audience may do (with org permissions): permission-checks.ts
  OBJECT_NOT_READABLE: 'warning',
  OBJECT_NOT_EDITABLE: 'warning',
  FIELD_NOT_READABLE: 'warning',
  FIELD_NOT_EDITABLE: 'warning',
  // A compiler bug, reported instead of thrown
  INTERNAL_ERROR: 'error',
} as const satisfies Record<string, Severity>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Collects diagnostics for one compilation; severities come from DIAGNOSTIC_CODES. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  add(code: DiagnosticCode, path: string, message: string, position?: { start: number; end: number }): void {
    const diagnostic: Diagnostic = position
      ? { code, severity: DIAGNOSTIC_CODES[code], path, message, position }
      : { code, severity: DIAGNOSTIC_CODES[code], path, message };
    this.items.push(diagnostic);
  }

  hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** Diagnostics in a stable order: by path, then position, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareStrings(a.path, b.path) ||
      (a.position?.start ?? -1) - (b.position?.start ?? -1) ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.message, b.message),
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
