/**
 * Users' passwords, as scrypt hashes in `_EmulatorUserPassword` (never the password itself). What the
 * login page and the username-password flow check.
 */

import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { OrgDb } from '../store/org-database.ts';

const KEY_LENGTH = 32;

export function ensurePasswordTable(db: OrgDb): void {
  db.exec(
    `CREATE TABLE IF NOT EXISTS "_EmulatorUserPassword" ("UserId" TEXT PRIMARY KEY, "Salt" TEXT NOT NULL, "Hash" TEXT NOT NULL)`,
  );
}

/** A salted hash of `password`, to store for one or more users (hashing is the slow part: do it once). */
export function hashPassword(password: string): { salt: string; hash: string } {
  const salt = randomBytes(16).toString('base64');
  return { salt, hash: scryptSync(password, salt, KEY_LENGTH).toString('base64') };
}

export function setPasswordHash(db: OrgDb, userId: string, hashed: { salt: string; hash: string }): void {
  db.prepare(
    `INSERT INTO "_EmulatorUserPassword" ("UserId", "Salt", "Hash") VALUES (?, ?, ?)
     ON CONFLICT("UserId") DO UPDATE SET "Salt" = excluded."Salt", "Hash" = excluded."Hash"`,
  ).run(userId, hashed.salt, hashed.hash);
}

export function hasPassword(db: OrgDb, userId: string): boolean {
  return db.prepare(`SELECT 1 FROM "_EmulatorUserPassword" WHERE "UserId" = ?`).get(userId) !== undefined;
}

/** True when `password` is `userId`'s password. */
export function checkPassword(db: OrgDb, userId: string, password: string): boolean {
  const row = db
    .prepare(`SELECT "Salt", "Hash" FROM "_EmulatorUserPassword" WHERE "UserId" = ?`)
    .get(userId) as { Salt: string; Hash: string } | undefined;
  if (!row) return false;
  const expected = Buffer.from(row.Hash, 'base64');
  const actual = scryptSync(password, row.Salt, KEY_LENGTH);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
