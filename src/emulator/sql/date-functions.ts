/**
 * SOQL date functions in WHERE (`CALENDAR_YEAR(CreatedDate) = 2026`, `DAY_ONLY(StartDate) = TODAY`) as
 * SQLite expressions over the stored text (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS.sssZ`). Like
 * Salesforce without convertTimezone(), they work in UTC. Fiscal functions use the calendar year.
 */

import type { FieldType } from '../../compiler/org-metadata.ts';

export interface DateFunction {
  /** What the function returns: a number, or a date compared with date literals. */
  readonly result: Extract<FieldType, 'int' | 'date'>;
  /** Whether it applies to date fields too (HOUR_IN_DAY and DAY_ONLY need a time). */
  readonly onDate: boolean;
  readonly sql: (col: string) => string;
}

const int = (sql: string): string => `CAST(${sql} AS INTEGER)`;
const month = (col: string): string => int(`substr(${col}, 6, 2)`);
const dayInYear = (col: string): string => int(`strftime('%j', substr(${col}, 1, 10))`);
const dayInMonth = (col: string): string => int(`substr(${col}, 9, 2)`);

const FUNCTIONS: Readonly<Record<string, DateFunction>> = {
  CALENDAR_YEAR: { result: 'int', onDate: true, sql: (c) => int(`substr(${c}, 1, 4)`) },
  CALENDAR_QUARTER: { result: 'int', onDate: true, sql: (c) => `((${month(c)} + 2) / 3)` },
  CALENDAR_MONTH: { result: 'int', onDate: true, sql: month },
  DAY_IN_MONTH: { result: 'int', onDate: true, sql: dayInMonth },
  // 1 = Sunday, as Salesforce.
  DAY_IN_WEEK: {
    result: 'int',
    onDate: true,
    sql: (c) => `(${int(`strftime('%w', substr(${c}, 1, 10))`)} + 1)`,
  },
  DAY_IN_YEAR: { result: 'int', onDate: true, sql: dayInYear },
  // Week 1 is days 1-7 of the year (or month), as Salesforce counts.
  WEEK_IN_YEAR: { result: 'int', onDate: true, sql: (c) => `((${dayInYear(c)} - 1) / 7 + 1)` },
  WEEK_IN_MONTH: { result: 'int', onDate: true, sql: (c) => `((${dayInMonth(c)} - 1) / 7 + 1)` },
  HOUR_IN_DAY: { result: 'int', onDate: false, sql: (c) => int(`substr(${c}, 12, 2)`) },
  DAY_ONLY: { result: 'date', onDate: false, sql: (c) => `substr(${c}, 1, 10)` },
  FISCAL_YEAR: { result: 'int', onDate: true, sql: (c) => int(`substr(${c}, 1, 4)`) },
  FISCAL_QUARTER: { result: 'int', onDate: true, sql: (c) => `((${month(c)} + 2) / 3)` },
  FISCAL_MONTH: { result: 'int', onDate: true, sql: month },
};

export function dateFunction(name: string): DateFunction | undefined {
  return FUNCTIONS[name.toUpperCase()];
}
