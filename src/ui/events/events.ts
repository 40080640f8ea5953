/**
 * The config tool's events, declared once. All bubble and are composed, so they cross shadow roots up to
 * the app shell, which handles them.
 */

/** A user chose an object (tree item, diagnostic, plan heading). */
export class SelectObjectEvent extends Event {
  constructor(readonly objectName: string) {
    super('ss-select-object', { bubbles: true, composed: true });
  }
}

/** A user asked to go to the control that edits `pointer` (a diagnostic in the list). */
export class JumpToPointerEvent extends Event {
  constructor(readonly pointer: string) {
    super('ss-jump-to-pointer', { bubbles: true, composed: true });
  }
}

/** A panel needs to tell the user something that is not a diagnostic (server errors, copies). */
export class NoticeEvent extends Event {
  constructor(
    readonly message: string,
    readonly variant: 'info' | 'success' | 'error' = 'info',
  ) {
    super('ss-notice', { bubbles: true, composed: true });
  }
}

/** The device simulator's offline edit: save `fields` on the simulated device (queued until a sync). */
export class SaveOfflineEvent extends Event {
  constructor(
    readonly object: string,
    readonly recordId: string,
    readonly fields: Readonly<Record<string, unknown>>,
  ) {
    super('ss-save-offline', { bubbles: true, composed: true });
  }
}

/** The device simulator's outbox: Retry, Undo or Edit the pending change `seq`. */
export class OutboxActionEvent extends Event {
  constructor(
    readonly action: 'retry' | 'undo' | 'edit',
    readonly seq: number,
  ) {
    super('ss-outbox-action', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-select-object': SelectObjectEvent;
    'ss-jump-to-pointer': JumpToPointerEvent;
    'ss-notice': NoticeEvent;
    'ss-save-offline': SaveOfflineEvent;
    'ss-outbox-action': OutboxActionEvent;
  }
}
