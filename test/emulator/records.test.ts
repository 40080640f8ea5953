import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_USER_ID } from '../../src/emulator/index.ts';
import { idSuffix, makeId, toId18 } from '../../src/emulator/ids.ts';
import { rejection, startTestOrg, TEST_NOW, type TestOrg } from './support/test-org.ts';

let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg({ now: TEST_NOW });
});
afterAll(() => t.close());

const STAMP = '2026-03-12T09:30:00.000+0000';

describe('record Ids', () => {
  it('computes the case-safe suffix as Salesforce does', () => {
    expect(idSuffix('a0D30000001n7Pi')).toBe('EAI');
    expect(toId18('a0D30000001n7Pi')).toBe('a0D30000001n7PiEAI');
    expect(toId18('a0D30000001n7PiEAI')).toBe('a0D30000001n7PiEAI');
    expect(toId18('a0D30000001n7PiXXX')).toBeUndefined();
    expect(makeId('001', 1)).toBe('0018e0000000001AAA');
  });
});

describe('POST /sobjects/{T} and GET /sobjects/{T}/{id}', () => {
  it('creates a record with system fields stamped by the org clock', async () => {
    const result = await t.conn.sobject('Account').create({ Name: 'Acme Dairy', Phone: '+33 4 00 00 00 00' });
    expect(result).toEqual({
      id: expect.stringMatching(/^0018e[0-9A-Za-z]{13}$/),
      success: true,
      errors: [],
    });
    const id = (result as { id: string }).id;
    expect(toId18(id.slice(0, 15))).toBe(id);
    const record = await t.conn.sobject('Account').retrieve(id);
    expect(record).toMatchObject({
      attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${id}` },
      Id: id,
      Name: 'Acme Dairy',
      Phone: '+33 4 00 00 00 00',
      IsDeleted: false,
      OwnerId: ADMIN_USER_ID,
      CreatedById: ADMIN_USER_ID,
      LastModifiedById: ADMIN_USER_ID,
      CreatedDate: STAMP,
      LastModifiedDate: STAMP,
      SystemModstamp: STAMP,
      Website: null,
    });
  });

  it('answers 201 with a Location header', async () => {
    const response = await t.http('POST', '/services/data/v62.0/sobjects/Contact', {
      body: { LastName: 'Okafor' },
    });
    expect(response.status).toBe(201);
    const id = (response.body as { id: string }).id;
    expect(response.headers.get('location')).toBe(`/services/data/v62.0/sobjects/Contact/${id}`);
    const contact = await t.conn.sobject('Contact').retrieve(id);
    expect(contact.Name).toBe('Okafor');
  });

  it('maintains auto-numbers, formula flags and roll-up counts', async () => {
    const account = (await t.conn.sobject('Account').create({ Name: 'Roll-up' })) as { id: string };
    const wo = (await t.conn.sobject('WorkOrder').create({ AccountId: account.id, Subject: 'Fix' })) as {
      id: string;
    };
    await t.control('POST', '/clock', { advanceSeconds: 5 });
    await t.conn.sobject('WorkOrderLineItem').create({ WorkOrderId: wo.id, Subject: 'Valve' });
    const record = await t.conn.sobject('WorkOrder').retrieve(wo.id);
    expect(record).toMatchObject({
      WorkOrderNumber: '00000001',
      Status: 'New',
      Priority: 'Low',
      IsClosed: false,
      LineItemCount: 1,
      RootWorkOrderId: wo.id,
      LastModifiedDate: STAMP,
      // a roll-up is a system change: SystemModstamp moves, LastModifiedDate does not
      SystemModstamp: '2026-03-12T09:30:05.000+0000',
    });
  });

  it("derives a service appointment's parent type and account, and names contacts", async () => {
    const { id: accountId } = (await t.conn.sobject('Account').create({ Name: 'Parent Co' })) as {
      id: string;
    };
    const { id: woId } = (await t.conn.sobject('WorkOrder').create({ AccountId: accountId })) as {
      id: string;
    };
    const { id } = (await t.conn.sobject('ServiceAppointment').create({
      ParentRecordId: woId,
      EarliestStartTime: '2026-03-13T08:00:00Z',
      DueDate: '2026-03-14T18:00:00Z',
    })) as { id: string };
    const appointment = await t.conn.sobject('ServiceAppointment').retrieve(id);
    expect(appointment).toMatchObject({
      ParentRecordType: 'WorkOrder',
      AccountId: accountId,
      AppointmentNumber: 'SA-0001',
      Status: 'None',
      EarliestStartTime: '2026-03-13T08:00:00.000+0000',
    });
    const { id: contactId } = (await t.conn
      .sobject('Contact')
      .create({ FirstName: 'Ines', LastName: 'Duarte' })) as {
      id: string;
    };
    await t.conn.sobject('Contact').update({ Id: contactId, FirstName: 'Inês' });
    expect((await t.conn.sobject('Contact').retrieve(contactId)).Name).toBe('Inês Duarte');
  });

  it('reads selected fields with ?fields=', async () => {
    const { id } = (await t.conn.sobject('Product2').create({ Name: 'Gasket', IsActive: 'true' })) as {
      id: string;
    };
    const response = await t.http('GET', `/services/data/v62.0/sobjects/Product2/${id}?fields=Name,IsActive`);
    expect(response.body).toEqual({
      attributes: { type: 'Product2', url: `/services/data/v62.0/sobjects/Product2/${id}` },
      Name: 'Gasket',
      IsActive: true,
    });
  });
});

describe('validation errors', () => {
  const cases: [string, string, Record<string, unknown>, string, string, string[]][] = [
    [
      'a missing required field',
      'Contact',
      { FirstName: 'Ana' },
      'REQUIRED_FIELD_MISSING',
      'Required fields are missing: [LastName]',
      ['LastName'],
    ],
    [
      'a read-only field',
      'Account',
      { Name: 'X', CreatedDate: '2020-01-01T00:00:00Z', IsDeleted: true },
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      'Unable to create/update fields: CreatedDate, IsDeleted. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
      ['CreatedDate', 'IsDeleted'],
    ],
    [
      'an unknown field',
      'Account',
      { Name: 'X', Colour__c: 'red' },
      'INVALID_FIELD',
      "No such column 'Colour__c' on sobject of type Account",
      ['Colour__c'],
    ],
    [
      'a value over the field length',
      'Account',
      { Name: 'x'.repeat(256) },
      'STRING_TOO_LONG',
      `Account Name: data value too large: ${'x'.repeat(100)}... (max length=255)`,
      ['Name'],
    ],
    [
      'an invalid email',
      'Contact',
      { LastName: 'A', Email: 'not-an-email' },
      'INVALID_EMAIL_ADDRESS',
      'Email: invalid email address: not-an-email',
      ['Email'],
    ],
    [
      'a number given as text',
      'Account',
      { Name: 'X', NumberOfEmployees: 'many' },
      'JSON_PARSER_ERROR',
      'Cannot deserialize instance of int from VALUE_STRING value many or request may be missing a required field',
      ['NumberOfEmployees'],
    ],
    [
      'a malformed reference',
      'Contact',
      { LastName: 'A', AccountId: 'nope' },
      'MALFORMED_ID',
      'Account ID: id value of incorrect type: nope',
      ['AccountId'],
    ],
    [
      'a reference to the wrong object',
      'Contact',
      { LastName: 'A', AccountId: makeId('003', 999) },
      'FIELD_INTEGRITY_EXCEPTION',
      `Account ID: id value of incorrect type: ${makeId('003', 999)}`,
      ['AccountId'],
    ],
    [
      'a reference to a record that does not exist',
      'Contact',
      { LastName: 'A', AccountId: makeId('001', 9999) },
      'INVALID_CROSS_REFERENCE_KEY',
      'invalid cross reference id',
      ['AccountId'],
    ],
    [
      'an Id in an insert',
      'Account',
      { Id: makeId('001', 5), Name: 'X' },
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      'Record ID: cannot specify Id in an insert call',
      ['Id'],
    ],
  ];
  for (const [name, object, body, errorCode, message, fields] of cases) {
    it(`rejects ${name} with ${errorCode}`, async () => {
      const response = await t.http('POST', `/services/data/v62.0/sobjects/${object}`, { body });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
      expect(response.body).toEqual([{ message, errorCode, fields }]);
    });
  }

  it('rejects a duplicate value of a unique field with DUPLICATE_VALUE', async () => {
    const { id } = (await t.conn.sobject('Product2').create({ Name: 'P', StockKeepingUnit: 'UNIQ-1' })) as {
      id: string;
    };
    const response = await t.http('POST', '/services/data/v62.0/sobjects/Product2', {
      body: { Name: 'Q', StockKeepingUnit: 'uniq-1' },
    });
    expect(response.body).toEqual([
      {
        message: `duplicate value found: StockKeepingUnit duplicates value on record with id: ${id}`,
        errorCode: 'DUPLICATE_VALUE',
        fields: ['StockKeepingUnit'],
      },
    ]);
    await t.conn.sobject('Product2').update({ Id: id, StockKeepingUnit: 'UNIQ-1', Name: 'P2' });
  });

  it('answers JSON_PARSER_ERROR for a body that is not JSON', async () => {
    const response = await fetch(`${t.running.url}/services/data/v62.0/sobjects/Account`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.running.token}`, 'Content-Type': 'application/json' },
      body: '{"Name": ',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(((await response.json()) as { errorCode: string }[])[0]!.errorCode).toBe('JSON_PARSER_ERROR');
  });

  it('reaches jsforce as an error with errorCode', async () => {
    const error = await rejection(
      t.conn.sobject('Contact').create({ FirstName: 'No last name' }) as Promise<unknown>,
    );
    expect(error.errorCode).toBe('REQUIRED_FIELD_MISSING');
  });

  it('answers 404 NOT_FOUND for an unknown object', async () => {
    const response = await t.http('POST', '/services/data/v62.0/sobjects/Widget__c', { body: { Name: 'x' } });
    expect(response).toMatchObject({
      status: 404,
      body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] }],
    });
  });

  it('answers MALFORMED_ID for an update of an Id of another object', async () => {
    const response = await t.http('PATCH', `/services/data/v62.0/sobjects/Account/${makeId('003', 1)}`, {
      body: { Name: 'x' },
    });
    expect(response).toMatchObject({ status: 400, body: [{ errorCode: 'MALFORMED_ID' }] });
  });
});

