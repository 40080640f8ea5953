/**
 * The record screens' events, declared once. All bubble and are composed, so they cross shadow roots up to
 * the app shell (or the records screen), which handles them.
 */

import type { SyncTrigger } from '../device/device-client.ts';

/** A user chose a record (a list row, a related record, a lookup value). */
export class OpenRecordEvent extends Event {
  constructor(
    readonly object: string,
    readonly recordId: string,
  ) {
    super('ss-open-record', { bubbles: true, composed: true });
  }
}

/**
 * A user asked for a sync from a record screen (pull-to-refresh or its Refresh button: trigger 'pull').
 * The handler starts it and passes its promise to `respondWith`, so the list's spinner turns until it ends.
 */
export class SyncRequestEvent extends Event {
  #response: Promise<unknown> | undefined;

  constructor(readonly trigger: SyncTrigger) {
    super('ss-sync-request', { bubbles: true, composed: true });
  }

  respondWith(sync: Promise<unknown>): void {
    this.#response = sync;
  }

  /** The sync the handler started, if one did. */
  get response(): Promise<unknown> | undefined {
    return this.#response;
  }
}

/**
 * A user asked to edit a record, or (recordId undefined) to create one, with `defaults` prefilled (a new
 * line item of the work order shown: its WorkOrderId).
 */
export class EditRecordEvent extends Event {
  constructor(
    readonly object: string,
    readonly recordId: string | undefined,
    readonly defaults: Readonly<Record<string, unknown>> = {},
  ) {
    super('ss-edit-record', { bubbles: true, composed: true });
  }
}

/** A local create or update was queued on the device (it shows as pending until a sync uploads it). */
export class RecordSavedEvent extends Event {
  constructor(
    readonly object: string,
    readonly recordId: string,
    readonly op: 'create' | 'update',
  ) {
    super('ss-record-saved', { bubbles: true, composed: true });
  }
}

/** A user left a form without saving. */
export class EditCancelledEvent extends Event {
  constructor(
    readonly object: string,
    readonly recordId: string | undefined,
  ) {
    super('ss-edit-cancelled', { bubbles: true, composed: true });
  }
}

/** A conflict was resolved on the device; the kept change uploads on the next sync. */
export class ConflictResolvedEvent extends Event {
  constructor(
    readonly seq: number,
    readonly object: string,
    readonly recordId: string,
  ) {
    super('ss-conflict-resolved', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-open-record': OpenRecordEvent;
    'ss-sync-request': SyncRequestEvent;
    'ss-edit-record': EditRecordEvent;
    'ss-record-saved': RecordSavedEvent;
    'ss-edit-cancelled': EditCancelledEvent;
    'ss-conflict-resolved': ConflictResolvedEvent;
  }
}
