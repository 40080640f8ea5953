/**
 * Events the app's components send up to the shell (bubbling, composed: they cross shadow roots). The
 * shell owns the device's sync calls and navigation, so every "Sync now" goes the same way and History
 * records where it came from.
 */

// "Sync now" anywhere (menu, Settings, pull-to-refresh) is the records' SyncRequestEvent ('ss-sync-request').
export { SyncRequestEvent } from '../records/events.ts';

/** The main menu should open or close. */
export class MenuToggleEvent extends Event {
  static readonly type = 'ss-menu-toggle';
  constructor(readonly open: boolean) {
    super(MenuToggleEvent.type, { bubbles: true, composed: true });
  }
}

/** Log out pressed (the shell warns about pending changes, then wipes). */
export class LogOutRequestEvent extends Event {
  static readonly type = 'ss-log-out-request';
  constructor() {
    super(LogOutRequestEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'ss-menu-toggle': MenuToggleEvent;
    'ss-log-out-request': LogOutRequestEvent;
  }
}
