/**
 * API usage as Salesforce counts it: one call per REST request under `/services/data/vXX.X/` (a
 * `/composite` request with all its subrequests is one call), reported in `/limits` DailyApiRequests.
 * Also the emulator's own request statistics for `/__emulator/stats`.
 */

export class ApiUsage {
  apiCalls = 0;
  requests = 0;
  readonly byPath = new Map<string, number>();
  /** Set by the `apiLimitRemaining` fault: the calls left before REQUEST_LIMIT_EXCEEDED. */
  private remainingOverride: number | undefined;

  constructor(readonly dailyMax: number) {}

  get remaining(): number {
    return this.remainingOverride ?? Math.max(0, this.dailyMax - this.apiCalls);
  }

  /** Counts one API call; false when the daily limit is already used up. */
  tryCall(): boolean {
    if (this.remaining <= 0) return false;
    this.apiCalls++;
    if (this.remainingOverride !== undefined) this.remainingOverride--;
    return true;
  }

  countRequest(path: string): void {
    this.requests++;
    this.byPath.set(path, (this.byPath.get(path) ?? 0) + 1);
  }

  setRemaining(remaining: number | undefined): void {
    this.remainingOverride = remaining === undefined ? undefined : Math.max(0, Math.floor(remaining));
  }

  resetStats(): void {
    this.apiCalls = 0;
    this.requests = 0;
    this.byPath.clear();
  }

  stats(): { apiCalls: number; requests: number; byPath: Record<string, number> } {
    return {
      apiCalls: this.apiCalls,
      requests: this.requests,
      byPath: Object.fromEntries([...this.byPath].sort(([a], [b]) => a.localeCompare(b))),
    };
  }
}
