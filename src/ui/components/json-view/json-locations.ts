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
  const problems = errors.map((e) => {
    const name = printParseErrorCode(e.error);
    return { ...placeAt(text, e.offset, Math.max(1, e.length)), message: MESSAGES[name] ?? name };
  });
  if (text.trim() === '' && problems.length === 0) {
    problems.push({ ...placeAt(text, 0, 0), message: 'the document is empty' });
  }
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
