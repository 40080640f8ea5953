/**
 * The embedded org's clock. Every timestamp the org writes and every relative date literal follows it.
 * It runs with real time until a test sets it; a set clock stands still (so tests are deterministic)
 * until it is advanced, set again, or told to run on from there.
 */

export interface ClockState {
  readonly now: string;
  readonly running: boolean;
}

export class EmulatorClock {
  /** Milliseconds added to real time while running. */
  private offsetMs = 0;
  /** The frozen instant, or undefined while running. */
  private frozenMs: number | undefined;
  private readonly listeners: (() => void)[] = [];

  constructor(start?: Date) {
    if (start) this.frozenMs = start.getTime();
  }

  nowMs(): number {
    return this.frozenMs ?? Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Sets the time; `running` lets it tick on from there with real time. */
  set(instant: Date, running = false): void {
    if (running) {
      this.frozenMs = undefined;
      this.offsetMs = instant.getTime() - Date.now();
    } else {
      this.frozenMs = instant.getTime();
    }
    this.changed();
  }

  advance(seconds: number): void {
    if (this.frozenMs !== undefined) this.frozenMs += seconds * 1000;
    else this.offsetMs += seconds * 1000;
    this.changed();
  }

  /** Back to real time. */
  reset(): void {
    this.frozenMs = undefined;
    this.offsetMs = 0;
    this.changed();
  }

  state(): ClockState {
    return { now: this.now().toISOString(), running: this.frozenMs === undefined };
  }

  /** Called after every explicit change (the org purges its recycle bin then). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
