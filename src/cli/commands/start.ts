/**
 * `syncscope start` (what `npm start` runs): the config tool on the embedded demo org (or the org given)
 * with the example scope, printing the compiled plan's summary and the URL; on the embedded org also the
 * field app beside it (the scope published for it), printing its URL and the demo sign-in.
 */

import type { SyncPlan } from '../../compiler/plan.ts';
import type { SyncScope } from '../../compiler/scope.ts';
import { connectOrg, orgFlagsFrom } from '../connect-org.ts';
import type { CliIo } from '../cli-io.ts';
import { formatDiagnostic, hasErrors } from '../diagnostic-format.ts';
import { compileScopeText, readScopeFile } from '../scope-file.ts';
import { metadataFor, scopeErrorsSummary } from '../../org/compile-scope.ts';
import { OrgServiceError } from '../../org/errors.ts';
import { OrgClient } from '../../org/org-client.ts';
import { parsePort, serveUntilStopped, signal } from './serve.ts';
import { ensureScopePublished } from './app.ts';
import { startAppServer, type AppServer } from '../../server/app-server.ts';
import { DEMO_CLIENT_ID, demoSignInLine } from '../../emulator/seed/demo-ids.ts';
import { formatPreview } from './preview.ts';
import { previewScope } from '../../org/preview.ts';
import { DEMO_TECHNICIAN_ID, DEMO_TECHNICIAN_USERNAME } from '../../emulator/seed/demo-ids.ts';

/** One line per object: paths, fields, schedule and why it reconciles. */
export function planSummary(plan: SyncPlan): string[] {
  const lines = [
    `Scope "${plan.scopeName}": ${plan.objects.length} objects, sync every ${plan.syncEveryMinutes} min, ` +
      `watermark ${plan.watermarkField} (overlap ${plan.overlapSeconds} s), plan v${plan.planVersion}`,
  ];
  const width = Math.max(...plan.objects.map((o) => o.name.length));
  for (const object of plan.objects) {
    const paths = object.paths
      .map((p) => (p.kind === 'root' ? 'root' : `${p.kind} ${p.object}.${p.field}`))
      .join(', ');
    const access =
      object.upload.access === 'readWrite' ? `readWrite/${object.upload.conflict ?? 'clientWins'}` : 'read';
    const extras = [
      object.limit !== undefined
        ? `limit ${object.limit}${object.orderBy ? ` by ${object.orderBy}` : ''}`
        : '',
      object.reconcileEverySync
        ? `reconciles every sync (${object.reconcileReason ?? 'time-dependent'})`
        : '',
    ].filter(Boolean);
    lines.push(
      `  ${object.name.padEnd(width)}  ${paths}; ${object.fields.length} fields; ${access}; every ${object.syncEveryMinutes} min` +
        (extras.length > 0 ? `; ${extras.join('; ')}` : ''),
    );
  }
  return lines;
}

/** `syncscope start`: the config tool (and on the embedded org the field app) until a signal. */
export async function startCommand(options: Record<string, unknown>, io: CliIo): Promise<void> {
  const port = parsePort(String(options.port));
  const appPort = parsePort(String(options.appPort));
  const scopeFile = String(options.scope);
  const scopeText = readScopeFile(scopeFile);
  const org = await connectOrg(orgFlagsFrom(options));
  let fieldApp: AppServer | undefined;
  try {
    await serveUntilStopped({
      port,
      scopeFile,
      org,
      io,
      until: signal(),
      beforeStart: async () => {
        try {
          const client = new OrgClient(org.connection);
          const result = await compileScopeText(scopeText, (scope) => metadataFor(client, scope));
          if (!result.plan || hasErrors(result.diagnostics)) {
            io.out(`The scope does not compile: ${scopeErrorsSummary(result.diagnostics)}`);
            for (const d of result.diagnostics) io.out(`  ${formatDiagnostic(d)}`);
            return;
          }
          const compiled = {
            scope: result.scope as SyncScope,
            plan: result.plan,
            diagnostics: result.diagnostics,
          };
          for (const line of planSummary(compiled.plan)) io.out(line);
          for (const d of compiled.diagnostics) io.out(`  ${formatDiagnostic(d)}`);
          if (org.kind === 'embedded') {
            // The demo's first technician: what the example scope puts on her device, and its cost.
            io.out('');
            const preview = await previewScope(client, compiled, { userId: DEMO_TECHNICIAN_ID });
            for (const line of formatPreview({ ...preview, diagnostics: [] }, DEMO_TECHNICIAN_USERNAME))
              io.out(line);
            io.out('');
            // The field app beside the config tool, signing in to the same embedded org.
            await ensureScopePublished(org, scopeFile);
            fieldApp = await startAppServer({
              config: {
                instanceUrl: org.instanceUrl,
                clientId: DEMO_CLIENT_ID,
                scopeName: compiled.scope.name,
                apiVersion: org.apiVersion,
              },
              port: appPort,
              log: (line) => io.err(line),
            });
            io.out(`field app: ${fieldApp.url}`);
            io.out(demoSignInLine());
          }
        } catch (error) {
          // The org failed (a query, the preview): say so and serve the config tool anyway.
          if (!(error instanceof OrgServiceError)) throw error;
          io.out(`The scope does not compile: ${error.message}`);
        }
      },
    });
  } finally {
    await fieldApp?.close();
  }
}
