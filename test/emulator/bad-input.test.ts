/**
 * The emulator given what a careless or hostile client sends, answering as Salesforce does: always the
 * REST API's error shape `[{message, errorCode, fields}]`, never a stack overflow or a crash.
 */

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/compiler/index.ts';
import { startTestOrg, TEST_NOW, type TestOrg } from './support/test-org.ts';

let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg({ now: TEST_NOW });
});
afterAll(() => t.close());

/** A request with a raw text body and the admin token. */
async function send(
  method: string,
  path: string,
  text: string,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(t.running.url + path, {
    method,
    headers: { Authorization: `Bearer ${t.running.token}`, ...headers },
    body: text,
  });
  const answer = await response.text();
  return { status: response.status, body: answer === '' ? undefined : (JSON.parse(answer) as unknown) };
}

describe('JSON nested past the depth limit', () => {
  const DEEP = 100_000;
  const nested = `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`;

  it('answers 400 JSON_PARSER_ERROR with the place, for records, collections and composite', async () => {
    const expected = (column: number) => ({
      status: 400,
      body: [
        {
          message: `Document nesting depth (513) exceeds the maximum allowed (512) at [line:1, column:${column}]`,
          errorCode: 'JSON_PARSER_ERROR',
          fields: [],
        },
      ],
    });
    const record = `{"Name": ${nested}}`;
    expect(await send('POST', '/services/data/v62.0/sobjects/Account', record)).toEqual(
      expected('{"Name": '.length + MAX_JSON_DEPTH),
    );
    const collection = `{"allOrNone": false, "records": ${nested}}`;
    expect(await send('POST', '/services/data/v62.0/composite/sobjects', collection)).toEqual(
      expected('{"allOrNone": false, "records": '.length + MAX_JSON_DEPTH),
    );
    // Without a JSON content type the body is still JSON to the emulator, and still checked.
    expect(
      await send('POST', '/services/data/v62.0/composite', nested, { 'Content-Type': 'text/plain' }),
    ).toEqual(expected(MAX_JSON_DEPTH + 1));
    expect((await t.conn.query('SELECT Id FROM Account')).totalSize).toBe(0);
  });
});

describe('answers as Salesforce does', () => {
  const query = (soql: string) => t.http('GET', `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`);

  it('a LIMIT past 2147483647 is a MALFORMED_QUERY (400), in the main query and in a subquery', async () => {
    expect(await query('SELECT Id FROM Account LIMIT 99999999999999999999')).toMatchObject({
      status: 400,
      body: [
        {
          message:
            '\nSELECT Id FROM Account LIMIT 99999999999999999999\n                       ^\nERROR at Row:1:Column:24\nLIMIT must be a whole number from 0 to 2147483647',
          errorCode: 'MALFORMED_QUERY',
          fields: [],
        },
      ],
    });
    const sub = await query('SELECT Id, (SELECT Id FROM Contacts LIMIT 2147483648) FROM Account');
    expect(sub.status).toBe(400);
    expect((sub.body as { errorCode: string; message: string }[])[0]).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: expect.stringMatching(/LIMIT must be a whole number from 0 to 2147483647$/),
    });
    expect((await query('SELECT Id FROM Account LIMIT 2147483647')).status).toBe(200);
  });

  it('PATCH with a __proto__ key is refused as POST refuses it, and the record is not touched', async () => {
    const created = await t.http('POST', '/services/data/v62.0/sobjects/Account', {
      body: { Name: 'Proto' },
    });
    const id = (created.body as { id: string }).id;
    const before = await t.conn.sobject('Account').retrieve(id);
    await t.control('POST', '/clock', { advanceSeconds: 60 });
    const refusal = [
      {
        message: "No such column '__proto__' on sobject of type Account",
        errorCode: 'INVALID_FIELD',
        fields: ['__proto__'],
      },
    ];
    const body = '{"__proto__": {"Name": "Polluted"}}';
    expect(await send('POST', '/services/data/v62.0/sobjects/Account', body)).toEqual({
      status: 400,
      body: refusal,
    });
    expect(await send('PATCH', `/services/data/v62.0/sobjects/Account/${id}`, body)).toEqual({
      status: 400,
      body: refusal,
    });
    const collection = `{"allOrNone": false, "records": [{"attributes": {"type": "Account"}, "Id": "${id}", "__proto__": {"Name": "Polluted"}}]}`;
    expect(await send('PATCH', '/services/data/v62.0/composite/sobjects', collection)).toEqual({
      status: 200,
      body: [
        {
          id,
          success: false,
          errors: [{ statusCode: 'INVALID_FIELD', message: refusal[0]!.message, fields: ['__proto__'] }],
        },
      ],
    });
    expect(await t.conn.sobject('Account').retrieve(id)).toEqual(before);
  });

  it('a 60 MB body is refused with 413 in the API error shape, and nothing is stored', async () => {
    const before = (await t.conn.query('SELECT Id FROM Account')).totalSize;
    const body = `{"Name": "Huge", "Description": "${'x'.repeat(60 * 1024 * 1024)}"}`;
    expect(await send('POST', '/services/data/v62.0/sobjects/Account', body)).toEqual({
      status: 413,
      body: [
        {
          message:
            "The request body is larger than 50 MB, the REST API's limit for a request body that is not multipart",
          errorCode: 'REQUEST_ENTITY_TOO_LARGE',
          fields: [],
        },
      ],
    });
    expect((await t.conn.query('SELECT Id FROM Account')).totalSize).toBe(before);
  });

  it('a request Node cannot parse (a line break inside a header) gets the API error shape', async () => {
    const url = new URL(t.running.url);
    const text = await rawExchange(
      Number(url.port),
      `GET /services/data/v62.0/limits HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${t.running.token}\r\nIf-Unmodified-Since: x\rInjected: 1\r\n\r\n`,
    );
    const [head, body] = text.split('\r\n\r\n');
    expect(head!.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(body!)).toEqual([
      {
        message: 'The request is not valid HTTP: a header holds a line break or a control character',
        errorCode: 'INVALID_REQUEST',
        fields: [],
      },
    ]);
  });
});

/** Writes raw bytes to a server and reads until it closes the connection. */
function rawExchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}
