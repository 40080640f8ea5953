/**
 * The config tool's page, built with Vite's `build()` API when the built copy is missing or stale, so a
 * fresh clone needs no manual build step (`npm install && npm start`).
 *
 * Why a build and not Vite's middleware mode: the page is then plain static files served like any
 * production asset (no dev-server websocket to secure, no second request pipeline beside fastify's
 * origin checks, no extra middleware dependency), and a build takes seconds only when sources changed:
 * a stamp file holds a hash of every source the page is built from, and an unchanged hash reuses
 * dist/ui as it is.
 */

import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STAMP = '.syncscope-build.json';

export interface UiBuildOptions {
  /** Repository root (where vite.config.ts and src/ui are). */
  readonly root?: string;
  /** Output directory (default <root>/dist/ui). */
  readonly outDir?: string;
  /** Progress lines ("building the config tool..."). */
  readonly log?: (line: string) => void;
}

export interface UiBuildResult {
  readonly dir: string;
  /** False when an up-to-date build was reused. */
  readonly built: boolean;
}

/** Builds the page if needed; null when there is no page to build (src/ui/index.html absent). */
export async function ensureUiBuilt(options: UiBuildOptions = {}): Promise<UiBuildResult | null> {
  const root = options.root ?? REPO_ROOT;
  const entry = join(root, 'src/ui/index.html');
  if (!existsSync(entry)) return null;
  const outDir = options.outDir ?? join(root, 'dist/ui');
  const hash = sourceHash(root);
  if (readStamp(outDir) === hash) return { dir: outDir, built: false };

  options.log?.('building the config tool page (src/ui) with Vite...');
  const started = Date.now();
  // A private directory first, then a rename: a half-written build is never served, and two servers
  // starting at once do not write into the same files.
  const temp = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  const { build } = await import('vite');
  await build({
    configFile: join(root, 'vite.config.ts'),
    root: join(root, 'src/ui'),
    logLevel: 'warn',
    build: { outDir: temp, emptyOutDir: true },
  });
  writeFileSync(join(temp, STAMP), JSON.stringify({ hash }));
  mkdirSync(dirname(outDir), { recursive: true });
  try {
    rmSync(outDir, { recursive: true, force: true });
    renameSync(temp, outDir);
  } catch (error) {
    // Another process put an equal build in place meanwhile: use theirs.
    rmSync(temp, { recursive: true, force: true });
    if (readStamp(outDir) !== hash) throw error;
  }
  options.log?.(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { dir: outDir, built: true };
}

function readStamp(outDir: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(outDir, STAMP), 'utf8')) as { hash?: string }).hash ?? null;
  } catch {
    return null;
  }
}

/** Hash of everything the page's bundle can include: src/, schemas/, the Vite config and the lockfile. */
export function sourceHash(root: string): string {
  const hash = createHash('sha256');
  const files: string[] = [];
  for (const dir of ['src', 'schemas']) collect(join(root, dir), files);
  for (const file of ['vite.config.ts', 'package-lock.json']) {
    if (existsSync(join(root, file))) files.push(join(root, file));
  }
  for (const file of files.sort()) {
    hash.update(relative(root, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function collect(dir: string, into: string[]): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, into);
    else into.push(path);
  }
}
