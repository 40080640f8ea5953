/**
 * The config tool's single source of truth: the scope being edited, the org's describe, and the result of
 * compiling the one with the other. Every edit recompiles at once (the compiler is pure and fast), so
 * diagnostics and the plan are never stale; nothing visible is debounced.
 */
import type { SyncPlan } from '../../compiler/plan.ts';
import type { OrgMetadata } from '../../compiler/org-metadata.ts';
import type { SyncScope } from '../../compiler/scope.ts';
import type { Diagnostic } from '../../compiler/diagnostics.ts';
import { controlPointerFor, objectOfPointer } from './control-pointer.ts';

export type { Diagnostic };

export interface CompileResult {
  readonly plan?: SyncPlan;
  readonly diagnostics: readonly Diagnostic[];
}

export type CompileFn = (scope: unknown, options: { metadata?: OrgMetadata }) => CompileResult;

/** Where a change came from, so the view that made it can skip re-rendering its own text. */
export type ChangeOrigin = 'form' | 'json' | 'load' | 'metadata';

export class ScopeChangeEvent extends Event {
  constructor(readonly origin: ChangeOrigin) {
    super('scope-change');
  }
}

export class ScopeStore extends EventTarget {
  #scope: SyncScope;
  #metadata: OrgMetadata | undefined;
  #result: CompileResult = { diagnostics: [] };
  #byControl = new Map<string, Diagnostic[]>();
  #byObject = new Map<string, Diagnostic[]>();
  /** Milliseconds the last compile took (shown in the status bar; measured, never asserted). */
  lastCompileMs = 0;
  /** Increments on every change; cheap change detection for views. */
  revision = 0;

  constructor(
    private readonly compileFn: CompileFn,
    scope: SyncScope,
    metadata?: OrgMetadata,
  ) {
    super();
    this.#scope = scope;
    this.#metadata = metadata;
    this.#recompile();
  }

  get scope(): SyncScope {
    return this.#scope;
  }
  get metadata(): OrgMetadata | undefined {
    return this.#metadata;
  }
  get result(): CompileResult {
    return this.#result;
  }
  get diagnostics(): readonly Diagnostic[] {
    return this.#result.diagnostics;
  }
  get plan(): SyncPlan | undefined {
    return this.#result.plan;
  }
  get errorCount(): number {
    return this.#result.diagnostics.filter((d) => d.severity === 'error').length;
  }

  /** Replaces the whole document (JSON view, file load, new scope). */
  setScope(next: SyncScope, origin: ChangeOrigin): void {
    this.#scope = next;
    this.#changed(origin);
  }

  /** Applies a form edit. */
  edit(change: (scope: SyncScope) => SyncScope): void {
    const next = change(this.#scope);
    if (next === this.#scope) return;
    this.setScope(next, 'form');
  }

  setMetadata(metadata: OrgMetadata | undefined): void {
    this.#metadata = metadata;
    this.#changed('metadata');
  }

  /** Diagnostics shown at the control whose `data-pointer` is `controlPointer`. */
  diagnosticsAt(controlPointer: string): readonly Diagnostic[] {
    return this.#byControl.get(controlPointer) ?? [];
  }

  /** Diagnostics anywhere inside one object (tree badges). */
  diagnosticsOfObject(name: string): readonly Diagnostic[] {
    return this.#byObject.get(name) ?? [];
  }

  #changed(origin: ChangeOrigin): void {
    this.#recompile();
    this.revision++;
    this.dispatchEvent(new ScopeChangeEvent(origin));
  }

  #recompile(): void {
    const started = performance.now();
    try {
      this.#result = this.compileFn(this.#scope, this.#metadata ? { metadata: this.#metadata } : {});
    } catch (error) {
      // A compiler bug must not take the editor down with it: show it like any other problem.
      this.#result = {
        diagnostics: [
          {
            code: 'UI_COMPILER_FAILED',
            severity: 'error',
            path: '',
            message: `The compiler failed on this scope: ${error instanceof Error ? error.message : String(error)}`,
          },
        ],
      };
    }
    this.lastCompileMs = performance.now() - started;
    this.#byControl = new Map();
    this.#byObject = new Map();
    for (const d of this.#result.diagnostics) {
      push(this.#byControl, controlPointerFor(d.path), d);
      const object = objectOfPointer(d.path);
      if (object !== undefined) push(this.#byObject, object, d);
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
