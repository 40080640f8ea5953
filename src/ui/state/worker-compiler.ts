/**
 * The page's side of compile-worker.ts: an asynchronous compile function for ScopeStore. The describe is
 * and the preview user's permissions are sent to the worker once per change (they can be large), the scope
 * with every compile.
 */
import type { OrgMetadata } from '../../compiler/org-metadata.ts';
import type { OrgPermissions } from '../../compiler/org-permissions.ts';
import type { AsyncCompileFn, CompileInputs, CompileResult } from './scope-store.ts';

interface Reply {
  readonly id: number;
  readonly result?: CompileResult;
  readonly ms?: number;
  readonly error?: string;
}

/** The worker could not run (failed to load, blocked): the caller may compile in the page instead. */
export class CompileWorkerUnavailable extends Error {
  override readonly name = 'CompileWorkerUnavailable';
}

export function createWorkerCompiler(worker: Worker): AsyncCompileFn {
  let unavailable: CompileWorkerUnavailable | undefined;
  let nextId = 0;
  let sentMetadata: OrgMetadata | undefined | null = null;
  let sentPermissions: OrgPermissions | undefined | null = null;
  const waiting = new Map<
    number,
    { resolve: (r: { result: CompileResult; ms: number }) => void; reject: (e: Error) => void }
  >();
  worker.addEventListener('message', (event: MessageEvent<Reply>) => {
    const pending = waiting.get(event.data.id);
    if (!pending) return;
    waiting.delete(event.data.id);
    if (event.data.result) pending.resolve({ result: event.data.result, ms: event.data.ms ?? 0 });
    else pending.reject(new Error(event.data.error ?? 'the compiler worker failed'));
  });
  worker.addEventListener('error', (event) => {
    unavailable = new CompileWorkerUnavailable(event.message || 'the compiler worker failed to load');
    for (const pending of waiting.values()) pending.reject(unavailable);
    waiting.clear();
  });
  return (scope, options) => {
    if (unavailable) return Promise.reject(unavailable);
    if (options.metadata !== sentMetadata || options.permissions !== sentPermissions) {
      worker.postMessage({ type: 'metadata', metadata: options.metadata, permissions: options.permissions });
      sentMetadata = options.metadata;
      sentPermissions = options.permissions;
    }
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ type: 'compile', id, scope });
    });
  };
}

/** A worker running compile-worker.ts (bundled by Vite, served as TypeScript by the test runner). */
export function startCompileWorker(): Worker {
  return new Worker(new URL('./compile-worker.ts', import.meta.url), {
    type: 'module',
    name: 'syncscope-compiler',
  });
}

/**
 * The page's compiler: in the worker; if the worker cannot run, in the page (loaded only then), so the
 * tool keeps working, just without the worker's guarantee that typing never waits.
 */
export function pageCompiler(worker: Worker): AsyncCompileFn {
  const viaWorker = createWorkerCompiler(worker);
  let inPage: ((scope: unknown, options: CompileInputs) => CompileResult) | undefined;
  return async (scope, options) => {
    if (!inPage) {
      try {
        return await viaWorker(scope, options);
      } catch (error) {
        if (!(error instanceof CompileWorkerUnavailable)) throw error;
        inPage = (await import('../../compiler/index.ts')).compile;
      }
    }
    const started = performance.now();
    const result = inPage(scope, options);
    return { result, ms: performance.now() - started };
  };
}
