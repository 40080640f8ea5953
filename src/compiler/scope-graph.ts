/** The dependency graph between scope objects: cycles, and the order objects sync in. */

import type { DiagnosticSink } from './diagnostics.ts';
import type { ModelObject } from './scope-model.ts';

/** Objects each object depends on through its paths (only objects that are in the scope), in path order. */
export function dependenciesOf(object: ModelObject, inScope: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const path of object.paths)
    if (inScope.has(path.object) && !out.includes(path.object)) out.push(path.object);
  return out;
}

/**
 * Reports each cycle once, at the path that closes it (the last edge found by a depth-first walk in name
 * order), and returns true when there is none.
 */
export function checkCycles(objects: readonly ModelObject[], sink: DiagnosticSink): boolean {
  const byName = new Map(objects.map((o) => [o.name, o]));
  const state = new Map<string, 'visiting' | 'done'>();
  let ok = true;
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    const object = byName.get(name) as ModelObject;
    for (const path of object.paths) {
      if (!byName.has(path.object)) continue;
      const s = state.get(path.object);
      if (s === 'visiting') {
        ok = false;
        const cycle = [...stack.slice(stack.indexOf(path.object)), path.object];
        sink.add(
          'CYCLE',
          path.pointer,
          path.object === name
            ? `${name} depends on itself through ${path.field}: a scope cannot follow a hierarchy recursively; list the levels as separate objects or filter with a condition`
            : `cycle ${cycle.reverse().join(' -> ')}: every object must come after the objects it depends on; remove one of these paths`,
        );
      } else if (s === undefined) {
        visit(path.object);
      }
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of [...byName.keys()].sort()) if (!state.has(name)) visit(name);
  return ok;
}

/** Objects in dependency order; among objects whose dependencies are done, by name. Assumes no cycle. */
export function dependencyOrder(objects: readonly ModelObject[]): ModelObject[] {
  const byName = new Map(objects.map((o) => [o.name, o]));
  const inScope = new Set(byName.keys());
  const waitingFor = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const object of objects) {
    const deps = dependenciesOf(object, inScope);
    waitingFor.set(object.name, deps.length);
    for (const d of deps) dependents.set(d, [...(dependents.get(d) ?? []), object.name]);
  }
  const ready = [...byName.keys()].filter((n) => waitingFor.get(n) === 0).sort(byCodeUnits);
  const out: ModelObject[] = [];
  while (ready.length > 0) {
    const name = ready.shift() as string;
    out.push(byName.get(name) as ModelObject);
    for (const dependent of dependents.get(name) ?? []) {
      const left = (waitingFor.get(dependent) as number) - 1;
      waitingFor.set(dependent, left);
      if (left === 0) {
        // Keep `ready` sorted: the next object is always the first by name among those ready.
        let at = ready.findIndex((r) => byCodeUnits(dependent, r) < 0);
        if (at < 0) at = ready.length;
        ready.splice(at, 0, dependent);
      }
    }
  }
  if (out.length !== objects.length) throw new Error('dependency cycle');
  return out;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
