/**
 * The scope file the server edits: read as JSON (shape checked by the compiler, not here, so a scope
 * with mistakes still opens in the editor), written atomically (temp file + rename) so a crash mid-save
 * never leaves half a file where the admin's scope was.
 */

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { SyncScope } from '../compiler/scope.ts';
import { HttpError } from './http-error.ts';

export class ScopeFile {
  #path: string | null;

  constructor(
    path: string | null,
    readonly cwd: string = process.cwd(),
  ) {
    this.#path = path === null ? null : resolve(cwd, path);
  }

  get path(): string | null {
    return this.#path;
  }

  /** The scope in the file, or null without a file. Throws a 400-style error for unreadable JSON. */
  read(): SyncScope | null {
    if (this.#path === null) return null;
    return readScopeFile(this.#path);
  }

  /** Writes `scope` (to `file` when given, which then becomes the server's file). */
  write(scope: SyncScope, file?: string): { file: string; bytes: number } {
    const target = file !== undefined ? resolve(this.cwd, file) : this.#path;
    if (target === null) {
      throw new HttpError(
        409,
        'NO_SCOPE_FILE',
        'the server was started without --scope: save with a file name',
      );
    }
    if (extname(target) !== '.json')
      throw new HttpError(400, 'BAD_REQUEST', `the scope file must end in .json: ${target}`);
    if (!existsSync(dirname(target)))
      throw new HttpError(400, 'BAD_REQUEST', `no such folder: ${dirname(target)}`);
    const text = `${JSON.stringify(scope, null, 2)}\n`;
    const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    writeFileSync(temp, text);
    renameSync(temp, target);
    this.#path = target;
    return { file: target, bytes: Buffer.byteLength(text) };
  }
}

/** Reads a scope JSON file; errors say which file and where the JSON breaks. */
export function readScopeFile(path: string): SyncScope {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new HttpError(404, 'NOT_FOUND', `cannot read the scope file ${path}`);
  }
  try {
    return JSON.parse(text) as SyncScope;
  } catch (error) {
    throw new HttpError(400, 'BAD_SCOPE_JSON', `${path} is not valid JSON: ${(error as Error).message}`);
  }
}