describe('PATCH and DELETE /sobjects/{T}/{id}', () => {
  it('updates, stamps LastModifiedDate and honours If-Unmodified-Since', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Before' })) as { id: string };
    await t.control('POST', '/clock', { advanceSeconds: 60 });
    const stale = new Date(Date.parse(TEST_NOW) - 1000).toUTCString();
    const refused = await t.http('PATCH', `/services/data/v62.0/sobjects/Account/${id}`, {
      body: { Name: 'Stale' },
      headers: { 'If-Unmodified-Since': stale },
    });
    expect(refused.status).toBe(412);
    expect(refused.body).toEqual([
      {
        errorCode: 'PRECONDITION_FAILED',
        message: 'The requested resource has been modified since the If-Unmodified-Since date.',
        fields: [],
      },
    ]);
    const current = (await t.control('GET', '/clock')).body as { now: string };
    const fresh = new Date(current.now).toUTCString();
    const accepted = await t.http('PATCH', `/services/data/v62.0/sobjects/Account/${id}`, {
      body: { Name: 'After' },
      headers: { 'If-Unmodified-Since': fresh },
    });
    expect(accepted.status).toBe(204);
    const record = await t.conn.sobject('Account').retrieve(id);
    expect(record.Name).toBe('After');
    expect(record.LastModifiedDate).toBe(current.now.replace('Z', '+0000'));
    expect(record.CreatedDate < record.LastModifiedDate).toBe(true);
  });

  // Salesforce's Conditional Request Headers: "DELETE requests aren't supported" (API docs before that listed
  // DELETE). A real org deletes the record whatever the header says, so the emulator does too.
  it('ignores If-Unmodified-Since and If-Modified-Since on DELETE, as the real API does', async () => {
    const stale = new Date(Date.parse(TEST_NOW) - 1000).toUTCString();
    const create = async (Name: string) => {
      const { id } = (await t.conn.sobject('Account').create({ Name })) as { id: string };
      return id;
    };
    const changed = await create('Changed since');
    const future = await create('Not modified since');
    const malformed = await create('Malformed date');
    await t.control('POST', '/clock', { advanceSeconds: 60 });
    await t.conn.sobject('Account').update({ Id: changed, Phone: 'office' });
    const cases: [string, Record<string, string>][] = [
      [changed, { 'If-Unmodified-Since': stale }],
      [future, { 'If-Modified-Since': new Date(Date.parse(TEST_NOW) + 86_400_000).toUTCString() }],
      [malformed, { 'If-Unmodified-Since': 'yesterday' }],
    ];
    for (const [id, headers] of cases) {
      const response = await t.http('DELETE', `/services/data/v62.0/sobjects/Account/${id}`, { headers });
      expect({ id, status: response.status, body: response.body }).toEqual({
        id,
        status: 204,
        body: undefined,
      });
    }
    const left = await t.conn.query(
      `SELECT Id FROM Account WHERE Id IN ('${changed}', '${future}', '${malformed}')`,
    );
    expect(left.totalSize).toBe(0);
    const deleted = await t.conn.query(
      `SELECT Id, IsDeleted FROM Account WHERE Id IN ('${changed}', '${future}', '${malformed}')`,
      { scanAll: true },
    );
    expect(deleted.records.map((r) => r.IsDeleted)).toEqual([true, true, true]);
    // PATCH keeps its precondition: the same stale header still refuses an update.
    const guarded = await create('Guarded');
    await t.control('POST', '/clock', { advanceSeconds: 60 });
    await t.conn.sobject('Account').update({ Id: guarded, Phone: 'office' });
    const refused = await t.http('PATCH', `/services/data/v62.0/sobjects/Account/${guarded}`, {
      body: { Name: 'Stale' },
      headers: { 'If-Unmodified-Since': stale },
    });
    expect(refused).toMatchObject({ status: 412, body: [{ errorCode: 'PRECONDITION_FAILED' }] });
  });

  it('answers a conditional GET with 304 until the record changes', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Cached' })) as { id: string };
    const url = `/services/data/v62.0/sobjects/Account/${id}`;
    const first = await t.http('GET', url);
    const lastModified = first.headers.get('last-modified') as string;
    expect(Date.parse(lastModified)).toBeGreaterThan(0);
    expect((await t.http('GET', url, { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304);
    await t.control('POST', '/clock', { advanceSeconds: 2 });
    await t.conn.sobject('Account').update({ Id: id, Name: 'Changed' });
    const changed = await t.http('GET', url, { headers: { 'If-Modified-Since': lastModified } });
    expect(changed.status).toBe(200);
    expect((changed.body as { Name: string }).Name).toBe('Changed');
  });

  it('deletes into the recycle bin and then answers ENTITY_IS_DELETED', async () => {
    const { id } = (await t.conn.sobject('Account').create({ Name: 'Doomed' })) as { id: string };
    const { id: contactId } = (await t.conn
      .sobject('Contact')
      .create({ LastName: 'Kid', AccountId: id })) as {
      id: string;
    };
    const { id: woId } = (await t.conn.sobject('WorkOrder').create({ AccountId: id })) as { id: string };
    await t.conn.sobject('Account').destroy(id);
    const again = await t.http('DELETE', `/services/data/v62.0/sobjects/Account/${id}`);
    expect(again).toMatchObject({
      status: 404,
      body: [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }],
    });
    const update = await t.http('PATCH', `/services/data/v62.0/sobjects/Account/${id}`, {
      body: { Name: 'x' },
    });
    expect(update).toMatchObject({ status: 404, body: [{ errorCode: 'ENTITY_IS_DELETED' }] });
    // Contacts cascade (master-detail style); the work order's lookup is cleared.
    const all = await t.conn.query(`SELECT Id, IsDeleted FROM Contact WHERE Id = '${contactId}'`, {
      scanAll: true,
    });
    expect(all.records.map((r) => r.IsDeleted)).toEqual([true]);
    const live = await t.conn.query(`SELECT Id FROM Contact WHERE Id = '${contactId}'`);
    expect(live.totalSize).toBe(0);
    const wo = await t.conn.sobject('WorkOrder').retrieve(woId);
    expect(wo.AccountId).toBeNull();
  });

  it('answers NOT_FOUND for a well-formed Id that does not exist', async () => {
    const response = await t.http('GET', `/services/data/v62.0/sobjects/Account/${makeId('001', 40000)}`);
    expect(response).toMatchObject({ status: 404, body: [{ errorCode: 'NOT_FOUND' }] });
  });
});

