/**
 * The first net: JSON Schema validation of the scope's shape with Ajv (precompiled), each error mapped
 * to a diagnostic at its JSON Pointer. Semantic passes run after it on whatever parts are well-shaped.
 */

import type { ErrorObject, ValidateFunction } from 'ajv';
import type { DiagnosticSink } from './diagnostics.ts';
import { escapePointerToken } from './json-pointer.ts';
// Ajv's standalone code for schemas/sync-scope.schema.json (`npm run generate:validators`): compiled ahead
// of time, so the page needs no eval and its Content-Security-Policy no 'unsafe-eval'.
import { validate as generatedScopeValidator } from './generated/scope-validator.ts';

const validateScope = generatedScopeValidator as unknown as ValidateFunction;

/** Validates the scope's shape; returns false when it has any shape error. */
export function checkScopeShape(scope: unknown, sink: DiagnosticSink): boolean {
  if (validateScope(scope)) return true;
  const seen = new Set<string>();
  for (const error of validateScope.errors ?? []) {
    const mapped = mapError(error);
    if (!mapped) continue;
    const key = `${mapped.code}|${mapped.path}|${mapped.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sink.add(mapped.code, mapped.path, mapped.message);
  }
  return false;
}

type MappedError = {
  code:
    | 'SCOPE_SCHEMA'
    | 'MISSING_PROPERTY'
    | 'UNKNOWN_PROPERTY'
    | 'INVALID_VALUE'
    | 'INVALID_NAME'
    | 'LIMIT_OUT_OF_RANGE';
  path: string;
  message: string;
};

function describeValue(value: unknown): string {
  return JSON.stringify(value);
}

function mapError(error: ErrorObject): MappedError | undefined {
  const path = error.instancePath;
  const params = error.params as Record<string, unknown>;
  // propertyNames: the inner error carries the offending name.
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    const what =
      path === '/objects' ? 'an sObject API name' : path === '/parameters' ? 'a parameter name' : 'a name';
    return {
      code: 'INVALID_NAME',
      path: `${path}/${escapePointerToken(propertyName)}`,
      message: `${describeValue(propertyName)} is not ${what}: use letters, digits and underscores, starting with a letter`,
    };
  }
  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
    case 'uniqueItems': // reported per duplicate by the semantic pass (DUPLICATE_FIELD)
      return undefined;
    case 'required':
      return {
        code: 'MISSING_PROPERTY',
        path,
        message: `missing required property ${describeValue(params.missingProperty)}`,
      };
    case 'additionalProperties':
      return {
        code: 'UNKNOWN_PROPERTY',
        path: `${path}/${escapePointerToken(String(params.additionalProperty))}`,
        message: `unknown property ${describeValue(params.additionalProperty)}`,
      };
    case 'enum':
      return {
        code: 'INVALID_VALUE',
        path,
        message: `must be one of ${(params.allowedValues as unknown[]).map(describeValue).join(', ')}`,
      };
    case 'const':
      return path === '/scopeVersion'
        ? {
            code: 'INVALID_VALUE',
            path,
            message: 'scopeVersion must be 1, the only version of the scope format',
          }
        : { code: 'INVALID_VALUE', path, message: `must be exactly ${describeValue(params.allowedValue)}` };
    case 'minimum':
    case 'maximum':
      if (/^\/objects\/[^/]+\/limit$/.test(path)) {
        return {
          code: 'LIMIT_OUT_OF_RANGE',
          path,
          message: 'limit must be between 1 and 50000 (the Briefcase maximum)',
        };
      }
      return {
        code: 'SCOPE_SCHEMA',
        path,
        message: `must be ${error.keyword === 'minimum' ? '>=' : '<='} ${String(params.limit)}`,
      };
    case 'pattern':
      return { code: 'INVALID_VALUE', path, message: `does not match the pattern ${String(params.pattern)}` };
    default:
      return { code: 'SCOPE_SCHEMA', path, message: error.message ?? `fails ${error.keyword}` };
  }
}
