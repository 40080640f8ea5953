/**
 * Scope and describe files as every command reads them: a JSON syntax error at `file:line:column`,
 * duplicated keys and too-deep nesting as diagnostics, and one `compileScopeFile` for validate and
 * compile (describes from `--describe`) and for preview, publish, app and start (describes from the org).
 */

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compile, describesIn, metadataFrom, parseJsonText, sortDiagnostics } from '../compiler/index.ts';
import type {
  CompileResult,
  Diagnostic,
  OrgMetadata,
  SObjectDescribe,
  SyncScope,
  OrgPermissions,
} from '../compiler/index.ts';
import { metadataFor, type CompiledScope } from '../org/compile-scope.ts';
import type { OrgClient } from '../org/org-client.ts';
import { loadUserPermissions } from '../org/user-permissions.ts';
import { CliError } from './cli-error.ts';
import { formatDiagnostic, hasErrors } from './diagnostic-format.ts';
import { readInputText } from './input-file.ts';

// Its own file so the program's definitions (`start --help` shows it) load no compiler.
export { EXAMPLE_SCOPE } from './example-scope.ts';

/** A scope file read: its JSON value and what reading found (duplicate keys, nesting too deep). */
export interface ScopeFileText {
  readonly file: string;
  /** undefined when the JSON nests too deep to read (the JSON_TOO_DEEP diagnostic says where). */
  readonly value: unknown;
  readonly diagnostics: readonly Diagnostic[];
}

/** What a scope file compiles to, with the scope it held. */
export interface ScopeFileResult extends CompileResult {
  readonly scope: unknown;
}

/** Parses a JSON file, turning a syntax error into `file:line:column: ...`. */
function readJsonFile(file: string, what: string): { value: unknown; diagnostics: Diagnostic[] } {
  const parsed = parseJsonText(readInputText(file, what));
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new CliError(`${file}:${line}:${column}: invalid JSON: ${message}`);
  }
  const tooDeep = parsed.diagnostics.find((d) => d.code === 'JSON_TOO_DEEP');
  if (tooDeep && what !== 'scope') throw new CliError(`${file}: ${tooDeep.path}: ${tooDeep.message}`);
  return { value: parsed.value, diagnostics: parsed.diagnostics };
}

/** Reads a scope file (a CliError when it cannot be read or is not JSON). */
export function readScopeFile(file: string): ScopeFileText {
  return { file, ...readJsonFile(file, 'scope') };
}

/** The `name` a scope file gives its scope. */
export function scopeNameOf(file: string): string {
  const { value } = readScopeFile(file);
  const name = (value as { name?: unknown } | null | undefined)?.name;
  if (typeof name !== 'string' || name === '')
    throw new CliError(`${file} gives its scope no "name": add one, or pass --scope-name`);
  return name;
}

/** Reads `--describe`: a describe JSON file, or a directory of them (`<Object>.json`). */
export function readDescribes(location: string): OrgMetadata {
  let entries: string[];
  try {
    entries = statSync(location).isDirectory()
      ? readdirSync(location)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => join(location, f))
      : [location];
  } catch {
    throw new CliError(`cannot read describe ${location}: no such file or directory`);
  }
  if (entries.length === 0) throw new CliError(`no .json describe files in ${location}`);
  const describes: SObjectDescribe[] = [];
  for (const file of entries) {
    const { value } = readJsonFile(file, 'describe');
    try {
      describes.push(...describesIn(value, file));
    } catch (error) {
      throw new CliError((error as Error).message);
    }
  }
  return metadataFrom(describes);
}

/** The options validate and compile share. */
export interface ScopeCommandOptions {
  readonly describe?: string;
  readonly json?: boolean;
}

/** Describes for a scope: from files (`readDescribes`) or looked up on the org for the objects it names. */
export type MetadataSource = (scope: unknown) => OrgMetadata | Promise<OrgMetadata>;

/** The permission sets of the scope's audience (the previewed user), given the describes found. */
export type PermissionsSource = (metadata: OrgMetadata) => Promise<OrgPermissions | undefined>;

/** Describes from `--describe`, when given. */
export function describesOption(options: ScopeCommandOptions): MetadataSource | undefined {
  const location = options.describe;
  return location ? () => readDescribes(location) : undefined;
}

/**
 * Compiles a scope file read by `readScopeFile` against the describes `metadataOf` gives (none: no
 * metadata checks). Duplicate JSON keys join the compiler's diagnostics.
 */
export async function compileScopeText(
  text: ScopeFileText,
  metadataOf?: MetadataSource,
  permissionsOf?: PermissionsSource,
): Promise<ScopeFileResult> {
  // Too deep to read: the one diagnostic says where; compiling nothing would only add noise.
  if (text.diagnostics.some((d) => d.code === 'JSON_TOO_DEEP'))
    return { scope: text.value, diagnostics: [...text.diagnostics] };
  const metadata = metadataOf ? await metadataOf(text.value) : undefined;
  const permissions = permissionsOf ? await permissionsOf(metadata ?? {}) : undefined;
  const result = compile(text.value, {
    ...(metadata ? { metadata } : {}),
    ...(permissions ? { permissions } : {}),
  });
  if (text.diagnostics.length === 0) return { ...result, scope: text.value };
  // JSON.parse kept the last of each duplicated key, so a plan would silently drop the admin's other one.
  return { scope: text.value, diagnostics: sortDiagnostics([...text.diagnostics, ...result.diagnostics]) };
}

/** Reads and compiles a scope file: `readScopeFile`, then `compileScopeText`. */
export async function compileScopeFile(
  file: string,
  metadataOf?: MetadataSource,
  permissionsOf?: PermissionsSource,
): Promise<ScopeFileResult> {
  return compileScopeText(readScopeFile(file), metadataOf, permissionsOf);
}

/**
 * A scope file compiled against the org's describes of the objects it names (preview, publish, app), or a
 * CliError listing every diagnostic when it has errors.
 */
export async function compileScopeFileOnOrg(
  org: OrgClient,
  file: string,
  options: { readonly userId?: string } = {},
): Promise<CompiledScope> {
  const userId = options.userId;
  const permissionsOf: PermissionsSource | undefined = userId
    ? async (metadata) => (await loadUserPermissions(org, userId, Object.keys(metadata))).permissions
    : undefined;
  return compiledOrRefused(
    file,
    await compileScopeFile(file, (scope) => metadataFor(org, scope), permissionsOf),
  );
}

/** The compiled scope, or a CliError listing every diagnostic when it has errors. */
export function compiledOrRefused(file: string, result: ScopeFileResult): CompiledScope {
  if (!result.plan || hasErrors(result.diagnostics)) {
    const lines = result.diagnostics.map((d) => `  ${formatDiagnostic(d)}`);
    throw new CliError(`${file} does not compile:\n${lines.join('\n')}`);
  }
  return { scope: result.scope as SyncScope, plan: result.plan, diagnostics: result.diagnostics };
}
