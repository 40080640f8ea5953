/**
 * Which relationship paths to offer for an object, from the org's describe: `childOf` from the object's
 * own reference fields, `referencedBy` from its child relationships (and from reference fields of other
 * in-scope objects that point at it, for describes without childRelationships).
 */
import type { OrgMetadata } from '../../../compiler/org-metadata.ts';
import type { PathKind, RelationshipPath } from '../../state/scope-edits.ts';

export interface PathSuggestion {
  readonly object: string;
  readonly field: string;
  readonly kind: PathKind;
  /** People's text, e.g. `WorkOrder via WorkOrderId (Work Order)`. */
  readonly label: string;
  /** Whether `object` is already in the scope (otherwise adding the path also adds it). */
  readonly inScope: boolean;
}

export function suggestPaths(
  objectName: string,
  kind: PathKind,
  metadata: OrgMetadata | undefined,
  inScope: ReadonlySet<string>,
  existing: readonly RelationshipPath[],
): PathSuggestion[] {
  if (!metadata) return [];
  const taken = new Set(existing.map((p) => `${p.object}.${p.field}`));
  const found = new Map<string, PathSuggestion>();
  const add = (object: string, field: string, label: string): void => {
    const key = `${object}.${field}`;
    // A path from an object to itself is not supported (the compiler reports PATH_SELF).
    if (object === objectName) return;
    if (taken.has(key) || found.has(key)) return;
    found.set(key, { kind, object, field, label, inScope: inScope.has(object) });
  };
  const describe = metadata[objectName];
  if (kind === 'childOf') {
    for (const f of describe?.fields ?? []) {
      if (f.type !== 'reference') continue;
      for (const target of f.referenceTo) add(target, f.name, `${target} via ${f.name} (${f.label})`);
    }
  } else {
    for (const r of describe?.childRelationships ?? []) {
      add(
        r.childSObject,
        r.field,
        `${r.childSObject}.${r.field}${r.relationshipName ? ` (${r.relationshipName})` : ''}`,
      );
    }
    for (const other of inScope) {
      for (const f of metadata[other]?.fields ?? []) {
        if (f.type === 'reference' && f.referenceTo.includes(objectName))
          add(other, f.name, `${other}.${f.name}`);
      }
    }
  }
  // In-scope targets first (the usual choice), then alphabetical.
  return [...found.values()].sort(
    (a, b) => Number(b.inScope) - Number(a.inScope) || a.label.localeCompare(b.label),
  );
}
