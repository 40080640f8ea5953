/**
 * SOQL laid out for reading: one clause per line, top-level AND/OR of a WHERE on their own lines, the
 * field list wrapped. String literals and parenthesised sub-queries are never split inside. Display only:
 * copying gives the template exactly as the plan has it.
 */

const CLAUSES = [
  'FROM',
  'WHERE',
  'GROUP BY',
  'HAVING',
  'ORDER BY',
  'LIMIT',
  'OFFSET',
  'FOR VIEW',
  'FOR REFERENCE',
  'FOR UPDATE',
];

interface Token {
  readonly text: string;
  readonly depth: number;
}

/** Splits into words, literals and parentheses, tracking nesting depth. */
function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  while (i < soql.length) {
    const c = soql[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < soql.length && soql[j] !== "'") j += soql[j] === '\\' ? 2 : 1;
      tokens.push({ text: soql.slice(i, j + 1), depth });
      i = j + 1;
      continue;
    }
    if (c === '(') {
      tokens.push({ text: c, depth });
      depth++;
      i++;
      continue;
    }
    if (c === ')') {
      depth = Math.max(0, depth - 1);
      tokens.push({ text: c, depth });
      i++;
      continue;
    }
    let j = i;
    while (j < soql.length && !/[\s()']/.test(soql[j] as string)) j++;
    tokens.push({ text: soql.slice(i, j), depth });
    i = j;
  }
  return tokens;
}

export function formatSoql(soql: string): string {
  const tokens = tokenize(soql);
  const out: string[] = [];
  let line = '';
  const flush = (): void => {
    if (line.trim() !== '') out.push(line.replace(/\s+$/, ''));
    line = '';
  };
  let clause = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const upper = t.text.toUpperCase();
    const two = `${upper} ${(tokens[i + 1]?.text ?? '').toUpperCase()}`;
    const keyword = t.depth === 0 ? (CLAUSES.includes(two) ? two : CLAUSES.includes(upper) ? upper : '') : '';
    if (keyword) {
      flush();
      line = keyword;
      clause = keyword;
      if (keyword.includes(' ')) i++;
      continue;
    }
    if (clause === 'WHERE' && t.depth <= 1 && (upper === 'AND' || upper === 'OR')) {
      flush();
      line = '  '.repeat(t.depth + 1) + upper;
      continue;
    }
    const glue = line === '' || line.endsWith('(') || t.text === ')' || t.text === ',' ? '' : ' ';
    if (t.text === '(' && /[A-Za-z_]$/.test(line) && !/\b(AND|OR|NOT|IN|WHERE)$/i.test(line)) {
      line += '(';
      continue;
    }
    line += glue + t.text;
    // Wrap long field lists after a comma.
    if (clause === '' && line.length > 80 && t.text.endsWith(',')) {
      flush();
      line = '      ';
    }
  }
  flush();
  return out.join('\n');
}
