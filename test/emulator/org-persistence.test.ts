import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedOrg } from '../../src/emulator/index.ts';
import { makeId } from '../../src/emulator/ids.ts';

const inspection = {
  name: 'Inspection__c',
  labelPlural: 'Inspections',
  fields: [{ name: 'Result__c', type: 'string', length: 40 }],
};

describe('an org kept in a --db file', () => {
  it('keeps records, extra metadata and Id counters across restarts, and is seeded once', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'syncscope-db-')), 'org.sqlite');
    const now = new Date('2026-03-12T09:30:00.000Z');
    const first = new EmbeddedOrg({ db, seed: 'demo', records: 200, now, extraMetadata: [inspection] });
    const accounts = first.seeded?.counts.Account;
    expect(accounts).toBe(8);
    const id = first.store.create('Inspection__c', { Name: 'I-1', Result__c: 'ok' }, first.adminUserId);
    expect(id).toBe(makeId('a00', 1));
    const accountId = first.store.create('Account', { Name: 'Kept' }, first.adminUserId);
    first.close();

    const second = new EmbeddedOrg({ db, seed: 'demo', records: 200, now });
    try {
      expect(second.seeded).toBeUndefined();
      expect(second.metadata.Inspection__c?.keyPrefix).toBe('a00');
      expect(second.store.row('Inspection__c', id)?.Result__c).toBe('ok');
      expect(second.store.row('Account', accountId)?.Name).toBe('Kept');
      const next = second.store.create('Account', { Name: 'Next' }, second.adminUserId);
      expect(next).toBe(makeId('001', accounts! + 2));
      const count = second.db.prepare('SELECT COUNT(*) AS n FROM "Account"').get() as { n: number };
      expect(count.n).toBe(accounts! + 2);
    } finally {
      second.close();
    }
  });
});
