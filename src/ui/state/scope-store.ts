/**
 * The config tool's single source of truth: the scope being edited, the org's describe, and the result of
 * compiling the one with the other. Every edit is applied at once and starts a compile; nothing visible is
 * debounced.
 *
 * Two ways to compile: a synchronous function (tests, small scopes: the result is there when `edit`
 * returns), or an asynchronous one (the page: the compiler runs in a Web Worker, so typing never waits for
 * it). Asynchronously, at most one compile runs; edits made meanwhile are compiled together as soon as it
 * ends (latest wins), and a `scope-change` with origin `compile` announces each result.
 */
import { ParameterValueError, parseParameterValue } from '../../compiler/parameter-value.ts';
import type { SyncPlan } from '../../compiler/plan.ts';
import type { OrgMetadata } from '../../compiler/org-metadata.ts';
import type { OrgPermissions } from '../../compiler/org-permissions.ts';
import type { SyncScope } from '../../compiler/scope.ts';
import type { Diagnostic } from '../../compiler/diagnostics.ts';
import { controlPointerFor, objectOfPointer } from './control-pointer.ts';

export type { Diagnostic };

export interface CompileResult {
  readonly plan?: SyncPlan;
  readonly diagnostics: readonly Diagnostic[];
}

/** What the compiler is given besides the scope: the org's describes, and the preview user's permissions. */
export interface CompileInputs {
  readonly metadata?: OrgMetadata;
  readonly permissions?: OrgPermissions;
}

export type CompileFn = (scope: unknown, options: CompileInputs) => CompileResult;

/** Compiles elsewhere (a worker); `ms` is the compiler's own time there. */
export type AsyncCompileFn = (
  scope: unknown,
  options: CompileInputs,
) => Promise<{ result: CompileResult; ms: number }>;

/**
 * Where a change came from, so the view that made it can skip re-rendering its own text. `compile`: a
 * new compile result for the current scope (asynchronous mode), the scope itself did not change.
 */
export type ChangeOrigin = 'form' | 'json' | 'load' | 'metadata' | 'compile' | 'values';

export class ScopeChangeEvent extends Event {
  constructor(readonly origin: ChangeOrigin) {
    super('scope-change');
  }
}

export class ScopeStore extends EventTarget {
  #scope: SyncScope;
  #metadata: OrgMetadata | undefined;
  #permissions: OrgPermissions | undefined;
  #result: CompileResult = { diagnostics: [] };
  #byControl = new Map<string, Diagnostic[]>();
  #byObject = new Map<string, Diagnostic[]>();
  #parameterValues: Record<string, string> = {};
  /** Milliseconds the last compile took (shown in the status bar; measured, never asserted). */
  lastCompileMs = 0;
  /** Increments on every change; cheap change detection for views. */
  revision = 0;

  /** The revision the current result was compiled from (equal to `revision` when up to date). */
  resultRevision = -1;
  #inFlight: Promise<void> | undefined;
  #queued = false;

  constructor(
    private readonly compileFn: CompileFn | { readonly async: AsyncCompileFn },
    scope: SyncScope,
    metadata?: OrgMetadata,
  ) {
    super();
    this.#scope = scope;
    this.#metadata = metadata;
    this.#recompile();
  }

  /** True while the result is older than the scope (asynchronous mode, a compile is under way). */
  get compiling(): boolean {
    return this.resultRevision !== this.revision;
  }

  /** Resolves once the result matches the current scope. */
  async settled(): Promise<void> {
    while (this.#inFlight) await this.#inFlight;
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

  get permissions(): OrgPermissions | undefined {
    return this.#permissions;
  }

  /** The preview user's permission sets: the compiler warns about what they cannot read or edit. */
  setPermissions(permissions: OrgPermissions | undefined): void {
    this.#permissions = permissions;
    this.#changed('metadata');
  }

  /** Test values of the scope's parameters (for previews and the simulator), as typed. Not part of the scope. */
  get parameterValues(): Readonly<Record<string, string>> {
    return this.#parameterValues;
  }

  setParameterValue(name: string, value: string): void {
    this.#parameterValues = { ...this.#parameterValues, [name]: value };
    this.dispatchEvent(new ScopeChangeEvent('values'));
  }

  /** The declared parameters' test values as JSON values of their SOQL types (what the API and devices take). */
  typedParameterValues(): Record<string, string | number | boolean> {
    const declared = (this.#scope.parameters ?? {}) as Readonly<Record<string, string>>;
    const out = Object.create(null) as Record<string, string | number | boolean>;
    for (const [name, type] of Object.entries(declared)) {
      const raw = Object.hasOwn(this.#parameterValues, name) ? this.#parameterValues[name] : undefined;
      if (raw === undefined || raw === '') continue;
      try {
        out[name] = parseParameterValue(type, raw);
      } catch (error) {
        // A value not of its type is left out (the server then says it needs one), never sent as NaN.
        if (!(error instanceof ParameterValueError)) throw error;
      }
    }
    return { ...out };
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
    this.revision++;
    this.#recompile();
    this.dispatchEvent(new ScopeChangeEvent(origin));
  }

  #recompile(): void {
    const options: CompileInputs = {
      ...(this.#metadata ? { metadata: this.#metadata } : {}),
      ...(this.#permissions ? { permissions: this.#permissions } : {}),
    };
    if (typeof this.compileFn === 'function') {
      const started = performance.now();
      try {
        this.#apply(this.compileFn(this.#scope, options), this.revision);
      } catch (error) {
        this.#apply(failed(error), this.revision);
      }
      this.lastCompileMs = performance.now() - started;
      return;
    }
    if (this.#inFlight) {
      this.#queued = true;
      return;
    }
    const compileAsync = this.compileFn.async;
    const revision = this.revision;
    this.#inFlight = compileAsync(this.#scope, options)
      .then(
        ({ result, ms }) => {
          this.lastCompileMs = ms;
          this.#apply(result, revision);
        },
        (error: unknown) => this.#apply(failed(error), revision),
      )
      .finally(() => {
        this.#inFlight = undefined;
        if (this.#queued || revision !== this.revision) {
          this.#queued = false;
          this.#recompile();
        }
        this.dispatchEvent(new ScopeChangeEvent('compile'));
      });
  }

  #apply(result: CompileResult, revision: number): void {
    this.#result = result;
    this.resultRevision = revision;
    this.#byControl = new Map();
    this.#byObject = new Map();
    for (const d of this.#result.diagnostics) {
      push(this.#byControl, controlPointerFor(d.path), d);
      const object = objectOfPointer(d.path);
      if (object !== undefined) push(this.#byObject, object, d);
    }
  }
}

/** A compiler bug must not take the editor down with it: it shows like any other problem. */
function failed(error: unknown): CompileResult {
  return {
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
