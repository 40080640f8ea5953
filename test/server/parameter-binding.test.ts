/** The server's binder reads own properties only, and types values with the shared parser. */

import { describe, expect, it } from 'vitest';
import { bindSoql, parameterLiteral } from '../../src/org/soql-text.ts';

describe('server parameter binding', () => {
  it('an undeclared :constructor has no value instead of Object.prototype.constructor', () => {
    expect(() => bindSoql('SELECT Id FROM Account WHERE Name = :constructor', {})).toThrow(
      'no value for :constructor',
    );
    expect(() => bindSoql('SELECT Id FROM Account WHERE Name = :toString', {})).toThrow(
      'no value for :toString',
    );
  });

  it('an empty or partial number is refused, not bound as 0', () => {
    expect(() => parameterLiteral('integer', '')).toThrow('expected an integer, got ""');
    expect(() => parameterLiteral('double', '')).toThrow('expected a number, got ""');
    expect(() => parameterLiteral('date', '2023-02-30')).toThrow(
      'expected a date YYYY-MM-DD, got "2023-02-30"',
    );
    expect(parameterLiteral('double', '2.50')).toBe('2.5');
    expect(parameterLiteral('id', '005000000000001AAA')).toBe("'005000000000001AAA'");
  });
});
