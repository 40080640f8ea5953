/**
 * The compiler in a Web Worker: the page stays responsive however long a big scope takes to compile.
 * Messages: `{type: 'metadata', metadata}` (sent when the describe changes), then
 * `{type: 'compile', id, scope}` -> `{id, result, ms}` or `{id, error}`.
 */
import { compile, createCompileCache } from '../../compiler/index.ts';
import type { OrgMetadata } from '../../compiler/org-metadata.ts';

let metadata: OrgMetadata | undefined;
// One cache for the editing session: a keystroke rebuilds only the edited object and its dependents.
const cache = createCompileCache();

type Request =
  { type: 'metadata'; metadata: OrgMetadata | undefined } | { type: 'compile'; id: number; scope: unknown };

self.addEventListener('message', (event: MessageEvent<Request>) => {
  const message = event.data;
  if (message.type === 'metadata') {
    metadata = message.metadata;
    return;
  }
  const started = performance.now();
  try {
    const result = compile(message.scope, metadata ? { metadata, cache } : { cache });
    self.postMessage({ id: message.id, result, ms: performance.now() - started });
  } catch (error) {
    self.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
