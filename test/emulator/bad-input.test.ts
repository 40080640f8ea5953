/**
 * The emulator given what a careless or hostile client sends, answering as Salesforce does: always the
 * REST API's error shape `[{message, errorCode, fields}]`, never a stack overflow or a crash.
 */

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
