/**
 * WasmSqliteStore (the field app's browser store) against the SyncStore contract, in Node over
 * sqlite-wasm's in-memory database; the same cases run in Chromium over OPFS in opfs-store.browser.ts.
 */

import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { describe, expect, it } from 'vitest';
import { WasmSqliteStore } from '../../src/runtime/store/wasm-sqlite-store.ts';
import { storeContract } from '../runtime/store-contract.ts';

const sqlite3 = await sqlite3InitModule();

describe('WasmSqliteStore', () => {
  storeContract(() => new WasmSqliteStore(new sqlite3.oo1.DB(':memory:')), { it, expect });

  it('refuses a database written by a newer schema', () => {
    const db = new sqlite3.oo1.DB(':memory:');
    db.exec('PRAGMA user_version = 99');
    expect(() => new WasmSqliteStore(db)).toThrow(
      'this device database was written by a newer syncscope (schema 99)',
    );
  });
});
