/**
 * Resolves SOQL field paths (`Account.Owner.Name`) against metadata into SQL column references, adding
 * one LEFT JOIN per distinct relationship path (parents are optional: a null lookup gives a null parent).
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
  readonly object: ObjectInfo;
  readonly alias: string;
}

export interface ResolvedField {
  /** SQL expression of the column, e.g. `j1."Name"`. */
  readonly sql: string;
  readonly field: FieldDescribe;
  readonly object: ObjectInfo;
  /** The parent relationships walked, root first (empty for a field of the root object). */
  readonly path: readonly ResolvedRelationship[];
  /** The table alias the field belongs to. */
  readonly alias: string;
}

interface Join {
  readonly alias: string;
  readonly sql: string;
  readonly object: ObjectInfo;
  readonly name: string;
}

export class JoinScope {
  private readonly joins = new Map<string, Join>();

  constructor(
    readonly root: ObjectInfo,
    readonly rootAlias: string,
    private readonly errors: SoqlErrors,
    /** The FROM alias (`FROM Account a`), which may prefix paths. */
    private readonly fromAlias?: string,
  ) {}

  /** Resolves a dotted path as written in the query. */
  resolvePath(text: string): ResolvedField {
    const parts = text.split('.');
    if (parts.length > 1 && this.fromAlias && parts[0]?.toLowerCase() === this.fromAlias.toLowerCase())
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
    let object = this.root;
    let alias = this.rootAlias;
    let key = '';
    const path: ResolvedRelationship[] = [];
    for (const name of relationships) {
      const link = object.parent(name);
      if (!link) throw this.errors.badRelationship(name, text);
      key += `.${link.field.relationshipName?.toLowerCase()}`;
      let join = this.joins.get(key);
      if (!join) {
        const joinAlias = `${this.rootAlias}_${this.joins.size + 1}`;
        join = {
          alias: joinAlias,
          object: link.target,
          name: link.field.relationshipName as string,
          sql: `LEFT JOIN ${quoteIdent(link.target.name)} AS ${joinAlias} ON ${joinAlias}."Id" = ${alias}.${quoteIdent(link.field.name)}`,
        };
        this.joins.set(key, join);
      }
      path.push({ name: join.name, object: join.object, alias: join.alias });
      object = join.object;
      alias = join.alias;
    }
    const field = object.field(fieldName);
    if (!field) throw this.errors.noSuchColumn(fieldName, object.name, text);
    return { sql: `${alias}.${quoteIdent(field.name)}`, field, object, path, alias };
  }

  joinSql(): string {
    return [...this.joins.values()].map((j) => j.sql).join(' ');
  }
}
