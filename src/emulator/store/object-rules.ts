/**
 * What a real org does on its own when particular objects are written: picklist defaults, auto-numbers,
 * name and formula fields, roll-up counts (which change the parent's SystemModstamp but not its
 * LastModifiedDate, as system updates do), and ContentVersion's document bookkeeping.
 */

import { createHash } from 'node:crypto';
import { ApiError } from '../api-error.ts';
import { STANDARD_USER_PROFILE_ID } from '../sharing/security-seed.ts';
import type { StoredValue } from './field-codec.ts';
import type { RecordStore, StoredRow } from './record-store.ts';

export interface RuleContext {
  readonly store: RecordStore;
  readonly userId: string;
  /** The stamp of the write in progress (stored datetime form). */
  readonly stamp: string;
}

export interface ObjectRules {
  readonly defaults?: Readonly<Record<string, StoredValue>>;
  beforeInsert?(row: StoredRow, context: RuleContext): void;
  afterInsert?(row: StoredRow, context: RuleContext): void;
  beforeUpdate?(row: StoredRow, previous: StoredRow, context: RuleContext): void;
  afterUpdate?(row: StoredRow, previous: StoredRow, context: RuleContext): void;
  afterDelete?(row: StoredRow, context: RuleContext): void;
}

const CLOSED_WORK_STATUSES = new Set(['Closed', 'Completed', 'Cannot Complete', 'Canceled']);

