/**
 * The app's writes: create / update / delete go to the outbox (and so show at once in the local view),
 * after checking them against the plan's upload policy. Consecutive edits of one record are merged into
 * one outbox entry while it has not been sent, so an upload sends each record's net change once.
 */

import type { PlanObject, SyncPlan } from '../compiler/plan.ts';
import type { Clock } from './effects.ts';
import { expectedFormOf } from './field-values.ts';
import { isLocalId, LOCAL_ID_PREFIX, newLocalId } from './local-ids.ts';
import { viewRecord } from './local-view.ts';
import type { SfRecord } from './records.ts';
import type { OutboxEntry, SyncStore } from './store/sync-store.ts';
import { LocalWriteError } from './sync-errors.ts';

/** Fields Salesforce maintains itself; never writable from a device. */
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

export class LocalChanges {
  constructor(
    private readonly store: SyncStore,
    private readonly plan: () => SyncPlan,
    private readonly clock: Clock,
  ) {}

  /** Queues a create; returns the new record's local Id (usable as a reference in other local writes). */
  create(object: string, fields: Readonly<Record<string, unknown>>): string {
    const planObject = this.#writable(object);
    this.#checkFields(planObject, fields, 'create');
    const id = newLocalId();
    const values: Record<string, unknown> = { ...fields };
    const externalIdField = planObject.upload.externalIdField;
    // The upsert key makes a retried create idempotent. The local Id's random part is unique; without its
    // prefix it can never be mistaken for a reference to a local record.
    if (externalIdField && (values[externalIdField] === undefined || values[externalIdField] === null))
      values[externalIdField] = id.slice(LOCAL_ID_PREFIX.length);
    this.store.appendChange({
      object,
      op: 'create',
      recordId: id,
      fields: values,
      status: 'pending',
      attempts: 0,
      changedAt: this.clock.now(),
    });
    return id;
  }

  /** Queues an update of the given fields (only they are sent under clientWins). */
  update(object: string, id: string, fields: Readonly<Record<string, unknown>>): void {
    const planObject = this.#writable(object);
    this.#checkFields(planObject, fields, 'update');
    this.store.transaction(() => {
      if (!viewRecord(this.store, object, id))
        throw new LocalWriteError(`${object} ${id} is not on this device`, 'RECORD_NOT_FOUND', object);
      const open = this.#openEntry(object, id);
      if (open && (open.op === 'create' || open.op === 'update')) {
        this.store.replaceChange({
          ...open,
          fields: { ...open.fields, ...fields },
          // An edit of a failed change is the user's fix: send it again.
          status: open.status === 'failed' ? 'pending' : open.status,
          error: open.status === 'failed' ? undefined : open.error,
          changedAt: this.clock.now(),
        });
        return;
      }
      this.store.appendChange({
        object,
        op: 'update',
        recordId: id,
        fields: { ...fields },
        baseStamp: this.#stampOf(object, id),
        status: 'pending',
        attempts: 0,
        changedAt: this.clock.now(),
      });
    });
  }

  /** Queues a delete. A record created on this device and not yet uploaded simply disappears. */
  delete(object: string, id: string): void {
    this.#writable(object);
    this.store.transaction(() => {
      if (!viewRecord(this.store, object, id))
        throw new LocalWriteError(`${object} ${id} is not on this device`, 'RECORD_NOT_FOUND', object);
      const entries = this.store
        .listChanges()
        .filter((c) => c.object === object && c.recordId === id && c.status !== 'inFlight');
      const unsentCreate = entries.find((c) => c.op === 'create');
      for (const entry of entries) this.store.removeChange(entry.seq);
      if (unsentCreate) return;
      const base = entries.find((c) => c.op === 'update')?.baseStamp ?? this.#stampOf(object, id);
      this.store.appendChange({
        object,
        op: 'delete',
        recordId: id,
        fields: {},
        baseStamp: base,
        status: 'pending',
        attempts: 0,
        changedAt: this.clock.now(),
      });
    });
  }

