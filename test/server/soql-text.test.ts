import { describe, expect, it } from 'vitest';
import {
  bindSoql,
  idList,
  parameterLiteral,
  placeholdersOf,
  soqlString,
  topLevelConjuncts,
} from '../../src/org/soql-text.ts';
import { to18 } from '../../src/org/why.ts';

describe('SOQL text helpers', () => {
  it('escapes string literals as Salesforce requires', () => {
    expect(soqlString('O\'Brien \\ "x"\n')).toBe("'O\\'Brien \\\\ \\\"x\\\"\\n'");
    expect(idList(['001000000000001AAA', '001000000000002AAA'])).toBe(
      "('001000000000001AAA','001000000000002AAA')",
    );
  });

  it('binds placeholders outside string literals only, and leaves relative dates alone', () => {
    const soql =
      "SELECT Id FROM WorkOrder WHERE (OwnerId = :userId AND Subject != ':userId' AND StartDate = NEXT_N_DAYS:14) AND LastModifiedDate > :watermark";
    expect(bindSoql(soql, { userId: "'005000000000001AAA'", watermark: '2024-01-01T00:00:00Z' })).toBe(
      "SELECT Id FROM WorkOrder WHERE (OwnerId = '005000000000001AAA' AND Subject != ':userId' AND StartDate = NEXT_N_DAYS:14) AND LastModifiedDate > 2024-01-01T00:00:00Z",
    );
    expect(placeholdersOf(soql)).toEqual(['userId', 'watermark']);
    expect(() => bindSoql('SELECT Id FROM A WHERE B = :region', {})).toThrow('no value for :region');
  });

  it('formats parameters by their declared type and refuses the wrong kind', () => {
    expect(parameterLiteral('string', "it's")).toBe("'it\\'s'");
    expect(parameterLiteral('integer', '42')).toBe('42');
    expect(parameterLiteral('boolean', true)).toBe('true');
    expect(parameterLiteral('date', '2024-02-29')).toBe('2024-02-29');
    expect(() => parameterLiteral('integer', 'x; DELETE')).toThrow('expected an integer');
    expect(() => parameterLiteral('date', "2024-01-01' OR Id != '")).toThrow('expected a date');
  });

  it('splits a condition at its top-level ANDs only', () => {
    expect(
      topLevelConjuncts("OwnerId = :userId AND Status != 'Closed' AND StartDate = NEXT_N_DAYS:14"),
    ).toEqual(['OwnerId = :userId', "Status != 'Closed'", 'StartDate = NEXT_N_DAYS:14']);
    expect(topLevelConjuncts("(Status = 'A' OR Status = 'B') AND Name = 'X AND Y'")).toEqual([
      "Status = 'A' OR Status = 'B'",
      "Name = 'X AND Y'",
    ]);
    expect(topLevelConjuncts("Status = 'A' OR Priority = 'High' AND Name = 'x'")).toEqual([
      "Status = 'A' OR Priority = 'High' AND Name = 'x'",
    ]);
    expect(topLevelConjuncts('IsActive = true')).toEqual(['IsActive = true']);
  });

  it('turns a 15-character Id into its 18-character form', () => {
    expect(to18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(to18('001A0000006Vm9rIAC')).toBe('001A0000006Vm9rIAC');
  });
});
