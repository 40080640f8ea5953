/**
 * What to offer while typing a `where`: the word before the caret completed from the object's describe
 * (fields, and one hop through a relationship: `Account.` offers Account's fields), or a bind (`:userId`
 * and the scope's declared parameters) after a colon. Pure; the editor draws and applies them.
 */
import type { OrgMetadata } from '../../../compiler/org-metadata.ts';

export interface Suggestion {
  /** The text that replaces the word being typed. */
  readonly insert: string;
  /** What it is, for people: the field type, or `bind`. */
  readonly detail: string;
}

export interface WordAtCaret {
  readonly start: number;
  readonly word: string;
}

/** The word the caret is at the end of, or undefined inside a string literal or after a space. */
export function wordAtCaret(text: string, caret: number): WordAtCaret | undefined {
  const before = text.slice(0, caret);
  // Inside a quoted literal: count unescaped quotes.
  const quotes = before.replace(/\\./g, '').split("'").length - 1;
  if (quotes % 2 === 1) return undefined;
  const match = /:?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\.?$|:$/.exec(before);
  if (!match) return undefined;
  return { start: match.index, word: match[0] };
}

const LIMIT = 8;

export function suggest(
  at: WordAtCaret | undefined,
  objectName: string,
  metadata: OrgMetadata | undefined,
  parameters: readonly string[],
): Suggestion[] {
  if (!at) return [];
  const { word } = at;
  if (word.startsWith(':')) {
    const prefix = word.slice(1).toLowerCase();
    return ['userId', ...parameters]
      .filter((p) => p.toLowerCase().startsWith(prefix) && p.toLowerCase() !== prefix)
      .slice(0, LIMIT)
      .map((p) => ({ insert: `:${p}`, detail: 'bind' }));
  }
  // Walk relationship names to the object whose fields complete the last part.
  const parts = word.split('.');
  const last = (parts.pop() ?? '').toLowerCase();
  let describe = metadata?.[objectName];
  for (const relationship of parts) {
    const reference = describe?.fields.find(
      (f) => f.relationshipName?.toLowerCase() === relationship.toLowerCase(),
    );
    const target = reference?.referenceTo[0];
    describe = target ? metadata?.[target] : undefined;
  }
  if (!describe) return [];
  const prefix = parts.length ? `${parts.join('.')}.` : '';
  const out: Suggestion[] = [];
  for (const f of describe.fields) {
    if (!f.filterable || !f.name.toLowerCase().startsWith(last) || f.name.toLowerCase() === last) continue;
    out.push({ insert: prefix + f.name, detail: f.type });
    if (f.relationshipName && f.relationshipName.toLowerCase().startsWith(last)) {
      out.push({ insert: `${prefix}${f.relationshipName}.`, detail: `→ ${f.referenceTo.join(', ')}` });
    }
    if (out.length >= LIMIT) break;
  }
  return out.slice(0, LIMIT);
}
