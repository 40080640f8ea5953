/**
 * `syncscope assignments [--json] [org flags]`: who gets which scope. Every assignment in force (the
 * latest per target) with the version its scope is at, and every draft still being tested, with its test
 * users. Defined in definitions/publish.ts (the publishing commands live together). Docs: docs/rollout.md.
 */

import { fetchRolloutState, latestPublished, type RolloutState } from '../../runtime/rollout-state.ts';
import { assignmentsInForce, formatTarget, type ScopeAssignment } from '../../runtime/scope-assignment.ts';
import type { CliIo } from '../cli-io.ts';
import { connectOrg, orgFlagsFrom } from '../connect-org.ts';

/** What `--json` prints. */
export interface AssignmentsReport {
  readonly assignments: readonly {
    readonly target: string;
    readonly scopeName: string;
    /** The scope's published version devices of this target run now (null: none published). */
    readonly versionNumber: number | null;
    readonly assignedAt: string;
    readonly assignedBy: string | null;
  }[];
  readonly drafts: readonly {
    readonly scopeName: string;
    readonly versionNumber: number;
    readonly versionId: string;
    readonly testUsers: readonly string[];
  }[];
}

/** Order of precedence, most specific first, as the resolver applies it. */
const KIND_ORDER = { user: 0, permset: 1, profile: 2, default: 3 } as const;

export function assignmentsReport(state: RolloutState): AssignmentsReport {
  const sorted = [...assignmentsInForce(state.assignments)].sort(
    (a: ScopeAssignment, b: ScopeAssignment) =>
      KIND_ORDER[a.target.kind] - KIND_ORDER[b.target.kind] ||
      formatTarget(a.target).localeCompare(formatTarget(b.target)),
  );
  const drafts = [...state.versions.values()].flatMap((versions) =>
    versions
      .filter((v) => v.draft && (latestPublished(state, v.scopeName)?.versionNumber ?? 0) < v.versionNumber)
      .map((v) => ({
        scopeName: v.scopeName,
        versionNumber: v.versionNumber,
        versionId: v.versionId,
        testUsers: [...(state.testUsers.get(v.versionId) ?? [])].sort(),
      })),
  );
  return {
    assignments: sorted.map((a) => ({
      target: formatTarget(a.target),
      scopeName: a.scopeName,
      versionNumber: latestPublished(state, a.scopeName)?.versionNumber ?? null,
      assignedAt: a.assignedAt,
      assignedBy: a.assignedBy,
    })),
    drafts,
  };
}

/** `syncscope assignments`: who gets which published scope, and the drafts under test. */
export async function assignmentsCommand(options: Record<string, unknown>, io: CliIo): Promise<void> {
  const org = await connectOrg(orgFlagsFrom(options));
  try {
    if (org.kind === 'embedded')
      io.err('note: no org given, so this used a fresh embedded demo org that is gone when the command ends');
    const report = assignmentsReport(
      await fetchRolloutState({ transport: org.connection, apiVersion: org.apiVersion }),
    );
    if (options.json) {
      io.out(JSON.stringify(report, null, 2));
      return;
    }
    if (report.assignments.length === 0 && report.drafts.length === 0) {
      io.out(
        `no scope is assigned in ${org.description}: syncscope publish <scope.json> --assign default ...`,
      );
      return;
    }
    const width = Math.max(6, ...report.assignments.map((a) => a.target.length));
    for (const a of report.assignments)
      io.out(
        `${a.target.padEnd(width)}  "${a.scopeName}" ${a.versionNumber === null ? '(no published version)' : `v${a.versionNumber}`}  assigned ${a.assignedAt}${a.assignedBy ? ` by ${a.assignedBy}` : ''}`,
      );
    for (const d of report.drafts)
      io.out(`draft "${d.scopeName}" v${d.versionNumber}  test users: ${d.testUsers.join(', ') || 'none'}`);
  } finally {
    await org.close();
  }
}
