/**
 * `syncscope validate <scope.json> [--describe <dir|file>] [--json]`: every diagnostic of a scope, one per
 * line (`path: severity code: message`) or as a JSON array; exit code 1 when any is an error.
 * Also home of the scope/describe file reading that `compile` shares.
 */

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compile, describesIn, metadataFrom, parseJsonText, sortDiagnostics } from '../../compiler/index.ts';
import type { CompileResult, Diagnostic, OrgMetadata, SObjectDescribe } from '../../compiler/index.ts';
import { CliError } from '../cli-error.ts';
import { readInputText } from '../input-file.ts';
import type { CliIo, RegisterCommand } from '../main.ts';

export interface ScopeCommandOptions {
  readonly describe?: string;
  readonly json?: boolean;
}

function readText(file: string, what: string): string {
  return readInputText(file, what);
}

/** Parses a JSON file, turning a syntax error into `file:line:column: ...`. */
function readJsonFile(file: string, what: string): { value: unknown; diagnostics: Diagnostic[] } {
  const parsed = parseJsonText(readText(file, what));
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new CliError(`${file}:${line}:${column}: invalid JSON: ${message}`);
  }
  const tooDeep = parsed.diagnostics.find((d) => d.code === 'JSON_TOO_DEEP');
  if (tooDeep && what !== 'scope') throw new CliError(`${file}: ${tooDeep.path}: ${tooDeep.message}`);
  return { value: parsed.value, diagnostics: parsed.diagnostics };
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

/** Reads and compiles a scope file; duplicate JSON keys join the compiler's diagnostics. */
export function compileScopeFile(file: string, options: ScopeCommandOptions): CompileResult {
  const { value, diagnostics: textDiagnostics } = readJsonFile(file, 'scope');
  // Too deep to read: the one diagnostic says where; compiling nothing would only add noise.
  if (textDiagnostics.some((d) => d.code === 'JSON_TOO_DEEP')) return { diagnostics: textDiagnostics };
  const metadata = options.describe ? readDescribes(options.describe) : undefined;
  const result = compile(value, metadata ? { metadata } : {});
  if (textDiagnostics.length === 0) return result;
  // JSON.parse kept the last of each duplicated key, so a plan would silently drop the admin's other one.
  return { diagnostics: sortDiagnostics([...textDiagnostics, ...result.diagnostics]) };
}

/** `path: severity code: message`, with the SOQL position when there is one. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.position
    ? ` (at character ${d.position.start + 1}${d.position.end - d.position.start > 1 ? `-${d.position.end}` : ''})`
    : '';
  return `${d.path === '' ? '(scope)' : d.path}: ${d.severity} ${d.code}: ${d.message}${where}`;
}

export function countsLine(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'note')}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

function validate(file: string, options: ScopeCommandOptions, io: CliIo): void {
  const { diagnostics } = compileScopeFile(file, options);
  if (options.json) {
    io.out(`${JSON.stringify(diagnostics, null, 2)}\n`);
  } else {
    for (const d of diagnostics) io.out(formatDiagnostic(d));
    io.out(
      hasErrors(diagnostics)
        ? `${file}: invalid (${countsLine(diagnostics)})`
        : `${file}: valid (${countsLine(diagnostics)})`,
    );
  }
  if (hasErrors(diagnostics)) io.setExitCode(1);
}

export const registerValidate: RegisterCommand = (program, io) => {
  program
    .command('validate')
    .description('Check a sync scope and print every problem at its JSON Pointer (exit 1 on errors).')
    .argument('<scope.json>', 'the sync scope file')
    .option(
      '--describe <dir|file>',
      'org metadata: a describe JSON file or a directory of <Object>.json describes',
    )
    .option('--json', 'print the diagnostics as a JSON array')
    .action((file: string, options: ScopeCommandOptions) => validate(file, options, io));
};
