/**
 * `syncscope compile <scope.json> [-o plan.json] [--describe <dir|file>] [--json]`: the sync plan.
 *   no -o, no --json: a readable summary of the plan (objects in sync order, queries, schedules)
 *   -o plan.json:      writes the plan (JSON, 2-space indented, newline-terminated)
 *   --json:            prints {"diagnostics": [...], "plan": {...}} (with -o: only the diagnostics array)
 * Diagnostics print as `path: severity code: message`; exit code 1 on errors (no plan is written then).
 */

import { writeFileSync } from 'node:fs';
import { planToJson } from '../../compiler/index.ts';
import type { Diagnostic, PlanObject, SyncPlan } from '../../compiler/index.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { countsLine, formatDiagnostic, hasErrors } from '../diagnostic-format.ts';
import { compileScopeFile, describesOption, type ScopeCommandOptions } from '../scope-file.ts';

export interface CompileCommandOptions extends ScopeCommandOptions {
  readonly output?: string;
}

function queryCount(o: PlanObject): number {
  return o.queries.full.length + o.queries.delta.length + o.queries.ids.length;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function every(minutes: number): string {
  return minutes % 1440 === 0
    ? `${minutes / 1440} d`
    : minutes % 60 === 0
      ? `${minutes / 60} h`
      : `${minutes} min`;
}

/** The human summary: what a device will do with this plan. */
export function planSummary(plan: SyncPlan): string[] {
  const lines = [
    `${plan.scopeName}: plan version ${plan.planVersion}, ${plan.objects.length} objects, scope hash ${plan.scopeHash.slice(0, 12)}`,
    `Downloads every ${every(plan.syncEveryMinutes)} unless an object says otherwise; deltas compare ${plan.watermarkField} (re-reading the last ${plan.overlapSeconds} s); API ${plan.apiVersion}`,
  ];
  const parameters = Object.entries(plan.parameters);
  if (parameters.length > 0)
    lines.push(`Parameters the device supplies: ${parameters.map(([n, t]) => `:${n} (${t})`).join(', ')}`);
  lines.push('');
  const rows: string[][] = [['#', 'Object', 'Depends on', 'Every', 'Queries', 'Access', 'Reconciled']];
  plan.objects.forEach((o, i) => {
    const union = o.queries.full.length;
    rows.push([
      String(i + 1),
      o.name,
      o.dependsOn.join(', ') || '-',
      every(o.syncEveryMinutes),
      `${queryCount(o)}${union > 1 ? ` (union of ${union})` : ''}`,
      o.upload.access === 'readWrite' ? `readWrite, ${o.upload.conflict ?? 'clientWins'}` : 'read',
      o.reconcileEverySync ? 'every sync' : 'when needed',
    ]);
  });
  lines.push(...table(rows));
  const reasons = plan.objects.filter((o) => o.reconcileReason);
  if (reasons.length > 0) {
    lines.push('', 'Reconciled every sync (an Id query of the whole scope) because:');
    for (const o of reasons) lines.push(`  ${o.name}: ${o.reconcileReason}`);
  }
  const first = plan.objects[0];
  if (first) {
    lines.push('', `Delta query of ${first.name}, for example:`, `  ${first.queries.delta[0]?.soql ?? ''}`);
  }
  lines.push('', 'Write the plan with -o plan.json, or print it with --json.');
  return lines;
}

export async function compileCommand(file: string, options: CompileCommandOptions, io: CliIo): Promise<void> {
  const { plan, diagnostics } = await compileScopeFile(file, describesOption(options));
  const failed = hasErrors(diagnostics) || !plan;
  if (options.output && !failed) {
    try {
      writeFileSync(options.output, planToJson(plan));
    } catch (error) {
      throw new CliError(`cannot write ${options.output}: ${(error as Error).message}`);
    }
  }
  if (options.json) {
    io.out(
      options.output
        ? `${JSON.stringify(diagnostics, null, 2)}\n`
        : `${JSON.stringify(failed ? { diagnostics } : { diagnostics, plan }, null, 2)}\n`,
    );
  } else {
    printDiagnostics(diagnostics, io);
    if (failed) io.out(`${file}: not compiled (${countsLine(diagnostics)})`);
    else if (options.output)
      io.out(
        `wrote ${options.output}: ${plan.objects.length} objects, ${plan.objects.reduce((n, o) => n + queryCount(o), 0)} queries (${countsLine(diagnostics)})`,
      );
    else {
      if (diagnostics.some((d) => d.severity !== 'info')) io.out('');
      for (const line of planSummary(plan)) io.out(line);
      const notes = diagnostics.filter((d) => d.severity === 'info').length;
      if (notes > 0)
        io.out(
          `${notes} note${notes === 1 ? '' : 's'} on how objects are fetched: syncscope validate ${file}`,
        );
    }
  }
  if (failed) io.setExitCode(1);
}

/** Errors and warnings; notes (info) are counted, `syncscope validate` lists them. */
function printDiagnostics(diagnostics: readonly Diagnostic[], io: CliIo): void {
  for (const d of diagnostics) if (d.severity !== 'info') io.out(formatDiagnostic(d));
}
