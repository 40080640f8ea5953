import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorOf, bareMessage } from './expect-api-error.ts';
import { openTestOrg, type TestOrg } from './soql-test-org.ts';

const FIELD_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
const RELATIONSHIP_HINT =
  "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";
const OBJECT_HINT =
  "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";

describe('SOQL engine: Salesforce errors', () => {
  let org: TestOrg;
  beforeAll(() => {
    org = openTestOrg();
  });
  afterAll(() => org.close());

  const errorOf = (soql: string) => apiErrorOf(() => org.query(soql));

  it('points at the offending text as the REST API does', () => {
    const error = errorOf('SELECT Id, Foo FROM Account');
    expect(error.status).toBe(400);
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toBe(
      `\nSELECT Id, Foo FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo' on entity 'Account'. ${FIELD_HINT}`,
    );
    expect(error.toBody()).toEqual([{ message: error.message, errorCode: 'INVALID_FIELD', fields: [] }]);
    const multiline = errorOf('SELECT Id\nFROM Account\nWHERE Bar__c = 1');
    expect(multiline.message).toBe(
      `\nWHERE Bar__c = 1\n      ^\nERROR at Row:3:Column:7\nNo such column 'Bar__c' on entity 'Account'. ${FIELD_HINT}`,
    );
  });

  it('answers bad syntax with MALFORMED_QUERY and the unexpected token', () => {
    const cases: [string, string][] = [
      ['SELECT FROM Account', "unexpected token: 'FROM'"],
      ['SELECT Id FROM Account WHERE', 'unexpected token: <EOF>'],
      ['SELECT Id FROM Account LIMIT x', "unexpected token: 'x'"],
      [`SELECT Id FROM Account WHERE Name = 'x`, "unexpected token: '''"],
      [
        `SELECT Id FROM Account WHERE Name = 'a' AND Industry = 'b' OR Industry = 'c'`,
        "unexpected token: 'OR'",
      ],
      [
        `SELECT Id FROM Account WHERE Name = 'a' OR Industry = 'b' AND Industry = 'c'`,
        "unexpected token: 'AND'",
      ],
      ['SELECT Id Name FROM Account', "unexpected token: 'Name'"],
      ['SELECT Id FROM Account;', "unexpected token: ';'"],
      ['SELECT Id FROM Account LIMIT 5 LIMIT 6', "unexpected token: 'LIMIT'"],
      [`SELECT Id FROM Account WHERE Name IN 'x'`, "unexpected token: ''x''"],
      ['SELECT Id FROM Account WHERE Id IN ()', "unexpected token: '('"],
    ];
    for (const [soql, message] of cases) {
      const error = errorOf(soql);
      expect(error.errorCode, soql).toBe('MALFORMED_QUERY');
      expect(bareMessage(error), soql).toBe(message);
    }
    expect(
      errorOf(`SELECT Id FROM Account WHERE Name = 'a' AND Industry = 'b' OR Industry = 'c'`).message,
    ).toContain('ERROR at Row:1:Column:60');
  });

  it('refuses three NOTs in a row, which its parser would silently drop one of', () => {
    for (const soql of [
      `SELECT Id FROM Account WHERE NOT NOT NOT Name = 'Acme'`,
      `SELECT Id FROM Account WHERE NOT (NOT (NOT Name = 'Acme' OR Industry = null))`,
      `SELECT Id, (SELECT Id FROM Contacts WHERE NOT (NOT (NOT LastName = 'x'))) FROM Account`,
    ]) {
      const error = errorOf(soql);
      expect(error.errorCode, soql).toBe('MALFORMED_QUERY');
      expect(bareMessage(error), soql).toBe(
        'The syncscope emulator cannot read three or more NOT operators in a row; remove the double negation.',
      );
    }
    expect(
      org.query(`SELECT Id FROM Account WHERE NOT (NOT Name = 'Acme') AND Industry NOT IN ('x')`).totalSize,
    ).toBe(1);
    expect(org.query(`SELECT Id FROM Account WHERE Name != 'NOT NOT NOT'`).totalSize).toBe(4);
  });

  it('rejects Apex bind variables', () => {
    for (const soql of [
      'SELECT Id FROM Account WHERE Name = :name',
      'SELECT Id FROM Account WHERE Id IN :ids',
      'SELECT Id FROM Account LIMIT :n',
    ]) {
      const error = errorOf(soql);
      expect(error.errorCode, soql).toBe('MALFORMED_QUERY');
      expect(bareMessage(error), soql).toBe('Bind variables only allowed in Apex code');
    }
    expect(errorOf('SELECT Id FROM Account WHERE Name = :name').message).toContain(
      'ERROR at Row:1:Column:37',
    );
  });

  it('answers unknown objects with INVALID_TYPE', () => {
    const error = errorOf('SELECT Id FROM Foo');
    expect(error.errorCode).toBe('INVALID_TYPE');
    expect(error.message).toBe(
      `\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\nsObject type 'Foo' is not supported. ${OBJECT_HINT}`,
    );
    const child = errorOf('SELECT Id, (SELECT Id FROM Foos) FROM Account');
    expect(child.errorCode).toBe('INVALID_TYPE');
    expect(bareMessage(child)).toBe(
      `Didn't understand relationship 'Foos' in FROM part of query call. ${RELATIONSHIP_HINT}`,
    );
  });

  it('answers unknown fields and relationships with INVALID_FIELD', () => {
    const cases: [string, string][] = [
      [
        'SELECT Foo.Name FROM Contact',
        `Didn't understand relationship 'Foo' in field path. ${RELATIONSHIP_HINT}`,
      ],
      [
        'SELECT AccountId.Name FROM Contact',
        `Didn't understand relationship 'AccountId' in field path. ${RELATIONSHIP_HINT}`,
      ],
      ['SELECT Account.Foo FROM Contact', `No such column 'Foo' on entity 'Account'. ${FIELD_HINT}`],
      ['SELECT Account FROM Contact', `No such column 'Account' on entity 'Contact'. ${FIELD_HINT}`],
      ['SELECT Id FROM Contact ORDER BY Nope', `No such column 'Nope' on entity 'Contact'. ${FIELD_HINT}`],
      [
        'SELECT Id, (SELECT Nope FROM Contacts) FROM Account',
        `No such column 'Nope' on entity 'Contact'. ${FIELD_HINT}`,
      ],
    ];
    for (const [soql, message] of cases) {
      const error = errorOf(soql);
      expect(error.errorCode, soql).toBe('INVALID_FIELD');
      expect(bareMessage(error), soql).toBe(message);
    }
  });

  it('limits parent paths to five relationships', () => {
    expect(org.query('SELECT Parent.Parent.Parent.Parent.Owner.Name FROM Account').totalSize).toBe(4);
    const error = errorOf('SELECT Parent.Parent.Parent.Parent.Parent.Owner.Name FROM Account');
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(bareMessage(error)).toBe(
      "A query can traverse at most 5 levels of parent relationships: 'Parent.Parent.Parent.Parent.Parent.Owner.Name'.",
    );
  });

  it('rejects duplicate fields and COUNT() mixed with fields', () => {
    expect(bareMessage(errorOf('SELECT Name, name FROM Account'))).toBe('duplicate field selected: name');
    expect(bareMessage(errorOf('SELECT Owner.Name, owner.name FROM Account'))).toBe(
      'duplicate field selected: owner.name',
    );
    expect(bareMessage(errorOf('SELECT COUNT(), Name FROM Account'))).toBe(
      'COUNT() must be the only element in the SELECT list of a query without GROUP BY.',
    );
  });

  it('says clearly what the emulator does not support', () => {
    const cases: [string, string][] = [
      [
        'SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry HAVING COUNT(Id) > 1',
        'The syncscope emulator does not support HAVING.',
      ],
      [
        'SELECT toLabel(Industry) FROM Account',
        'The syncscope emulator does not support toLabel(Industry) in SELECT.',
      ],
      [
        'SELECT Id FROM Account WHERE HOUR_IN_DAY(convertTimezone(CreatedDate)) > 10',
        'The syncscope emulator does not support the function convertTimezone() in WHERE.',
      ],
      ['SELECT Id FROM Account FOR UPDATE', 'FOR UPDATE is only allowed in Apex.'],
    ];
    for (const [soql, message] of cases) {
      const error = errorOf(soql);
      expect(error.errorCode, soql).toBe('MALFORMED_QUERY');
      expect(bareMessage(error), soql).toBe(message);
    }
  });

  it('accepts FOR VIEW, FOR REFERENCE and WITH SECURITY_ENFORCED as no-ops', () => {
    expect(org.query('SELECT Id FROM Account FOR VIEW').totalSize).toBe(4);
    expect(org.query('SELECT Id FROM Account FOR REFERENCE').totalSize).toBe(4);
    expect(org.query('SELECT Id FROM Account WITH SECURITY_ENFORCED').totalSize).toBe(4);
  });
});

