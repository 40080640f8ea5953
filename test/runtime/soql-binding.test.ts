import { describe, expect, it } from 'vitest';
import {
  BindError,
  bindChunked,
  bindSoql,
  MAX_QUERY_URL_BYTES,
  queryPath,
  soqlDatetime,
  soqlParameter,
  soqlString,
} from '../../src/runtime/soql-binding.ts';

const U = '005000000000001AAA';

describe('SOQL literals', () => {
  it('escapes quotes, backslashes and control characters in strings', () => {
    expect(soqlString(`O'Brien \\ "x"\n\t`)).toBe(`'O\\'Brien \\\\ \\"x\\"\\n\\t'`);
  });

  it('formats datetimes in UTC with whole seconds', () => {
    expect(soqlDatetime(Date.parse('2024-03-05T10:11:12.987Z'))).toBe('2024-03-05T10:11:12Z');
    expect(soqlDatetime(0)).toBe('1970-01-01T00:00:00Z');
  });

  it('formats parameters by their declared type and rejects wrong values', () => {
    expect(soqlParameter('region', 'string', "North'East")).toBe(`'North\\'East'`);
    expect(soqlParameter('owner', 'id', U)).toBe(`'${U}'`);
    expect(soqlParameter('active', 'boolean', true)).toBe('true');
    expect(soqlParameter('n', 'integer', 42)).toBe('42');
    expect(soqlParameter('x', 'double', 1.5)).toBe('1.5');
    expect(soqlParameter('d', 'date', '2024-02-29')).toBe('2024-02-29');
    expect(soqlParameter('t', 'datetime', '2024-02-29T01:02:03.456Z')).toBe('2024-02-29T01:02:03Z');
    expect(() => soqlParameter('owner', 'id', "x' OR Name != '")).toThrow(BindError);
    expect(() => soqlParameter('n', 'integer', '1 OR 1=1')).toThrow(
      'parameter :n (integer) has an invalid value',
    );
    expect(() => soqlParameter('d', 'date', '2024-02-29 OR')).toThrow(BindError);
  });
});

describe('bindSoql', () => {
  it('binds watermark, userId and declared parameters', () => {
    const soql = bindSoql(
      {
        soql: 'SELECT Id FROM WorkOrder WHERE (OwnerId = :userId AND Region__c = :region) AND LastModifiedDate > :watermark ORDER BY LastModifiedDate, Id',
        binds: ['userId', 'param:region', 'watermark'],
      },
      {
        userId: U,
        watermarkMs: Date.parse('2024-01-02T03:04:05Z'),
        parameters: { region: 'West' },
        parameterTypes: { region: 'string' },
      },
    );
    expect(soql).toBe(
      `SELECT Id FROM WorkOrder WHERE (OwnerId = '${U}' AND Region__c = 'West') AND LastModifiedDate > 2024-01-02T03:04:05Z ORDER BY LastModifiedDate, Id`,
    );
  });

  it('leaves string literals, datetime literals and relative date literals alone', () => {
    const soql = bindSoql(
      {
        soql: "SELECT Id FROM Case WHERE Subject = 'a :userId b' AND CreatedDate > 2024-01-01T00:00:00Z AND StartDate = NEXT_N_DAYS:14 AND OwnerId = :userId",
        binds: ['userId'],
      },
      { userId: U },
    );
    expect(soql).toBe(
      `SELECT Id FROM Case WHERE Subject = 'a :userId b' AND CreatedDate > 2024-01-01T00:00:00Z AND StartDate = NEXT_N_DAYS:14 AND OwnerId = '${U}'`,
    );
  });

  it('refuses undeclared placeholders and missing values', () => {
    expect(() => bindSoql({ soql: 'SELECT Id FROM A WHERE X = :evil', binds: [] }, {})).toThrow(
      ':evil is not a declared placeholder',
    );
    expect(() =>
      bindSoql({ soql: 'SELECT Id FROM A WHERE OwnerId = :userId', binds: ['userId'] }, {}),
    ).toThrow('no running user Id');
    expect(() =>
      bindSoql({ soql: 'SELECT Id FROM A WHERE OwnerId = :userId', binds: ['userId'] }, { userId: "x'" }),
    ).toThrow('not a Salesforce Id');
  });

  it('binds Id lists and chunks them under the URL limit, keeping every Id exactly once', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `001${String(i).padStart(12, '0')}AAA`);
    const template = {
      soql: 'SELECT Id, Name FROM Account WHERE Id IN :ids AND (Name != null)',
      binds: ['ids' as const],
    };
    const chunks = bindChunked(template, {}, ids, { apiVersion: '62.0', baseUrlBytes: 30 });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(queryPath('62.0', chunk.soql).length + 30).toBeLessThanOrEqual(MAX_QUERY_URL_BYTES);
      expect(chunk.soql).toBe(
        `SELECT Id, Name FROM Account WHERE Id IN (${chunk.ids.map((id) => `'${id}'`).join(',')}) AND (Name != null)`,
      );
    }
    expect(chunks.flatMap((c) => c.ids)).toEqual(ids);
    // Greedy: each chunk but the last is full (adding one more Id would pass the limit).
    const first = chunks[0]!;
    const withOneMore = bindSoql(template, {}, ids.slice(0, first.ids.length + 1));
    expect(queryPath('62.0', withOneMore).length + 30).toBeGreaterThan(MAX_QUERY_URL_BYTES);
  });
});

describe('binding reads own properties only', () => {
  it('an undeclared :constructor or :__proto__ is not declared, whatever Object.prototype holds', () => {
    for (const name of ['constructor', '__proto__', 'toString'])
      expect(() =>
        bindSoql(
          { soql: `SELECT Id FROM Account WHERE Name = :${name}`, binds: [`param:${name}`] },
          { parameterTypes: {}, parameters: {} },
        ),
      ).toThrow(`parameter :${name} is not declared by the plan`);
    expect(() =>
      bindSoql(
        { soql: 'SELECT Id FROM Account WHERE Name = :constructor', binds: ['param:constructor'] },
        { parameterTypes: { constructor: 'string' }, parameters: {} },
      ),
    ).toThrow("parameter :constructor has no value (pass it in the engine's parameters)");
  });
});
