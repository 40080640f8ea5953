import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describesIn, metadataFrom } from '../../src/compiler/index.ts';
import type { SObjectDescribe } from '../../src/compiler/index.ts';

const account = JSON.parse(
  readFileSync(new URL('../fixtures/compiler/describe/Account.json', import.meta.url), 'utf8'),
) as SObjectDescribe;
const contact = JSON.parse(
  readFileSync(new URL('../fixtures/compiler/describe/Contact.json', import.meta.url), 'utf8'),
) as SObjectDescribe;

describe('describe files', () => {
  it('accepts one describe, an array, or {"sobjects": [...]}', () => {
    expect(describesIn(account, 'a.json')).toEqual([account]);
    expect(describesIn([contact, account], 'b.json')).toEqual([contact, account]);
    expect(describesIn({ sobjects: [account] }, 'c.json')).toEqual([account]);
  });

  it('says which item is not a describe', () => {
    expect(() => describesIn([account, { name: 'Broken' }], 'd.json')).toThrow(
      'd.json: item 1 is not an sObject describe (expected {"name": ..., "fields": [...]}, as GET /sobjects/{T}/describe returns)',
    );
  });

  it('keys metadata by object name, in name order', () => {
    expect(Object.keys(metadataFrom([contact, account]))).toEqual(['Account', 'Contact']);
  });
});
