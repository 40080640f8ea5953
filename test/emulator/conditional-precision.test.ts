/**
 * If-Unmodified-Since has one-second precision (docs/concurrency.md): another write in the same second
 * as the stamp a device holds is not detected; one a second later is a 412.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpDate } from '../../src/runtime/upload/upload-batch.ts';
import { startTestOrg, TEST_NOW, type TestOrg } from './support/test-org.ts';

let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg({ now: TEST_NOW });
});
afterAll(() => t.close());

describe('If-Unmodified-Since precision', () => {
  it('a write in the same second as the seen stamp passes the condition; one a second later is a 412', async () => {
    const created = await t.http('POST', '/services/data/v62.0/sobjects/Account', { body: { Name: 'Seen' } });
    const id = (created.body as { id: string }).id;
    const seen = String((await t.conn.sobject('Account').retrieve(id)).SystemModstamp);
    const conditional = (name: string) =>
      t.http('PATCH', `/services/data/v62.0/sobjects/Account/${id}`, {
        body: { Name: name },
        headers: { 'If-Unmodified-Since': httpDate(seen) },
      });

    // Someone else writes in the same second (the org clock stands still at TEST_NOW).
    await t.control('POST', '/clock', { now: '2026-03-12T09:30:00.900Z' });
    expect(
      (await t.http('PATCH', `/services/data/v62.0/sobjects/Account/${id}`, { body: { Name: 'Other' } }))
        .status,
    ).toBe(204);
    expect((await conditional('Device')).status).toBe(204);
    expect((await t.conn.sobject('Account').retrieve(id)).Name).toBe('Device');

    // A write one second later is detected.
    await t.control('POST', '/clock', { now: '2026-03-12T09:30:01.000Z' });
    expect(
      (await t.http('PATCH', `/services/data/v62.0/sobjects/Account/${id}`, { body: { Name: 'Later' } }))
        .status,
    ).toBe(204);
    const refused = await conditional('Device again');
    expect(refused).toMatchObject({
      status: 412,
      body: [
        {
          errorCode: 'PRECONDITION_FAILED',
          message: 'The requested resource has been modified since the If-Unmodified-Since date.',
        },
      ],
    });
    expect((await t.conn.sobject('Account').retrieve(id)).Name).toBe('Later');
  });
});
