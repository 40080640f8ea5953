/**
 * What a compile may reuse from earlier compiles: plan entries by the key of everything they are computed
 * from (see compile.ts). Passed explicitly (`compile(scope, { cache })`), so `compile()` without one is
 * pure: nothing of one call leaks into another. An editor that compiles on every keystroke keeps one
 * cache, and a keystroke then rebuilds only the edited object and what depends on it.
 */

import type { Diagnostic } from './diagnostics.ts';
import type { OrgMetadata } from './org-metadata.ts';
import type { PlanObject } from './plan.ts';
import type { ObjectScope } from './scope-conditions.ts';

/** One object's plan entry with what building it found. */
export interface BuiltObject {
  readonly planObject: PlanObject;
  readonly scope: ObjectScope;
  readonly reconcileReason: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** Bounded so a long editing session cannot grow it without end. */
const MAX_CACHED_OBJECTS = 20_000;

export class CompileCache {
  readonly #built = new Map<number, BuiltObject>();
  readonly #keyIds = new Map<string, number>();
  readonly #metadataIds = new WeakMap<OrgMetadata, number>();
  #nextId = 1;

  /** A short id for a long key (keys of dependents hold their dependencies' ids). */
  keyId(key: string): number {
    let id = this.#keyIds.get(key);
    if (id === undefined) {
      if (this.#keyIds.size >= MAX_CACHED_OBJECTS) this.clear();
      id = this.#nextId++;
      this.#keyIds.set(key, id);
    }
    return id;
  }

  /** An id per metadata object: a new describe is new input. */
  metadataId(metadata: OrgMetadata): number {
    let id = this.#metadataIds.get(metadata);
    if (id === undefined) {
      id = this.#nextId++;
      this.#metadataIds.set(metadata, id);
    }
    return id;
  }

  get(key: number): BuiltObject | undefined {
    return this.#built.get(key);
  }

  /** Stores `built`, frozen: later compiles share it, so no caller may change it. */
  set(key: number, built: BuiltObject): void {
    if (this.#built.size >= MAX_CACHED_OBJECTS) this.#built.clear();
    deepFreeze(built.planObject);
    built.diagnostics.forEach(deepFreeze);
    this.#built.set(key, built);
  }

  clear(): void {
    this.#built.clear();
    this.#keyIds.clear();
  }
}

export function createCompileCache(): CompileCache {
  return new CompileCache();
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
