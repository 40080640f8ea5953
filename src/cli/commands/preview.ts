/**
 * `syncscope preview <scope.json> --user <id|username> [--users N] [--json] [org flags]`: what the scope
 * puts on that user's device and what it costs, per object, measured on the org.
 */

import type { PreviewResponse } from '../../org/api-types.ts';
import { OrgClient } from '../../org/org-client.ts';
import { previewScope } from '../../org/preview.ts';
import { isSalesforceId, soqlString } from '../../org/soql-text.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { connectOrg, orgFlagsFrom } from '../connect-org.ts';
import { formatDiagnostic } from '../diagnostic-format.ts';
import { compileScopeFileOnOrg } from '../scope-file.ts';

/** A user Id, or the Id of the user with that username. */
export async function resolveUser(org: OrgClient, user: string): Promise<string> {
  if (isSalesforceId(user)) return user;
  const [record] = await org.queryAll(`SELECT Id FROM User WHERE Username = ${soqlString(user)}`);
  if (!record) throw new CliError(`no user with the username '${user}' in the org`);
  return String(record.Id);
}

function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** The per-object table and the cost lines, as printed. */
export function formatPreview(preview: PreviewResponse, userLabel?: string): string[] {
  const header = ['Object', 'Records', 'Paths', 'Payload', 'First sync', 'No-change delta', 'Every'];
  const rows = preview.objects.map((o) => [
    o.name,
    `${o.count}${o.limitReached ? ` (limit ${o.limit})` : ''}`,
    o.paths.map((p) => `${p.label}: ${p.count}`).join(', '),
    kb(o.estimatedBytes),
    `${o.firstSyncApiCalls} calls`,
    `${o.deltaNoChangeRequests} requests${o.reconcileEverySync ? ' (reconciles)' : ''}`,
    `${o.syncEveryMinutes} min`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const t = preview.totals;
  const f = preview.fleet;
  const out = [
    `Preview of "${preview.scopeName}" for ${userLabel ? `${userLabel} (${preview.userId})` : `user ${preview.userId}`}`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...preview.objects
      .filter((o) => o.droppedFields.length > 0)
      .map(
        (o) =>
          `${o.name}: left out, the user cannot read ${o.droppedFields.join(', ')} (field-level security)`,
      ),
    '',
    `Device: ${t.records} records, ${kb(t.estimatedBytes)}; first sync ${t.firstSyncApiCalls} API calls; ` +
      `"Sync now" with no changes ${t.deltaNoChangeApiCalls} API calls.`,
    `Per day at the schedules: ${t.syncsPerDay} syncs, ${t.apiCallsPerDevicePerDay} API calls per device.`,
  ];
  if (f.dailyApiRequests) {
    out.push(
      `${f.users} device${f.users === 1 ? '' : 's'}: ${f.apiCallsPerDay} API calls per day = ${f.percentOfDailyMax}% of the org's ` +
        `DailyApiRequests (${f.dailyApiRequests.max}); at most ${f.maxUsers} devices fit.`,
    );
  }
  const a = preview.assumptions;
  out.push(
    `(Assumes ${a.pageSize} records per page, ${a.queriesPerComposite} queries per /composite call, ` +
      `${a.planCheckCallsPerSync} plan check per sync, a scheduler tick of ${a.tickMinutes} min, a reconciliation once a day: COUNT() queries where the plan has them, else Id queries.)`,
  );
  for (const d of preview.diagnostics) out.push(formatDiagnostic(d));
  return out;
}

/** `syncscope preview`: the preview of a scope for one user, as lines or JSON. */
export async function previewCommand(
  file: string,
  options: Record<string, unknown>,
  io: CliIo,
): Promise<void> {
  const users = Number(options.users);
  if (!Number.isInteger(users) || users < 1)
    throw new CliError(`--users must be a whole number from 1, got '${String(options.users)}'`);
  const parameters: Record<string, string> = {};
  for (const pair of (options.param as string[] | undefined) ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CliError(`--param needs name=value, got '${pair}'`);
    parameters[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const org = await connectOrg(orgFlagsFrom(options));
  try {
    const client = new OrgClient(org.connection);
    const userId = await resolveUser(client, String(options.user));
    const compiled = await compileScopeFileOnOrg(client, file, { userId });
    const preview = await previewScope(client, compiled, { userId, users, parameters });
    if (options.json) io.out(JSON.stringify(preview, null, 2));
    else {
      const label = String(options.user) === userId ? undefined : String(options.user);
      for (const line of formatPreview(preview, label)) io.out(line);
    }
  } finally {
    await org.close();
  }
}
