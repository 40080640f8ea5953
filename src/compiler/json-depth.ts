/**
 * The nesting limit for JSON that comes in (request bodies, scope and describe files). JSON.parse itself
 * copes with any depth, but everything that walks the value afterwards (the compiler, JSON.stringify,
 * the emulator's record handling) recurses, and 100,000 levels end in "Maximum call stack size
 * exceeded". No scope, plan, describe or record needs more than a dozen levels; 512 leaves ample room
 * and stays far from the stack limit. Pure; scans the text without recursion, so it is safe on any input.
 */

import { escapePointerToken } from './json-pointer.ts';

/** Objects and arrays may nest this deep (the top-level value is level 1). */
export const MAX_JSON_DEPTH = 512;

export interface JsonTooDeep {
  /** JSON Pointer of the first object or array one level past the limit. */
  readonly path: string;
  /** Character offset of its opening bracket. */
  readonly offset: number;
  /** Message for a person: where, and the limit. */
  readonly message: string;
}

interface Frame {
  readonly array: boolean;
  /** The current member: an array index, or an object's last key. */
  member: string;
  /** In an object, whether the next string is a key. */
  expectKey: boolean;
}

/**
 * The first place where `text` nests objects/arrays deeper than `limit`, or null. Meant for text that
 * is then parsed: on malformed JSON it may answer null or a rough place, and the parser reports the
 * syntax error.
 */
export function findJsonTooDeep(text: string, limit = MAX_JSON_DEPTH): JsonTooDeep | null {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      const top = stack[stack.length - 1];
      if (top && !top.array && top.expectKey) {
        top.member = keyOf(text.slice(start, i + 1));
        top.expectKey = false;
      }
    } else if (ch === '{' || ch === '[') {
      if (stack.length === limit) {
        const path = stack.map((frame) => `/${escapePointerToken(frame.member)}`).join('');
        return {
          path,
          offset: i,
          message: `objects and arrays nest more than ${limit} levels deep here, past the limit of ${limit}: nothing in a scope, plan, describe or record nests that deep`,
        };
      }
      stack.push({ array: ch === '[', member: '0', expectKey: ch === '{' });
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top?.array) top.member = String(Number(top.member) + 1);
      else if (top) top.expectKey = true;
    }
  }
  return null;
}

function keyOf(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal.slice(1, -1);
  }
}
