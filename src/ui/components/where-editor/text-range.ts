/**
 * Where in a SOQL string a diagnostic points. The compiler reports `position` with 0-based offsets into
 * the `where` text; this reads the shapes compilers commonly use and clamps to the text.
 */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function rangeOf(position: unknown, text: string): TextRange | undefined {
  if (position === null || typeof position !== 'object') return undefined;
  const p = position as Record<string, unknown>;
  let start =
    num(p['start']) ??
    num((p['start'] as Record<string, unknown> | undefined)?.['offset']) ??
    num(p['offset']);
  let end = num(p['end']) ?? num((p['end'] as Record<string, unknown> | undefined)?.['offset']);
  if (start === undefined && num(p['column']) !== undefined) start = (num(p['column']) as number) - 1;
  if (start === undefined) return undefined;
  if (end === undefined) end = num(p['length']) !== undefined ? start + (num(p['length']) as number) : start;
  start = Math.max(0, Math.min(start, text.length));
  end = Math.max(start, Math.min(end, text.length));
  if (end === start) {
    // An empty range (e.g. "expected a value here") marks the next character, or the last one at the end.
    if (start < text.length) end = start + 1;
    else {
      // "Ends too early": mark the last word typed, not trailing blanks (which may wrap to a new line).
      const last = text.trimEnd().length;
      if (last > 0) [start, end] = [last - 1, last];
    }
  }
  return { start, end };
}

/** Splits `text` into plain and marked runs; overlapping ranges merge. */
export function splitByRanges(
  text: string,
  ranges: readonly TextRange[],
): { text: string; marked: boolean }[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: TextRange[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end)
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, r.end) };
    else merged.push(r);
  }
  const runs: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const r of merged) {
    if (r.start > at) runs.push({ text: text.slice(at, r.start), marked: false });
    runs.push({ text: text.slice(r.start, r.end), marked: true });
    at = r.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), marked: false });
  return runs;
}

/**
 * Writes the runs into a backdrop element as text and `<mark>`s. Done by hand, not in a template: the
 * backdrop is `white-space: pre-wrap`, so any whitespace a template adds around its parts would shift the
 * marks away from the text they underline.
 */
export function fillBackdrop(
  backdrop: HTMLElement,
  runs: readonly { text: string; marked: boolean }[],
): void {
  backdrop.replaceChildren(
    ...runs.map((run) => {
      if (!run.marked) return document.createTextNode(run.text);
      const mark = document.createElement('mark');
      mark.textContent = run.text;
      return mark;
    }),
    // A trailing newline in a textarea still takes a line; make the backdrop do the same.
    document.createTextNode('\u200b'),
  );
}
