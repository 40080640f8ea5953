/**
 * The compiler in a Web Worker: the page stays responsive however long a big scope takes to compile.
 * Messages: `{type: 'metadata', metadata, permissions}` (sent when the describe or the preview user's
 * permissions change), then
 * `{type: 'compile', id, scope}` -> `{id, result, ms}` or `{id, error}`.
 */
import { compile, createCompileCache } from '../../compiler/index.ts';
import type { OrgMetadata } from '../../compiler/org-metadata.ts';
import type { OrgPermissions } from '../../compiler/org-permissions.ts';

let metadata: OrgMetadata | undefined;
let permissions: OrgPermissions | undefined;
// One cache for the editing session: a keystroke rebuilds only the edited object and its dependents.
const cache = createCompileCache();

type Request =
  | { type: 'metadata'; metadata: OrgMetadata | undefined; permissions?: OrgPermissions | undefined }
  | { type: 'compile'; id: number; scope: unknown };

self.addEventListener('message', (event: MessageEvent<Request>) => {
  const message = event.data;
  if (message.type === 'metadata') {
    metadata = message.metadata;
    permissions = message.permissions;
    return;
  }
  const started = performance.now();
  try {
    const result = compile(message.scope, {
      cache,
      ...(metadata ? { metadata } : {}),
      ...(permissions ? { permissions } : {}),
    });
    self.postMessage({ id: message.id, result, ms: performance.now() - started });
  } catch (error) {
    self.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
