/**
 * Helpers over soql-parser-js's WHERE representation: a right-leaning list `left operator right`, with
 * parentheses as `openParen` / `closeParen` counts on conditions and NOT as `{left: null|{openParen}, operator: 'NOT'}`.
 * Conditions are combined here as data and turned into text only by composeQuery.
 */

import type {
  Condition,
  ConditionWithValueQuery,
  NegationCondition,
  ValueQueryCondition,
  WhereClause,
} from '@jetstreamapp/soql-parser-js';

export type Leaf = Exclude<ConditionWithValueQuery, NegationCondition>;

type Node = {
  left: ConditionWithValueQuery | NegationCondition | null;
  operator?: 'AND' | 'OR' | 'NOT';
  right?: WhereClause;
};

/** A deep copy of plain JSON-like data (much faster than structuredClone for these small trees). */
function cloneData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneData) as T;
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = cloneData((value as Record<string, unknown>)[key]);
  return out as T;
}

export function cloneWhere(where: WhereClause): WhereClause {
  return cloneData(where);
}

function isNotNode(node: Node): boolean {
  return node.operator === 'NOT' && (node.left === null || !('operator' in node.left || 'fn' in node.left));
}

export function isSemiJoin(
  leaf: ConditionWithValueQuery | NegationCondition | null,
): leaf is ValueQueryCondition {
  return !!leaf && 'valueQuery' in leaf && !!leaf.valueQuery;
}

/** Every condition (leaf) in order, with whether an OR or a NOT governs it. */
export function leavesOf(where: WhereClause): { leaf: Leaf; underOr: boolean; underNot: boolean }[] {
  const tree = toTree(where);
  const out: { leaf: Leaf; underOr: boolean; underNot: boolean }[] = [];
  const visit = (t: BoolTree, underOr: boolean, underNot: boolean): void => {
    if (t.kind === 'leaf') out.push({ leaf: t.leaf, underOr, underNot });
    else if (t.kind === 'not') visit(t.item, underOr, true);
    else
      for (const item of t.items) visit(item, underOr || (t.kind === 'or' && t.items.length > 1), underNot);
  };
  visit(tree, false, false);
  return out;
}

export type BoolTree =
  | { kind: 'leaf'; leaf: Leaf }
  | { kind: 'not'; item: BoolTree }
  | { kind: 'and' | 'or'; items: BoolTree[]; mixed?: boolean };

type FlatToken = '(' | ')' | 'AND' | 'OR' | 'NOT' | { leaf: Leaf };

function flatten(where: WhereClause): FlatToken[] {
  const out: FlatToken[] = [];
  let node: Node | undefined = where as Node;
  while (node) {
    if (isNotNode(node)) {
      const open = (node.left as NegationCondition | null)?.openParen ?? 0;
      for (let i = 0; i < open; i++) out.push('(');
      out.push('NOT');
    } else {
      const leaf = node.left as Leaf;
      for (let i = 0; i < (leaf.openParen ?? 0); i++) out.push('(');
      out.push({ leaf });
      for (let i = 0; i < (leaf.closeParen ?? 0); i++) out.push(')');
      if (node.operator) out.push(node.operator);
    }
    node = node.right as Node | undefined;
  }
  return out;
}

/**
 * The boolean structure of a WHERE. `mixed` marks an AND/OR level that mixes both without parentheses,
 * which Salesforce rejects.
 */
export function toTree(where: WhereClause): BoolTree {
  const tokens = flatten(where);
  let i = 0;
  const unary = (): BoolTree => {
    const t = tokens[i++];
    if (t === 'NOT') return { kind: 'not', item: unary() };
    if (t === '(') {
      const inner = expr();
      i++; // ')'
      return inner;
    }
    if (t && typeof t === 'object') return { kind: 'leaf', leaf: t.leaf };
    throw new Error('unbalanced condition');
  };
  const expr = (): BoolTree => {
    const items = [unary()];
    const ops = new Set<string>();
    while (tokens[i] === 'AND' || tokens[i] === 'OR') {
      ops.add(tokens[i] as string);
      i++;
      items.push(unary());
    }
    if (items.length === 1) return items[0] as BoolTree;
    const mixed = ops.size > 1;
    return { kind: ops.has('OR') ? 'or' : 'and', items, ...(mixed ? { mixed } : {}) };
  };
  return expr();
}