describe('upsert by external Id', () => {
  it('creates (201), updates (200) and refuses an ambiguous match (300)', async () => {
    const url = '/services/data/v62.0/sobjects/Product2/StockKeepingUnit/SKU-1';
    const first = await t.http('PATCH', url, { body: { Name: 'Belt', IsActive: true } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), success: true, errors: [], created: true });
    const second = await t.http('PATCH', url, { body: { Name: 'Fan belt' } });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({
      id: (first.body as { id: string }).id,
      success: true,
      errors: [],
      created: false,
    });
    const read = await t.http('GET', `${url}?fields=Name,StockKeepingUnit`);
    expect(read.body).toMatchObject({ Name: 'Fan belt', StockKeepingUnit: 'SKU-1' });

    await t.conn.sobject('Product2').create([
      { Name: 'A', ExternalId: 'dup' },
      { Name: 'B', ExternalId: 'dup' },
    ]);
    const ambiguous = await t.http('PATCH', '/services/data/v62.0/sobjects/Product2/ExternalId/dup', {
      body: { Name: 'C' },
    });
    expect(ambiguous.status).toBe(300);
    expect((ambiguous.body as string[]).length).toBe(2);
  });

  it('upserts through jsforce', async () => {
    const result = await t.conn
      .sobject('Product2')
      .upsert({ Name: 'Seal', ExternalId: 'ext-7' }, 'ExternalId');
    expect(result).toMatchObject({ success: true, created: true });
  });

  it('answers 404 for a field that is not an external Id', async () => {
    const response = await t.http('PATCH', '/services/data/v62.0/sobjects/Product2/Name/Belt', { body: {} });
    expect(response).toMatchObject({
      status: 404,
      body: [
        {
          errorCode: 'NOT_FOUND',
          message: 'Provided external ID field does not exist or is not accessible: Name',
        },
      ],
    });
  });
});