  /** Drops a queued change that has not been sent (the user's "undo"); the server version shows again. */
  undo(seq: number): void {
    this.store.transaction(() => {
      const entry = this.store.getChange(seq);
      if (!entry) throw new LocalWriteError(`no pending change ${seq}`, 'RECORD_NOT_FOUND', '');
      if (entry.status === 'inFlight')
        throw new LocalWriteError(
          `change ${seq} is being uploaded; undo it after the sync`,
          'INVALID_VALUE',
          entry.object,
        );
      this.store.removeChange(seq);
      // Local records created by this change are gone; changes to them can no longer be sent.
      if (entry.op === 'create')
        for (const other of this.store.listChanges())
          if (other.recordId === entry.recordId) this.store.removeChange(other.seq);
    });
  }

  /** Puts a failed change back in the queue unchanged (after the cause was fixed on the server). */
  retry(seq: number): void {
    this.store.transaction(() => {
      const entry = this.store.getChange(seq);
      if (!entry || entry.status !== 'failed')
        throw new LocalWriteError(`change ${seq} has not failed`, 'INVALID_VALUE', entry?.object ?? '');
      this.store.replaceChange({ ...entry, status: 'pending', error: undefined });
    });
  }

  /** The newest entry for the record that may still be merged into (not yet sent). */
  #openEntry(object: string, id: string): OutboxEntry | undefined {
    const entries = this.store.listChanges().filter((c) => c.object === object && c.recordId === id);
    const last = entries[entries.length - 1];
    return last && last.status !== 'inFlight' ? last : undefined;
  }

  #stampOf(object: string, id: string): string | undefined {
    if (isLocalId(id)) return undefined;
    const record: SfRecord | undefined = this.store.getRecord(object, id);
    const stamp = record?.[this.plan().watermarkField];
    return typeof stamp === 'string' ? stamp : undefined;
  }

  #writable(object: string): PlanObject {
    const planObject = this.plan().objects.find((o) => o.name === object);
    if (!planObject) throw new LocalWriteError(`${object} is not in the sync plan`, 'UNKNOWN_OBJECT', object);
    if (planObject.upload.access !== 'readWrite')
      throw new LocalWriteError(
        `${object} is read-only on devices (the scope's access is "read"); ask the admin to set access "readWrite"`,
        'READ_ONLY_OBJECT',
        object,
      );
    return planObject;
  }

  #checkFields(planObject: PlanObject, fields: Readonly<Record<string, unknown>>, op: 'create' | 'update') {
    const object = planObject.name;
    const allowed = op === 'create' ? planObject.upload.createableFields : planObject.upload.updateableFields;
    for (const [field, value] of Object.entries(fields)) {
      if (SYSTEM_FIELDS.has(field) || field === this.plan().watermarkField)
        throw new LocalWriteError(
          `${object}.${field} is set by Salesforce and cannot be written`,
          op === 'create' ? 'FIELD_NOT_CREATEABLE' : 'FIELD_NOT_UPDATEABLE',
          object,
          field,
        );
      if (!planObject.fields.includes(field))
        throw new LocalWriteError(
          `${object}.${field} is not a field of the sync plan (fields: ${planObject.fields.join(', ')})`,
          'UNKNOWN_FIELD',
          object,
          field,
        );
      if (allowed && !allowed.includes(field))
        throw new LocalWriteError(
          `${object}.${field} is not ${op === 'create' ? 'createable' : 'updateable'} for this user`,
          op === 'create' ? 'FIELD_NOT_CREATEABLE' : 'FIELD_NOT_UPDATEABLE',
          object,
          field,
        );
      if (value !== null && typeof value === 'object')
        throw new LocalWriteError(
          `${object}.${field}: only plain values can be written (string, number, boolean, null)`,
          'INVALID_VALUE',
          object,
          field,
        );
      const types = planObject.upload.fieldTypes;
      const expected =
        value !== null && types && Object.hasOwn(types, field)
          ? expectedFormOf(types[field]!, value)
          : undefined;
      if (expected !== undefined)
        throw new LocalWriteError(
          `${object}.${field} (${types![field]!.type}) wants ${expected}, not ${JSON.stringify(value)}`,
          'INVALID_VALUE',
          object,
          field,
        );
    }
  }
}
