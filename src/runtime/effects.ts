/**
 * Time, injected. The runtime never reads the wall clock or sets timers directly, so tests drive both and
 * the same code runs in Node and in a browser page. The device clock only schedules syncs; watermarks come
 * from server timestamps (see download.ts).
 */

export interface Clock {
  /** Milliseconds since the epoch, device time. */
  now(): number;
}

export type TimerHandle = unknown;

export interface Timer {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimer: Timer = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
