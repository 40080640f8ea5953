/**
 * Turns SQLite result rows into records in the REST API's shape: `attributes` first, then the selected
 * fields in SELECT order, parent paths nested as objects (or null), typed JSON values.
 */

import type { FieldDescribe } from '../../compiler/org-metadata.ts';
import type { OutputNode } from './query-compiler.ts';
import { storedDatetimeToRest } from './soql-values.ts';

/** A query result record; `url` is absent only for `AggregateResult` records. */
export interface SObjectRecord {
  attributes: { type: string; url?: string };
  [field: string]: unknown;
}

/** A parent-to-child subquery's value in a record. */
export interface SubqueryResult {
  totalSize: number;
  done: true;
  records: SObjectRecord[];
}

/** A raw result row: values by column index. */
export type Row = readonly unknown[];

export class RecordShaper {
  constructor(private readonly apiVersion: string) {}

  url(type: string, id: string): string {
    return `/services/data/v${this.apiVersion}/sobjects/${type}/${id}`;
  }

  /** `subquery(index)` gives the value of the index-th subquery for this row. */
  shape(
    nodes: readonly OutputNode[],
    row: Row,
    type: string,
    idColumn: number,
    subquery?: (index: number) => SubqueryResult | null,
  ): SObjectRecord {
    const record: SObjectRecord = {
      attributes: { type, url: this.url(type, String(row[idColumn])) },
    };
    for (const node of nodes) {
      switch (node.kind) {
        case 'field':
          record[node.key] = this.value(node.field, row[node.column], row, node);
          break;
        case 'parent': {
          const parentId = row[node.idColumn];
          if (parentId === null || parentId === undefined) {
            record[node.key] = null;
            break;
          }
          const parentType = node.typeByPrefix?.get(String(parentId).slice(0, 3)) ?? node.type;
          record[node.key] = this.shape(node.children, row, parentType, node.idColumn);
          break;
        }
        case 'subquery':
          record[node.key] = subquery ? subquery(node.index) : null;
          break;
      }
    }
    return record;
  }

  private value(
    field: FieldDescribe,
    value: unknown,
    row: Row,
    node: Extract<OutputNode, { kind: 'field' }>,
  ): unknown {
    if (value === null || value === undefined) return null;
    switch (field.type) {
      case 'boolean':
        return value === 1 || value === true;
      case 'int':
      case 'double':
      case 'currency':
      case 'percent':
        return Number(value);
      case 'datetime':
        return storedDatetimeToRest(String(value));
      case 'base64':
        return value ? `${this.url(node.ownerType, String(row[node.ownerIdColumn]))}/${field.name}` : null;
      case 'address':
      case 'location': {
        const text = String(value);
        if (!text.startsWith('{')) return text;
        try {
          return JSON.parse(text) as unknown;
        } catch {
          return text;
        }
      }
      default:
        return value;
    }
  }
}
