/**
 * Which control shows a diagnostic: maps a diagnostic's JSON Pointer to the pointer of the control that
 * edits that place (the `data-pointer` of an input, select or list in the form). A diagnostic deeper than
 * any control (`/objects/X/fields/3`) goes to the control that holds it (the field picker); one at a place
 * with no control of its own goes to the nearest ancestor that has one.
 */
import { fromPointer, toPointer } from './json-pointer.ts';

/** Object properties with a control of their own in the object editor. */
export const OBJECT_CONTROLS = [
  'fields',
  'where',
  'orderBy',
  'limit',
  'access',
  'conflict',
  'syncEveryMinutes',
  'externalIdField',
] as const;

/** Scope properties with a control of their own in the scope header / settings. */
export const SCOPE_CONTROLS = [
  'name',
  'apiVersion',
  'watermarkField',
  'overlapSeconds',
  'syncEveryMinutes',
] as const;

const PATH_KINDS = new Set(['childOf', 'referencedBy']);
const PATH_PARTS = new Set(['object', 'field']);

/** The control pointer for a diagnostic at `path`; `''` means the scope as a whole (the list only). */
export function controlPointerFor(path: string): string {
  const s = fromPointer(path);
  if (s[0] === 'objects') {
    if (s.length === 1) return '/objects';
    const name = s[1] as string;
    const key = s[2];
    if (key === undefined) return toPointer(['objects', name]);
    if ((OBJECT_CONTROLS as readonly string[]).includes(key)) return toPointer(['objects', name, key]);
    if (PATH_KINDS.has(key)) {
      const rest = s.slice(3);
      const head: (string | number)[] = ['objects', name, key];
      if (rest[0] !== undefined && /^\d+$/.test(rest[0])) {
        head.push(rest[0]);
        rest.shift();
      }
      if (rest[0] !== undefined && PATH_PARTS.has(rest[0])) head.push(rest[0]);
      return toPointer(head);
    }
    return toPointer(['objects', name]);
  }
  if (s[0] === 'parameters') return s[1] === undefined ? '/parameters' : toPointer(['parameters', s[1]]);
  if (s[0] !== undefined && (SCOPE_CONTROLS as readonly string[]).includes(s[0])) return toPointer([s[0]]);
  return '';
}

/** The object a pointer is about, if any (`/objects/WorkOrder/where` -> `WorkOrder`). */
export function objectOfPointer(path: string): string | undefined {
  const s = fromPointer(path);
  return s[0] === 'objects' ? s[1] : undefined;
}

/** The index into an array a diagnostic points at below a control (`/objects/X/fields/3` -> 3). */
export function itemIndexBelow(path: string, control: string): number | undefined {
  if (!path.startsWith(control + '/')) return undefined;
  const next = path.slice(control.length + 1).split('/')[0];
  return next !== undefined && /^\d+$/.test(next) ? Number(next) : undefined;
}
