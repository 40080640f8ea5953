/**
 * Semantic rules for an object's parsed `where`: bind parameters, relative date literals, semi-join limits
 * the REST API enforces, and (with org metadata) fields and literal types.
 */

import type { Query } from '@jetstreamapp/soql-parser-js';
import type { DiagnosticSink } from './diagnostics.ts';
import type { OrgMetadata } from './org-metadata.ts';
import type { ParsedWhere } from './soql-condition.ts';
import type { SoqlToken } from './soql-tokens.ts';
import { countSemiJoins, isSemiJoin, leavesOf } from './where-ast.ts';
import { describeField } from './metadata-lookup.ts';

/** Placeholders the runtime owns; admins may use only `:userId` of these. */
export const RESERVED_PLACEHOLDERS = ['watermark', 'parentIds', 'ids'] as const;
export const BUILTIN_PLACEHOLDERS = ['userId'] as const;

/** Objects Salesforce does not allow inside a semi-join subquery. */
const NOT_IN_SEMI_JOIN = new Set(['task', 'event', 'note', 'attachment', 'activityhistory', 'openactivity']);

const RELATIVE_DATE =
  /^(YESTERDAY|TODAY|TOMORROW|(LAST|THIS|NEXT)_(WEEK|MONTH|QUARTER|YEAR|FISCAL_QUARTER|FISCAL_YEAR)|(LAST|NEXT)_90_DAYS|(LAST|NEXT)_N_[A-Z_]+|N_[A-Z_]+_AGO)(:-?\d+)?$/i;

export interface WhereFacts {
  /** Relative date literals used (`NEXT_N_DAYS:14`), in order. */
  readonly relativeDates: readonly string[];
  /** Declared parameters used. */
  readonly parameters: ReadonlySet<string>;
  readonly semiJoins: number;
}

function span(token: SoqlToken): { start: number; end: number } {
  return { start: token.start, end: token.end };
}

/** Finds tokens for the k-th occurrence of a word, for positions of fields named in the AST. */
class TokenCursor {
  private next = 0;
  constructor(private readonly tokens: readonly SoqlToken[]) {}
  find(word: string): SoqlToken | undefined {
    const lower = word.toLowerCase();
    for (let i = this.next; i < this.tokens.length; i++) {
      const t = this.tokens[i] as SoqlToken;
      if (t.kind === 'word' && t.text.toLowerCase() === lower) {
        this.next = i + 1;
        return t;
      }
    }
    return undefined;
  }
}

