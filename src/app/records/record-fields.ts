/**
 * What the record screens know about an object's fields: the plan says which fields the device holds and
 * which it may write; the describe (when the app has it) gives labels, types, lengths and picklist values.
 * Without a describe a field is shown by its API name and edited as text.
 */

import type { PlanObject, SyncPlan } from '../../compiler/plan.ts';
import type { FieldType, OrgMetadata, SObjectDescribe } from '../../compiler/org-metadata.ts';
import type { SfRecord } from '../../runtime/index.ts';

/** Fields Salesforce maintains itself: shown, never edited on the device. */
const SYSTEM_FIELDS = new Set([
  'Id',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  'IsDeleted',
  'LastViewedDate',
  'LastReferencedDate',
]);

export interface FieldInfo {
  readonly name: string;
  readonly label: string;
  /** 'string' when the describe is missing. */
  readonly type: FieldType;
  /** Max length of a text field; 0 when unknown or not text. */
  readonly length: number;
  readonly required: boolean;
  readonly picklistValues: readonly { readonly value: string; readonly label: string }[];
  /** Objects a reference field points at. */
  readonly referenceTo: readonly string[];
  /** Decimal places of a number field, when the describe says. */
  readonly scale: number | undefined;
  readonly createable: boolean;
  readonly updateable: boolean;
}

export function planObject(plan: SyncPlan | undefined, object: string): PlanObject | undefined {
  return plan?.objects.find((o) => o.name === object);
}

export function objectLabel(metadata: OrgMetadata | undefined, object: string, plural = false): string {
  const describe = metadata?.[object];
  return (plural ? describe?.labelPlural : describe?.label) ?? object;
}

export function isWritable(plan: SyncPlan | undefined, object: string): boolean {
  return planObject(plan, object)?.upload.access === 'readWrite';
}

/**
 * Every field the device holds for `object`, in the plan's order, described. A field the describe does not
 * cover gets its type from the values `sample` (held records of the object) carries: a checkbox for
 * booleans, a number, a date or a date and time for ISO values, text otherwise.
 */
export function fieldInfos(
  plan: SyncPlan | undefined,
  metadata: OrgMetadata | undefined,
  object: string,
  sample: readonly SfRecord[] = [],
): FieldInfo[] {
  const po = planObject(plan, object);
  if (!po) return [];
  const describe = metadata?.[object];
  return po.fields.map((name) => describeField(plan, po, describe, name, sample));
}

/** The type the held values of a field show, when no describe says. */
export function typeFromValues(sample: readonly SfRecord[], name: string): FieldType | undefined {
  const values = sample.map((r) => r[name]).filter((v) => v !== null && v !== undefined && v !== '');
  if (!values.length) return undefined;
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.every((v) => typeof v === 'number')) return 'double';
  if (values.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))) return 'date';
  if (values.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)))
    return 'datetime';
  return undefined;
}

function describeField(
  plan: SyncPlan | undefined,
  po: PlanObject,
  describe: SObjectDescribe | undefined,
  name: string,
  sample: readonly SfRecord[],
): FieldInfo {
  const field = describe?.fields.find((f) => f.name === name);
  const planTargets = field ? [] : planReferenceTargets(plan, po.name, name);
  const writable = po.upload.access === 'readWrite' && !SYSTEM_FIELDS.has(name);
  const planAllows = (list: readonly string[] | undefined): boolean => !list || list.includes(name);
  return {
    name,
    label: field?.label ?? name,
    type:
      field?.type ??
      (name === 'Id' ? 'id' : planTargets.length ? 'reference' : (typeFromValues(sample, name) ?? 'string')),
    length: field && isText(field.type) ? field.length : 0,
    // Booleans are never null in Salesforce; a checkbox always has a value.
    required: field ? !field.nillable && field.type !== 'boolean' && !field.defaultedOnCreate : false,
    picklistValues: (field?.picklistValues ?? [])
      .filter((p) => p.active)
      .map((p) => ({ value: p.value, label: p.label })),
    referenceTo: field?.referenceTo ?? planTargets,
    scale: field?.scale,
    createable:
      writable &&
      (field ? field.createable && !field.calculated : true) &&
      planAllows(po.upload.createableFields),
    updateable:
      writable &&
      (field ? field.updateable && !field.calculated : true) &&
      planAllows(po.upload.updateableFields),
  };
}

function isText(type: FieldType): boolean {
  return ['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist'].includes(type);
}

/** Fields that name a record, best first: the first one the plan holds is the record's title. */
const TITLE_FIELDS = [
  'Name',
  'WorkOrderNumber',
  'CaseNumber',
  'AppointmentNumber',
  'LineItemNumber',
  'OrderNumber',
  'ContractNumber',
  'Subject',
  'Title',
];

/** Fields worth a glance in a list row, best first. */
const KEY_FIELDS = [
  'Subject',
  'Status',
  'StartDate',
  'SchedStartTime',
  'Priority',
  'AccountId',
  'Phone',
  'Email',
  'SerialNumber',
  'ProductCode',
  'Family',
  'BillingCity',
  'City',
  'Description',
];

/** The field a record is called by (Contact without Name: FirstName + LastName, see recordTitle). */
export function titleField(plan: SyncPlan | undefined, object: string): string | undefined {
  const fields = planObject(plan, object)?.fields ?? [];
  return TITLE_FIELDS.find((f) => fields.includes(f));
}

/** Up to two fields shown under the title in a list. */
export function keyFields(plan: SyncPlan | undefined, object: string): string[] {
  const fields = planObject(plan, object)?.fields ?? [];
  const title = titleField(plan, object);
  const hidden = new Set([title, 'FirstName', 'LastName']);
  const preferred = KEY_FIELDS.filter((f) => fields.includes(f) && !hidden.has(f));
  const rest = fields.filter(
    (f) => !SYSTEM_FIELDS.has(f) && !hidden.has(f) && !preferred.includes(f) && !/Id$/.test(f),
  );
  return [...preferred, ...rest].slice(0, 2);
}

export function isSystemField(name: string): boolean {
  return SYSTEM_FIELDS.has(name);
}

/**
 * Objects a reference field of `object` reaches along the plan (WorkOrder.AccountId -> Account), for
 * lookups without a describe: the parent of a childOf path, the object a referencedBy path brings in.
 */
export function planReferenceTargets(plan: SyncPlan | undefined, object: string, field: string): string[] {
  const targets = new Set<string>();
  for (const path of planObject(plan, object)?.paths ?? [])
    if (path.kind === 'childOf' && path.field === field) targets.add(path.object);
  for (const other of plan?.objects ?? [])
    for (const path of other.paths)
      if (path.kind === 'referencedBy' && path.object === object && path.field === field)
        targets.add(other.name);
  return [...targets];
}
