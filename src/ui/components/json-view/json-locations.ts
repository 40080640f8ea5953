/**
 * Places in the raw JSON text: parse errors with line and column, and where a JSON Pointer's value sits,
 * so diagnostics of the compiler (which speak in pointers) can be shown at their line.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import { fromPointer } from '../../state/json-pointer.ts';

export interface TextPlace {
  readonly offset: number;
  readonly length: number;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
}

export interface JsonParseProblem extends TextPlace {
  readonly code: 'JSON_SYNTAX' | 'JSON_DUPLICATE_KEY';
  readonly message: string;
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing brace } is expected',
  CloseBracketExpected: 'a closing bracket ] is expected',
  EndOfFileExpected: 'nothing may follow the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is not finished',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

export function placeAt(text: string, offset: number, length: number): TextPlace {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { offset, length, line, column };
}

export interface ParsedJson {
  readonly value: unknown;
  readonly tree: Node | undefined;
  readonly problems: readonly JsonParseProblem[];
}

/** Strict JSON (no comments, no trailing commas), with every syntax problem located. */
export function parseJson(text: string): ParsedJson {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const problems: JsonParseProblem[] = errors.map((e) => {
    const name = printParseErrorCode(e.error);
    return {
      ...placeAt(text, e.offset, Math.max(1, e.length)),
      code: 'JSON_SYNTAX' as const,
      message: MESSAGES[name] ?? name,
    };
  });
  if (text.trim() === '' && problems.length === 0) {
    problems.push({ ...placeAt(text, 0, 0), code: 'JSON_SYNTAX', message: 'the document is empty' });
  }
  // JSON.parse keeps the last of two equal keys and drops the other silently: refuse instead.
  if (problems.length === 0 && tree) problems.push(...duplicateKeys(text, tree));
  return { value: problems.length ? undefined : JSON.parse(text), tree, problems };
}

/** Where the value at `pointer` is written, or its nearest existing ancestor; undefined without a tree. */
export function placeOfPointer(text: string, tree: Node | undefined, pointer: string): TextPlace | undefined {
  if (!tree) return undefined;
  const segments: (string | number)[] = fromPointer(pointer);
  while (segments.length >= 0) {
    const node = findNodeAtLocation(
      tree,
      segments.map((s, i) => {
        const parent = i === 0 ? tree : findNodeAtLocation(tree, segments.slice(0, i));
        return parent?.type === 'array' && /^\d+$/.test(String(s)) ? Number(s) : s;
      }),
    );
    if (node) {
      // Mark a property's key and value together when it is a property value.
      const target = node.parent?.type === 'property' ? node.parent : node;
      return placeAt(text, target.offset, target.length);
    }
    if (segments.length === 0) return undefined;
    segments.pop();
  }
  return undefined;
}

/** Every repeated property name of every object, at the repetition. */
function duplicateKeys(text: string, root: Node): JsonParseProblem[] {
  const problems: JsonParseProblem[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (key && typeof key.value === 'string') {
          if (seen.has(key.value)) {
            problems.push({
              ...placeAt(text, key.offset, key.length),
              code: 'JSON_DUPLICATE_KEY',
              message: `"${key.value}" appears twice in the same object; JSON keeps only one of them, so merge or rename them`,
            });
          }
          seen.add(key.value);
        }
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return problems;
}
