/**
 * The answer to `GET /query?q=...&columns=true`: the query's columns instead of its records, as
 * Salesforce gives them (the sf CLI's `data query` asks for them to lay out its table). One column per
 * selected item, in SELECT order: a field; a parent relationship (`Owner`) with its selected fields in
 * `joinColumns` and the reference field in `foreignKeyName`; a child subquery (`Contacts`, `aggregate:
 * true`) with the child's columns; an aggregate function (`aggregate: true`, named by its alias or
 * `expr0`, `expr1`, ..., displayed as `count(Id)`).
 */

import type { FieldType as SelectItem, Query } from '@jetstreamapp/soql-parser-js';
import type { FieldDescribe, FieldType, SObjectDescribe } from '../../compiler/org-metadata.ts';
import type { CompiledQuery, OutputNode } from './query-compiler.ts';

export interface QueryColumn {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: QueryColumn[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

export interface QueryColumns {
  columnMetadata: QueryColumn[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string | null;
}

const APEX_TYPES: Partial<Record<FieldType, string>> = {
  id: 'Id',
  reference: 'Id',
  boolean: 'Boolean',
  int: 'Integer',
  double: 'Double',
  currency: 'Decimal',
  percent: 'Double',
  date: 'Date',
  datetime: 'Datetime',
  time: 'Time',
  base64: 'Blob',
  address: 'Address',
  location: 'Location',
};
const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(['int', 'double', 'currency', 'percent']);
const TEXT_TYPES: ReadonlySet<FieldType> = new Set([
  'string',
  'textarea',
  'picklist',
  'multipicklist',
  'email',
  'phone',
  'url',
]);

/** A column with Salesforce's defaults, its keys in Salesforce's (alphabetical) order. */
function column(given: Partial<QueryColumn> & Pick<QueryColumn, 'columnName'>): QueryColumn {
  return {
    aggregate: given.aggregate ?? false,
    apexType: given.apexType ?? null,
    booleanType: given.booleanType ?? false,
    columnName: given.columnName,
    custom: given.custom ?? false,
    displayName: given.displayName ?? given.columnName,
    foreignKeyName: given.foreignKeyName ?? null,
    insertable: given.insertable ?? false,
    joinColumns: given.joinColumns ?? [],
    numberType: given.numberType ?? false,
    textType: given.textType ?? false,
    updatable: given.updatable ?? false,
  };
}

function fieldColumn(field: FieldDescribe, columnName = field.name): QueryColumn {
  return column({
    apexType: APEX_TYPES[field.type] ?? 'String',
    booleanType: field.type === 'boolean',
    columnName,
    custom: field.custom,
    displayName: field.name,
    insertable: field.createable,
    numberType: NUMBER_TYPES.has(field.type),
    textType: TEXT_TYPES.has(field.type),
    updatable: field.updateable,
  });
}

type Describe = (name: string) => SObjectDescribe | undefined;

function nodeColumns(
  nodes: readonly OutputNode[],
  owner: string,
  compiled: CompiledQuery,
  describe: Describe,
): QueryColumn[] {
  return nodes.map((node) => {
    switch (node.kind) {
      case 'field':
        return fieldColumn(node.field);
      case 'parent': {
        const reference = describe(owner)?.fields.find(
          (f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === node.key.toLowerCase(),
        );
        return column({
          columnName: node.key,
          custom: reference?.custom ?? false,
          foreignKeyName: reference?.name ?? null,
          joinColumns: nodeColumns(node.children, node.type, compiled, describe),
        });
      }
      case 'subquery': {
        const sub = compiled.subqueries[node.index];
        return column({
          aggregate: true,
          columnName: node.key,
          joinColumns: sub ? nodeColumns(sub.nodes, sub.childType, compiled, describe) : [],
        });
      }
    }
  });
}

/** `count(Id)` for `COUNT(Id)`: the function in lower case, its argument as written. */
function functionDisplayName(item: SelectItem | undefined): string | undefined {
  if (item?.type !== 'FieldFunctionExpression') return undefined;
  return `${item.functionName.toLowerCase()}(${item.parameters.map(String).join(', ')})`;
}

export function queryColumns(query: Query, compiled: CompiledQuery, describe: Describe): QueryColumns {
  let columnMetadata: QueryColumn[];
  if (compiled.aggregate) {
    const items = query.fields ?? [];
    columnMetadata = compiled.aggregate.columns.map((c, i) => {
      const display = functionDisplayName(items[i]);
      if (display === undefined) return fieldColumn(c.field, c.key);
      const type = c.kind === 'value' ? c.field.type : undefined;
      return column({
        aggregate: true,
        booleanType: type === 'boolean',
        columnName: c.key,
        displayName: display,
        numberType: c.kind !== 'value' || NUMBER_TYPES.has(c.field.type),
        textType: type !== undefined && TEXT_TYPES.has(type),
      });
    });
  } else {
    columnMetadata = nodeColumns(compiled.nodes, compiled.sObject, compiled, describe);
  }
  return {
    columnMetadata,
    entityName: compiled.sObject,
    groupBy: query.groupBy !== undefined,
    idSelected: compiled.nodes.some((n) => n.kind === 'field' && n.field.name === 'Id'),
    keyPrefix: describe(compiled.sObject)?.keyPrefix ?? null,
  };
}
