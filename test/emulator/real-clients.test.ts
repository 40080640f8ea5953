/**
 * What real clients (the sf CLI, @salesforce/core) need from the embedded org, at the HTTP level:
 * `//services/data/...` paths, `query?columns=true`, API versions up to the current release and the
 * answer to a retired or future one, and text values trimmed as Salesforce trims them.
 * test/sf-cli/sf-cli.test.ts runs the sf CLI itself.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOrg, TEST_NOW, type TestOrg } from './support/test-org.ts';

let t: TestOrg;
let accountId: string;
beforeAll(async () => {
  t = await startTestOrg({ now: TEST_NOW });
  accountId = ((await t.conn.sobject('Account').create({ Name: 'Atlas Foods' })) as { id: string }).id;
  await t.conn.sobject('Contact').create({ LastName: 'Iyer', AccountId: accountId });
});
afterAll(() => t.close());

const NOT_FOUND = [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND', fields: [] }];

describe('paths', () => {
  it('reads runs of slashes as one, as an instance URL ending in / makes them', async () => {
    const limits = await t.http('GET', '//services/data/v67.0//limits');
    expect(limits.status).toBe(200);
    const query = await t.http('GET', '//services/data/v67.0/query?q=SELECT+Name+FROM+Account');
    expect(query.body).toMatchObject({ totalSize: 1, records: [{ Name: 'Atlas Foods' }] });
    // Slashes inside the query string are values, not path separators.
    const filtered = await t.http(
      'GET',
      `//services/data/v67.0/query?q=${encodeURIComponent("SELECT Name FROM Account WHERE Name != 'a//b'")}`,
    );
    expect(filtered.body).toMatchObject({ totalSize: 1 });
  });
});

describe('API versions', () => {
  it('serves 31.0 to 67.0 (Summer 26), and lists them by release', async () => {
    const versions = (await t.http('GET', '/services/data', { token: null })).body as {
      label: string;
      version: string;
    }[];
    expect(versions.slice(-6)).toEqual([
      { label: "Winter '25", url: '/services/data/v62.0', version: '62.0' },
      { label: "Spring '25", url: '/services/data/v63.0', version: '63.0' },
      { label: "Summer '25", url: '/services/data/v64.0', version: '64.0' },
      { label: "Winter '26", url: '/services/data/v65.0', version: '65.0' },
      { label: "Spring '26", url: '/services/data/v66.0', version: '66.0' },
      { label: "Summer '26", url: '/services/data/v67.0', version: '67.0' },
    ]);
    expect(versions[0]).toEqual({ label: "Summer '14", url: '/services/data/v31.0', version: '31.0' });
    expect(versions).toHaveLength(37);
    expect((await t.http('GET', '/services/data/v65.0/limits')).status).toBe(200);
  });

  it('answers a retired version 410 and a version newer than the org 404', async () => {
    for (const version of ['30.0', '20.0', '7.0'])
      expect(await t.http('GET', `/services/data/v${version}/limits`)).toMatchObject({
        status: 410,
        body: NOT_FOUND,
      });
    expect(await t.http('GET', '/services/data/v68.0/limits')).toMatchObject({
      status: 404,
      body: NOT_FOUND,
    });
  });
});

describe('query?columns=true', () => {
  const field = (columnName: string, more: Record<string, unknown> = {}) => ({
    aggregate: false,
    apexType: 'String',
    booleanType: false,
    columnName,
    custom: false,
    displayName: columnName,
    foreignKeyName: null,
    insertable: true,
    joinColumns: [],
    numberType: false,
    textType: true,
    updatable: true,
    ...more,
  });
  const columns = async (soql: string) =>
    (await t.http('GET', `/services/data/v67.0/query?q=${encodeURIComponent(soql)}&columns=true`)).body;

  it('describes fields, parent relationships and child subqueries, without running the query', async () => {
    const before = (await t.control('GET', '/stats')).body as { apiCalls: number };
    expect(
      await columns(
        'SELECT Id, Name, NumberOfEmployees, Owner.Name, Owner.IsActive, (SELECT LastName, CreatedDate FROM Contacts) FROM Account',
      ),
    ).toEqual({
      columnMetadata: [
        field('Id', { apexType: 'Id', insertable: false, textType: false, updatable: false }),
        field('Name'),
        field('NumberOfEmployees', { apexType: 'Integer', numberType: true, textType: false }),
        field('Owner', {
          apexType: null,
          foreignKeyName: 'OwnerId',
          insertable: false,
          textType: false,
          updatable: false,
          joinColumns: [
            field('Name', { insertable: false, updatable: false }),
            field('IsActive', { apexType: 'Boolean', booleanType: true, textType: false }),
          ],
        }),
        field('Contacts', {
          aggregate: true,
          apexType: null,
          insertable: false,
          textType: false,
          updatable: false,
          joinColumns: [
            field('LastName'),
            field('CreatedDate', {
              apexType: 'Datetime',
              insertable: false,
              textType: false,
              updatable: false,
            }),
          ],
        }),
      ],
      entityName: 'Account',
      groupBy: false,
      idSelected: true,
      keyPrefix: '001',
    });
    // One API call (this one), and no query cursor left open.
    const after = (await t.control('GET', '/stats')).body as { apiCalls: number };
    expect(after.apiCalls - before.apiCalls).toBe(1);
  });

  it('names aggregate columns by alias or exprN, displayed as the function', async () => {
    expect(
      await columns('SELECT Industry, COUNT(Id) total, MAX(Name) FROM Account GROUP BY Industry'),
    ).toEqual({
      columnMetadata: [
        field('Industry', { updatable: true }),
        field('total', {
          aggregate: true,
          apexType: null,
          displayName: 'count(Id)',
          insertable: false,
          numberType: true,
          textType: false,
          updatable: false,
        }),
        field('expr0', {
          aggregate: true,
          apexType: null,
          displayName: 'max(Name)',
          insertable: false,
          updatable: false,
        }),
      ],
      entityName: 'Account',
      groupBy: true,
      idSelected: false,
      keyPrefix: '001',
    });
  });

  it('refuses an invalid query as the query itself does', async () => {
    const soql = 'SELECT Nope FROM Account';
    const asColumns = await t.http(
      'GET',
      `/services/data/v67.0/query?q=${encodeURIComponent(soql)}&columns=true`,
    );
    const asQuery = await t.http('GET', `/services/data/v67.0/query?q=${encodeURIComponent(soql)}`);
    expect(asColumns.status).toBe(400);
    expect(asColumns.body).toEqual(asQuery.body);
    expect(asColumns.body).toMatchObject([{ errorCode: 'INVALID_FIELD' }]);
  });
});

describe('text values', () => {
  it('are trimmed on insert and update; all whitespace is null; a no-break space stays', async () => {
    const { id } = (await t.conn.sobject('Account').create({
      Name: ' \t Trimmed Co \n',
      Phone: '  +33 1 23 45 67 89  ',
      Description: '\n  notes  \n',
      Website: '   ',
    })) as { id: string };
    const read = async () =>
      (await t.conn.sobject('Account').retrieve(id)) as unknown as Record<string, unknown>;
    expect(await read()).toMatchObject({
      Name: 'Trimmed Co',
      Phone: '+33 1 23 45 67 89',
      Description: 'notes',
      Website: null,
    });
    await t.conn.sobject('Account').update({ Id: id, Name: '\u00a0Kept\u00a0 ', Industry: ' Energy ' });
    expect(await read()).toMatchObject({ Name: '\u00a0Kept\u00a0', Industry: 'Energy' });
  });

  it('that are only whitespace count as missing for a required field', async () => {
    const response = await t.http('POST', '/services/data/v67.0/sobjects/Account', { body: { Name: '   ' } });
    expect(response).toMatchObject({
      status: 400,
      body: [{ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] }],
    });
  });
});
