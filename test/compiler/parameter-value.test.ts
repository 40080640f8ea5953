/** parseParameterValue / checkParameterValue: strict typing of scope parameter values, one place for all. */

import { describe, expect, it } from 'vitest';
import { checkParameterValue, parseParameterValue } from '../../src/compiler/parameter-value.ts';

describe('parseParameterValue', () => {
  it('parses each type', () => {
    expect(parseParameterValue('string', '')).toBe('');
    expect(parseParameterValue('id', '005000000000001AAA')).toBe('005000000000001AAA');
    expect(parseParameterValue('boolean', 'false')).toBe(false);
    expect(parseParameterValue('integer', '-42')).toBe(-42);
    expect(parseParameterValue('double', '1.5e3')).toBe(1500);
    expect(parseParameterValue('date', '2024-02-29')).toBe('2024-02-29');
    expect(parseParameterValue('datetime', '2024-02-29T01:02:03Z')).toBe('2024-02-29T01:02:03Z');
  });

  it('refuses what is not of the type, saying what was expected and what came', () => {
    const refused = (type: string, raw: string) => {
      try {
        parseParameterValue(type, raw);
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refused('integer', '')).toBe('expected an integer, got ""');
    expect(refused('double', '')).toBe('expected a number, got ""');
    expect(refused('double', 'abc')).toBe('expected a number, got "abc"');
    expect(refused('integer', '1.5')).toBe('expected an integer, got "1.5"');
    expect(refused('integer', '0x10')).toBe('expected an integer, got "0x10"');
    expect(refused('integer', '99999999999999999999')).toBe(
      'expected an integer, got "99999999999999999999"',
    );
    expect(refused('double', 'Infinity')).toBe('expected a number, got "Infinity"');
    expect(refused('boolean', 'yes')).toBe('expected true or false, got "yes"');
    expect(refused('date', '2023-02-29')).toBe('expected a date YYYY-MM-DD, got "2023-02-29"');
    expect(refused('datetime', 'not a date')).toBe(
      'expected a datetime like 2024-01-01T00:00:00Z, got "not a date"',
    );
    expect(refused('id', "x' OR Name != '")).toBe(
      `expected a Salesforce Id (15 or 18 letters and digits), got "x' OR Name != '"`,
    );
    expect(refused('picklist', 'x')).toBe("unknown parameter type 'picklist'");
  });

  it('checks typed values: numbers and booleans as such, or as their text', () => {
    expect(checkParameterValue('integer', 5)).toBe(5);
    expect(checkParameterValue('integer', '5')).toBe(5);
    expect(checkParameterValue('boolean', true)).toBe(true);
    expect(() => checkParameterValue('integer', Number.NaN)).toThrow('expected an integer, got null');
    expect(() => checkParameterValue('string', 5)).toThrow('expected text, got 5');
  });
});