/** True when some AND/OR level mixes both without parentheses. */
export function hasMixedAndOr(tree: BoolTree): boolean {
  if (tree.kind === 'leaf') return false;
  if (tree.kind === 'not') return hasMixedAndOr(tree.item);
  return !!tree.mixed || tree.items.some(hasMixedAndOr);
}

/** True when an OR appears outside every parenthesis (the condition then needs its own when ANDed). */
export function hasTopLevelOr(where: WhereClause): boolean {
  let depth = 0;
  for (const token of flatten(where)) {
    if (token === '(') depth++;
    else if (token === ')') depth--;
    else if (token === 'OR' && depth === 0) return true;
  }
  return false;
}

/** `(where)`: one more parenthesis around the whole condition. */
export function parenthesize(where: WhereClause): WhereClause {
  const copy = cloneWhere(where) as Node;
  if (isNotNode(copy)) {
    const left = (copy.left as NegationCondition | null) ?? { openParen: 0 };
    copy.left = { ...left, openParen: (left.openParen ?? 0) + 1 };
  } else {
    const leaf = copy.left as Leaf;
    leaf.openParen = (leaf.openParen ?? 0) + 1;
  }
  let last = copy;
  while (last.right) last = last.right as Node;
  const leaf = last.left as Leaf;
  leaf.closeParen = (leaf.closeParen ?? 0) + 1;
  return copy as WhereClause;
}

/** `a AND b AND ...`; each part is parenthesized when it contains an OR. Undefined parts are skipped. */
export function andAll(
  parts: readonly (WhereClause | undefined)[],
  alwaysParenthesize = false,
): WhereClause | undefined {
  const present = parts.filter((p): p is WhereClause => p !== undefined);
  let result: WhereClause | undefined;
  for (const part of present) {
    const piece =
      alwaysParenthesize || (present.length > 1 && hasTopLevelOr(part))
        ? parenthesize(part)
        : cloneWhere(part);
    if (!result) {
      result = piece;
      continue;
    }
    let last = result as Node;
    while (last.right) last = last.right as Node;
    last.operator = 'AND';
    last.right = piece;
  }
  return result;
}

/** A one-condition WHERE. */
export function whereOf(condition: Condition | ValueQueryCondition): WhereClause {
  return { left: condition } as WhereClause;
}

/** Counts semi-/anti-joins at the top level of a WHERE (not inside subqueries). */
export function countSemiJoins(where: WhereClause | undefined): number {
  if (!where) return 0;
  return leavesOf(where).filter((l) => isSemiJoin(l.leaf)).length;
}

/** Fields a condition reads at its own level (not inside subqueries), as written. */
export function fieldsOf(where: WhereClause): string[] {
  const out: string[] = [];
  for (const { leaf } of leavesOf(where)) {
    if ('field' in leaf && typeof leaf.field === 'string') out.push(leaf.field);
    else if ('fn' in leaf && leaf.fn) {
      for (const p of leaf.fn.parameters ?? [])
        if (typeof p === 'string' && /^[A-Za-z_][\w.]*$/.test(p)) out.push(p);
    }
  }
  return out;
}

/**
 * The same condition read through a child-to-parent relationship: `Status = 'x'` on WorkOrder becomes
 * `WorkOrder.Status = 'x'` on WorkOrderLineItem. `idField` replaces a leading `Id` (a semi-join on the
 * parent's Id becomes a semi-join on the child's reference field). Undefined when some condition cannot be
 * rewritten (functions, or a semi-join whose left side is not Id, which would need a dotted left operand).
 */
export function throughRelationship(
  where: WhereClause,
  relationship: string,
  idField: string,
): WhereClause | undefined {
  const copy = cloneWhere(where);
  for (const { leaf } of leavesOf(copy)) {
    if ('fn' in leaf && leaf.fn) return undefined;
    if (!('field' in leaf)) return undefined;
    const l = leaf as { field: string };
    if (isSemiJoin(leaf)) {
      if (l.field.toLowerCase() !== 'id') return undefined;
      l.field = idField;
    } else {
      l.field = `${relationship}.${l.field}`;
    }
  }
  return copy;
}

/** Depth of the longest relationship path in a condition (`A.B.C` = 2). */
export function relationshipDepth(where: WhereClause): number {
  let depth = 0;
  for (const field of fieldsOf(where)) depth = Math.max(depth, field.split('.').length - 1);
  return depth;
}
