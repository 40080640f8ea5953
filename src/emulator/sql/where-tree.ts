/**
 * soql-parser-js represents a WHERE clause as a right-leaning chain of conditions with open/close paren
 * counts, which loses grouping. We turn it back into tokens and parse those into a boolean tree,
 * enforcing SOQL's rule that AND and OR may not be mixed at one level without parentheses.
 */

import type { ConditionWithValueQuery, WhereClause } from '@jetstreamapp/soql-parser-js';

export type WhereNode =
  | { readonly kind: 'and' | 'or'; readonly children: readonly WhereNode[] }
  | { readonly kind: 'not'; readonly child: WhereNode }
  | { readonly kind: 'condition'; readonly condition: ConditionWithValueQuery };

type Token =
  | { readonly kind: '(' | ')' | 'NOT' | 'AND' | 'OR' }
  | { readonly kind: 'condition'; readonly condition: ConditionWithValueQuery };

/** Thrown for a token the grammar does not allow at its place (`undefined`: end of the clause). */
export class WhereSyntaxError extends Error {
  constructor(readonly token: string | undefined) {
    super(`unexpected token: ${token ?? '<EOF>'}`);
  }
}

function isCondition(left: object): left is ConditionWithValueQuery {
  return 'field' in left || 'fn' in left;
}

function tokenize(where: WhereClause): Token[] {
  const tokens: Token[] = [];
  const repeat = (kind: '(' | ')', n: number | undefined): void => {
    for (let i = 0; i < (n ?? 0); i++) tokens.push({ kind });
  };
  let node: WhereClause | undefined = where;
  while (node) {
    const left = node.left as ConditionWithValueQuery | { openParen?: number } | null;
    const operator = 'operator' in node ? node.operator : undefined;
    if (operator === 'NOT' && (left === null || !isCondition(left))) {
      repeat('(', left?.openParen);
      tokens.push({ kind: 'NOT' });
      node = 'right' in node ? node.right : undefined;
      continue;
    }
    if (left && isCondition(left)) {
      repeat('(', left.openParen);
      tokens.push({ kind: 'condition', condition: left });
      repeat(')', 'closeParen' in left ? left.closeParen : 0);
    }
    if (operator === 'AND' || operator === 'OR') {
      tokens.push({ kind: operator });
      node = 'right' in node ? node.right : undefined;
    } else {
      node = undefined;
    }
  }
  return tokens;
}

export function buildWhereTree(where: WhereClause): WhereNode {
  const tokens = tokenize(where);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];

  const parseExpression = (): WhereNode => {
    const first = parseUnary();
    const joiner = peek()?.kind;
    if (joiner !== 'AND' && joiner !== 'OR') return first;
    const children = [first];
    while (peek()?.kind === 'AND' || peek()?.kind === 'OR') {
      const kind = peek()?.kind as 'AND' | 'OR';
      if (kind !== joiner) throw new WhereSyntaxError(kind);
      position++;
      children.push(parseUnary());
    }
    return { kind: joiner === 'AND' ? 'and' : 'or', children };
  };

  const parseUnary = (): WhereNode => {
    const token = peek();
    if (token?.kind === 'NOT') {
      position++;
      return { kind: 'not', child: parseUnary() };
    }
    if (token?.kind === '(') {
      position++;
      const inner = parseExpression();
      if (peek()?.kind !== ')') throw new WhereSyntaxError(tokenText(peek()));
      position++;
      return inner;
    }
    if (token?.kind === 'condition') {
      position++;
      return { kind: 'condition', condition: token.condition };
    }
    throw new WhereSyntaxError(tokenText(token));
  };

  const tree = parseExpression();
  if (position < tokens.length) throw new WhereSyntaxError(tokenText(peek()));
  return tree;
}

function tokenText(token: Token | undefined): string | undefined {
  if (!token) return undefined;
  return token.kind === 'condition' ? undefined : token.kind;
}

/** Every condition of the tree, with whether it is a top-level conjunct (reachable through ANDs only). */
export function conditionsOf(
  node: WhereNode,
  topLevel = true,
): { condition: ConditionWithValueQuery; topLevel: boolean }[] {
  switch (node.kind) {
    case 'condition':
      return [{ condition: node.condition, topLevel }];
    case 'and':
      return node.children.flatMap((child) => conditionsOf(child, topLevel));
    case 'or':
      return node.children.flatMap((child) => conditionsOf(child, false));
    case 'not':
      return conditionsOf(node.child, false);
  }
}
