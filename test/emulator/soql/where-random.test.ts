import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A1, A3, openTestOrg, testRows, type TestOrg } from './soql-test-org.ts';

/**
 * Random WHERE trees (AND / OR / NOT, nested parentheses) run through the engine and compared with a
 * direct evaluation in JavaScript under SOQL's two-valued semantics. This guards the rebuilding of
 * grouping from soql-parser-js's flat condition chain.
 */

type Row = Readonly<Record<string, unknown>>;
interface Atom {
  readonly soql: string;
  readonly test: (row: Row) => boolean;
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v.toLowerCase() : undefined;
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

const ATOMS: readonly Atom[] = [
  { soql: `Industry = 'Energy'`, test: (r) => text(r['Industry']) === 'energy' },
  { soql: `Industry != 'energy'`, test: (r) => text(r['Industry']) !== 'energy' },
  { soql: 'NumberOfEmployees > 20', test: (r) => (num(r['NumberOfEmployees']) ?? -Infinity) > 20 },
  { soql: 'NumberOfEmployees <= 50', test: (r) => (num(r['NumberOfEmployees']) ?? Infinity) <= 50 },
  { soql: `Name LIKE 'a%'`, test: (r) => text(r['Name'])?.startsWith('a') ?? false },
  {
    soql: `Tags__c INCLUDES ('Gold')`,
    test: (r) => (text(r['Tags__c']) ?? '').split(';').includes('gold'),
  },
  { soql: 'ParentId = null', test: (r) => r['ParentId'] === null || r['ParentId'] === undefined },
  { soql: 'AnnualRevenue < 100', test: (r) => (num(r['AnnualRevenue']) ?? Infinity) < 100 },
  {
    soql: `Industry IN ('Retail', 'Energy')`,
    test: (r) => ['retail', 'energy'].includes(text(r['Industry']) ?? ''),
  },
  { soql: `Id NOT IN ('${A1}', '${A3}')`, test: (r) => r['Id'] !== A1 && r['Id'] !== A3 },
];

type Tree =
  { kind: 'atom'; atom: Atom } | { kind: 'not'; child: Tree } | { kind: 'and' | 'or'; children: Tree[] };

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(random: () => number, depth: number): Tree {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  let tree: Tree;
  if (depth === 0 || random() < 0.3) tree = { kind: 'atom', atom: pick(ATOMS) };
  else {
    const count = 2 + Math.floor(random() * 2);
    tree = {
      kind: random() < 0.5 ? 'and' : 'or',
      children: Array.from({ length: count }, () => generate(random, depth - 1)),
    };
  }
  // At most two NOTs in a row in the text (`NOT (NOT (NOT ...` is refused: soql-parser-js drops one).
  return leadingNots(tree) < 2 && random() < 0.25 ? { kind: 'not', child: tree } : tree;
}

function leadingNots(tree: Tree): number {
  if (tree.kind === 'not') return 1 + leadingNots(tree.child);
  if (tree.kind === 'atom') return 0;
  return leadingNots(tree.children[0] as Tree);
}

function format(tree: Tree, random: () => number): string {
  const wrap = (s: string): string => (random() < 0.2 ? `(${s})` : s);
  switch (tree.kind) {
    case 'atom':
      return wrap(tree.atom.soql);
    case 'not': {
      const inner = format(tree.child, random);
      return tree.child.kind === 'and' || tree.child.kind === 'or' ? `NOT (${inner})` : `NOT ${inner}`;
    }
    default: {
      const parts = tree.children.map((child) => {
        const s = format(child, random);
        return child.kind === 'and' || child.kind === 'or' ? `(${s})` : s;
      });
      return wrap(parts.join(tree.kind === 'and' ? ' AND ' : ' OR '));
    }
  }
}

function evaluate(tree: Tree, row: Row): boolean {
  switch (tree.kind) {
    case 'atom':
      return tree.atom.test(row);
    case 'not':
      return !evaluate(tree.child, row);
    case 'and':
      return tree.children.every((c) => evaluate(c, row));
    case 'or':
      return tree.children.some((c) => evaluate(c, row));
  }
}

describe('SOQL engine: random WHERE trees', () => {
  let org: TestOrg;
  beforeAll(() => {
    org = openTestOrg();
  });
  afterAll(() => org.close());

  it('matches a direct evaluation for 300 random nested expressions', () => {
    const random = mulberry32(20261126);
    const accounts = (testRows['Account'] ?? []).filter((r) => r['IsDeleted'] !== 1);
    let nonTrivial = 0;
    for (let i = 0; i < 300; i++) {
      const tree = generate(random, 3);
      const where = format(tree, random);
      const expected = accounts
        .filter((row) => evaluate(tree, row))
        .map((row) => String(row['Id']))
        .sort();
      let actual: string[];
      try {
        actual = org
          .query(`SELECT Id FROM Account WHERE ${where} ORDER BY Id`)
          .records.map((r) => String(r['Id']));
      } catch (error) {
        throw new Error(`${where}: ${(error as Error).message}`);
      }
      expect(actual, where).toEqual(expected);
      if (expected.length > 0 && expected.length < accounts.length) nonTrivial++;
    }
    // The generator must exercise real selections, not only all-or-nothing results.
    expect(nonTrivial).toBeGreaterThan(150);
  });
});
