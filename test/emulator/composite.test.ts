import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeId } from '../../src/emulator/ids.ts';
import { rejection, startTestOrg, TEST_NOW, type TestOrg } from './support/test-org.ts';

let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg({ now: TEST_NOW });
});
afterAll(() => t.close());

async function countAccounts(name: string): Promise<number> {
  return (await t.conn.query(`SELECT COUNT() FROM Account WHERE Name = '${name}'`)).totalSize;
}

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

describe('sObject Collections (/composite/sobjects)', () => {
  it('creates, updates and deletes arrays through jsforce with per-record results', async () => {
    const created = (await t.conn.sobject('Account').create([{ Name: 'Col 1' }, { Name: 'Col 2' }])) as {
      id: string;
      success: boolean;
    }[];
    expect(created.map((r) => r.success)).toEqual([true, true]);
    const updated = await t.conn.sobject('Account').update(created.map((r) => ({ Id: r.id, Phone: '1' })));
    expect(updated).toEqual(created.map((r) => ({ id: r.id, success: true, errors: [] })));
    const deleted = await t.conn.sobject('Account').destroy(created.map((r) => r.id));
    expect(deleted).toEqual(created.map((r) => ({ id: r.id, success: true, errors: [] })));
  });

  it('keeps the valid records when allOrNone is false', async () => {
    const response = await t.http('POST', '/services/data/v62.0/composite/sobjects', {
      body: {
        allOrNone: false,
        records: [
          { attributes: { type: 'Account' }, Name: 'Partial ok' },
          { attributes: { type: 'Contact' }, FirstName: 'No last name' },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      { id: expect.stringMatching(/^001/), success: true, errors: [] },
      {
        success: false,
        errors: [
          {
            statusCode: 'REQUIRED_FIELD_MISSING',
            message: 'Required fields are missing: [LastName]',
            fields: ['LastName'],
          },
        ],
      },
    ]);
    expect(await countAccounts('Partial ok')).toBe(1);
  });

  it('rolls every record back under allOrNone', async () => {
    const response = await t.http('POST', '/services/data/v62.0/composite/sobjects', {
      body: {
        allOrNone: true,
        records: [
          { attributes: { type: 'Account' }, Name: 'All or none' },
          { attributes: { type: 'Account' }, Name: 'x'.repeat(300) },
          { attributes: { type: 'Account' }, Name: 'All or none' },
        ],
      },
    });
    expect(response.body).toEqual([
      { success: false, errors: [ROLLED_BACK] },
      {
        success: false,
        errors: [
          {
            statusCode: 'STRING_TOO_LONG',
            message: `Account Name: data value too large: ${'x'.repeat(100)}... (max length=255)`,
            fields: ['Name'],
          },
        ],
      },
      { success: false, errors: [ROLLED_BACK] },
    ]);
    expect(await countAccounts('All or none')).toBe(0);
  });

  it('rolls back updates and deletes too, reporting their Ids', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Keep me' })) as { id: string };
    const missing = makeId('001', 55_555);
    const results = await t.conn.sobject('Account').destroy([id, missing], { allOrNone: true });
    expect(results).toEqual([
      { id, success: false, errors: [ROLLED_BACK] },
      {
        id: missing,
        success: false,
        errors: [{ statusCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] }],
      },
    ]);
    expect(await countAccounts('Keep me')).toBe(1);
  });

  it('upserts arrays by external Id (jsforce upsert on arrays)', async () => {
    const first = await t.conn.sobject('Product2').upsert(
      [
        { Name: 'Pump', StockKeepingUnit: 'UP-1' },
        { Name: 'Fan', StockKeepingUnit: 'UP-2' },
      ],
      'StockKeepingUnit',
    );
    expect(first).toEqual([
      { id: expect.stringMatching(/^01t/), success: true, errors: [], created: true },
      { id: expect.stringMatching(/^01t/), success: true, errors: [], created: true },
    ]);
    const second = await t.conn.sobject('Product2').upsert(
      [
        { Name: 'Pump v2', StockKeepingUnit: 'UP-1' },
        { Name: 'Valve', StockKeepingUnit: 'UP-3' },
      ],
      'StockKeepingUnit',
    );
    expect(second).toEqual([
      { id: first[0]!.id, success: true, errors: [], created: false },
      { id: expect.stringMatching(/^01t/), success: true, errors: [], created: true },
    ]);
    const names = await t.conn.query(
      "SELECT Name FROM Product2 WHERE StockKeepingUnit LIKE 'UP-%' ORDER BY StockKeepingUnit",
    );
    expect(names.records.map((r) => r.Name)).toEqual(['Pump v2', 'Fan', 'Valve']);
  });

  it('exists from API 42.0 and upserts from 46.0, as the org documents; older versions answer 404', async () => {
    const records = [{ attributes: { type: 'Product2' }, Name: 'Versioned', StockKeepingUnit: 'VER-1' }];
    const notFound = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];
    const create = (version: string) =>
      t.http('POST', `/services/data/v${version}/composite/sobjects`, {
        body: { allOrNone: false, records },
      });
    const upsert = (version: string) =>
      t.http('PATCH', `/services/data/v${version}/composite/sobjects/Product2/StockKeepingUnit`, {
        body: { allOrNone: false, records },
      });
    expect(await create('41.0')).toMatchObject({ status: 404, body: notFound });
    expect(await upsert('45.0')).toMatchObject({ status: 404, body: notFound });
    expect(
      await t.http(
        'GET',
        `/services/data/v41.0/composite/sobjects/Product2?ids=01t000000000001AAA&fields=Name`,
      ),
    ).toMatchObject({ status: 404, body: notFound });
    expect(
      await t.http(
        'DELETE',
        '/services/data/v41.0/composite/sobjects?ids=01t000000000001AAA&allOrNone=false',
      ),
    ).toMatchObject({ status: 404, body: notFound });
    expect(await t.conn.query("SELECT Id FROM Product2 WHERE StockKeepingUnit = 'VER-1'")).toMatchObject({
      totalSize: 0,
    });
    const created = await upsert('46.0');
    expect(created).toMatchObject({
      status: 200,
      body: [{ id: expect.stringMatching(/^01t/), success: true, errors: [], created: true }],
    });
    expect(await create('42.0')).toMatchObject({
      status: 200,
      body: [{ success: false, errors: [{ statusCode: 'DUPLICATE_VALUE' }] }],
    });
  });

  it('refuses more than 200 records', async () => {
    const records = Array.from({ length: 201 }, (_, i) => ({
      attributes: { type: 'Account' },
      Name: `N${i}`,
    }));
    const response = await t.http('POST', '/services/data/v62.0/composite/sobjects', { body: { records } });
    expect(response).toMatchObject({ status: 400, body: [{ errorCode: 'EXCEEDED_ID_LIMIT' }] });
  });

  it('retrieves several records by Id', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Fetch me' })) as { id: string };
    const response = await t.http(
      'GET',
      `/services/data/v62.0/composite/sobjects/Account?ids=${id},${makeId('001', 77_777)}&fields=Name`,
    );
    expect(response.body).toEqual([
      {
        attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${id}` },
        Name: 'Fetch me',
      },
      null,
    ]);
  });
});

describe('POST /composite', () => {
  it('runs subrequests in order with @{ref.id} and @{ref.records[0].Id} references, as one API call', async () => {
    const before = (await t.control('GET', '/stats')).body as { apiCalls: number };
    const result = (await t.conn.request({
      method: 'POST',
      url: '/services/data/v62.0/composite',
      body: JSON.stringify({
        allOrNone: true,
        compositeRequest: [
          {
            method: 'POST',
            url: '/services/data/v62.0/sobjects/Account',
            referenceId: 'acct',
            body: { Name: 'Composite Co' },
          },
          {
            method: 'POST',
            url: '/services/data/v62.0/sobjects/Contact',
            referenceId: 'person',
            body: { LastName: 'Ref', AccountId: '@{acct.id}' },
          },
          {
            method: 'GET',
            url: "/services/data/v62.0/query?q=SELECT+Id,Name+FROM+Account+WHERE+Name='Composite+Co'",
            referenceId: 'found',
          },
          {
            method: 'PATCH',
            url: '/services/data/v62.0/sobjects/Account/@{found.records[0].Id}',
            referenceId: 'rename',
            body: { Phone: '555' },
          },
        ],
      }),
      headers: { 'Content-Type': 'application/json' },
    })) as {
      compositeResponse: {
        httpStatusCode: number;
        referenceId: string;
        body: unknown;
        httpHeaders: unknown;
      }[];
    };
    const [acct, person, found, rename] = result.compositeResponse;
    const accountId = (acct!.body as { id: string }).id;
    expect(acct).toEqual({
      body: { id: accountId, success: true, errors: [] },
      httpHeaders: { Location: `/services/data/v62.0/sobjects/Account/${accountId}` },
      httpStatusCode: 201,
      referenceId: 'acct',
    });
    expect(person!.httpStatusCode).toBe(201);
    expect(found!.body).toMatchObject({ totalSize: 1, records: [{ Id: accountId, Name: 'Composite Co' }] });
    expect(rename).toEqual({ body: null, httpHeaders: {}, httpStatusCode: 204, referenceId: 'rename' });
    const contact = await t.conn.sobject('Contact').retrieve((person!.body as { id: string }).id);
    expect(contact.AccountId).toBe(accountId);
    const after = (await t.control('GET', '/stats')).body as { apiCalls: number };
    // one call for the whole composite, one for the retrieve after it
    expect(after.apiCalls - before.apiCalls).toBe(2);
  });

  it('rolls everything back under allOrNone and reports PROCESSING_HALTED for the others', async () => {
    const response = await t.http('POST', '/services/data/v62.0/composite', {
      body: {
        allOrNone: true,
        compositeRequest: [
          {
            method: 'POST',
            url: '/services/data/v62.0/sobjects/Account',
            referenceId: 'a',
            body: { Name: 'Halted Co' },
          },
          {
            method: 'POST',
            url: '/services/data/v62.0/sobjects/Contact',
            referenceId: 'b',
            body: { AccountId: '@{a.id}' },
          },
          {
            method: 'POST',
            url: '/services/data/v62.0/sobjects/Account',
            referenceId: 'c',
            body: { Name: 'Never' },
          },
        ],
      },
    });
    const halted = {
      body: [
        {
          errorCode: 'PROCESSING_HALTED',
          message: 'The transaction was rolled back since another operation in the same transaction failed.',
        },
      ],
      httpHeaders: {},
      httpStatusCode: 400,
    };
    expect(response.body).toEqual({
      compositeResponse: [
        { ...halted, referenceId: 'a' },
        {
          body: [
            {
              errorCode: 'REQUIRED_FIELD_MISSING',
              message: 'Required fields are missing: [LastName]',
              fields: ['LastName'],
            },
          ],
          httpHeaders: {},
          httpStatusCode: 400,
          referenceId: 'b',
        },
        { ...halted, referenceId: 'c' },
      ],
    });
    expect(await countAccounts('Halted Co')).toBe(0);
    expect(await countAccounts('Never')).toBe(0);
  });

  it('without allOrNone keeps going, halting only subrequests that refer to a failed one', async () => {
    const response = await t.http('POST', '/services/data/v62.0/composite', {
      body: {
        compositeRequest: [
          { method: 'POST', url: '/services/data/v62.0/sobjects/Contact', referenceId: 'bad', body: {} },
          {
            method: 'PATCH',
            url: '/services/data/v62.0/sobjects/Contact/@{bad.id}',
            referenceId: 'uses',
            body: {},
          },
          {
            method: 'POST',
            url: '/services/data/v62.0/sobjects/Account',
            referenceId: 'fine',
            body: { Name: 'Independent' },
          },
        ],
      },
    });
    const responses = (response.body as { compositeResponse: { httpStatusCode: number; body: unknown }[] })
      .compositeResponse;
    expect(responses.map((r) => r.httpStatusCode)).toEqual([400, 400, 201]);
    expect(responses[1]!.body).toEqual([
      {
        errorCode: 'PROCESSING_HALTED',
        message:
          'Invalid reference specified. No value for bad.id found in bad. Provided referenceId bad refers to a subrequest that did not succeed or does not exist.',
      },
    ]);
    expect(await countAccounts('Independent')).toBe(1);
  });

  it('passes subrequest headers on: If-Unmodified-Since answers 412 inside the composite', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Guarded' })) as { id: string };
    await t.control('POST', '/clock', { advanceSeconds: 10 });
    await t.conn.sobject('Account').update({ Id: id, Phone: '2' });
    const response = await t.http('POST', '/services/data/v62.0/composite', {
      body: {
        compositeRequest: [
          {
            method: 'PATCH',
            url: `/services/data/v62.0/sobjects/Account/${id}`,
            referenceId: 'guarded',
            body: { Name: 'Overwritten' },
            httpHeaders: { 'If-Unmodified-Since': new Date(TEST_NOW).toUTCString() },
          },
        ],
      },
    });
    expect(response.body).toEqual({
      compositeResponse: [
        {
          body: [
            {
              errorCode: 'PRECONDITION_FAILED',
              message: 'The requested resource has been modified since the If-Unmodified-Since date.',
              fields: [],
            },
          ],
          httpHeaders: {},
          httpStatusCode: 412,
          referenceId: 'guarded',
        },
      ],
    });
    expect((await t.conn.sobject('Account').retrieve(id)).Name).toBe('Guarded');
  });

  it('a DELETE subrequest ignores If-Unmodified-Since (unsupported on DELETE by the real API)', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Changed meanwhile' })) as { id: string };
    await t.control('POST', '/clock', { advanceSeconds: 10 });
    await t.conn.sobject('Account').update({ Id: id, Phone: '2' });
    const response = await t.http('POST', '/services/data/v62.0/composite', {
      body: {
        compositeRequest: [
          {
            method: 'DELETE',
            url: `/services/data/v62.0/sobjects/Account/${id}`,
            referenceId: 'unguarded',
            httpHeaders: { 'If-Unmodified-Since': new Date(TEST_NOW).toUTCString() },
          },
        ],
      },
    });
    expect(response.body).toEqual({
      compositeResponse: [{ body: null, httpHeaders: {}, httpStatusCode: 204, referenceId: 'unguarded' }],
    });
    expect((await t.conn.query(`SELECT Id FROM Account WHERE Id = '${id}'`)).totalSize).toBe(0);
  });

  it('enforces 25 subrequests and 5 queries or collections', async () => {
    const many = Array.from({ length: 26 }, (_, i) => ({
      method: 'GET',
      url: '/services/data/v62.0/limits',
      referenceId: `r${i}`,
    }));
    const tooMany = await t.http('POST', '/services/data/v62.0/composite', {
      body: { compositeRequest: many },
    });
    expect(tooMany).toMatchObject({
      status: 400,
      body: [
        { errorCode: 'LIMIT_EXCEEDED', message: "Composite request can't have more than 25 subrequests" },
      ],
    });
    const queries = Array.from({ length: 6 }, (_, i) => ({
      method: 'GET',
      url: '/services/data/v62.0/query?q=SELECT+Id+FROM+Account',
      referenceId: `q${i}`,
    }));
    const tooManyQueries = await t.http('POST', '/services/data/v62.0/composite', {
      body: { compositeRequest: queries },
    });
    expect(tooManyQueries).toMatchObject({ status: 400, body: [{ errorCode: 'LIMIT_EXCEEDED' }] });
    const error = await rejection(
      t.conn.request({
        method: 'POST',
        url: '/services/data/v62.0/composite',
        body: JSON.stringify({ compositeRequest: many }),
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(error.errorCode).toBe('LIMIT_EXCEEDED');
  });
});