export function checkWhere(
  object: string,
  parsed: ParsedWhere,
  path: string,
  declared: ReadonlyMap<string, string>,
  metadata: OrgMetadata | undefined,
  sink: DiagnosticSink,
): WhereFacts {
  const relativeDates: string[] = [];
  const parameters = new Set<string>();
  const whole = { start: 0, end: parsed.text.length };

  for (const token of parsed.tokens) {
    if (token.kind === 'bind') {
      const name = token.text.slice(1);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        sink.add(
          'SOQL_BIND_EXPRESSION',
          path,
          `${token.text}: only plain names can be bound (:userId or a declared parameter)`,
          span(token),
        );
      } else if ((RESERVED_PLACEHOLDERS as readonly string[]).includes(name)) {
        sink.add(
          'RESERVED_PARAMETER',
          path,
          `:${name} is reserved for the runtime and cannot be used in a condition`,
          span(token),
        );
      } else if ((BUILTIN_PLACEHOLDERS as readonly string[]).includes(name)) {
        // the running user's Id, bound on the device
      } else if (declared.has(name)) {
        parameters.add(name);
      } else {
        sink.add(
          'UNKNOWN_PARAMETER',
          path,
          `:${name} is not declared: add it to the scope's "parameters" (name -> SOQL type)`,
          span(token),
        );
      }
    } else if ((token.kind === 'dateN' || token.kind === 'word') && RELATIVE_DATE.test(token.text)) {
      relativeDates.push(token.text);
    }
  }

  const cursor = new TokenCursor(parsed.tokens);
  const leaves = leavesOf(parsed.where);
  const semiJoins = leaves.filter((l) => isSemiJoin(l.leaf)).length;
  const semiJoinSpans: { start: number; end: number }[] = [];
  for (const { leaf, underOr, underNot } of leaves) {
    const field = 'field' in leaf && typeof leaf.field === 'string' ? leaf.field : undefined;
    const token = field ? cursor.find(field) : undefined;
    const at = token ? span(token) : whole;
    const operator = 'operator' in leaf ? String(leaf.operator).toUpperCase() : '';
    const literalType = (leaf as { literalType?: unknown }).literalType;
    const bound = String((leaf as { value?: unknown }).value);
    if (
      literalType === 'APEX_BIND_VARIABLE' &&
      ['IN', 'NOT IN', 'INCLUDES', 'EXCLUDES'].includes(operator) &&
      !(RESERVED_PLACEHOLDERS as readonly string[]).includes(bound)
    ) {
      const bind = parsed.tokens.find((t) => t.kind === 'bind' && t.start >= at.start);
      sink.add(
        'BIND_NOT_A_LIST',
        path,
        `${operator} needs a list, but :${bound} is a single value: use = (or list the values)`,
        bind ? span(bind) : at,
      );
    }
    if (isSemiJoin(leaf)) {
      semiJoinSpans.push(at);
      const sub: Query = leaf.valueQuery;
      if (underOr)
        sink.add(
          'SEMI_JOIN_UNDER_OR',
          path,
          'a semi-join (IN (SELECT ...)) cannot be under OR: use a second path instead',
          at,
        );
      if (underNot)
        sink.add(
          'SEMI_JOIN_UNDER_NOT',
          path,
          'a semi-join cannot be under NOT: use NOT IN (SELECT ...) instead',
          at,
        );
      if (sub.where && countSemiJoins(sub.where) > 0)
        sink.add('SEMI_JOIN_NESTED', path, 'a semi-join cannot contain another semi-join', at);
      if (sub.sObject && sub.sObject.toLowerCase() === object.toLowerCase())
        sink.add('SEMI_JOIN_SAME_OBJECT', path, `a semi-join cannot query ${object} itself`, at);
      if (sub.sObject && NOT_IN_SEMI_JOIN.has(sub.sObject.toLowerCase()))
        sink.add('SEMI_JOIN_OBJECT_NOT_ALLOWED', path, `${sub.sObject} cannot be queried in a semi-join`, at);
      if (field?.includes('.'))
        sink.add(
          'SOQL_SYNTAX',
          path,
          `the left side of a semi-join must be Id or a reference field, not a path (${field})`,
          at,
        );
      if (sub.orderBy || sub.limit !== undefined)
        sink.add('SOQL_CLAUSE_NOT_ALLOWED', path, 'a semi-join subquery cannot have ORDER BY or LIMIT', at);
    }
    if (field && metadata) checkFieldInCondition(object, field, leaf, at, path, metadata, sink);
  }
  if (semiJoins > 2)
    sink.add(
      'TOO_MANY_SEMI_JOINS',
      path,
      `${semiJoins} semi-joins: Salesforce allows at most 2 per WHERE; drop one or split the object into two paths`,
      semiJoinSpans[2] ?? whole,
    );

  return { relativeDates, parameters, semiJoins };
}

const DATETIME_TYPES = new Set(['DATETIME', 'DATE_LITERAL', 'DATE_N_LITERAL', 'NULL', 'APEX_BIND_VARIABLE']);
const DATE_TYPES = new Set(['DATE', 'DATE_LITERAL', 'DATE_N_LITERAL', 'NULL', 'APEX_BIND_VARIABLE']);

function checkFieldInCondition(
  object: string,
  field: string,
  leaf: object,
  at: { start: number; end: number },
  path: string,
  metadata: OrgMetadata,
  sink: DiagnosticSink,
): void {
  const resolved = describeField(metadata, object, field);
  if (resolved.kind === 'unknownObject' || resolved.kind === 'unresolved') return;
  if (resolved.kind === 'unknownField') {
    sink.add('UNKNOWN_FIELD', path, `${resolved.object} has no field ${resolved.field}`, at);
    return;
  }
  const describe = resolved.field;
  if (!describe.filterable && !isSemiJoin(leaf as never))
    sink.add(
      'FIELD_NOT_FILTERABLE',
      path,
      `${object}.${field} cannot be used in a condition (not filterable)`,
      at,
    );
  const literalType = (leaf as { literalType?: string | string[] }).literalType;
  const types = literalType === undefined ? [] : Array.isArray(literalType) ? literalType : [literalType];
  const allowed =
    describe.type === 'datetime' ? DATETIME_TYPES : describe.type === 'date' ? DATE_TYPES : undefined;
  const bad = allowed ? types.find((t) => !allowed.has(t)) : undefined;
  if (bad)
    sink.add(
      'LITERAL_TYPE_MISMATCH',
      path,
      `${field} is a ${describe.type} field: compare it with a ${describe.type === 'date' ? 'date (2024-01-31)' : 'datetime (2024-01-31T00:00:00Z)'} or a date literal, not a ${bad.toLowerCase()}`,
      at,
    );
}