describe('ContentVersion VersionData', () => {
  it('takes base64 in and serves the bytes at /VersionData, with a new ContentDocument', async () => {
    const text = '{"planVersion":1}';
    const { id } = (await t.conn.sobject('ContentVersion').create({
      Title: 'plan',
      PathOnClient: 'plan.json',
      VersionData: Buffer.from(text).toString('base64'),
    })) as { id: string };
    expect(id.startsWith('068')).toBe(true);
    const version = await t.conn.sobject('ContentVersion').retrieve(id);
    expect(version).toMatchObject({
      Title: 'plan',
      FileExtension: 'json',
      FileType: 'JSON',
      ContentSize: text.length,
      VersionNumber: '1',
      IsLatest: true,
      VersionData: `/services/data/v62.0/sobjects/ContentVersion/${id}/VersionData`,
    });
    const blob = await fetch(
      `${t.running.url}/services/data/v62.0/sobjects/ContentVersion/${id}/VersionData`,
      {
        headers: { Authorization: `Bearer ${t.running.token}` },
      },
    );
    expect(blob.status).toBe(200);
    expect(await blob.text()).toBe(text);
    const documentId = version.ContentDocumentId as string;
    const second = (await t.conn.sobject('ContentVersion').create({
      Title: 'plan v2',
      PathOnClient: 'plan.json',
      ContentDocumentId: documentId,
      VersionData: Buffer.from('{}').toString('base64'),
    })) as { id: string };
    const doc = await t.conn.sobject('ContentDocument').retrieve(documentId);
    expect(doc).toMatchObject({ Title: 'plan v2', LatestPublishedVersionId: second.id });
    const latest = await t.conn.query(
      `SELECT Id, VersionNumber FROM ContentVersion WHERE ContentDocumentId = '${documentId}' AND IsLatest = true`,
    );
    expect(latest.records.map((r) => [r.Id, r.VersionNumber])).toEqual([[second.id, '2']]);
  });
});
