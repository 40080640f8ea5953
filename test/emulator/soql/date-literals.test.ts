import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relativeDateRange } from '../../../src/emulator/sql/date-literals.ts';
import { apiErrorOf, bareMessage } from './expect-api-error.ts';
import { NOW, openTestOrg, type TestOrg } from './soql-test-org.ts';

describe('relative date literals (UTC, weeks from Sunday, fiscal = calendar year)', () => {
  // NOW is Thursday 2026-11-26 12:00 UTC.
  const range = (literal: string, now = NOW): [string, string] | undefined => {
    const [name, n] = literal.split(':');
    const r = relativeDateRange(name as string, n === undefined ? undefined : Number(n), now);
    return r && [r.start, r.end];
  };

  it('evaluates day, week, month, quarter and year literals as half-open day ranges', () => {
    expect(range('TODAY')).toEqual(['2026-11-26', '2026-11-27']);
    expect(range('YESTERDAY')).toEqual(['2026-11-25', '2026-11-26']);
    expect(range('TOMORROW')).toEqual(['2026-11-27', '2026-11-28']);
    expect(range('THIS_WEEK')).toEqual(['2026-11-22', '2026-11-29']);
    expect(range('LAST_WEEK')).toEqual(['2026-11-15', '2026-11-22']);
    expect(range('NEXT_WEEK')).toEqual(['2026-11-29', '2026-12-06']);
    expect(range('THIS_MONTH')).toEqual(['2026-11-01', '2026-12-01']);
    expect(range('LAST_MONTH')).toEqual(['2026-10-01', '2026-11-01']);
    expect(range('NEXT_MONTH')).toEqual(['2026-12-01', '2027-01-01']);
    expect(range('THIS_QUARTER')).toEqual(['2026-10-01', '2027-01-01']);
    expect(range('LAST_QUARTER')).toEqual(['2026-07-01', '2026-10-01']);
    expect(range('NEXT_QUARTER')).toEqual(['2027-01-01', '2027-04-01']);
    expect(range('THIS_YEAR')).toEqual(['2026-01-01', '2027-01-01']);
    expect(range('LAST_YEAR')).toEqual(['2025-01-01', '2026-01-01']);
    expect(range('NEXT_YEAR')).toEqual(['2027-01-01', '2028-01-01']);
    expect(range('THIS_FISCAL_YEAR')).toEqual(['2026-01-01', '2027-01-01']);
    expect(range('NEXT_FISCAL_QUARTER')).toEqual(['2027-01-01', '2027-04-01']);
  });

  it('includes today in LAST_N_DAYS and LAST_90_DAYS, and starts NEXT_N_DAYS tomorrow', () => {
    expect(range('LAST_90_DAYS')).toEqual(['2026-08-28', '2026-11-27']);
    expect(range('NEXT_90_DAYS')).toEqual(['2026-11-27', '2027-02-25']);
    expect(range('LAST_N_DAYS:3')).toEqual(['2026-11-23', '2026-11-27']);
    expect(range('NEXT_N_DAYS:3')).toEqual(['2026-11-27', '2026-11-30']);
    expect(range('N_DAYS_AGO:2')).toEqual(['2026-11-24', '2026-11-25']);
  });

  it('evaluates the _N_ week, month, quarter and year literals', () => {
    expect(range('LAST_N_WEEKS:2')).toEqual(['2026-11-08', '2026-11-22']);
    expect(range('NEXT_N_WEEKS:1')).toEqual(['2026-11-29', '2026-12-06']);
    expect(range('N_WEEKS_AGO:1')).toEqual(['2026-11-15', '2026-11-22']);
    expect(range('LAST_N_MONTHS:2')).toEqual(['2026-09-01', '2026-11-01']);
    expect(range('NEXT_N_MONTHS:2')).toEqual(['2026-12-01', '2027-02-01']);
    expect(range('N_MONTHS_AGO:12')).toEqual(['2025-11-01', '2025-12-01']);
    expect(range('LAST_N_QUARTERS:1')).toEqual(['2026-07-01', '2026-10-01']);
    expect(range('NEXT_N_QUARTERS:2')).toEqual(['2027-01-01', '2027-07-01']);
    expect(range('LAST_N_YEARS:2')).toEqual(['2024-01-01', '2026-01-01']);
    expect(range('NEXT_N_FISCAL_YEARS:1')).toEqual(['2027-01-01', '2028-01-01']);
    expect(range('N_YEARS_AGO:1')).toEqual(['2025-01-01', '2026-01-01']);
  });

  it('handles week starts on Sunday and month ends', () => {
    const sunday = new Date('2026-11-22T00:00:00.000Z');
    expect(range('THIS_WEEK', sunday)).toEqual(['2026-11-22', '2026-11-29']);
    const saturdayNight = new Date('2026-11-28T23:59:59.999Z');
    expect(range('THIS_WEEK', saturdayNight)).toEqual(['2026-11-22', '2026-11-29']);
    const monthEnd = new Date('2026-01-31T10:00:00.000Z');
    expect(range('NEXT_MONTH', monthEnd)).toEqual(['2026-02-01', '2026-03-01']);
    expect(range('LAST_N_MONTHS:1', monthEnd)).toEqual(['2025-12-01', '2026-01-01']);
    expect(range('NOT_A_LITERAL')).toBeUndefined();
  });
});

