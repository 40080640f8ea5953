/**
 * SOQL's relative date literals (TODAY, LAST_N_DAYS:n, THIS_WEEK, ...) as half-open day ranges.
 *
 * Timezone: Salesforce evaluates them in the querying user's timezone and locale. The emulator's users
 * have none, so every literal is evaluated in UTC against the emulator's clock, weeks start on Sunday
 * (the en_US locale) and the fiscal year is the calendar year (an org's default fiscal settings).
 */

/** Days `[start, end)` as `YYYY-MM-DD`. */
export interface DayRange {
  readonly start: string;
  readonly end: string;
}

const DAY_MS = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The range of `literal` (with `n` for the `_N_` forms) at `now`, or undefined if it is unknown. */
export function relativeDateRange(literal: string, n: number | undefined, now: Date): DayRange | undefined {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const today = Date.UTC(year, month, now.getUTCDate());
  const week = today - now.getUTCDay() * DAY_MS;
  const quarterMonth = month - (month % 3);
  const days = (from: number, to: number): DayRange => ({
    start: isoDay(today + from * DAY_MS),
    end: isoDay(today + to * DAY_MS),
  });
  const weeks = (from: number, to: number): DayRange => ({
    start: isoDay(week + from * 7 * DAY_MS),
    end: isoDay(week + to * 7 * DAY_MS),
  });
  const months = (from: number, to: number, base = month): DayRange => ({
    start: isoDay(Date.UTC(year, base + from, 1)),
    end: isoDay(Date.UTC(year, base + to, 1)),
  });
  const quarters = (from: number, to: number): DayRange => months(from * 3, to * 3, quarterMonth);
  const years = (from: number, to: number): DayRange => ({
    start: isoDay(Date.UTC(year + from, 0, 1)),
    end: isoDay(Date.UTC(year + to, 0, 1)),
  });
  const k = n ?? 0;
  switch (literal.toUpperCase().replace(/_FISCAL_/, '_')) {
    case 'YESTERDAY':
      return days(-1, 0);
    case 'TODAY':
      return days(0, 1);
    case 'TOMORROW':
      return days(1, 2);
    case 'LAST_WEEK':
      return weeks(-1, 0);
    case 'THIS_WEEK':
      return weeks(0, 1);
    case 'NEXT_WEEK':
      return weeks(1, 2);
    case 'LAST_MONTH':
      return months(-1, 0);
    case 'THIS_MONTH':
      return months(0, 1);
    case 'NEXT_MONTH':
      return months(1, 2);
    // LAST_N_DAYS includes today (LAST_N_DAYS:1 is yesterday and today); NEXT_N_DAYS starts tomorrow.
    case 'LAST_90_DAYS':
      return days(-90, 1);
    case 'NEXT_90_DAYS':
      return days(1, 91);
    case 'LAST_N_DAYS':
      return days(-k, 1);
    case 'NEXT_N_DAYS':
      return days(1, 1 + k);
    case 'N_DAYS_AGO':
      return days(-k, -k + 1);
    case 'LAST_N_WEEKS':
      return weeks(-k, 0);
    case 'NEXT_N_WEEKS':
      return weeks(1, 1 + k);
    case 'N_WEEKS_AGO':
      return weeks(-k, -k + 1);
    case 'LAST_N_MONTHS':
      return months(-k, 0);
    case 'NEXT_N_MONTHS':
      return months(1, 1 + k);
    case 'N_MONTHS_AGO':
      return months(-k, -k + 1);
    case 'THIS_QUARTER':
      return quarters(0, 1);
    case 'LAST_QUARTER':
      return quarters(-1, 0);
    case 'NEXT_QUARTER':
      return quarters(1, 2);
    case 'LAST_N_QUARTERS':
      return quarters(-k, 0);
    case 'NEXT_N_QUARTERS':
      return quarters(1, 1 + k);
    case 'N_QUARTERS_AGO':
      return quarters(-k, -k + 1);
    case 'THIS_YEAR':
      return years(0, 1);
    case 'LAST_YEAR':
      return years(-1, 0);
    case 'NEXT_YEAR':
      return years(1, 2);
    case 'LAST_N_YEARS':
      return years(-k, 0);
    case 'NEXT_N_YEARS':
      return years(1, 1 + k);
    case 'N_YEARS_AGO':
      return years(-k, -k + 1);
    default:
      return undefined;
  }
}
