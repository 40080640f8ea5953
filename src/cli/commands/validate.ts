/**
 * `syncscope validate <scope.json> [--describe <dir|file>] [--json]`: every diagnostic of a scope, one per
 * line (`path: severity code: message`) or as a JSON array; exit code 1 when any is an error.
 */

import type { CliIo } from '../cli-io.ts';
import { countsLine, formatDiagnostic, hasErrors } from '../diagnostic-format.ts';
import { compileScopeFile, describesOption, type ScopeCommandOptions } from '../scope-file.ts';

export async function validate(file: string, options: ScopeCommandOptions, io: CliIo): Promise<void> {
  const { diagnostics } = await compileScopeFile(file, describesOption(options));
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