describe('SOQL engine: very large queries', () => {
  let org: TestOrg;
  beforeAll(() => {
    org = openTestOrg();
  });
  afterAll(() => org.close());

  it('runs thousands of OR terms (grouped to stay within SQLite expression depth)', () => {
    const where = Array.from({ length: 3000 }, (_, i) => `Name = 'x${i}'`).join(' OR ');
    expect(
      org.query(`SELECT Name FROM Account WHERE ${where} OR Name = 'Zeta'`).records.map((r) => r['Name']),
    ).toEqual(['Zeta']);
  });

  it('answers QUERY_TOO_COMPLICATED when SQLite cannot take the joins', () => {
    const paths: string[] = [];
    const userHops = ['Manager', 'CreatedBy'];
    const walk = (prefix: string[], onUser: boolean): void => {
      if (prefix.length > 0) paths.push([...prefix, 'Name'].join('.'));
      if (prefix.length === 5) return;
      for (const hop of onUser ? userHops : ['Parent', 'Owner', 'CreatedBy'])
        walk([...prefix, hop], onUser || hop !== 'Parent');
    };
    walk([], false);
    expect(paths.length).toBeGreaterThan(64);
    const error = apiErrorOf(() => org.query(`SELECT ${paths.join(', ')} FROM Account`));
    expect(error.errorCode).toBe('QUERY_TOO_COMPLICATED');
    expect(error.message).toMatch(
      /^Query is either selecting too many fields or the filter conditions are too complicated/,
    );
  });
});
