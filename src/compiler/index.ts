/** The scope compiler's public API. Browser-safe: imports nothing from node:. */

export { clearCompileCaches, compile, planToJson } from './compile.ts';
export type { CompileOptions, CompileResult } from './compile.ts';
export { CompileCache, createCompileCache } from './compile-cache.ts';
export type { Diagnostic, DiagnosticCode, Severity } from './diagnostics.ts';
export { DIAGNOSTIC_CODES, sortDiagnostics } from './diagnostics.ts';
export { canonicalJson, hashJson } from './canonical-json.ts';
export { pointer, parsePointer, escapePointerToken } from './json-pointer.ts';
export { withSampleLiterals } from './query-templates.ts';
export { DEFAULT_API_VERSION, MAX_IDS_PER_QUERY, URL_BUDGET_BYTES } from './query-limits.ts';
export type * from './plan.ts';
export { PLAN_VERSION } from './plan.ts';
export type * from './scope.ts';
export type * from './org-metadata.ts';
export type * from './org-permissions.ts';
export { EffectiveAccess } from './org-permissions.ts';
export { parseJsonText, lineColumn } from './json-text.ts';
export { MAX_JSON_DEPTH, findJsonTooDeep } from './json-depth.ts';
export type { JsonTooDeep } from './json-depth.ts';
export type { JsonTextResult, JsonTextError } from './json-text.ts';
export { describesIn, metadataFrom } from './org-metadata-input.ts';
