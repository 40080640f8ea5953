/**
 * Compiles a scope sent by the page, linted against the connected org's describes, or answers
 * an 'invalid' SCOPE_HAS_ERRORS error with every diagnostic. Preview, why, diff and publish all start here.
 */

import { compile } from '../compiler/compile.ts';
import type { Diagnostic } from '../compiler/diagnostics.ts';
import type { OrgMetadata, SObjectDescribe } from '../compiler/org-metadata.ts';
import type { SyncPlan } from '../compiler/plan.ts';
import type { SyncScope } from '../compiler/scope.ts';
import { OrgServiceError, invalidInput } from './errors.ts';
import { isSalesforceId } from './soql-text.ts';
import type { OrgClient } from './org-client.ts';
import { loadUserPermissions } from './user-permissions.ts';

export interface CompiledScope {
  readonly scope: SyncScope;
  readonly plan: SyncPlan;
  /** Warnings and infos (errors make compileScope throw). */
  readonly diagnostics: readonly Diagnostic[];
}

/** Describes of every object the scope names that the org has (unknown ones are the compiler's to report). */
export async function metadataFor(org: OrgClient, scope: unknown): Promise<OrgMetadata> {
  const names = new Set<string>();
  const objects = (scope as { objects?: unknown } | null)?.objects;
  if (objects && typeof objects === 'object') {
    for (const [name, definition] of Object.entries(objects)) {
      names.add(name);
      for (const key of ['childOf', 'referencedBy'] as const) {
        const paths = (definition as Record<string, unknown> | null)?.[key];
        for (const path of Array.isArray(paths) ? paths : [paths]) {
          const object = (path as { object?: unknown } | null)?.object;
          if (typeof object === 'string') names.add(object);
        }
      }
    }
  }
  const metadata: Record<string, SObjectDescribe> = {};
  const known = new Set((await org.sobjects()).map((o) => o.name));
  await Promise.all(
    [...names]
      .filter((name) => known.has(name))
      .map(async (name) => {
        const describe = await org.describe(name);
        if (describe) metadata[name] = describe;
      }),
  );
  return metadata;
}

/** `the scope has 2 errors; the first: /objects/Account/where: ...` */
export function scopeErrorsSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return `the scope has ${errors.length} error${errors.length === 1 ? '' : 's'}; the first: ${errors[0]?.path || '/'}: ${errors[0]?.message ?? 'it does not compile'}`;
}

export interface CompileScopeOptions {
  /**
   * The user whose device the scope is for (the preview's user): their permission sets become the
   * compiler's audience, so it warns about what they cannot read or edit.
   */
  readonly userId?: string;
}

export async function compileScope(
  org: OrgClient,
  scope: unknown,
  options: CompileScopeOptions = {},
): Promise<CompiledScope> {
  if (!scope || typeof scope !== 'object' || Array.isArray(scope)) {
    throw invalidInput('`scope` must be a scope object (see schemas/sync-scope.schema.json)');
  }
  const metadata = await metadataFor(org, scope);
  const permissions =
    typeof options.userId === 'string' && isSalesforceId(options.userId)
      ? (await loadUserPermissions(org, options.userId, Object.keys(metadata))).permissions
      : undefined;
  const result = compile(scope, { metadata, ...(permissions ? { permissions } : {}) });
  if (!result.plan || result.diagnostics.some((d) => d.severity === 'error')) {
    throw new OrgServiceError('invalid', 'SCOPE_HAS_ERRORS', scopeErrorsSummary(result.diagnostics), {
      diagnostics: result.diagnostics,
    });
  }
  return { scope: scope as SyncScope, plan: result.plan, diagnostics: result.diagnostics };
}
