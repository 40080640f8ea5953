/**
 * The scope as a tree for people: root objects first (their own filter decides), then under each object
 * the objects that reach the device through it (`childOf` it, or `referencedBy` it). An object with
 * several paths appears under each parent; one that no root reaches (a cycle, a path to a missing object)
 * is listed at the top as unattached.
 */
import { objectsOf, pathsOf } from './scope-edits.ts';
import type { PathKind } from './scope-edits.ts';

export interface TreeNode {
  readonly name: string;
  /** How it hangs under its parent; absent for roots and unattached objects. */
  readonly via?: { readonly kind: PathKind; readonly field: string };
  readonly unattached: boolean;
  readonly children: readonly TreeNode[];
}

export function scopeTree(scope: unknown): TreeNode[] {
  const objects = objectsOf(scope);
  const names = Object.keys(objects);
  const edges = new Map<string, { child: string; kind: PathKind; field: string }[]>();
  const hasPath = new Set<string>();
  for (const name of names) {
    for (const kind of ['childOf', 'referencedBy'] as const) {
      for (const p of pathsOf(objects[name], kind)) {
        hasPath.add(name);
        const list = edges.get(p.object) ?? [];
        list.push({ child: name, kind, field: p.field });
        edges.set(p.object, list);
      }
    }
  }
  const reached = new Set<string>();
  const build = (
    name: string,
    ancestors: ReadonlySet<string>,
    via: TreeNode['via'],
    unattached: boolean,
  ): TreeNode => {
    reached.add(name);
    const inner = new Set(ancestors).add(name);
    const children = (edges.get(name) ?? [])
      .filter((e) => !inner.has(e.child))
      .map((e) => build(e.child, inner, { kind: e.kind, field: e.field }, false));
    return via ? { name, via, unattached, children } : { name, unattached, children };
  };
  const roots = names.filter((n) => !hasPath.has(n)).map((n) => build(n, new Set(), undefined, false));
  const unattached = names.filter((n) => !reached.has(n)).map((n) => build(n, new Set(), undefined, true));
  return [...roots, ...unattached];
}
