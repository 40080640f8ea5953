/**
 * Resolves SOQL field paths (`Account.Owner.Name`) against metadata into SQL column references, adding
 * one LEFT JOIN per distinct relationship path (parents are optional: a null lookup gives a null parent).
 *
 * A polymorphic reference (`OwnerId` to User or Group) joins every target table; Ids are unique across
 * tables, so at most one join matches and a field is the COALESCE of the targets having it. As in
 * Salesforce, a path cannot continue past a polymorphic relationship.
 */

import type { FieldDescribe } from '../../compiler/org-metadata.ts';
import { quoteIdent } from './table-layout.ts';
import type { ObjectInfo } from './metadata-index.ts';
import type { SoqlErrors } from './soql-errors.ts';

/** Salesforce allows up to 5 levels of child-to-parent relationships in a path. */
export const MAX_PARENT_DEPTH = 5;

export interface ResolvedRelationship {
  /** Canonical relationship name (`Account`, `Owner`). */
  readonly name: string;
  /** The parent object (the first target of a polymorphic reference). */
  readonly object: ObjectInfo;
  /** Identifies the join, e.g. `t0_1`. */
  readonly alias: string;
  /** SQL expression of the parent's Id (null when there is no parent). */
  readonly idSql: string;
  /** For a polymorphic reference: object name by key prefix, to type each parent record. */
  readonly typeByPrefix?: ReadonlyMap<string, string>;
}

export interface ResolvedField {
  /** SQL expression of the column, e.g. `t0_1."Name"`. */
  readonly sql: string;
  readonly field: FieldDescribe;
  readonly object: ObjectInfo;
  /** The parent relationships walked, root first (empty for a field of the root object). */
  readonly path: readonly ResolvedRelationship[];
}

interface Join {
  readonly relationship: ResolvedRelationship;
  readonly targets: readonly { readonly object: ObjectInfo; readonly alias: string }[];
  readonly sql: string;
}

export class JoinScope {
  private readonly joins = new Map<string, Join>();
  private aliasCount = 0;

  constructor(
    readonly root: ObjectInfo,
    readonly rootAlias: string,
    private readonly errors: SoqlErrors,
    /** The FROM alias (`FROM Account a`), which may prefix paths. */
    private readonly fromAlias?: string,
    /**
     * The querying user's record visibility: a parent they cannot see joins as no parent (its fields are
     * null and filters on them do not match).
     */
    private readonly visible?: (object: string, alias: string) => string | undefined,
  ) {}

  /** Resolves a dotted path as written in the query. */
  resolvePath(text: string): ResolvedField {
    const parts = text.split('.');
    const first = parts[0]?.toLowerCase();
    // `FROM Account a` allows `a.Name`; the object's own name works as a prefix too (`Account.Name`)
    // unless it is also one of its relationships.
    if (
      parts.length > 1 &&
      ((this.fromAlias && first === this.fromAlias.toLowerCase()) ||
        (first === this.root.name.toLowerCase() && !this.root.parent(first)))
    )
      parts.shift();
    const fieldName = parts.pop() as string;
    return this.resolve(parts, fieldName, text);
  }

  resolve(relationships: readonly string[], fieldName: string, text: string): ResolvedField {
    if (relationships.length > MAX_PARENT_DEPTH)
      throw this.errors.malformed(
        `A query can traverse at most ${MAX_PARENT_DEPTH} levels of parent relationships: '${text}'.`,
        text,
      );
    let targets: readonly { readonly object: ObjectInfo; readonly alias: string }[] = [
      { object: this.root, alias: this.rootAlias },
    ];
    let key = '';
    const path: ResolvedRelationship[] = [];
    for (const name of relationships) {
      const from = targets[0];
      const link = targets.length === 1 && from ? from.object.parent(name) : undefined;
      if (!from || !link) throw this.errors.badRelationship(name, text);
      key += `.${name.toLowerCase()}`;
      let join = this.joins.get(key);
      if (!join) join = this.addJoin(key, from.alias, link.field, link.targets);
      path.push(join.relationship);
      targets = join.targets;
    }
    const having = targets.filter((t) => t.object.field(fieldName) !== undefined);
    const first = having[0];
    const field = first?.object.field(fieldName);
    if (!first || !field) {
      const entity = targets.length === 1 ? (targets[0]?.object.name ?? '') : 'Name';
      throw this.errors.noSuchColumn(fieldName, entity, text);
    }
    const columns = having.map((t) => `${t.alias}.${quoteIdent(field.name)}`);
    const sql = columns.length === 1 ? (columns[0] as string) : `COALESCE(${columns.join(', ')})`;
    return { sql, field, object: first.object, path };
  }

  private addJoin(
    key: string,
    fromAlias: string,
    field: FieldDescribe,
    objects: readonly ObjectInfo[],
  ): Join {
    const targets = objects.map((object) => ({
      object,
      alias: `${this.rootAlias}_${++this.aliasCount}`,
    }));
    const sql = targets
      .map((t) => {
        const condition = this.visible?.(t.object.name, t.alias);
        return `LEFT JOIN ${quoteIdent(t.object.name)} AS ${t.alias} ON ${t.alias}."Id" = ${fromAlias}.${quoteIdent(field.name)}${condition ? ` AND ${condition}` : ''}`;
      })
      .join(' ');
    const ids = targets.map((t) => `${t.alias}."Id"`);
    const primary = targets[0] as { object: ObjectInfo; alias: string };
    const relationship: ResolvedRelationship = {
      name: field.relationshipName as string,
      object: primary.object,
      alias: primary.alias,
      idSql: ids.length === 1 ? (ids[0] as string) : `COALESCE(${ids.join(', ')})`,
      ...(targets.length > 1
        ? {
            typeByPrefix: new Map(targets.map((t) => [t.object.describe.keyPrefix, t.object.name] as const)),
          }
        : {}),
    };
    const join = { relationship, targets, sql };
    this.joins.set(key, join);
    return join;
  }

  joinSql(): string {
    return [...this.joins.values()].map((j) => j.sql).join(' ');
  }
}
