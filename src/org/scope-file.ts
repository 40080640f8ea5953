/**
 * The scope file the server edits: read as JSON (shape checked by the compiler, not here, so a scope
 * with mistakes still opens in the editor), written atomically (temp file + rename) so a crash mid-save
 * never leaves half a file where the admin's scope was.
 *
 * "Save as" stays inside the scope's folder (the folder of the file the server was started with, or its
 * working directory) and never replaces a file that does not hold a scope: the server must not become a
 * way to overwrite package.json or anything else the process can write.
 */

import { randomBytes } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { findJsonTooDeep } from '../compiler/json-depth.ts';
import type { SyncScope } from '../compiler/scope.ts';
import { OrgServiceError, invalidInput, type OrgServiceErrorKind } from './errors.ts';
import { notAScopeDiagnostics } from './scope-document.ts';

export class ScopeFile {
  #path: string | null;
  /** Where "save as" may write: the starting file's folder, else the working directory. */
  readonly folder: string;

  constructor(
    path: string | null,
    readonly cwd: string = process.cwd(),
  ) {
    this.#path = path === null ? null : resolve(cwd, path);
    this.folder = this.#path === null ? resolve(cwd) : dirname(this.#path);
  }

  get path(): string | null {
    return this.#path;
  }

  /** The scope in the file, or null without a file. Throws an 'invalid' error for unreadable JSON. */
  read(): SyncScope | null {
    if (this.#path === null) return null;
    return readScopeFile(this.#path);
  }

  /**
   * Writes `scope` (to `file` when given, which then becomes the server's file). `file` is relative to
   * the scope's folder and must stay inside it; an existing file there must hold a scope.
   */
  write(scope: SyncScope, file?: string): { file: string; bytes: number } {
    const target = file !== undefined ? resolve(this.folder, file) : this.#path;
    if (target === null) {
      throw new OrgServiceError(
        'conflict',
        'NO_SCOPE_FILE',
        'the server was started without --scope: save with a file name',
      );
    }
    if (extname(target) !== '.json') throw invalidInput(`the scope file must end in .json: ${target}`);
    if (target !== this.#path) this.#checkSaveAsTarget(target);
    const text = `${JSON.stringify(scope, null, 2)}\n`;
    // A short temp name: one derived from the target's would be longer than a name the folder accepts.
    const temp = join(dirname(target), `.syncscope-${randomBytes(6).toString('hex')}.tmp`);
    try {
      writeFileSync(temp, text, { flag: 'wx' });
      renameSync(temp, target);
    } catch (error) {
      rmSync(temp, { force: true });
      throw cannotSave(target, error);
    }
    this.#path = target;
    return { file: target, bytes: Buffer.byteLength(text) };
  }

  /** A "save as" target: inside the scope's folder, in a folder that exists, not replacing a non-scope. */
  #checkSaveAsTarget(target: string): void {
    if (!isWithin(this.folder, dirname(target))) {
      throw new OrgServiceError(
        'forbidden',
        'OUTSIDE_SCOPE_FOLDER',
        `a scope is saved inside ${this.folder}; ${target} is not: give a file name in that folder`,
      );
    }
    if (!existsSync(dirname(target))) throw invalidInput(`no such folder: ${dirname(target)}`);
    // The folder may be reached through a symbolic link that leads elsewhere.
    if (!isWithin(realpathSync(this.folder), realpathSync(dirname(target)))) {
      throw new OrgServiceError(
        'forbidden',
        'OUTSIDE_SCOPE_FOLDER',
        `${dirname(target)} leads outside ${this.folder}: give a file name in that folder`,
      );
    }
    let existing: Stats | undefined;
    try {
      existing = lstatSync(target, { throwIfNoEntry: false });
    } catch (error) {
      throw cannotSave(target, error);
    }
    if (existing === undefined) return;
    const notAScope = `${target} exists and does not hold a scope, so it was not overwritten: choose another file name`;
    if (!existing.isFile()) throw new OrgServiceError('conflict', 'NOT_A_SCOPE_FILE', notAScope);
    let held: unknown;
    try {
      held = JSON.parse(readFileSync(target, 'utf8'));
    } catch {
      throw new OrgServiceError('conflict', 'NOT_A_SCOPE_FILE', notAScope);
    }
    if (notAScopeDiagnostics(held).length > 0)
      throw new OrgServiceError('conflict', 'NOT_A_SCOPE_FILE', notAScope);
  }
}

/**
 * A failed write as the admin can act on it: the file they named and why, never the temp file's path,
 * the process id or the system's message.
 */
function cannotSave(target: string, error: unknown): OrgServiceError {
  const code = (error as NodeJS.ErrnoException).code;
  const because = (kind: OrgServiceErrorKind, reason: string): OrgServiceError =>
    new OrgServiceError(kind, 'CANNOT_SAVE', `cannot save the scope to ${target}: ${reason}`);
  switch (code) {
    case 'ENAMETOOLONG':
      return because('invalid', 'the file name is too long; choose a shorter one');
    case 'EISDIR':
    case 'ENOTDIR':
    case 'ENOTEMPTY':
      return because('conflict', 'a folder has that name; choose another file name');
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return because('forbidden', 'the server may not write there (permission denied)');
    case 'ENOSPC':
    case 'EDQUOT':
      return because('disk-full', 'the disk is full');
    default:
      return because('failed', `the file system refused it (${code ?? 'unknown error'})`);
  }
}

/** Whether `path` is `folder` or below it. */
function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Reads a scope JSON file; errors say which file and where the JSON breaks. */
export function readScopeFile(path: string): SyncScope {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new OrgServiceError('not-found', 'NOT_FOUND', `cannot read the scope file ${path}`);
  }
  const tooDeep = findJsonTooDeep(text);
  if (tooDeep)
    throw new OrgServiceError('invalid', 'BAD_SCOPE_JSON', `${path}: ${tooDeep.path}: ${tooDeep.message}`);
  try {
    return JSON.parse(text) as SyncScope;
  } catch (error) {
    throw new OrgServiceError(
      'invalid',
      'BAD_SCOPE_JSON',
      `${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
}