describe('SOQL engine: date and datetime filters', () => {
  let org: TestOrg;
  beforeAll(() => {
    org = openTestOrg();
  });
  afterAll(() => org.close());

  // Work orders start 2026-11-19T09:00Z (Inspect), 2026-11-26T09:00Z (Fix pump), 2026-12-02T15:30Z (Install).
  const workOrders = (where: string, now = NOW): string[] =>
    org
      .query(`SELECT Subject FROM WorkOrder WHERE ${where} ORDER BY StartDate`, { now })
      .records.map((r) => String(r['Subject']));
  const accounts = (where: string): string[] =>
    org.query(`SELECT Name FROM Account WHERE ${where} ORDER BY Name`).records.map((r) => String(r['Name']));

  it('compares datetime fields with relative literals using each operator', () => {
    expect(workOrders('StartDate = TODAY')).toEqual(['Fix pump']);
    expect(workOrders('StartDate != TODAY')).toEqual(['Inspect', 'Install']);
    expect(workOrders('StartDate > TODAY')).toEqual(['Install']);
    expect(workOrders('StartDate >= TODAY')).toEqual(['Fix pump', 'Install']);
    expect(workOrders('StartDate < TODAY')).toEqual(['Inspect']);
    expect(workOrders('StartDate <= TODAY')).toEqual(['Inspect', 'Fix pump']);
    expect(workOrders('StartDate = THIS_WEEK')).toEqual(['Fix pump']);
    expect(workOrders('StartDate = LAST_WEEK')).toEqual(['Inspect']);
    expect(workOrders('StartDate = NEXT_WEEK')).toEqual(['Install']);
    expect(workOrders('StartDate = NEXT_N_DAYS:7')).toEqual(['Install']);
    expect(workOrders('StartDate = LAST_N_DAYS:7')).toEqual(['Inspect', 'Fix pump']);
    expect(workOrders('StartDate IN (YESTERDAY, LAST_WEEK)')).toEqual(['Inspect']);
    expect(workOrders('StartDate = THIS_MONTH')).toEqual(['Inspect', 'Fix pump']);
  });

  it("follows the clock passed in options (the emulator's clock)", () => {
    expect(workOrders('StartDate = TODAY', new Date('2026-12-02T16:00:00.000Z'))).toEqual(['Install']);
    expect(workOrders('StartDate = YESTERDAY', new Date('2026-11-20T00:30:00.000Z'))).toEqual(['Inspect']);
  });

  it('compares datetime fields with datetime literals in any zone offset', () => {
    expect(workOrders('StartDate > 2026-11-26T09:00:00Z')).toEqual(['Install']);
    expect(workOrders('StartDate >= 2026-11-26T10:00:00+01:00')).toEqual(['Fix pump', 'Install']);
    expect(workOrders('StartDate = 2026-11-26T09:00:00.000Z')).toEqual(['Fix pump']);
    expect(workOrders('StartDate < 2026-11-19T04:00:01-05:00')).toEqual(['Inspect']);
  });

  it('compares date fields with date literals and relative literals', () => {
    // LastActivityDate: Acme 2026-11-20, acme north 2026-11-26, others null.
    expect(accounts('LastActivityDate = TODAY')).toEqual(['acme north']);
    expect(accounts('LastActivityDate = LAST_N_DAYS:7')).toEqual(['Acme', 'acme north']);
    expect(accounts('LastActivityDate < 2026-11-21')).toEqual(['Acme']);
    expect(accounts('LastActivityDate = 2026-11-26')).toEqual(['acme north']);
    expect(accounts('LastActivityDate != THIS_WEEK')).toEqual(['Acme', 'Beta 50%_off', 'Zeta']);
    expect(accounts('CreatedDate = TODAY')).toEqual(['Zeta']);
    expect(accounts('CreatedDate = YESTERDAY')).toEqual(['acme north']);
  });

  it('filters with date functions, in UTC', () => {
    // 2026-11-19 and 2026-11-26 are Thursdays (DAY_IN_WEEK 5, Sunday = 1), 2026-12-02 a Wednesday.
    expect(workOrders('CALENDAR_YEAR(StartDate) = 2026')).toEqual(['Inspect', 'Fix pump', 'Install']);
    expect(workOrders('CALENDAR_MONTH(StartDate) = 12')).toEqual(['Install']);
    expect(workOrders('CALENDAR_QUARTER(StartDate) = 4 AND DAY_IN_MONTH(StartDate) < 20')).toEqual([
      'Inspect',
      'Install',
    ]);
    expect(workOrders('DAY_ONLY(StartDate) = TODAY')).toEqual(['Fix pump']);
    expect(workOrders('DAY_ONLY(StartDate) = 2026-12-02')).toEqual(['Install']);
    expect(workOrders('DAY_IN_WEEK(StartDate) = 5')).toEqual(['Inspect', 'Fix pump']);
    expect(workOrders('HOUR_IN_DAY(StartDate) > 12')).toEqual(['Install']);
    expect(workOrders('WEEK_IN_YEAR(StartDate) = 48')).toEqual(['Fix pump', 'Install']);
    expect(workOrders('NOT DAY_IN_YEAR(StartDate) IN (323, 330)')).toEqual(['Install']);
    expect(accounts('CALENDAR_MONTH(LastActivityDate) = 11')).toEqual(['Acme', 'acme north']);
    const cases: [string, string][] = [
      [
        'DAY_ONLY(LastActivityDate) = TODAY',
        "DAY_ONLY can only be used with dateTime fields, not 'LastActivityDate'",
      ],
      [
        'CALENDAR_YEAR(Name) = 2026',
        "CALENDAR_YEAR can only be used with date or dateTime fields, not 'Name'",
      ],
      [
        `CALENDAR_YEAR(CreatedDate) = '2026'`,
        "value of filter criterion for field 'CALENDAR_YEAR(CreatedDate)' must be of type integer and should not be enclosed in quotes",
      ],
    ];
    for (const [where, message] of cases) {
      const error = apiErrorOf(() => accounts(where));
      expect(error.errorCode, where).toBe('INVALID_FIELD');
      expect(bareMessage(error), where).toBe(message);
    }
  });

  it("rejects mismatched date types with Salesforce's messages", () => {
    const cases: [string, string, string][] = [
      [
        'CreatedDate > 2024-01-01',
        'INVALID_FIELD',
        "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
      ],
      [
        'LastActivityDate = 2026-11-20T00:00:00Z',
        'INVALID_FIELD',
        "value of filter criterion for field 'LastActivityDate' must be of type date and should not be enclosed in quotes",
      ],
      [
        `CreatedDate > '2024-01-01T00:00:00Z'`,
        'INVALID_FIELD',
        "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
      ],
      [
        'Name = TODAY',
        'INVALID_FIELD',
        "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes",
      ],
      [
        'NumberOfEmployees = LAST_N_DAYS:3',
        'INVALID_FIELD',
        "value of filter criterion for field 'NumberOfEmployees' must be of type integer and should not be enclosed in quotes",
      ],
      ['LastActivityDate = 2026-02-30', 'MALFORMED_QUERY', "unexpected token: '2026-02-30'"],
    ];
    for (const [where, code, message] of cases) {
      const error = apiErrorOf(() => accounts(where));
      expect(error.errorCode, where).toBe(code);
      expect(bareMessage(error), where).toBe(message);
    }
  });
});
