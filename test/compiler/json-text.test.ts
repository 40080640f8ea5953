import { describe, expect, it } from 'vitest';
import { lineColumn, parseJsonText } from '../../src/compiler/index.ts';

describe('parseJsonText', () => {
  it('parses what JSON.parse parses, with no diagnostics', () => {
    const text = '{"a": [1, -2.5e3, true, null, "x\\"\\u00e9"], "b": {}}';
    expect(parseJsonText(text)).toEqual({ ok: true, value: JSON.parse(text), diagnostics: [] });
  });

  it('reports the line and column of a syntax error', () => {
    expect(parseJsonText('{\n  "a": 1,\n  "b": 2,\n}')).toEqual({
      ok: false,
      error: {
        message: 'expected a property name in double quotes, found "}"',
        offset: 22,
        line: 4,
        column: 1,
      },
    });
    expect(parseJsonText('{"a": [1 2]}')).toMatchObject({ ok: false, error: { line: 1, column: 10 } });
    expect(parseJsonText('{"a": "unterminated\n"}')).toMatchObject({
      ok: false,
      error: { message: 'a string is not closed before the end of the line', line: 1, column: 20 },
    });
    expect(parseJsonText('{"a": 1} x')).toMatchObject({ ok: false, error: { line: 1, column: 10 } });
    expect(parseJsonText('')).toMatchObject({
      ok: false,
      error: { message: 'expected a value, found the end of the file' },
    });
  });

  it('reports duplicated keys at the pointer of the one JSON.parse keeps', () => {
    const result = parseJsonText(
      '{"objects": {"A": {"fields": [], "fields": ["x"]}, "a/b~c": 1, "a/b~c": 2}}',
    );
    expect(result.ok && result.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['DUPLICATE_KEY', '/objects/A/fields'],
      ['DUPLICATE_OBJECT', '/objects/a~1b~0c'],
    ]);
  });

  it('accepts a byte-order mark', () => {
    expect(parseJsonText('\ufeff{"a": 1}')).toEqual({ ok: true, value: { a: 1 }, diagnostics: [] });
  });

  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
