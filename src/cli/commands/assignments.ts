/**
 * `syncscope assignments [--json] [org flags]`: who gets which scope. Every assignment in force (the
 * latest per target) with the version its scope is at, and every draft still being tested, with its test
 * users. Defined in definitions/publish.ts (the publishing commands live together). Docs: docs/rollout.md.
 */

import { fetchAssignmentsReport } from '../../org/assignments-report.ts';
import type { CliIo } from '../cli-io.ts';
import { connectOrg, orgFlagsFrom } from '../connect-org.ts';

/** `syncscope assignments`: who gets which published scope, and the drafts under test. */
export async function assignmentsCommand(options: Record<string, unknown>, io: CliIo): Promise<void> {
  const org = await connectOrg(orgFlagsFrom(options));
  try {
    if (org.kind === 'embedded')
      io.err('note: no org given, so this used a fresh embedded demo org that is gone when the command ends');
    const report = await fetchAssignmentsReport({ transport: org.connection, apiVersion: org.apiVersion });
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
        `${a.target.padEnd(width)}  "${a.scopeName}" ${a.versionNumber === null ? '(no published version)' : `v${a.versionNumber}`}  ${a.usersReached} ${a.usersReached === 1 ? 'user' : 'users'}  assigned ${a.assignedAt}${a.assignedBy ? ` by ${a.assignedBy}` : ''}`,
      );
    for (const d of report.drafts)
      io.out(`draft "${d.scopeName}" v${d.versionNumber}  test users: ${d.testUsers.join(', ') || 'none'}`);
  } finally {
    await org.close();
  }
}
