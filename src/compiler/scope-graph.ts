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
  const inScope = new Set(objects.map((o) => o.name));
  const remaining = [...objects].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const done = new Set<string>();
  const out: ModelObject[] = [];
  while (remaining.length > 0) {
    const index = remaining.findIndex((o) => dependenciesOf(o, inScope).every((d) => done.has(d)));
    if (index < 0) throw new Error('dependency cycle');
    const [next] = remaining.splice(index, 1) as [ModelObject];
    done.add(next.name);
    out.push(next);
  }
  return out;
}
