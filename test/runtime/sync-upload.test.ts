/**
 * Uploads end to end: offline parent + child creates, the three conflict policies, per-record errors, and
 * creates/updates whose response was lost (never applied twice).
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLocalId } from '../../src/runtime/local-ids.ts';
import { compilePlan, startHarness, type Harness } from './helpers/e2e-org.ts';
import { reopenedOverFaults, syncedOnce } from './helpers/synced-device.ts';
import { caseDeviceIdMetadata, energyScope } from './helpers/scopes.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ extraMetadata: caseDeviceIdMetadata });
});
afterEach(async () => {
  await h.close();
});

const plan = () => compilePlan(energyScope);

/** An account with a contact and a case on the server, and a device that synced them once. */
async function syncedDevice() {
  const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy', Phone: '1' });
  const contact = await h.create('Contact', { LastName: 'Ada', Email: 'ada@x.example', AccountId: account });
  const kase = await h.create('Case', { Subject: 'Outage', Status: 'New', AccountId: account });
  return { ...(await syncedOnce(h, plan())), account, contact, kase };
}

async function serverCount(soql: string): Promise<number> {
  return (await h.conn.query(soql)).totalSize;
}

describe('upload', () => {
  it('uploads a parent and children created offline in one call, mapping local Ids', async () => {
    const { engine } = await syncedDevice();
    const localAccount = engine.create('Account', { Name: 'Offline Co', Industry: 'Energy' });
    const localContact = engine.create('Contact', {
      LastName: 'Child',
      Email: 'c@x.example',
      AccountId: localAccount,
    });
    const localCase = engine.create('Case', { Subject: 'From the field', AccountId: localAccount });
    expect(engine.record('Contact', localContact)?.AccountId).toBe(localAccount);
    const { engine: device, transport } = reopenedOverFaults(h, plan(), engine);
    const summary = await device.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.errors).toEqual([]);
    expect(device.pendingChanges()).toEqual([]);
    // One /composite for the three creates, then the download's two waves.
    expect(transport.log[0]).toBe('POST /composite');
    expect(summary.counts.Account?.uploaded).toBe(1);
    const serverAccount = device.store.resolveId(localAccount)!;
    expect(isLocalId(serverAccount)).toBe(false);
    const contact = device.record('Contact', device.store.resolveId(localContact)!);
    expect(contact?.AccountId).toBe(serverAccount);
    // The Case went up as an upsert on its external Id, which is the local Id.
    const kase = device.record('Case', device.store.resolveId(localCase)!);
    expect(kase).toMatchObject({
      AccountId: serverAccount,
      Device_Id__c: localCase.slice('local-'.length),
      Subject: 'From the field',
    });
    expect(device.record('Account', localAccount)?.Id).toBe(serverAccount);
    await h.expectDeviceMatchesServer(device);
  });

  it('sends a big outbox as sObject Collections inside one /composite call', async () => {
    const { engine, account, kase } = await syncedDevice();
    for (let i = 0; i < 450; i++)
      engine.create('Contact', { LastName: `Bulk ${i}`, Email: `b${i}@x.example`, AccountId: account });
    engine.update('Case', kase, { Status: 'Working' });
    const { engine: device, transport } = reopenedOverFaults(h, plan(), engine);
    const summary = await device.syncNow();
    expect(summary.error).toBeUndefined();
    expect(summary.counts.Contact?.uploaded).toBe(450);
    const upload = JSON.parse(transport.bodies[0]!) as {
      compositeRequest: { method: string; url: string; body?: { records: unknown[] } }[];
    };
    expect(
      upload.compositeRequest.map((r) => [
        r.method,
        r.url.replace(/^.*\/v62\.0/, ''),
        r.body?.records.length,
      ]),
    ).toEqual([
      ['POST', '/composite/sobjects', 200],
      ['POST', '/composite/sobjects', 200],
      ['POST', '/composite/sobjects', 50],
      ['PATCH', '/composite/sobjects', 1],
    ]);
    expect(transport.bodies[1]).not.toContain('/composite/sobjects');
    expect(await serverCount("SELECT Id FROM Contact WHERE LastName LIKE 'Bulk %'")).toBe(450);
    expect(device.pendingChanges()).toEqual([]);
    await h.expectDeviceMatchesServer(device);
  });

  it('clientWins sends only the changed fields: the server keeps its other changes', async () => {
    const { engine, kase } = await syncedDevice();
    engine.update('Case', kase, { Subject: 'Outage (device)' });
    await h.update('Case', kase, { Status: 'Working', Subject: 'Outage (office)' });
    await h.advance(10);
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.dropped).toEqual([]);
    const server = (await h.conn.sobject('Case').retrieve(kase)) as Record<string, unknown>;
    expect([server.Subject, server.Status]).toEqual(['Outage (device)', 'Working']);
    await h.expectDeviceMatchesServer(engine);
  });

  it('serverWins drops a change to a record that changed on the server, and reports it', async () => {
    const { engine, contact } = await syncedDevice();
    engine.update('Contact', contact, { Email: 'device@x.example' });
    await h.update('Contact', contact, { LastName: 'Ada (office)' });
    await h.advance(10);
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.dropped).toEqual([{ object: 'Contact', recordId: contact, op: 'update' }]);
    expect(engine.history()[0]!.dropped).toEqual(summary.dropped);
    expect(engine.pendingChanges()).toEqual([]);
    expect(engine.record('Contact', contact)).toMatchObject({
      Email: 'ada@x.example',
      LastName: 'Ada (office)',
    });
    await h.expectDeviceMatchesServer(engine);
  });

  it('serverWins applies a change when the server did not change the record', async () => {
    const { engine, contact } = await syncedDevice();
    engine.update('Contact', contact, { Email: 'device@x.example' });
    const summary = await engine.syncNow();
    expect(summary.dropped).toEqual([]);
    expect(engine.record('Contact', contact)?.Email).toBe('device@x.example');
    await h.expectDeviceMatchesServer(engine);
  });

  it('manual keeps a conflict with mine and theirs until the user resolves it per field', async () => {
    const { engine, account } = await syncedDevice();
    engine.update('Account', account, { Phone: '2-device', Name: 'Volt (device)' });
    await h.update('Account', account, { Phone: '3-office' });
    await h.advance(10);
    const first = await engine.syncNow();
    expect(first.ok).toBe(true);
    expect(first.conflicts).toBe(1);
    const [conflict] = engine.conflicts();
    expect(conflict).toMatchObject({
      object: 'Account',
      recordId: account,
      op: 'update',
      mine: { Phone: '2-device', Name: 'Volt (device)' },
      fields: [
        { field: 'Phone', mine: '2-device', theirs: '3-office' },
        { field: 'Name', mine: 'Volt (device)', theirs: 'Volt' },
      ],
    });
    // The user still sees their version until they decide.
    expect(engine.record('Account', account)?.Phone).toBe('2-device');
    engine.resolveConflict(conflict!.seq, { Phone: 'theirs', Name: 'mine' });
    await h.advance(10);
    const second = await engine.syncNow();
    expect(second.conflicts).toBe(0);
    expect(engine.conflicts()).toEqual([]);
    const server = (await h.conn.sobject('Account').retrieve(account)) as Record<string, unknown>;
    expect([server.Name, server.Phone]).toEqual(['Volt (device)', '3-office']);
    await h.expectDeviceMatchesServer(engine);
  });

  it('manual keeps a delete of a record changed on the server as a conflict; "mine" deletes it', async () => {
    const { engine, account } = await syncedDevice();
    engine.delete('Account', account);
    await h.update('Account', account, { Phone: '9-office' });
    await h.advance(10);
    const first = await engine.syncNow();
    expect(first.conflicts).toBe(1);
    const [conflict] = engine.conflicts();
    expect(conflict).toMatchObject({ op: 'delete', recordId: account, theirs: { Phone: '9-office' } });
    expect(engine.record('Account', account)).toBeUndefined();
    engine.resolveConflict(conflict!.seq, 'mine');
    await h.advance(10);
    const second = await engine.syncNow();
    expect(second.conflicts).toBe(0);
    expect((await h.conn.query(`SELECT Id FROM Account WHERE Id = '${account}'`)).totalSize).toBe(0);
    await h.expectDeviceMatchesServer(engine);
  });

  it('keeps per-record errors in the outbox and uploads the rest; a fix goes up next time', async () => {
    const { engine, contact, account } = await syncedDevice();
    const bad = engine.create('Contact', { LastName: null, Email: 'no-name@x.example', AccountId: account });
    const good = engine.create('Contact', { LastName: 'Good', Email: 'good@x.example', AccountId: account });
    await h.remove('Contact', contact);
    engine.update('Contact', contact, { Email: 'gone@x.example' });
    await h.advance(10);
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.counts.Contact).toMatchObject({ uploaded: 1, uploadFailed: 2 });
    const pending = engine.pendingChanges();
    expect(pending.map((c) => [c.op, c.recordId, c.status, c.error?.code])).toEqual([
      ['create', bad, 'failed', 'REQUIRED_FIELD_MISSING'],
      ['update', contact, 'failed', 'ENTITY_IS_DELETED'],
    ]);
    expect(engine.store.resolveId(good)).toBeDefined();
    // The user fixes the create and gives up the update of the deleted record.
    engine.update('Contact', bad, { LastName: 'Named' });
    engine.undo(pending[1]!.seq);
    await h.advance(10);
    const fixed = await engine.syncNow();
    expect(fixed.errors).toEqual([]);
    expect(engine.pendingChanges()).toEqual([]);
    expect(await serverCount("SELECT Id FROM Contact WHERE LastName = 'Named'")).toBe(1);
    await h.expectDeviceMatchesServer(engine);
  });

  it('keeps a change that could not be uploaded on top of the newer server version (rebase)', async () => {
    const { engine, kase } = await syncedDevice();
    const long = 'x'.repeat(300);
    engine.update('Case', kase, { Subject: long });
    await h.update('Case', kase, { Status: 'Working' });
    await h.advance(10);
    const summary = await engine.syncNow();
    expect(summary.counts.Case?.uploadFailed).toBe(1);
    expect(engine.pendingChanges()[0]?.error?.code).toBe('STRING_TOO_LONG');
    // The server version moved on underneath; the user's value stays on top of it.
    expect(engine.store.getRecord('Case', kase)).toMatchObject({ Status: 'Working', Subject: 'Outage' });
    expect(engine.record('Case', kase)).toMatchObject({ Status: 'Working', Subject: long });
    await h.expectDeviceMatchesServer(engine);
  });

  it('never duplicates a create whose response was lost (no external Id: found on the server)', async () => {
    const { engine, account, transport } = await syncedDevice();
    const local = engine.create('Contact', { LastName: 'Once', Email: 'once@x.example', AccountId: account });
    transport.failAt = { call: transport.calls + 1, when: 'after' };
    const lost = await engine.syncNow();
    expect(lost.ok).toBe(false);
    expect(engine.pendingChanges().map((c) => c.status)).toEqual(['inFlight']);
    expect(await serverCount("SELECT Id FROM Contact WHERE LastName = 'Once'")).toBe(1);
    await h.advance(10);
    const again = await engine.syncNow();
    expect(again.ok).toBe(true);
    expect(engine.pendingChanges()).toEqual([]);
    expect(await serverCount("SELECT Id FROM Contact WHERE LastName = 'Once'")).toBe(1);
    expect(engine.store.resolveId(local)).toBeDefined();
    await h.expectDeviceMatchesServer(engine);
  });

  it('never duplicates a create whose response was lost (external Id: upserted again)', async () => {
    const { engine, account, transport } = await syncedDevice();
    const local = engine.create('Case', { Subject: 'Once', AccountId: account });
    transport.failAt = { call: transport.calls + 1, when: 'after' };
    expect((await engine.syncNow()).ok).toBe(false);
    await h.advance(10);
    expect((await engine.syncNow()).ok).toBe(true);
    expect(await serverCount("SELECT Id FROM Case WHERE Subject = 'Once'")).toBe(1);
    expect(engine.record('Case', engine.store.resolveId(local)!)?.Device_Id__c).toBe(
      local.slice('local-'.length),
    );
    await h.expectDeviceMatchesServer(engine);
  });

  // Long text areas cannot be filtered in SOQL (INVALID_FIELD): the lookup compares their values itself.
  const describedPlan = () =>
    compilePlan({
      ...energyScope,
      objects: {
        ...energyScope.objects,
        Contact: {
          ...energyScope.objects.Contact!,
          fields: ['LastName', 'Email', 'AccountId', 'Description'],
        },
      },
    });

  it('finds a lost create by a long text value the server cannot filter on, and never duplicates it', async () => {
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy', Phone: '1' });
    const { engine, transport } = await syncedOnce(h, describedPlan());
    const local = engine.create('Contact', {
      LastName: 'Noted',
      Email: 'noted@x.example',
      AccountId: account,
      Description: 'Gate code 4411; dog on site',
    });
    transport.failAt = { call: transport.calls + 1, when: 'after' };
    expect((await engine.syncNow()).ok).toBe(false);
    expect(await serverCount("SELECT Id FROM Contact WHERE LastName = 'Noted'")).toBe(1);
    await h.advance(10);
    const again = await engine.syncNow();
    expect(again.ok).toBe(true);
    expect(engine.pendingChanges()).toEqual([]);
    expect(await serverCount("SELECT Id FROM Contact WHERE LastName = 'Noted'")).toBe(1);
    expect(engine.store.resolveId(local)).toBeDefined();
    await h.expectDeviceMatchesServer(engine);
  });

  it('re-sends a create with a long text value when the lookup shows it never reached the server', async () => {
    const account = await h.create('Account', { Name: 'Volt', Industry: 'Energy', Phone: '1' });
    const { engine, transport } = await syncedOnce(h, describedPlan());
    // Same values but another Description already on the server: not the lost record.
    await h.create('Contact', {
      LastName: 'Twin',
      Email: 'twin@x.example',
      AccountId: account,
      Description: 'other text',
    });
    await h.advance(10);
    engine.create('Contact', {
      LastName: 'Twin',
      Email: 'twin@x.example',
      AccountId: account,
      Description: 'mine',
    });
    transport.failAt = { call: transport.calls + 1, when: 'before' };
    expect((await engine.syncNow()).ok).toBe(false);
    await h.advance(10);
    const again = await engine.syncNow();
    expect(again.ok).toBe(true);
    expect(engine.pendingChanges()).toEqual([]);
    const twins = await h.conn.query<{ Description: string }>(
      "SELECT Description FROM Contact WHERE LastName = 'Twin'",
    );
    expect(twins.records.map((r) => r.Description).sort()).toEqual(['mine', 'other text']);
    await h.expectDeviceMatchesServer(engine);
  });

  it('re-sends a create that never reached the server', async () => {
    const { engine, account, transport } = await syncedDevice();
    engine.create('Contact', { LastName: 'Later', Email: 'l@x.example', AccountId: account });
    transport.failAt = { call: transport.calls + 1, when: 'before' };
    expect((await engine.syncNow()).ok).toBe(false);
    expect(await serverCount("SELECT Id FROM Contact WHERE LastName = 'Later'")).toBe(0);
    await h.advance(10);
    expect((await engine.syncNow()).ok).toBe(true);
    expect(await serverCount("SELECT Id FROM Contact WHERE LastName = 'Later'")).toBe(1);
    await h.expectDeviceMatchesServer(engine);
  });

  it("does not let a second edit conflict with the device's own first one", async () => {
    const { engine, contact, transport } = await syncedDevice();
    engine.update('Contact', contact, { Email: 'first@x.example' });
    transport.failAt = { call: transport.calls + 1, when: 'after' };
    expect((await engine.syncNow()).ok).toBe(false);
    // The first edit is in flight (applied on the server, answer lost); the user edits again.
    engine.update('Contact', contact, { LastName: 'Ada (second)' });
    expect(engine.pendingChanges().map((c) => [c.status, c.fields])).toEqual([
      ['inFlight', { Email: 'first@x.example' }],
      ['pending', { LastName: 'Ada (second)' }],
    ]);
    await h.advance(10);
    const summary = await engine.syncNow();
    expect(summary.dropped).toEqual([]);
    expect(engine.pendingChanges()).toEqual([]);
    const server = (await h.conn.sobject('Contact').retrieve(contact)) as Record<string, unknown>;
    expect([server.Email, server.LastName]).toEqual(['first@x.example', 'Ada (second)']);
    await h.expectDeviceMatchesServer(engine);
  });

  it('sends a create and a later edit of the same new record together when the first try failed', async () => {
    const { engine, account, transport } = await syncedDevice();
    const local = engine.create('Contact', { LastName: 'Draft', Email: 'd@x.example', AccountId: account });
    transport.failAt = { call: transport.calls + 1, when: 'before' };
    expect((await engine.syncNow()).ok).toBe(false);
    engine.update('Contact', local, { LastName: 'Final' });
    expect(engine.pendingChanges().map((c) => [c.op, c.status])).toEqual([
      ['create', 'inFlight'],
      ['update', 'pending'],
    ]);
    await h.advance(10);
    const summary = await engine.syncNow();
    expect(summary.errors).toEqual([]);
    expect(engine.pendingChanges()).toEqual([]);
    expect(await serverCount("SELECT Id FROM Contact WHERE LastName IN ('Draft', 'Final')")).toBe(1);
    expect(engine.record('Contact', engine.store.resolveId(local)!)?.LastName).toBe('Final');
    await h.expectDeviceMatchesServer(engine);
  });

  it('does not turn its own lost conditional update into a conflict', async () => {
    const { engine, contact, transport } = await syncedDevice();
    engine.update('Contact', contact, { Email: 'mine@x.example' });
    transport.failAt = { call: transport.calls + 1, when: 'after' };
    expect((await engine.syncNow()).ok).toBe(false);
    await h.advance(10);
    const summary = await engine.syncNow();
    expect(summary.ok).toBe(true);
    expect(summary.dropped).toEqual([]);
    expect(engine.pendingChanges()).toEqual([]);
    expect(engine.record('Contact', contact)?.Email).toBe('mine@x.example');
    await h.expectDeviceMatchesServer(engine);
  });
});