function fullName(row: StoredRow): string {
  return [row.FirstName, row.LastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
}

function autoNumber(context: RuleContext, name: string, width: number, start = 1): string {
  return String(context.store.nextNumber(`autonumber:${name}`) + start - 1).padStart(width, '0');
}

/** Recounts a work order's line items: a system update of the parent. */
function recountLineItems(workOrderId: StoredValue | undefined, context: RuleContext): void {
  if (typeof workOrderId !== 'string') return;
  const { count } = context.store
    .statement(
      `SELECT COUNT(*) AS count FROM "WorkOrderLineItem" WHERE "WorkOrderId" = ? AND "IsDeleted" = 0`,
    )
    .get(workOrderId) as { count: number };
  context.store.updateColumns(
    'WorkOrder',
    workOrderId,
    { LineItemCount: count, SystemModstamp: context.stamp },
    ['LineItemCount', 'SystemModstamp'],
  );
}

const FILE_TYPES: Readonly<Record<string, string>> = {
  txt: 'TEXT',
  csv: 'CSV',
  json: 'JSON',
  xml: 'XML',
  pdf: 'PDF',
  png: 'PNG',
  jpg: 'JPG',
  jpeg: 'JPEG',
  gif: 'GIF',
  zip: 'ZIP',
  doc: 'WORD',
  docx: 'WORD_X',
  xls: 'EXCEL',
  xlsx: 'EXCEL_X',
};

const RULES: Readonly<Record<string, ObjectRules>> = {
  User: {
    defaults: { IsActive: 1, UserType: 'Standard', ProfileId: STANDARD_USER_PROFILE_ID },
    beforeInsert: (row) => {
      row.Name = fullName(row);
    },
    beforeUpdate: (row) => {
      row.Name = fullName(row);
    },
  },
  Contact: {
    beforeInsert: (row) => {
      row.Name = fullName(row);
    },
    beforeUpdate: (row) => {
      row.Name = fullName(row);
    },
  },
  Case: {
    defaults: { Status: 'New', Priority: 'Medium' },
    beforeInsert: (row, context) => {
      row.CaseNumber = autoNumber(context, 'Case', 8, 1001);
      row.IsClosed = row.Status === 'Closed' ? 1 : 0;
      row.ClosedDate = row.IsClosed ? context.stamp : null;
    },
    beforeUpdate: (row, previous, context) => {
      row.IsClosed = row.Status === 'Closed' ? 1 : 0;
      if (row.IsClosed && !previous.IsClosed) row.ClosedDate = context.stamp;
      if (!row.IsClosed) row.ClosedDate = null;
    },
  },
  WorkOrder: {
    defaults: { Status: 'New', Priority: 'Low', LineItemCount: 0 },
    beforeInsert: (row, context) => {
      row.WorkOrderNumber = autoNumber(context, 'WorkOrder', 8);
      row.IsClosed = CLOSED_WORK_STATUSES.has(String(row.Status)) ? 1 : 0;
      row.RootWorkOrderId = rootOf(row, context);
    },
    beforeUpdate: (row, _previous, context) => {
      row.IsClosed = CLOSED_WORK_STATUSES.has(String(row.Status)) ? 1 : 0;
      row.RootWorkOrderId = rootOf(row, context);
    },
  },
  WorkOrderLineItem: {
    defaults: { Status: 'New' },
    beforeInsert: (row, context) => {
      row.LineItemNumber = autoNumber(context, 'WorkOrderLineItem', 8);
      row.IsClosed = CLOSED_WORK_STATUSES.has(String(row.Status)) ? 1 : 0;
    },
    beforeUpdate: (row) => {
      row.IsClosed = CLOSED_WORK_STATUSES.has(String(row.Status)) ? 1 : 0;
    },
    afterInsert: (row, context) => recountLineItems(row.WorkOrderId, context),
    afterDelete: (row, context) => recountLineItems(row.WorkOrderId, context),
  },
  ServiceAppointment: {
    defaults: { Status: 'None' },
    beforeInsert: (row, context) => {
      row.AppointmentNumber = `SA-${autoNumber(context, 'ServiceAppointment', 4)}`;
      const parentType = context.store.objectOfId(String(row.ParentRecordId));
      row.ParentRecordType = parentType ?? null;
      row.AccountId = accountOf(parentType, String(row.ParentRecordId), context);
    },
  },
  ContentVersion: {
    defaults: { ContentLocation: 'S' },
    beforeInsert: (row, context) => {
      if ((row.VersionData === null || row.VersionData === undefined) && !row.ContentUrl)
        throw new ApiError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [VersionData]', [
          'VersionData',
        ]);
      const data = typeof row.VersionData === 'string' ? Buffer.from(row.VersionData, 'base64') : undefined;
      const path = typeof row.PathOnClient === 'string' ? row.PathOnClient : '';
      const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? null;
      row.ContentSize = data ? data.length : 0;
      row.FileExtension = extension;
      row.FileType = row.ContentUrl ? 'LINK' : extension ? (FILE_TYPES[extension] ?? 'UNKNOWN') : 'UNKNOWN';
      row.Checksum = data ? createHash('md5').update(data).digest('hex') : null;
      row.IsLatest = 1;
      const store = context.store;
      if (typeof row.ContentDocumentId === 'string') {
        const versions = store
          .statement(`SELECT COUNT(*) AS n FROM "ContentVersion" WHERE "ContentDocumentId" = ?`)
          .get(row.ContentDocumentId) as { n: number };
        row.VersionNumber = String(versions.n + 1);
        store
          .statement(
            `UPDATE "ContentVersion" SET "IsLatest" = 0, "SystemModstamp" = ? WHERE "ContentDocumentId" = ?`,
          )
          .run(context.stamp, row.ContentDocumentId);
      } else {
        row.VersionNumber = '1';
        const documentId = store.newId('ContentDocument');
        store.insertRow('ContentDocument', {
          Id: documentId,
          OwnerId: row.OwnerId,
          IsDeleted: 0,
          Title: row.Title,
          PublishStatus: 'P',
          CreatedDate: context.stamp,
          CreatedById: context.userId,
          LastModifiedDate: context.stamp,
          LastModifiedById: context.userId,
          SystemModstamp: context.stamp,
        });
        row.ContentDocumentId = documentId;
      }
    },
    afterInsert: (row, context) => {
      context.store.updateColumns(
        'ContentDocument',
        String(row.ContentDocumentId),
        {
          Title: row.Title,
          ContentSize: row.ContentSize,
          FileType: row.FileType,
          FileExtension: row.FileExtension,
          LatestPublishedVersionId: row.Id,
          LastModifiedDate: context.stamp,
          LastModifiedById: context.userId,
          SystemModstamp: context.stamp,
        },
        [
          'Title',
          'ContentSize',
          'FileType',
          'FileExtension',
          'LatestPublishedVersionId',
          'LastModifiedDate',
          'LastModifiedById',
          'SystemModstamp',
        ],
      );
    },
  },
};

function rootOf(row: StoredRow, context: RuleContext): string {
  if (typeof row.ParentWorkOrderId !== 'string') return String(row.Id);
  const parent = context.store.row('WorkOrder', row.ParentWorkOrderId);
  return typeof parent?.RootWorkOrderId === 'string' ? parent.RootWorkOrderId : row.ParentWorkOrderId;
}

function accountOf(parentType: string | undefined, parentId: string, context: RuleContext): string | null {
  if (parentType === 'Account') return parentId;
  if (parentType === 'WorkOrder' || parentType === 'Asset') {
    const parent = context.store.row(parentType, parentId);
    return typeof parent?.AccountId === 'string' ? parent.AccountId : null;
  }
  if (parentType === 'WorkOrderLineItem') {
    const item = context.store.row('WorkOrderLineItem', parentId);
    return typeof item?.WorkOrderId === 'string' ? accountOf('WorkOrder', item.WorkOrderId, context) : null;
  }
  return null;
}

const NO_RULES: ObjectRules = {};

export function objectRules(object: string): ObjectRules {
  return RULES[object] ?? NO_RULES;
}
