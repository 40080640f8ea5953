import { describe, expect, it } from 'vitest';
import type { FieldDescribe, FieldType } from '../../src/compiler/org-metadata.ts';
import { field } from '../../src/emulator/metadata/describe-builder.ts';
import { parseDatetime, toRest, toStored } from '../../src/emulator/store/field-codec.ts';

const f = (type: FieldType): FieldDescribe => field('X', type).describe;

describe('request values to stored values', () => {
  it('reads datetimes in any offset as UTC milliseconds', () => {
    expect(parseDatetime('2026-03-12T10:00:00+02:00')).toBe('2026-03-12T08:00:00.000Z');
    expect(parseDatetime('2026-03-12T10:00:00.5Z')).toBe('2026-03-12T10:00:00.500Z');
    expect(parseDatetime('2026-03-12T10:00:00.123456Z')).toBe('2026-03-12T10:00:00.123Z');
    expect(parseDatetime('2026-03-12T10:00:00.000+0000')).toBe('2026-03-12T10:00:00.000Z');
    expect(parseDatetime('2026-03-12')).toBe('2026-03-12T00:00:00.000Z');
    expect(parseDatetime('2026-02-30T00:00:00Z')).toBeUndefined();
    expect(parseDatetime('yesterday')).toBeUndefined();
  });

  it('accepts what Salesforce accepts for each type', () => {
    expect(toStored(f('boolean'), 'TRUE')).toBe(1);
    expect(toStored(f('boolean'), null)).toBe(0);
    expect(toStored(f('int'), '12')).toBe(12);
    expect(toStored(f('double'), 1.5)).toBe(1.5);
    expect(toStored(f('date'), '2024-02-29')).toBe('2024-02-29');
    expect(toStored(f('time'), '08:15')).toBe('08:15:00.000Z');
    expect(toStored(f('multipicklist'), ['a', 'b'])).toBe('a;b');
    expect(toStored(f('string'), 42)).toBe('42');
  });

  it('answers JSON_PARSER_ERROR naming the field otherwise', () => {
    for (const [type, value] of [
      ['boolean', 'yes'],
      ['int', 1.5],
      ['double', 'abc'],
      ['date', '2023-02-29'],
      ['datetime', '12/03/2026'],
      ['string', { a: 1 }],
      ['base64', 'not base64!'],
    ] as const) {
      expect(() => toStored(f(type), value), type).toThrow(
        expect.objectContaining({ errorCode: 'JSON_PARSER_ERROR', fields: ['X'] }),
      );
    }
  });
});

describe('stored values to the REST API', () => {
  it('writes datetimes as Salesforce does and booleans as JSON booleans', () => {
    expect(toRest(f('datetime'), '2026-03-12T08:00:00.000Z')).toBe('2026-03-12T08:00:00.000+0000');
    expect(toRest(f('boolean'), 1)).toBe(true);
    expect(toRest(f('boolean'), 0)).toBe(false);
    expect(toRest(f('string'), null)).toBeNull();
  });
});
