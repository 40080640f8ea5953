/**
 * JSON Pointers (RFC 6901): how diagnostics name a place in the scope, and how controls name theirs.
 */

/** Builds a pointer from raw segments, escaping `~` and `/`. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/** Splits a pointer into its unescaped segments; `''` (the whole document) gives `[]`. */
export function fromPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The value at `pointer` in `doc`, or undefined when any step is missing. */
export function valueAt(doc: unknown, pointer: string): unknown {
  let node: unknown = doc;
  for (const segment of fromPointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** True when `pointer` is `ancestor` itself or lies below it. */
export function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(ancestor + '/') || ancestor === '';
}
